// A sample factor set OF OUR OWN INVENTION (plausible, not real data) for all
// 23 entry types, in the application's canonical factor shape (emissions.md
// §2.1-§2.2 and §5): every classification key of the factor handler present
// (null when unused), values as floats (text only where the application
// keeps text: energy_type, use_unit, translation_key), the emission type the
// CSV ingestion would resolve. For every entry type at least one payload
// shape resolves to a factor, so a database without real factors can still be
// seeded with computed emissions (and dry runs have something to compute).
// The equipment rows are the ten pairs of sql/sample_factors.sql, with the
// same values, so both sample sets agree.
#pragma once

#include "seed/factors.hpp"

#include <vector>

namespace seed {

// --- Interface ---

// The set for each of `years` (in that order), ids left 0 for the caller to
// assign. One row per (entry type, year, emission type, classification), so
// uq_factor_identity holds.
[[nodiscard]] std::vector<Factor> sample_factor_set(const std::vector<int> &years);

} // namespace seed
