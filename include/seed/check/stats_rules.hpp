// The `stats` rule of `seed-random check`: a module's stats against the
// ModuleTally of its entries' stored emission rows, a report's stats,
// completion_progress and overall_status against its modules
// (aggregates.hpp: the writer's own code), compared as JSON with numbers to
// 1e-9 relative (app-state.md §7) and computed_at ignored.
#pragma once

#include "seed/check/findings.hpp"
#include "seed/check/records.hpp"
#include "seed/rules/aggregates.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace seed::check {

// --- Interface ---

// The first difference between two JSON values ("by_emission_type.10101:
// stored 5.0, expected 6.0"); object members compared by key, `computed_at`
// skipped; nullopt when equal.
[[nodiscard]] std::optional<std::string> json_difference(const nlohmann::json &stored,
                                                         const nlohmann::json &expected,
                                                         const std::string &path = "");

// Judges one module; returns the stats its rows give (nullopt without
// entries: the module was never recomputed) for its report.
std::optional<aggregates::ModuleStats>
judge_module(const ModuleRecord &module, const aggregates::ModuleTally &tally, Findings &findings);

// Judges one report from its modules (any order) and what judge_module
// returned for each.
void judge_report(const ReportRecord &report, const std::vector<ModuleRecord> &modules,
                  const std::vector<std::optional<aggregates::ModuleStats>> &computed,
                  Findings &findings);

} // namespace seed::check
