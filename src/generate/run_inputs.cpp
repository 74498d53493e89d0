#include "seed/generate/run_inputs.hpp"

#include "seed/generate/reference_rows.hpp"
#include "seed/generate/sample_factor_set.hpp"

#include <set>

namespace seed {

std::vector<std::string> factor_buildings(const FactorIndex &index, const std::vector<int> &years) {
  std::set<std::string> seen;
  std::vector<std::string> names;
  for (const int year : years)
    for (const int type : {30, 32})
      for (const Factor *factor : index.of_type(type, year))
        if (auto name = json_text(factor->classification, "building_name");
            name && *name != "default" && seen.insert(*name).second)
          names.push_back(*name);
  return names;
}

void add_reference_rows(ReferenceData &reference, const ReferenceRows &rows) {
  for (const auto &location : rows.locations)
    reference.add_location(location);
  for (const auto &room : rows.rooms)
    reference.add_room(room);
}

BundledInputs::BundledInputs(const std::vector<int> &years) {
  rows.factors = sample_factor_set(years);
  int id = 0;
  for (auto &factor : rows.factors) {
    factor.id = ++id;
    equipment_pool.add_factor_row(factor.data_entry_type_id, factor.emission_type_id,
                                  factor.classification.dump());
    factors.add(factor);
  }
  rows.locations = builtin_locations();
  rows.rooms = builtin_rooms(factor_buildings(factors, years));
  add_reference_rows(reference, rows);
  factor_pool = FactorPool(factors, years);
}

void BundledInputs::attach(rows::RunContext &context) const {
  context.equipment_pool = &equipment_pool;
  context.factors = &factors;
  context.factor_pool = &factor_pool;
  context.reference = &reference;
}

} // namespace seed
