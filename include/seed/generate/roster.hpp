// The people of a unit whom its headcount member entries describe
// (app-state.md §4): its users, then further lab members without a user
// account. A module's member entries draw from the roster without
// replacement, so no person repeats within a module (the create endpoint
// refuses that with 422 DUPLICATE_INSTITUTIONAL_ID), and the same people
// recur across the unit's years.
#pragma once

#include "seed/generate/plan.hpp"
#include "seed/generate/rng.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace seed::roster {

// --- Interface ---

// The unit's users plus as many further members as a module can hold
// entries (--entries-per-module MAX), so the draws of any module fit.
[[nodiscard]] std::int64_t size(const Plan &plan, std::int64_t unit_index);

struct Person {
  std::string institutional_id;
  std::string name; // a user's display_name, as in the users table
};
// Position < the unit's user count: that user; above: a further member
// (naming::member_institutional_id).
[[nodiscard]] Person person(const Plan &plan, std::int64_t unit_index, std::int64_t position);

// Distinct positions of [0, size), in random order (Fisher-Yates, drawn lazily).
class Draw {
public:
  Draw(std::int64_t size, Rng rng);
  // Throws std::length_error once all `size` positions are taken.
  std::int64_t next();

private:
  std::vector<std::int64_t> order_;
  std::size_t taken_ = 0;
  Rng rng_;
};

} // namespace seed::roster
