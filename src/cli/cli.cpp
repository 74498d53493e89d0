#include "seed/cli/cli.hpp"

#include "seed/check/auditor.hpp"
#include "seed/cli/existing_rows.hpp"
#include "seed/cli/seeder.hpp"
#include "seed/cli/version.hpp"
#include "seed/generate/rows.hpp"
#include "seed/generate/timeline.hpp"
#include "seed/io/interrupt.hpp"
#include "seed/io/pg.hpp"
#include "seed/io/preflight.hpp"
#include "seed/io/progress.hpp"
#include "seed/model/app_contract.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <thread>
#include <unistd.h>

namespace seed::cli {
namespace {

constexpr std::string_view exit_codes_help =
    "Exit codes: 0 ok; 1 runtime failure (database, validation, I/O; nothing is committed);\n"
    "2 usage error (nothing attempted); 3 schema drift found by the preflight, or the\n"
    "application's DTOs (--app-dto-schemas) differ from ours (nothing written); 4 seeded\n"
    "rows already there (use --append or --reset); 5 `check` found rows that break a\n"
    "rule; 130/143 interrupted by SIGINT/SIGTERM (rolled back).\n"
    "Environment: DATABASE_URL or DB_URL (when --db-url is absent; SQLAlchemy-style\n"
    "postgresql+psycopg:// and postgresql+asyncpg:// URLs are accepted),\n"
    "FORMULA_VERSION_SHA256_SHORT (default of --formula-version), SEED_APP_DTO_SCHEMAS\n"
    "(default of --app-dto-schemas).";

int parse_int(std::string_view text, std::string_view what) {
  int value = 0;
  const auto *end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty())
    throw UsageError(fmt::format("{}: '{}' is not an integer", what, text));
  return value;
}

std::optional<std::string> environment(const char *name) {
  const char *value = std::getenv(name);
  if (value == nullptr || *value == '\0')
    return std::nullopt;
  return std::string(value);
}

// Strictly decimal digits: CLI11 would wrap "-1" into 2^64-1.
std::uint64_t parse_seed(std::string_view text) {
  std::uint64_t value = 0;
  const auto *end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end)
    throw UsageError(
        fmt::format("--seed: '{}' is not an integer in 0..18446744073709551615", text));
  return value;
}

int default_jobs() {
  return static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 8u));
}

std::uint64_t random_seed() {
  std::random_device device;
  return (static_cast<std::uint64_t>(device()) << 32) ^ device();
}

void configure_logging(const Invocation &invocation) {
  auto logger = spdlog::stderr_color_mt("seed-random");
  // Verbose runs carry timestamps: they are how a slow phase is spotted.
  logger->set_pattern(invocation.verbose ? "%H:%M:%S.%e %^%l%$: %v" : "%^%l%$: %v");
  logger->set_level(invocation.quiet     ? spdlog::level::err
                    : invocation.verbose ? spdlog::level::debug
                                         : spdlog::level::info);
  spdlog::set_default_logger(logger);
}

} // namespace

std::vector<int> parse_years(std::string_view text) {
  std::vector<int> years;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    if (comma != std::string_view::npos && text.empty())
      throw UsageError("--years: trailing comma");
    const auto dash = item.find('-', 1);
    if (dash == std::string_view::npos) {
      years.push_back(parse_int(item, "--years"));
      continue;
    }
    const int first = parse_int(item.substr(0, dash), "--years");
    const int last = parse_int(item.substr(dash + 1), "--years");
    if (first > last)
      throw UsageError(fmt::format("--years: range {} runs backwards", item));
    if (last - first > max_year - min_year)
      throw UsageError(fmt::format("--years: range {} is too long", item));
    for (int year = first; year <= last; ++year)
      years.push_back(year);
  }
  if (years.empty())
    throw UsageError("--years: no year given");
  return years;
}

std::pair<int, int> parse_entries_per_module(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) {
    const int n = parse_int(text, "--entries-per-module");
    return {n, n};
  }
  return {parse_int(text.substr(0, colon), "--entries-per-module MIN"),
          parse_int(text.substr(colon + 1), "--entries-per-module MAX")};
}

namespace {

std::optional<std::string> database_url_from(const std::string &flag) {
  auto url = !flag.empty()                 ? std::optional<std::string>(flag)
             : environment("DATABASE_URL") ? environment("DATABASE_URL")
                                           : environment("DB_URL");
  if (!url)
    return url;
  try {
    return pg::normalize_url(*url);
  } catch (const std::invalid_argument &e) {
    throw UsageError(fmt::format("{}: {}", e.what(), pg::redact_url(*url)));
  }
}

Invocation parse_check(const std::string &db_url, const std::string &years,
                       const std::string &rules, const std::string &json, int limit, int jobs,
                       const std::string &schemas, bool quiet, bool verbose) {
  Invocation in;
  CheckInvocation check;
  if (!years.empty())
    check.years = parse_years(years);
  if (!rules.empty()) {
    try {
      check.rules = check::parse_rules(rules);
    } catch (const std::invalid_argument &e) {
      throw UsageError(fmt::format("--rules: {}", e.what()));
    }
  } else {
    for (const auto &rule : check::rules())
      check.rules.push_back(rule.rule);
  }
  if (limit < 0)
    throw UsageError(fmt::format("--limit must be 0 or more, got {}", limit));
  check.limit = static_cast<std::size_t>(limit);
  if (jobs < 1 || jobs > 256)
    throw UsageError(fmt::format("--jobs must be between 1 and 256, got {}", jobs));
  in.jobs = jobs;
  if (!json.empty())
    check.json = json;
  if (quiet && verbose)
    throw UsageError("--quiet and --verbose exclude each other");
  in.quiet = quiet;
  in.verbose = verbose;
  in.app_dto_schemas =
      !schemas.empty() ? std::optional<std::string>(schemas) : environment("SEED_APP_DTO_SCHEMAS");
  in.database_url = database_url_from(db_url);
  if (!in.database_url)
    throw UsageError("check: no database: pass --db-url URL or set DATABASE_URL (or DB_URL)");
  in.check = std::move(check);
  return in;
}

} // namespace

std::optional<Invocation> parse(int argc, const char *const *argv) {
  Invocation in;
  CLI::App app{"seed-random: fill the co2-calculator PostgreSQL database with realistic, "
               "validated, reproducible random data.",
               "seed-random"};
  app.footer(std::string(exit_codes_help));
  const std::string version = fmt::format("seed-random {} (commit {})", SEED_VERSION, git_commit);
  app.set_version_flag("--version", version);

  std::string years_text, entries_text, db_url, formula_version, output_dir, seed_text;
  auto *units = app.add_option("--units", in.options.units,
                               fmt::format("Units (labs) to create [default: {}]", default_units));
  auto *users = app.add_option(
      "--users", in.options.users,
      fmt::format("Regular users, 3 to 15 per unit [default: {}; with --units alone, {} per unit]",
                  default_users, users_per_unit_when_scaled));
  app.add_option("--years", years_text,
                 "Report years: 2023,2024,2025 or a range 2023-2025 [default: 2023-2025]");
  app.add_option("--entries-per-module", entries_text,
                 fmt::format("Data entries per report module, MIN:MAX [default: {}:{}]",
                             default_entries_min, default_entries_max));
  auto *seed_option = app.add_option(
      "--seed", seed_text,
      "Random seed 0..2^64-1; the same seed gives the same data [default: drawn and printed]");
  app.add_option("--db-url", db_url, "PostgreSQL URL [default: $DATABASE_URL, else $DB_URL]");
  auto *formula = app.add_option("--formula-version", formula_version,
                                 "Written into each placeholder emission's meta.formula_version "
                                 "[default: $FORMULA_VERSION_SHA256_SHORT]");
  std::string emissions_text = "computed";
  app.add_option("--emissions", emissions_text,
                 "computed: the rows the application computes from the factors; placeholder: one "
                 "random row per entry (chosen automatically when there are no factors) "
                 "[default: computed]")
      ->check(CLI::IsMember({"computed", "placeholder"}));
  std::string status_text(status_mix::name_of(status_mix::StatusMix::campaign));
  const auto percent = [](int later_years) {
    return static_cast<int>(100 * status_mix::campaign_validated_share(later_years) + 0.5);
  };
  app.add_option("--module-status", status_text,
                 fmt::format("Statuses of modules with entries: campaign (latest year {} % "
                             "validated, the year before {} %, older {} %), in-progress, or "
                             "validated (a closed campaign) [default: campaign]",
                             percent(0), percent(1), percent(2)))
      ->check(CLI::IsMember(std::vector<std::string>(std::begin(status_mix::status_mix_names),
                                                     std::end(status_mix::status_mix_names))));
  std::string copy_format = "auto";
  app.add_option("--copy-format", copy_format,
                 "auto: data_entries, data_entry_emissions and audit_documents in binary COPY "
                 "where the target's column types allow it (the server parses less); text: COPY "
                 "text everywhere, as --output-dir writes [default: auto]")
      ->check(CLI::IsMember({"auto", "text"}));
  app.add_flag("--analyze", in.analyze,
               "ANALYZE the seeded tables before committing, for good plans right away (else "
               "autovacuum does it within a minute, as for the application's own writes)");
  bool no_audit = false;
  app.add_flag("--no-audit", no_audit,
               "Write no audit document per entry (the application always writes one: the "
               "database is then not a state it reaches)");
  std::string values_text = "realistic";
  app.add_option("--values", values_text,
                 "realistic: quantities of a real lab, scaled by its headcount (value models, "
                 "docs/seed-data.md); seed-doc: the seed document's flat ranges "
                 "[default: realistic]")
      ->check(CLI::IsMember({"realistic", "seed-doc"}));
  app.add_flag("--sample-factors", in.sample_factors,
               "Insert the bundled sample factors (invented values, every entry type) for the "
               "seeded years first, keeping existing rows; without it a database run only reads "
               "the factors already there");
  app.add_option("--output-dir", output_dir,
                 "Write COPY files and load.sql into DIR instead of a database");
  app.add_option("--jobs", in.jobs, "Encoder threads; output is identical for every value")
      ->default_val(default_jobs());
  app.add_flag("-q,--quiet", in.quiet, "Print errors only");
  app.add_flag("-v,--verbose", in.verbose, "Print debug details");
  app.add_flag("--append", in.append,
               "Add a new batch of units and users after the highest existing codes");
  app.add_flag("--reset", in.reset,
               "Delete every row of the seeded tables first, in the same transaction "
               "(asks on a terminal)");
  app.add_flag("-y,--yes", in.yes, "Do not ask before --reset");
  app.add_option("--lock-timeout", in.lock_timeout_seconds,
                 "Seconds to wait for a busy table before giving up [default: 5]");
  app.add_flag("--dry-run", in.dry_run,
               "Generate and validate everything, print the plan; touch no database");
  app.add_flag("--factors-from-db", in.factors_from_db,
               "With --dry-run: read the factors and reference rows from the database (read-only) "
               "instead of the bundled ones");
  std::string summary_json;
  app.add_option("--summary-json", summary_json,
                 "Also write the closing summary as JSON to FILE (for CI)");
  std::string app_dto_schemas;
  app.add_option("--app-dto-schemas", app_dto_schemas,
                 "The application's create-DTO schemas (scripts/app-contract.py export): "
                 "compared with ours before anything is written (exit 3 on drift), then every "
                 "payload is checked against them too [default: $SEED_APP_DTO_SCHEMAS]");
  auto *print_schemas =
      app.add_subcommand("dto-schemas", "Print our create-DTO contract as a bundle (the format of "
                                        "scripts/app-contract.py export) and exit");
  auto *check_command = app.add_subcommand(
      "check", "Judge a database (read-only) against the rules the seeder follows; exit 5 on "
               "findings");
  std::string check_db_url, check_years, check_rules, check_json, check_schemas;
  int check_limit = 10;
  int check_jobs = default_jobs();
  bool check_quiet = false, check_verbose = false;
  check_command->add_option("--db-url", check_db_url,
                            "PostgreSQL URL [default: $DATABASE_URL, else $DB_URL]");
  check_command->add_option(
      "--years", check_years,
      "Only the reports of these years: 2023,2024 or 2023-2025 [default: all]");
  std::string rule_ids;
  for (const auto &rule : check::rules())
    rule_ids += fmt::format("{}{}", rule_ids.empty() ? "" : ",", rule.id);
  check_command->add_option("--rules", check_rules,
                            fmt::format("Rules to run, comma-separated [default: {}]", rule_ids));
  check_command->add_option("--json", check_json, "Also write the findings as JSON to FILE");
  check_command->add_option("--limit", check_limit,
                            "Examples shown per rule (row id and offending value) [default: 10]");
  check_command->add_option("--app-dto-schemas", check_schemas,
                            "The application's create-DTO schemas: the payload rule also checks "
                            "every payload against them [default: $SEED_APP_DTO_SCHEMAS]");
  check_command->add_option("--jobs", check_jobs,
                            "Threads judging entries while the next ones are read; the findings "
                            "are identical for every value [default: cores, at most 8]");
  check_command->add_flag("-q,--quiet", check_quiet, "Print errors and the findings only");
  check_command->add_flag("-v,--verbose", check_verbose, "Print debug details");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp &) {
    fmt::print("{}", app.help());
    return std::nullopt;
  } catch (const CLI::CallForVersion &) {
    fmt::print("{}\n", version);
    return std::nullopt;
  } catch (const CLI::ParseError &e) {
    throw UsageError(e.what());
  }

  if (*print_schemas) {
    fmt::print("{}\n", contract::our_bundle().dump(2));
    return std::nullopt;
  }
  if (*check_command)
    return parse_check(check_db_url, check_years, check_rules, check_json, check_limit, check_jobs,
                       check_schemas, check_quiet, check_verbose);
  if (!app_dto_schemas.empty())
    in.app_dto_schemas = app_dto_schemas;
  else
    in.app_dto_schemas = environment("SEED_APP_DTO_SCHEMAS");
  if (in.quiet && in.verbose)
    throw UsageError("--quiet and --verbose exclude each other");
  if (in.jobs < 1 || in.jobs > 256)
    throw UsageError(fmt::format("--jobs must be between 1 and 256, got {}", in.jobs));
  if (units->count() > 0 && users->count() == 0)
    in.options.users = in.options.units * users_per_unit_when_scaled;
  if (!years_text.empty())
    in.options.years = parse_years(years_text);
  if (!entries_text.empty())
    std::tie(in.options.entries_min, in.options.entries_max) =
        parse_entries_per_module(entries_text);
  in.seed_given = seed_option->count() > 0;
  in.options.seed = in.seed_given ? parse_seed(seed_text) : random_seed();
  in.options.formula_version = formula->count() > 0
                                   ? formula_version
                                   : environment("FORMULA_VERSION_SHA256_SHORT").value_or("");
  if (!summary_json.empty())
    in.summary_json = summary_json;
  if (!(in.lock_timeout_seconds > 0 && in.lock_timeout_seconds <= 86400))
    throw UsageError("--lock-timeout must be between 0 and 86400 seconds");
  if (in.append && in.reset)
    throw UsageError("--append and --reset exclude each other");
  if ((in.append || in.reset) && (in.dry_run || !output_dir.empty()))
    throw UsageError("--append and --reset act on a database; not with --dry-run or --output-dir");
  if (in.dry_run && !output_dir.empty())
    throw UsageError("--dry-run writes nothing; drop --output-dir or --dry-run");
  in.options.emissions =
      emissions_text == "placeholder" ? EmissionMode::placeholder : EmissionMode::computed;
  in.status_mix = *status_mix::parse_status_mix(status_text);
  // The reproducible-builds convention: pin the clock, so that the same seed
  // gives the same bytes, timestamps and audit hashes included.
  if (const char *epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    char *end = nullptr;
    const long long seconds = std::strtoll(epoch, &end, 10);
    if (*end != '\0' || seconds < 0 || seconds > 4'102'444'800)
      throw UsageError(fmt::format("SOURCE_DATE_EPOCH must be Unix seconds, got '{}'", epoch));
    in.fixed_now = copy_timestamp(seconds * 1'000'000);
  }
  in.options.audit = !no_audit;
  in.binary_copy = copy_format == "auto";
  in.options.values = values_text == "seed-doc" ? ValueSet::seed_doc : ValueSet::realistic;
  if (in.sample_factors && (in.dry_run || !output_dir.empty()))
    throw UsageError("--sample-factors writes into a database; --output-dir and --dry-run "
                     "already use the bundled sample factors");
  if (in.factors_from_db && !in.dry_run)
    throw UsageError("--factors-from-db is for --dry-run (database runs always read factors)");
  if (in.reset && !in.yes && !isatty(STDIN_FILENO))
    throw UsageError("--reset deletes rows: confirm with --yes when stdin is not a terminal");

  const bool needs_database = output_dir.empty() && (!in.dry_run || in.factors_from_db);
  if (!output_dir.empty())
    in.output_dir = output_dir;
  else if (!db_url.empty())
    in.database_url = db_url;
  else if (needs_database)
    in.database_url =
        environment("DATABASE_URL") ? environment("DATABASE_URL") : environment("DB_URL");
  if (needs_database && !in.database_url)
    throw UsageError("no database: pass --db-url URL or set DATABASE_URL (or DB_URL), "
                     "or write files with --output-dir DIR, or check with --dry-run");
  if (in.database_url) {
    try {
      in.database_url = pg::normalize_url(*in.database_url);
    } catch (const std::invalid_argument &e) {
      throw UsageError(fmt::format("{}: {}", e.what(), pg::redact_url(*in.database_url)));
    }
  }
  try {
    check_options(in.options);
  } catch (const PlanError &e) {
    throw UsageError(e.what());
  }
  return in;
}

namespace {

// --reset on a terminal: show what goes, ask for "yes".
bool confirm_reset_on_terminal(const RowCountsByName &rows) {
  std::int64_t total = 0;
  std::string list;
  for (const auto &[table, count] : rows) {
    total += count;
    list += fmt::format("{}{} {}", list.empty() ? "" : ", ", table, count);
  }
  fmt::print(stderr, "--reset deletes {} rows ({}).\nType 'yes' to continue: ", total, list);
  std::fflush(stderr);
  std::string answer;
  std::getline(std::cin, answer);
  return answer == "yes";
}

std::unique_ptr<Progress> make_display(const Invocation &in) {
  if (in.quiet)
    return make_silent_progress();
  if (isatty(STDERR_FILENO))
    return make_terminal_progress(stderr);
  return make_log_progress();
}

int exit_code_for_signal(int signal) {
  return signal == SIGTERM ? exit_sigterm : exit_sigint;
}

// Runs the invocation; returns the report, or throws.
SeedReport run(const Invocation &in, const Plan &plan, Progress &progress, ModuleTotals &totals,
               const contract::AppSchemas *app_schemas) {
  SeedSettings settings;
  settings.totals = &totals;
  settings.app_schemas = app_schemas;
  settings.jobs = in.jobs;
  settings.progress = &progress;
  settings.lock_timeout =
      std::chrono::milliseconds(static_cast<std::int64_t>(in.lock_timeout_seconds * 1000));
  settings.existing = in.append  ? ExistingRows::append
                      : in.reset ? ExistingRows::reset
                                 : ExistingRows::refuse;
  if (in.reset && !in.yes)
    settings.confirm_reset = confirm_reset_on_terminal;

  settings.sample_factors = in.sample_factors;
  settings.fixed_now = in.fixed_now;
  settings.status_mix = in.status_mix;
  settings.binary_copy = in.binary_copy;
  settings.analyze = in.analyze;
  if (in.dry_run) {
    spdlog::info("dry run: factors from {}; nothing is written",
                 in.factors_from_db ? "the database (read-only)" : "the bundled sample set");
    return seed_nowhere(plan, in.factors_from_db ? in.database_url : std::nullopt, settings);
  }
  if (in.output_dir)
    return seed_files(plan, *in.output_dir, settings);
  spdlog::info("database {}", pg::redact_url(*in.database_url));
  auto report = seed_database(plan, *in.database_url, settings);
  for (const auto &[table, rows] : report.deleted)
    spdlog::info("--reset deleted {} rows of {}", rows, table);
  if (in.append)
    spdlog::info("--append: units from {}, users from {}", report.unit_offset, report.user_offset);
  for (int year : report.skipped_years)
    spdlog::info("year_configuration {} already exists; kept as it is", year);
  return report;
}

// One line on stderr: what failed, and what it means for the target.
int report_failure(const Invocation &in, const std::exception &e) {
  const char *outcome = in.dry_run ? "nothing was written"
                        : in.output_dir
                            ? "the files in the output folder are incomplete"
                            : "rolled back, nothing was committed: the database is unchanged";
  if (const int signal = interrupt::received()) {
    spdlog::error("interrupted by {}; {}", signal == SIGTERM ? "SIGTERM" : "SIGINT", outcome);
    return exit_code_for_signal(signal);
  }
  spdlog::error("{}; {}", e.what(), outcome);
  if (dynamic_cast<const SchemaDrift *>(&e))
    return exit_schema_drift;
  if (dynamic_cast<const ConflictError *>(&e))
    return exit_conflict;
  return exit_runtime_failure;
}

// --app-dto-schemas: the application's DTO contract, compared before anything
// is touched. Returns exit_ok or the exit code to stop with.
int load_app_schemas(const Invocation &in, std::optional<contract::AppSchemas> &app_schemas) {
  if (!in.app_dto_schemas)
    return exit_ok;
  const char *outcome = in.check ? "nothing was checked" : "nothing was written";
  try {
    std::vector<contract::Finding> warnings;
    app_schemas = contract::load(*in.app_dto_schemas, warnings);
    for (const auto &w : warnings)
      spdlog::warn("DTO contract: {}", w.line());
    spdlog::info("DTO contract: {} fits what seed-random writes; every payload is also "
                 "checked against it",
                 *in.app_dto_schemas);
  } catch (const contract::DtoContractDrift &e) {
    for (const auto &f : e.failures())
      spdlog::error("DTO contract: {}", f.line());
    spdlog::error("the application's DTOs ({}) differ from what seed-random writes ({} "
                  "finding{}); {}",
                  *in.app_dto_schemas, e.failures().size(), e.failures().size() == 1 ? "" : "s",
                  outcome);
    return exit_schema_drift;
  } catch (const contract::BundleError &e) {
    spdlog::error("--app-dto-schemas: {}", e.what());
    return exit_usage;
  }
  return exit_ok;
}

// `seed-random check`: the findings table on stdout, --json, exit 0 or 5.
int run_check(const Invocation &in, const contract::AppSchemas *app_schemas) {
  const auto &options = *in.check;
  check::CheckSettings settings;
  settings.years = options.years;
  settings.rules = options.rules;
  settings.limit = options.limit;
  settings.app_schemas = app_schemas;
  settings.jobs = in.jobs;
  auto display = make_display(in);
  settings.progress = display.get();
  spdlog::info("check: database {} (read-only){}", pg::redact_url(*in.database_url),
               options.years ? fmt::format(", years {}", fmt::join(*options.years, ",")) : "");
  std::optional<check::CheckReport> report;
  try {
    report.emplace(check::check_database(*in.database_url, settings));
  } catch (const std::exception &e) {
    display.reset();
    if (const int signal = interrupt::received()) {
      spdlog::error("interrupted by {}; nothing was changed",
                    signal == SIGTERM ? "SIGTERM" : "SIGINT");
      return exit_code_for_signal(signal);
    }
    spdlog::error("check failed: {}; nothing was changed", e.what());
    return exit_runtime_failure;
  }
  display.reset();
  fmt::print("{}", report->findings.text());
  if (!in.quiet)
    fmt::print(
        "{} data entries, {} emission rows, {} audit documents in {:.2f} s ({:.0f} "
        "entries/s; {:.2f} s waiting on the database)\n",
        report->entries, report->emission_rows, report->audit_documents, report->total_seconds,
        report->total_seconds > 0 ? static_cast<double>(report->entries) / report->total_seconds
                                  : 0.0,
        report->read_seconds);
  if (options.json) {
    auto json = report->findings.json();
    json["entries"] = report->entries;
    json["emission_rows"] = report->emission_rows;
    json["audit_documents"] = report->audit_documents;
    json["seconds"] = report->total_seconds;
    std::ofstream out(*options.json, std::ios::trunc);
    out << json.dump(2) << "\n";
    if (!out) {
      spdlog::error("cannot write {}", *options.json);
      return exit_runtime_failure;
    }
  }
  return report->findings.clean() ? exit_ok : exit_findings;
}

} // namespace

int main(int argc, const char *const *argv) {
  interrupt::install();
  std::optional<Invocation> invocation;
  try {
    invocation = parse(argc, argv);
  } catch (const UsageError &e) {
    fmt::print(stderr, "seed-random: {}\n", e.what());
    return exit_usage;
  }
  if (!invocation)
    return exit_ok;
  const auto &in = *invocation;
  configure_logging(in);
  std::optional<contract::AppSchemas> app_schemas;
  if (const int code = load_app_schemas(in, app_schemas); code != exit_ok)
    return code;
  if (in.check)
    return run_check(in, app_schemas ? &*app_schemas : nullptr);
  spdlog::info("seed {}{}", in.options.seed,
               in.seed_given ? "" : fmt::format(" (reproduce with --seed {})", in.options.seed));

  auto display = make_display(in);
  Summary summary(display.get());
  const auto started = std::chrono::steady_clock::now();
  std::optional<ModuleTotals> totals;
  try {
    const auto plan = Plan::make(in.options);
    spdlog::info("plan: {} units, {} users, years {}, {} modules, {} data entries",
                 plan.unit_count(), plan.user_count(), fmt::join(in.options.years, ","),
                 plan.module_count(), plan.entry_count());
    totals.emplace(plan.report_count());
    run(in, plan, summary, *totals, app_schemas ? &*app_schemas : nullptr);
  } catch (const std::exception &e) {
    display.reset(); // ends an open progress line before the error is printed
    return report_failure(in, e);
  }
  const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - started;
  if (!in.quiet) {
    if (in.dry_run)
      fmt::print("dry run: every row generated and validated; nothing was written\n");
    fmt::print("{}", summary.table_text(wall.count()));
    fmt::print("emissions per module ({} unit-years; rollup rows not counted):\n{}",
               totals->unit_years(), format_totals(totals->table()));
  }
  if (in.summary_json) {
    std::ofstream out(*in.summary_json, std::ios::trunc);
    out << summary.json(in.options.seed, wall.count()) << "\n";
    if (!out) {
      spdlog::error("cannot write {}", *in.summary_json);
      return exit_runtime_failure;
    }
  }
  return exit_ok;
}

} // namespace seed::cli
