// `seed-random check`: reads a database in one REPEATABLE READ READ ONLY
// snapshot (with jobs > 1 exported to the streams' own connections) and judges every row the writer
// produces with the writer's own model and rules (entry_rules, stats_rules, role_rules).
//
// Streaming: reports, their modules, the modules' entries, the entries'
// emission rows and audit documents come from server-side cursors
// (io/cursor.hpp) all ordered by (report, module, entry), and are merged by
// entry id; batches of entries are judged by `jobs` threads and dropped.
// Memory holds a few fetch batches per cursor, a few entry batches in flight,
// a small record per report (year, unit) and per module (report, type,
// status, entry count), the member ids and stats tally of each module being
// read, and the factors and reference rows the formulas read.
#pragma once

#include "seed/check/findings.hpp"
#include "seed/io/progress.hpp"
#include "seed/model/app_contract.hpp"

#include <optional>
#include <string>
#include <vector>

namespace seed::check {

// --- Interface ---

struct CheckSettings {
  std::optional<std::vector<int>> years; // reports of these years only (all when nullopt)
  std::vector<Rule> rules;               // the rules to run
  std::size_t limit = 10;                // examples per rule
  const contract::AppSchemas *app_schemas = nullptr;
  Progress *progress = nullptr; // data_entries read (may be null)
  // Threads judging batches of entries (payload, emissions, audit) while the
  // main thread reads the next batch and keeps the per-module state.
  int jobs = 1;
};

struct CheckReport {
  Findings findings;
  std::int64_t entries = 0; // data entries read
  std::int64_t emission_rows = 0;
  std::int64_t audit_documents = 0;
  double read_seconds = 0;  // waiting on the database (fetches)
  double total_seconds = 0; // the whole check
};

// Throws pg::Error for a database failure (connection, missing table,
// malformed column); never writes.
[[nodiscard]] CheckReport check_database(const std::string &url, const CheckSettings &settings);

} // namespace seed::check
