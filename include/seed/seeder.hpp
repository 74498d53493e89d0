// A whole run against a target: a database (one transaction: lock, read the
// factor pool, reserve id ranges, COPY every table, commit) or a folder of
// COPY files. Either everything is written or nothing is.
#pragma once

#include "seed/plan.hpp"
#include "seed/writer.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace seed {

// --- Interface ---

struct SeedSettings {
  int jobs = 1;
  // Replaces the transaction time in timestamps ("YYYY-MM-DD HH:MM:SS.ffffff",
  // UTC); for byte-for-byte comparisons in tests.
  std::optional<std::string> fixed_now;
  std::function<void(std::string_view, std::int64_t)> on_table_done;
  // Fault injection for tests (rows::RunContext::tamper).
  std::function<void(int, dto::Payload &)> tamper;
};

struct SeedReport {
  RowCounts rows;                      // rows written per table, in write order
  std::size_t equipment_pool_size = 0; // (class, sub_class) pairs read from factors
  std::vector<int> skipped_years;      // already in year_configuration
};

// Seeds the database at `url` (a libpq URI). Throws pg::Error,
// rows::ValidationFailure or std::invalid_argument (bad factor rows); on any
// failure the transaction is rolled back and the database is unchanged.
SeedReport seed_database(const Plan &plan, const std::string &url, const SeedSettings &settings);

// Writes the same rows as COPY files plus load.sql into `dir`, with ids
// starting at 1 and no equipment pool.
SeedReport seed_files(const Plan &plan, const std::filesystem::path &dir,
                      const SeedSettings &settings);

// Current UTC time as "YYYY-MM-DD HH:MM:SS.ffffff".
[[nodiscard]] std::string utc_now();

} // namespace seed
