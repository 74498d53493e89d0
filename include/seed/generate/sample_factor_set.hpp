// A sample factor set OF OUR OWN INVENTION (plausible, not real data) for all
// 23 entry types, in the application's canonical factor shape (emissions.md
// §2.1-§2.2 and §5): every classification key of the factor handler present
// (null when unused), values as floats (text only where the application
// keeps text: energy_type, use_unit, translation_key), the emission type the
// CSV ingestion would resolve. For every entry type at least one payload
// shape resolves to a factor, so a database without real factors can still be
// seeded with computed emissions (and dry runs have something to compute).
// It is the one source of the sample factors: sql/sample_factors.sql is
// sample_factors_sql({2023, 2024, 2025}), generated, never edited by hand
// (tests/unit/generate/test_sample_factor_set.cpp checks it and regenerates it).
#pragma once

#include "seed/rules/factors.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace seed {

// --- Interface ---

// The set for each of `years` (in that order), ids left 0 for the caller to
// assign. One row per (entry type, year, emission type, classification), so
// uq_factor_identity holds.
[[nodiscard]] std::vector<Factor> sample_factor_set(const std::vector<int> &years);

// SQL that inserts sample_factor_set(years) into `factors`, skipping rows
// whose identity already exists (ON CONFLICT DO NOTHING, which covers the
// partial unique indexes uq_factor_identity / uq_factor_identity_no_year):
// a header comment, SET client_encoding = 'UTF8', then per year one INSERT
// with one tuple per line, in the order of sample_factor_set(years). Plain
// SQL statements only (no BEGIN/COMMIT, no psql backslash commands), so a
// caller may run it inside its own transaction. No INSERT when `years` is
// empty.
[[nodiscard]] std::string sample_factors_sql(const std::vector<int> &years);

// `json` as an SQL string literal: compact nlohmann dump(), UTF-8 kept as it
// is, single quotes doubled, enclosed in single quotes.
[[nodiscard]] std::string sql_json_literal(const nlohmann::json &json);

} // namespace seed
