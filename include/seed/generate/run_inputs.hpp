// What a run reads besides its plan: the factors of the seeded years (and the
// pool payloads draw from), the equipment pool, the reference rows the
// formulas read. A database run reads them from the database (seeder); a run
// without one (--output-dir, --dry-run, tests) takes the bundled ones here:
// the sample factor set with ids from 1 and the built-in reference rows.
#pragma once

#include "seed/generate/equipment_pool.hpp"
#include "seed/generate/factor_pool.hpp"
#include "seed/generate/rows.hpp"
#include "seed/generate/writer.hpp"
#include "seed/rules/factors.hpp"

#include <string>
#include <vector>

namespace seed {

// --- Interface ---

// Buildings the factors of `years` name (building rooms, embodied energy;
// not the embodied `default` fallback), first-seen order: the buildings
// whose rooms a run adds to an empty building_rooms.
[[nodiscard]] std::vector<std::string> factor_buildings(const FactorIndex &index,
                                                        const std::vector<int> &years);

// Adds the locations and rooms of `rows` to `reference`, in order.
void add_reference_rows(ReferenceData &reference, const ReferenceRows &rows);

// The bundled inputs for `years`. Not copyable or movable: the factor pool
// and a RunContext point into it.
class BundledInputs {
public:
  explicit BundledInputs(const std::vector<int> &years);
  BundledInputs(const BundledInputs &) = delete;
  BundledInputs &operator=(const BundledInputs &) = delete;

  FactorIndex factors;
  EquipmentPool equipment_pool;
  ReferenceRows rows; // everything a file run writes: factors, locations, rooms
  ReferenceData reference;
  FactorPool factor_pool;

  // Points the context's inputs (not its plan) here.
  void attach(rows::RunContext &context) const;
};

} // namespace seed
