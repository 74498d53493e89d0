// A whole run against a target: a database (preflight, then one transaction:
// lock, decide about existing rows, read the factor pool, reserve id ranges,
// COPY every table, commit), a folder of COPY files, or nothing at all (dry
// run). Either everything is written or nothing is.
//
// Computed emissions read the factors of the seeded years and the reference
// tables (locations, building_rooms); an empty reference table gets the
// built-in rows its formulas need, in the same transaction.
#pragma once

#include "seed/generate/plan.hpp"
#include "seed/generate/status_mix.hpp"
#include "seed/generate/writer.hpp"
#include "seed/io/progress.hpp"

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace seed {

// --- Interface ---

// What to do when the target already holds seeded units or users.
enum class ExistingRows {
  refuse, // ConflictError if planned codes collide (exit 4)
  append, // continue after the highest existing codes
  reset,  // delete the seeded tables' rows first, in the same transaction
};

using RowCountsByName = std::vector<std::pair<std::string, std::int64_t>>;

struct SeedSettings {
  int jobs = 1;
  ExistingRows existing = ExistingRows::refuse;
  // How long to wait for a table lock before giving up, naming the table.
  std::chrono::milliseconds lock_timeout{5000};
  // --reset asks before deleting; receives the rows per table. false -> abort.
  std::function<bool(const RowCountsByName &)> confirm_reset;
  // Replaces the transaction time in timestamps ("YYYY-MM-DD HH:MM:SS.ffffff",
  // UTC); for byte-for-byte comparisons in tests.
  std::optional<std::string> fixed_now;
  Progress *progress = nullptr;
  // --sample-factors: insert the sample factor set for the plan's years
  // first (rows whose identity exists are kept as they are).
  bool sample_factors = false;
  // Database runs: the big tables in binary COPY where the target's column
  // types allow it; false (--copy-format text): COPY text everywhere.
  bool binary_copy = true;
  // --analyze: ANALYZE the seeded tables before COMMIT (else autovacuum does).
  bool analyze = false;
  // Which modules with entries are VALIDATED (--module-status).
  status_mix::StatusMix status_mix = status_mix::StatusMix::campaign;
  // --app-dto-schemas: the application's schemas every payload must pass
  // (rows::RunContext::app_schemas).
  const contract::AppSchemas *app_schemas = nullptr;
  // Fault injection for tests (rows::RunContext::tamper).
  std::function<void(int, dto::Payload &)> tamper;
  // Receives every emission row's kg (rows::RunContext::totals); may be null.
  ModuleTotals *totals = nullptr;
};

struct SeedReport {
  RowCounts rows;                                  // rows written per table, in write order
  std::size_t equipment_pool_size = 0;             // (class, sub_class) pairs in the pool used
  std::vector<int> skipped_years;                  // already in year_configuration
  std::int64_t unit_offset = 0;                    // first unit number written (U<n>)
  std::int64_t user_offset = 0;                    // first user number written (USR<n>)
  RowCountsByName deleted;                         // --reset: rows deleted per table
  EmissionMode emissions = EmissionMode::computed; // what was written (may fall back)
  std::int64_t sample_factors_added = 0;           // --sample-factors
  RowCounts reference_rows; // factors / locations / building_rooms rows added
};

// --reset declined at the prompt.
class ResetDeclined : public std::runtime_error {
public:
  ResetDeclined() : std::runtime_error("--reset declined; nothing was changed") {}
};

// Seeds the database at `url` (a libpq URI). Throws SchemaDrift (preflight),
// ConflictError, ResetDeclined, pg::Error, rows::ValidationFailure,
// interrupt::Interrupted or std::invalid_argument (bad factor rows); on any
// failure the transaction is rolled back and the database is unchanged.
SeedReport seed_database(const Plan &plan, const std::string &url, const SeedSettings &settings);

// Writes the same rows as COPY files plus load.sql into `dir`, for an empty
// schema: ids start at 1; computed emissions use the sample factor set and
// the built-in reference rows, which are written too.
SeedReport seed_files(const Plan &plan, const std::filesystem::path &dir,
                      const SeedSettings &settings);

// Generates and validates every row without writing anywhere (ids from 1).
// Factors and reference rows come from the database at `url` (read-only),
// or are the bundled ones without it.
SeedReport seed_nowhere(const Plan &plan, const std::optional<std::string> &url,
                        const SeedSettings &settings);

// Current UTC time as "YYYY-MM-DD HH:MM:SS.ffffff".
[[nodiscard]] std::string utc_now();

} // namespace seed
