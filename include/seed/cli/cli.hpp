// The command line: flags -> Options, then a run against a database or a
// folder, with one-line errors and documented exit codes.
#pragma once

#include "seed/check/findings.hpp"
#include "seed/generate/plan.hpp"
#include "seed/generate/status_mix.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seed::cli {

// --- Interface ---

enum ExitCode : int {
  exit_ok = 0,
  exit_runtime_failure = 1, // database error, validation failure, I/O error
  exit_usage = 2,           // bad flags or values; nothing was attempted
  exit_schema_drift = 3,    // the target's schema or the application's DTOs do not fit; nothing
                            // was written
  exit_conflict = 4,        // seeded rows already there; --append or --reset
  exit_findings = 5,        // `check` found rows that break a rule
  exit_sigint = 130,        // interrupted; rolled back
  exit_sigterm = 143,
};

// `seed-random check`: what to judge and how to report it.
struct CheckInvocation {
  std::optional<std::vector<int>> years; // --years (all reports when absent)
  std::vector<check::Rule> rules;        // --rules (all by default)
  std::optional<std::string> json;       // --json FILE
  std::size_t limit = 10;                // --limit: examples per rule
};

// Everything the command line says, checked but not yet acted upon.
struct Invocation {
  // Set for the `check` subcommand (database_url, app_dto_schemas, quiet and
  // verbose then come from its options; the seeding fields are unused).
  std::optional<CheckInvocation> check;
  Options options;
  bool seed_given = false;
  std::optional<std::string> database_url; // from --db-url, DATABASE_URL or DB_URL
  std::optional<std::string> output_dir;
  std::optional<std::string> summary_json;
  // --app-dto-schemas FILE (or SEED_APP_DTO_SCHEMAS): the application's
  // create-DTO schemas, compared before anything is written and checked
  // against every payload.
  std::optional<std::string> app_dto_schemas;
  int jobs = 1;
  bool quiet = false;
  bool verbose = false;
  bool append = false;
  bool reset = false;
  bool yes = false;
  bool dry_run = false;
  bool factors_from_db = false;
  bool sample_factors = false;
  status_mix::StatusMix status_mix = status_mix::StatusMix::campaign;
  bool binary_copy = true; // --copy-format auto (else text)
  bool analyze = false;    // --analyze
  // SOURCE_DATE_EPOCH: the run's clock, pinned ("YYYY-MM-DD HH:MM:SS.ffffff").
  std::optional<std::string> fixed_now;
  double lock_timeout_seconds = 5;
};

// Thrown for a usage error; what() is the one-line message.
class UsageError : public std::exception {
public:
  explicit UsageError(std::string message) : message_(std::move(message)) {}
  [[nodiscard]] const char *what() const noexcept override { return message_.c_str(); }

private:
  std::string message_;
};

// "2023,2024,2025", "2023-2025" or a mix ("2021,2023-2025"). Throws UsageError.
[[nodiscard]] std::vector<int> parse_years(std::string_view text);
// "MIN:MAX" (or a single N meaning N:N). Throws UsageError.
[[nodiscard]] std::pair<int, int> parse_entries_per_module(std::string_view text);

// Parses argv (environment read through `getenv`). Returns nullopt when
// --help, --version or `dto-schemas` was printed. Throws UsageError.
[[nodiscard]] std::optional<Invocation> parse(int argc, const char *const *argv);

// The whole program: parse, plan, run, print the summary. Returns the exit code.
int main(int argc, const char *const *argv);

} // namespace seed::cli
