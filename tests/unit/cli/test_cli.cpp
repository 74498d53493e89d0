// seed/cli.hpp: flags, defaults, environment, and every usage error.
#include "seed/cli/cli.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <initializer_list>
#include <vector>

using namespace seed;
using namespace seed::cli;

namespace {

// Runs parse() on "seed-random <args>" with DATABASE_URL/DB_URL cleared
// unless a test sets them.
std::optional<Invocation> parse_args(std::initializer_list<const char *> args) {
  std::vector<const char *> argv{"seed-random"};
  argv.insert(argv.end(), args.begin(), args.end());
  return parse(static_cast<int>(argv.size()), argv.data());
}

void clear_environment() {
  unsetenv("DATABASE_URL");
  unsetenv("DB_URL");
  unsetenv("FORMULA_VERSION_SHA256_SHORT");
  unsetenv("SEED_APP_DTO_SCHEMAS");
}

// Clears the variables parse() reads, before and after a test.
struct CleanEnvironment {
  CleanEnvironment() { clear_environment(); }
  ~CleanEnvironment() { clear_environment(); }
};

} // namespace

TEST_CASE("parse_years accepts lists, ranges and mixes", "[cli]") {
  CHECK(parse_years("2023,2024,2025") == std::vector<int>{2023, 2024, 2025});
  CHECK(parse_years("2023-2025") == std::vector<int>{2023, 2024, 2025});
  CHECK(parse_years("2020,2023-2024") == std::vector<int>{2020, 2023, 2024});
  CHECK(parse_years("2024") == std::vector<int>{2024});
  CHECK_THROWS_WITH(parse_years(""), Catch::Contains("no year"));
  CHECK_THROWS_WITH(parse_years("2023,"), Catch::Contains("trailing comma"));
  CHECK_THROWS_WITH(parse_years("20x3"), Catch::Contains("not an integer"));
  CHECK_THROWS_WITH(parse_years("2025-2023"), Catch::Contains("backwards"));
  CHECK_THROWS_WITH(parse_years("2023-"), Catch::Contains("not an integer"));
  CHECK_THROWS_WITH(parse_years("1-99999"), Catch::Contains("too long"));
}

TEST_CASE("parse_entries_per_module reads MIN:MAX", "[cli]") {
  CHECK(parse_entries_per_module("4:10") == std::pair{4, 10});
  CHECK(parse_entries_per_module("7") == std::pair{7, 7});
  CHECK_THROWS_WITH(parse_entries_per_module("4:"), Catch::Contains("MAX"));
  CHECK_THROWS_WITH(parse_entries_per_module(":4"), Catch::Contains("MIN"));
  CHECK_THROWS_WITH(parse_entries_per_module("a:b"), Catch::Contains("not an integer"));
}

TEST_CASE("defaults are the seed document's constants", "[cli]") {
  CleanEnvironment env;
  const auto in = parse_args({"--db-url", "postgresql://localhost/x"});
  REQUIRE(in);
  CHECK(in->options.units == 5);
  CHECK(in->options.users == 40);
  CHECK(in->options.years == std::vector<int>{2023, 2024, 2025});
  CHECK(in->options.entries_min == 4);
  CHECK(in->options.entries_max == 10);
  CHECK_FALSE(in->seed_given);
  CHECK(in->options.formula_version.empty());
  CHECK(in->jobs >= 1);
}

TEST_CASE("--units alone scales users to 8 per unit", "[cli]") {
  CleanEnvironment env;
  CHECK(parse_args({"--units", "500", "--db-url", "host=/tmp"})->options.users == 4000);
  CHECK(parse_args({"--units", "500", "--users", "1500", "--db-url", "host=/tmp"})->options.users ==
        1500);
}

TEST_CASE("flags reach the options", "[cli]") {
  CleanEnvironment env;
  const auto in =
      parse_args({"--units", "3", "--users", "20", "--years", "2021-2022", "--entries-per-module",
                  "1:2", "--seed", "18446744073709551615", "--formula-version", "f00", "--jobs",
                  "3", "--quiet", "--output-dir", "/tmp/x"});
  REQUIRE(in);
  CHECK(in->options.units == 3);
  CHECK(in->options.users == 20);
  CHECK(in->options.years == std::vector<int>{2021, 2022});
  CHECK(in->options.entries_min == 1);
  CHECK(in->options.entries_max == 2);
  CHECK(in->seed_given);
  CHECK(in->options.seed == 18446744073709551615ULL);
  CHECK(in->options.formula_version == "f00");
  CHECK(in->jobs == 3);
  CHECK(in->quiet);
  CHECK(in->output_dir == std::optional<std::string>("/tmp/x"));
  CHECK_FALSE(in->database_url);
}

TEST_CASE("the database URL comes from --db-url, DATABASE_URL, then DB_URL", "[cli]") {
  CleanEnvironment env;
  setenv("DB_URL", "postgresql+asyncpg://u:pw@h/db_url", 1);
  CHECK(parse_args({})->database_url == std::optional<std::string>("postgresql://u:pw@h/db_url"));
  setenv("DATABASE_URL", "postgresql+psycopg://u@h/database_url", 1);
  CHECK(parse_args({})->database_url ==
        std::optional<std::string>("postgresql://u@h/database_url"));
  CHECK(parse_args({"--db-url", "postgres://h/flag"})->database_url ==
        std::optional<std::string>("postgresql://h/flag"));
  setenv("FORMULA_VERSION_SHA256_SHORT", "0123abcd", 1);
  CHECK(parse_args({})->options.formula_version == "0123abcd");
}

TEST_CASE("the application's DTO bundle comes from --app-dto-schemas, then SEED_APP_DTO_SCHEMAS",
          "[cli]") {
  CleanEnvironment clean;
  CHECK_FALSE(parse_args({"--dry-run"})->app_dto_schemas);
  setenv("SEED_APP_DTO_SCHEMAS", "/env/dto-schemas.json", 1);
  CHECK(parse_args({"--dry-run"})->app_dto_schemas == "/env/dto-schemas.json");
  CHECK(parse_args({"--dry-run", "--app-dto-schemas", "flag.json"})->app_dto_schemas ==
        "flag.json");
}

TEST_CASE("usage errors are one line and name the problem", "[cli]") {
  CleanEnvironment env;
  const auto rejects = [](std::initializer_list<const char *> args, const char *needle) {
    try {
      parse_args(args);
      FAIL("accepted");
    } catch (const UsageError &e) {
      const std::string message = e.what();
      INFO(message);
      CHECK(message.find('\n') == std::string::npos);
      CHECK_THAT(message, Catch::Contains(needle));
    }
  };
  rejects({}, "no database");
  rejects({"--db-url", "postgresql://u:p@[::1/db"}, "malformed database URL");
  rejects({"--db-url", "mysql://h/db"}, "unsupported database URL scheme");
  rejects({"--db-url", "host=/tmp", "--units", "0"}, "--units");
  rejects({"--db-url", "host=/tmp", "--units", "-3"}, "--units");
  rejects({"--db-url", "host=/tmp", "--units", "abc"}, "--units");
  rejects({"--db-url", "host=/tmp", "--units", "5", "--users", "14"}, "--users");
  rejects({"--db-url", "host=/tmp", "--units", "5", "--users", "76"}, "--users");
  rejects({"--db-url", "host=/tmp", "--years", "2023,2023"}, "listed twice");
  rejects({"--db-url", "host=/tmp", "--years", "1899"}, "outside");
  rejects({"--db-url", "host=/tmp", "--entries-per-module", "10:4"}, "greater than");
  rejects({"--db-url", "host=/tmp", "--entries-per-module", "0:4"}, "--entries-per-module");
  rejects({"--db-url", "host=/tmp", "--jobs", "0"}, "--jobs");
  rejects({"--db-url", "host=/tmp", "--quiet", "--verbose"}, "exclude");
  rejects({"--db-url", "host=/tmp", "--bogus"}, "bogus");
  rejects({"--db-url", "host=/tmp", "--seed", "-1"}, "--seed");
}

TEST_CASE("a URL with a password never appears in a usage error", "[cli]") {
  CleanEnvironment env;
  try {
    parse_args({"--db-url", "mysql://user:s3cret@h/db"});
    FAIL("accepted");
  } catch (const UsageError &e) {
    CHECK_THAT(e.what(), !Catch::Contains("s3cret"));
  }
}

TEST_CASE("--help and --version print and stop", "[cli]") {
  CleanEnvironment env;
  CHECK_FALSE(parse_args({"--help"}));
  CHECK_FALSE(parse_args({"--version"}));
}

TEST_CASE("check: defaults, options and the environment", "[cli][check]") {
  const CleanEnvironment clean;
  auto in = parse_args({"check", "--db-url", "postgresql:///x"});
  REQUIRE(in);
  REQUIRE(in->check);
  CHECK(in->database_url == "postgresql:///x");
  CHECK(in->check->rules.size() == static_cast<std::size_t>(check::rule_count));
  CHECK(in->check->limit == 10);
  CHECK_FALSE(in->check->years);
  CHECK_FALSE(in->check->json);
  CHECK_FALSE(in->app_dto_schemas);
  CHECK(in->jobs >= 1);

  in = parse_args({"check", "--db-url", "postgresql+psycopg://u@h/db", "--years", "2024-2025",
                   "--rules", "stats,audit", "--json", "f.json", "--limit", "0", "--jobs", "3",
                   "--app-dto-schemas", "s.json", "-q"});
  REQUIRE(in);
  CHECK(in->database_url == "postgresql://u@h/db");
  CHECK(in->check->years == std::vector<int>{2024, 2025});
  CHECK(in->check->rules == std::vector<check::Rule>{check::Rule::stats, check::Rule::audit});
  CHECK(in->check->json == "f.json");
  CHECK(in->check->limit == 0);
  CHECK(in->jobs == 3);
  CHECK(in->app_dto_schemas == "s.json");
  CHECK(in->quiet);

  setenv("DB_URL", "postgresql:///from_env", 1);
  setenv("SEED_APP_DTO_SCHEMAS", "env.json", 1);
  in = parse_args({"check"});
  REQUIRE(in);
  CHECK(in->database_url == "postgresql:///from_env");
  CHECK(in->app_dto_schemas == "env.json");
}

TEST_CASE("check: every usage error", "[cli][check]") {
  const CleanEnvironment clean;
  CHECK_THROWS_WITH(parse_args({"check"}), Catch::Contains("check: no database"));
  CHECK_THROWS_WITH(parse_args({"check", "--db-url", "mysql://x"}),
                    Catch::Contains("unsupported database URL scheme"));
  CHECK_THROWS_WITH(parse_args({"check", "--db-url", "postgresql:///x", "--rules", "nope"}),
                    Catch::Contains("--rules: unknown rule 'nope'"));
  CHECK_THROWS_WITH(parse_args({"check", "--db-url", "postgresql:///x", "--limit", "-1"}),
                    Catch::Contains("--limit must be 0 or more"));
  CHECK_THROWS_WITH(parse_args({"check", "--db-url", "postgresql:///x", "--jobs", "0"}),
                    Catch::Contains("--jobs must be between 1 and 256"));
  CHECK_THROWS_WITH(parse_args({"check", "--db-url", "postgresql:///x", "--years", "2025-2023"}),
                    Catch::Contains("backwards"));
  CHECK_THROWS_WITH(parse_args({"check", "--db-url", "postgresql:///x", "-q", "-v"}),
                    Catch::Contains("exclude each other"));
  CHECK_THROWS_AS(parse_args({"check", "--db-url", "postgresql:///x", "--units", "3"}), UsageError);
}
