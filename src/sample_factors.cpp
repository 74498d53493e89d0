#include "seed/sample_factors.hpp"

#include <seed/sample_factors_sql.hpp>

#include <regex>
#include <string>

namespace seed {

std::string_view sample_factors_sql() {
  return generated::sample_factors_sql;
}

EquipmentPool sample_equipment_pool() {
  // Rows of the file look like: (80100, 10, '{"equipment_class": ...}', ...
  static const std::regex row(R"re(\(\s*(\d+)\s*,\s*(\d+)\s*,\s*'(\{[^']*\})')re");
  EquipmentPool pool;
  const std::string text(sample_factors_sql());
  for (std::sregex_iterator it(text.begin(), text.end(), row), end; it != end; ++it)
    pool.add_factor_row(std::stoi((*it)[2]), std::stoi((*it)[1]), (*it)[3].str());
  return pool;
}

} // namespace seed
