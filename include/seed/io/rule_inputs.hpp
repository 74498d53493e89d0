// The rows the application's formulas read, read from a database: the
// factors (by year) into a FactorIndex, the `locations` and `building_rooms`
// reference rows into ReferenceData. The seeder reads them before it writes;
// the check reads the same rows to recompute what the application would
// store — one reader for both.
#pragma once

#include "seed/io/pg.hpp"
#include "seed/rules/emissions.hpp"
#include "seed/rules/factors.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace seed::pg {

// --- Interface ---

// Adds the factors of `years` (every factor when nullopt) to `index`, in id order.
void read_factors(Connection &db, const std::optional<std::vector<int>> &years, FactorIndex &index);

[[nodiscard]] bool table_exists(Connection &db, std::string_view table);

// What read_reference found: whether each table exists and how many rows it had.
struct ReferenceTables {
  bool has_locations = false, has_rooms = false;
  std::size_t locations = 0, rooms = 0;
};

// Adds the rows of `locations` and `building_rooms` (when the tables exist) to
// `reference`, in id order.
ReferenceTables read_reference(Connection &db, ReferenceData &reference);

} // namespace seed::pg
