// What a target database already holds, as far as a new run is concerned:
// the unit and user numbers taken (U/CF codes, USR/ADMIN ids), for the
// refuse-or-append decision, and the rows --reset would delete.
#pragma once

#include "seed/generate/plan.hpp"
#include "seed/io/pg.hpp"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace seed {

// --- Interface ---

// Planned rows would collide with existing ones; what() names them and the options.
class ConflictError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

struct TakenNumbers {
  std::vector<std::int64_t> units; // sorted, unique
  std::vector<std::int64_t> users; // sorted, unique
};

[[nodiscard]] TakenNumbers read_taken_numbers(pg::Connection &db);

// A one-line description of the first collisions between `plan` and `taken`,
// or nullopt when there are none.
[[nodiscard]] std::optional<std::string> describe_collisions(const Plan &plan,
                                                             const TakenNumbers &taken);

// `options` with unit and user offsets just past the highest taken numbers.
[[nodiscard]] Options continue_after(Options options, const TakenNumbers &taken);

// Rows per seeded table, children first (the order --reset deletes in).
[[nodiscard]] std::vector<std::pair<std::string, std::int64_t>>
count_seeded_rows(pg::Connection &db);

// Deletes every row of the seeded tables, children first, inside the
// caller's transaction. Fails (and the caller rolls back) if rows of other
// tables still reference them.
void delete_seeded_rows(pg::Connection &db);

} // namespace seed
