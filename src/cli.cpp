#include "seed/cli.hpp"

#include "seed/pg.hpp"
#include "seed/rows.hpp"
#include "seed/seeder.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <random>
#include <thread>

namespace seed::cli {
namespace {

constexpr std::string_view exit_codes_help =
    "Exit codes: 0 ok, 1 runtime failure (database, validation, I/O; nothing is committed),\n"
    "2 usage error (nothing attempted).\n"
    "Environment: DATABASE_URL or DB_URL (when --db-url is absent; SQLAlchemy-style\n"
    "postgresql+psycopg:// and postgresql+asyncpg:// URLs are accepted),\n"
    "FORMULA_VERSION_SHA256_SHORT (default of --formula-version).";

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

void print_summary(const SeedReport &report, double seconds) {
  std::int64_t total = 0;
  fmt::print("{:<24} {:>12}\n", "table", "rows");
  for (const auto &[table, rows] : report.rows) {
    fmt::print("{:<24} {:>12}\n", table, rows);
    total += rows;
  }
  fmt::print("{:<24} {:>12}\n", "total", total);
  fmt::print("{:.2f} s, {:.0f} rows/s\n", seconds, seconds > 0 ? total / seconds : 0.0);
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

std::optional<Invocation> parse(int argc, const char *const *argv) {
  Invocation in;
  CLI::App app{"seed-random: fill the co2-calculator PostgreSQL database with realistic, "
               "validated, reproducible random data.",
               "seed-random"};
  app.footer(std::string(exit_codes_help));
  app.set_version_flag("--version", SEED_VERSION);

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
  auto *formula = app.add_option(
      "--formula-version", formula_version,
      "Written into each emission's meta.formula_version [default: $FORMULA_VERSION_SHA256_SHORT]");
  app.add_option("--output-dir", output_dir,
                 "Write COPY files and load.sql into DIR instead of a database");
  app.add_option("--jobs", in.jobs, "Encoder threads; output is identical for every value")
      ->default_val(default_jobs());
  app.add_flag("-q,--quiet", in.quiet, "Print errors only");
  app.add_flag("-v,--verbose", in.verbose, "Print debug details");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp &) {
    fmt::print("{}", app.help());
    return std::nullopt;
  } catch (const CLI::CallForVersion &) {
    fmt::print("seed-random {}\n", SEED_VERSION);
    return std::nullopt;
  } catch (const CLI::ParseError &e) {
    throw UsageError(e.what());
  }

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
  if (!output_dir.empty())
    in.output_dir = output_dir;
  else if (!db_url.empty())
    in.database_url = db_url;
  else
    in.database_url =
        environment("DATABASE_URL") ? environment("DATABASE_URL") : environment("DB_URL");
  if (!in.output_dir && !in.database_url)
    throw UsageError("no database: pass --db-url URL or set DATABASE_URL (or DB_URL), "
                     "or write files with --output-dir DIR");
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

int main(int argc, const char *const *argv) {
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
  spdlog::info("seed {}{}", in.options.seed,
               in.seed_given ? "" : fmt::format(" (reproduce with --seed {})", in.options.seed));

  try {
    const auto started = std::chrono::steady_clock::now();
    const auto plan = Plan::make(in.options);
    spdlog::info("plan: {} units, {} users, years {}, {} modules, {} data entries",
                 plan.unit_count(), plan.user_count(), fmt::join(in.options.years, ","),
                 plan.module_count(), plan.entry_count());
    SeedSettings settings;
    settings.jobs = in.jobs;
    settings.on_table_done = [](std::string_view table, std::int64_t rows) {
      spdlog::debug("{}: {} rows", table, rows);
    };
    SeedReport report;
    if (in.output_dir) {
      report = seed_files(plan, *in.output_dir, settings);
    } else {
      spdlog::info("database {}", pg::redact_url(*in.database_url));
      report = seed_database(plan, *in.database_url, settings);
    }
    for (int year : report.skipped_years)
      spdlog::info("year_configuration {} already exists; kept as it is", year);
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
    if (!in.quiet)
      print_summary(report, elapsed.count());
    return exit_ok;
  } catch (const std::exception &e) {
    spdlog::error("{}", e.what());
    if (in.output_dir)
      spdlog::error("the files in {} are incomplete", *in.output_dir);
    else
      spdlog::error("nothing was committed; the database is unchanged");
    return exit_runtime_failure;
  }
}

} // namespace seed::cli
