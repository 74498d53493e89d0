#include "seed/io/rule_inputs.hpp"

#include "seed/model/tables.hpp"

#include <fmt/format.h>

namespace seed::pg {
namespace {

std::optional<int> optional_int(const std::optional<std::string> &text) {
  return text ? std::optional<int>(std::stoi(*text)) : std::nullopt;
}

} // namespace

void read_factors(Connection &db, const std::optional<std::vector<int>> &years,
                  FactorIndex &index) {
  std::string query(FactorIndex::factor_query);
  if (years)
    query.insert(query.find(" ORDER BY"),
                 fmt::format(" WHERE year IN ({})", fmt::join(*years, ", ")));
  for (const auto &row : db.query(query))
    index.add_row(std::stoi(*row[0]), std::stoi(*row[1]), std::stoi(*row[2]), row[3], row[4],
                  optional_int(row[5]));
}

bool table_exists(Connection &db, std::string_view table) {
  return db.query_value(fmt::format("SELECT to_regclass('{}') IS NOT NULL", table)) == "t";
}

ReferenceTables read_reference(Connection &db, ReferenceData &reference) {
  ReferenceTables found;
  found.has_locations = table_exists(db, tables::locations().name);
  if (found.has_locations) {
    const auto rows = db.query("SELECT transport_mode, name, country_code, iata_code, latitude, "
                               "longitude, natural_key FROM locations ORDER BY id");
    for (const auto &row : rows)
      reference.add_location(Location{*row[6], *row[0], *row[1], row[2], row[3], std::stod(*row[4]),
                                      std::stod(*row[5])});
    found.locations = rows.size();
  }
  found.has_rooms = table_exists(db, tables::building_rooms().name);
  if (found.has_rooms) {
    const auto rows = db.query("SELECT building_location, building_name, room_name, room_type, "
                               "room_surface_square_meter FROM building_rooms ORDER BY id");
    for (const auto &row : rows)
      reference.add_room(Room{*row[0], *row[1], *row[2], row[3],
                              row[4] ? std::optional<double>(std::stod(*row[4])) : std::nullopt});
    found.rooms = rows.size();
  }
  return found;
}

} // namespace seed::pg
