// seed/existing_rows.hpp with the database runs: refuse, --append, --reset.
#include "seed/cli/existing_rows.hpp"
#include "seed/cli/seeder.hpp"
#include "seed/model/naming.hpp"
#include "support/cluster.hpp"

#include <catch2/catch.hpp>
#include <fmt/core.h>

using namespace seed;
using seed::testing::Cluster;

namespace {

Options small_options(std::uint64_t seed) {
  Options options;
  options.seed = seed;
  options.units = 3;
  options.users = 12;
  return options;
}

std::int64_t rows_in(pg::Connection &db, const std::string &table) {
  return std::stoll(db.query_value("SELECT count(*) FROM " + table));
}

std::int64_t existing_rows_of(const SeedReport &report, std::string_view table) {
  for (const auto &[name, rows] : report.rows)
    if (name == table)
      return rows;
  return 0;
}

// Computed emissions (the sample factors back every entry type): every entry
// has a row, and the table holds the rows the runs reported.
void check_emissions(pg::Connection &db, std::int64_t reported) {
  CHECK(rows_in(db, "data_entry_emissions") == reported);
  CHECK(db.query_value("SELECT count(*) FROM data_entries e WHERE NOT EXISTS (SELECT 1 FROM "
                       "data_entry_emissions x WHERE x.data_entry_id = e.id)") == "0");
  CHECK(db.query_value("SELECT count(*) FROM data_entry_emissions WHERE meta->>'seeded' IS NOT "
                       "NULL") == "0");
}

} // namespace

TEST_CASE("existing rows: a second run is refused, naming codes and options", "[pg][existing]") {
  const auto url = Cluster::instance().fresh_database();
  seed_database(Plan::make(small_options(1)), url, {});
  try {
    seed_database(Plan::make(small_options(2)), url, {});
    FAIL("not refused");
  } catch (const ConflictError &e) {
    CHECK_THAT(e.what(), Catch::Contains("U00000") && Catch::Contains("USR000000") &&
                             Catch::Contains("--append") && Catch::Contains("--reset"));
  }
  pg::Connection db(url);
  CHECK(rows_in(db, "units") == 3);
}

TEST_CASE("existing rows: --append continues after the highest codes, twice", "[pg][existing]") {
  const auto url = Cluster::instance().fresh_database();
  const auto first = seed_database(Plan::make(small_options(1)), url, {});
  SeedSettings append;
  append.existing = ExistingRows::append;
  const auto second = seed_database(Plan::make(small_options(1)), url, append);
  const auto third = seed_database(Plan::make(small_options(1)), url, append);
  CHECK(second.unit_offset == 3);
  CHECK(second.user_offset == 14); // 12 users + 2 admins
  CHECK(third.unit_offset == 6);
  CHECK(third.user_offset == 28);

  pg::Connection db(url);
  CHECK(rows_in(db, "units") == 9);
  CHECK(rows_in(db, "users") == 42);
  CHECK(db.query_value("SELECT count(DISTINCT email) FROM users") == "42");
  CHECK(db.query_value("SELECT max(institutional_code) FROM units") == naming::unit_code(8));
  // The same seed in a later batch does not copy the first batch's data.
  CHECK(db.query_value("SELECT count(DISTINCT name) > 1 FROM units") == "t");
  const auto batch = [&](const char *first, const char *last) {
    return db.query_value(fmt::format(
        "SELECT md5(string_agg(e.data::text, '|' ORDER BY e.id)) FROM data_entries e JOIN units u "
        "ON u.id = e.unit_id WHERE u.institutional_code BETWEEN '{}' AND '{}'",
        first, last));
  };
  CHECK(batch("U00000", "U00002") != batch("U00003", "U00005"));
  // Years configured by the first batch are kept, not duplicated.
  CHECK(rows_in(db, "year_configuration") == 3);
  CHECK(third.skipped_years.size() == 3);
  check_emissions(db, existing_rows_of(first, "data_entry_emissions") +
                          existing_rows_of(second, "data_entry_emissions") +
                          existing_rows_of(third, "data_entry_emissions"));
}

TEST_CASE("existing rows: --reset deletes first, in the same transaction", "[pg][existing]") {
  const auto url = Cluster::instance().fresh_database();
  seed_database(Plan::make(small_options(1)), url, {});
  SeedSettings append;
  append.existing = ExistingRows::append;
  seed_database(Plan::make(small_options(2)), url, append);

  SECTION("confirmed") {
    SeedSettings reset;
    reset.existing = ExistingRows::reset;
    RowCountsByName asked;
    reset.confirm_reset = [&](const RowCountsByName &rows) {
      asked = rows;
      return true;
    };
    const auto report = seed_database(Plan::make(small_options(3)), url, reset);
    REQUIRE(asked.size() == 10);
    CHECK(asked.front().first == "audit_documents (DataEntry)"); // the entries' documents,
    CHECK(asked[1].first == "data_entry_emissions");             // then children first
    CHECK(asked.back() == std::pair<std::string, std::int64_t>{"units", 6});
    CHECK(report.deleted == asked);
    pg::Connection db(url);
    CHECK(rows_in(db, "units") == 3);
    CHECK(db.query_value("SELECT min(institutional_code) FROM units") == "U00000");
    check_emissions(db, existing_rows_of(report, "data_entry_emissions"));
  }
  SECTION("declined: nothing changes") {
    SeedSettings reset;
    reset.existing = ExistingRows::reset;
    reset.confirm_reset = [](const RowCountsByName &) { return false; };
    CHECK_THROWS_AS(seed_database(Plan::make(small_options(3)), url, reset), ResetDeclined);
    pg::Connection db(url);
    CHECK(rows_in(db, "units") == 6);
  }
}

TEST_CASE("existing rows: numbers are read from both code columns", "[pg][existing]") {
  pg::Connection db(Cluster::instance().fresh_database());
  db.exec("INSERT INTO units (provider, institutional_code, institutional_id, name, level, "
          "is_active) VALUES ('DEFAULT', 'U00007', 'CF00041', 'x', 5, true), ('DEFAULT', "
          "'LAB-1', NULL, 'y', 5, true)");
  db.exec("INSERT INTO users (institutional_id, provider, email) VALUES ('ADMIN000050', "
          "'DEFAULT', 'a@x'), ('123456', 'DEFAULT', 'b@x')");
  const auto taken = read_taken_numbers(db);
  CHECK(taken.units == std::vector<std::int64_t>{7, 41});
  CHECK(taken.users == std::vector<std::int64_t>{50});
  const auto options = continue_after(small_options(1), taken);
  CHECK(options.unit_offset == 42);
  CHECK(options.user_offset == 51);
  // Units 0..2 and users 0..13 are free; 8 units reach U00007.
  CHECK_FALSE(describe_collisions(Plan::make(small_options(1)), taken));
  auto wide = small_options(1);
  wide.units = 8;
  wide.users = 24;
  const auto collision = describe_collisions(Plan::make(wide), taken);
  REQUIRE(collision);
  CHECK_THAT(*collision, Catch::Contains("U00007"));
}
