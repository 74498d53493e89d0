// seed/io/cursor.hpp against a real server: batches, several cursors read in
// turns, parsed values and every malformed-value error.
#include "seed/io/cursor.hpp"
#include "support/cluster.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace seed;
using seed::testing::Cluster;

namespace {

// The first eight columns of both value tests, read by the text cursor and by
// the binary COPY reader alike.
constexpr const char *first_columns =
    "SELECT 'a\tb'::text, NULL::int, 42::bigint, 0.1::float8, true, "
    "'2026-12-05 14:14:17.5692'::timestamp, '2026-12-05 14:14:17'::timestamp, "
    "'2026-12-05 14:14:17.000001'::timestamp";

// What both read paths must give for first_columns, errors included (the
// cursor is named "one").
void check_first_columns(const pg::Cursor &row) {
  CHECK(row.text(0) == "a\tb");
  CHECK(row.optional_text(0) == "a\tb");
  CHECK(row.is_null(1));
  CHECK_FALSE(row.optional_integer(1));
  CHECK_FALSE(row.optional_real(1));
  CHECK_FALSE(row.optional_text(1));
  CHECK(row.integer(2) == 42);
  CHECK(row.real(3) == 0.1);
  CHECK(row.optional_real(3) == 0.1);
  CHECK(row.boolean(4));
  CHECK(row.timestamp(5) == "2026-12-05 14:14:17.569200");
  CHECK(row.timestamp(6) == "2026-12-05 14:14:17.000000");
  CHECK(row.timestamp(7) == "2026-12-05 14:14:17.000001");
  std::string reused = "2000-01-01 00:00:00.000000 and more";
  row.timestamp(6, reused); // the same text, written over a string
  CHECK(reused == "2026-12-05 14:14:17.000000");
  CHECK_THROWS_WITH(row.timestamp(1, reused), Catch::Contains("NULL"));
  std::optional<std::string> text = "earlier text";
  row.optional_text(0, text); // written over, and reset for NULL
  CHECK(text == "a\tb");
  row.optional_text(1, text);
  CHECK_FALSE(text);
  row.optional_text(0, text);
  CHECK(text == "a\tb");
  CHECK_THROWS_WITH(row.integer(1), Catch::Contains("one: column 2") && Catch::Contains("NULL"));
  CHECK_THROWS_WITH(row.real(0), Catch::Contains("not a number"));
  CHECK_THROWS_WITH(row.real(1), Catch::Contains("NULL"));
  CHECK_THROWS_WITH(row.boolean(2), Catch::Contains("not a boolean"));
  CHECK_THROWS_WITH(row.timestamp(0), Catch::Contains("not a YYYY-MM-DD"));
  CHECK_THROWS_WITH(row.timestamp(1), Catch::Contains("NULL"));
}

} // namespace

TEST_CASE("a cursor streams every row in batches, several cursors in turns", "[pg][cursor]") {
  pg::Connection db(Cluster::instance().fresh_database(false));
  db.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  pg::Cursor evens(db, "evens", "SELECT n FROM generate_series(0, 20, 2) n ORDER BY n", 3);
  pg::Cursor odds(db, "odds", "SELECT n FROM generate_series(1, 21, 2) n ORDER BY n", 4);
  std::vector<std::int64_t> merged;
  bool more_evens = evens.next(), more_odds = odds.next();
  while (more_evens || more_odds) {
    if (more_evens && (!more_odds || evens.integer(0) < odds.integer(0))) {
      merged.push_back(evens.integer(0));
      more_evens = evens.next();
    } else {
      merged.push_back(odds.integer(0));
      more_odds = odds.next();
    }
  }
  REQUIRE(merged.size() == 22);
  for (std::size_t i = 0; i < merged.size(); ++i)
    CHECK(merged[i] == static_cast<std::int64_t>(i));
  CHECK(evens.count() == 11);
  CHECK_FALSE(evens.next()); // stays at the end
  db.rollback();
}

TEST_CASE("cursor values: text, NULL, numbers, booleans, timestamps", "[pg][cursor]") {
  pg::Connection db(Cluster::instance().fresh_database(false));
  db.exec("BEGIN");
  pg::Cursor row(db, "one", first_columns);
  REQUIRE(row.next());
  check_first_columns(row);
  // Malformed values name the cursor and column.
  CHECK_THROWS_WITH(row.integer(0), Catch::Contains("not an integer"));
  CHECK_FALSE(row.next());
  db.rollback();
}

TEST_CASE("a cursor needs a transaction and a valid query", "[pg][cursor]") {
  pg::Connection db(Cluster::instance().fresh_database(false));
  CHECK_THROWS_AS(pg::Cursor(db, "c", "SELECT 1"), pg::Error); // no transaction
  db.exec("BEGIN");
  CHECK_THROWS_WITH(pg::Cursor(db, "c", "SELECT * FROM nowhere"), Catch::Contains("nowhere"));
  db.rollback();
  db.exec("BEGIN");
  CHECK_THROWS_AS(pg::Cursor(db, "c", "SELECT 1", 0), std::invalid_argument);
  db.rollback();
}

TEST_CASE("Rows: a query's rows without a copy", "[pg][cursor]") {
  pg::Connection db(Cluster::instance().fresh_database(false));
  auto rows = db.rows("SELECT 'x', NULL UNION ALL SELECT 'y', 'z'");
  REQUIRE(rows.size() == 2);
  CHECK(rows.columns() == 2);
  CHECK(rows.text(1, 0) == "y");
  CHECK(rows.is_null(0, 1));
  auto moved = std::move(rows);
  CHECK(moved.text(1, 1) == "z");
  CHECK(rows.size() == 0); // NOLINT: moved-from is empty
  CHECK_THROWS_AS(db.rows("SELECT * FROM nowhere"), pg::Error);
}

TEST_CASE("a prefetching cursor reads the exported snapshot on its own connection",
          "[pg][cursor]") {
  const auto url = Cluster::instance().fresh_database(false);
  pg::Connection setup(url);
  setup.exec("CREATE TABLE numbers (n integer)");
  setup.exec("INSERT INTO numbers SELECT generate_series(1, 1000)");
  pg::Connection main(url);
  main.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  const auto snapshot = main.query_value("SELECT pg_export_snapshot()");
  setup.exec("INSERT INTO numbers VALUES (1001)"); // committed after the snapshot: not seen
  {
    pg::Cursor numbers(url, snapshot, "numbers", "SELECT n FROM numbers ORDER BY n", 64);
    std::int64_t expected = 0;
    while (numbers.next())
      CHECK(numbers.integer(0) == ++expected);
    CHECK(expected == 1000);
    CHECK_FALSE(numbers.next());
  }
  {
    // Left before its end: the destructor stops the fetching thread.
    pg::Cursor early(url, snapshot, "early", "SELECT n FROM numbers ORDER BY n", 8);
    REQUIRE(early.next());
    CHECK(early.integer(0) == 1);
  }
  CHECK_THROWS_AS(pg::Cursor(url, "00000003-0000001B-1", "bad", "SELECT 1"), pg::Error);
  {
    // A query error surfaces in next(), from the fetching thread.
    pg::Cursor failing(url, snapshot, "failing", "SELECT 1 / (n - 500) FROM numbers ORDER BY n",
                       10);
    CHECK_THROWS_WITH(
        [&] {
          while (failing.next()) {
          }
        }(),
        Catch::Contains("division by zero"));
  }
  main.rollback();
}

TEST_CASE("a prefetching cursor reads binary COPY values: text, NULL, numbers, booleans, "
          "timestamps",
          "[pg][cursor]") {
  const auto url = Cluster::instance().fresh_database(false);
  pg::Connection setup(url);
  setup.exec("CREATE TYPE mood AS ENUM ('calm', 'busy')");
  pg::Connection main(url);
  main.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  const auto snapshot = main.query_value("SELECT pg_export_snapshot()");
  pg::Cursor row(url, snapshot, "one",
                 std::string(first_columns) +
                     ", -7::int2, -70000::int4, "
                     "0.5::float4, false, '1999-12-31 23:59:59.999999'::timestamp, "
                     "'0001-01-01 00:00:00'::timestamp, 'infinity'::timestamp, "
                     "'{\"k\": [1, 2]}'::json, '{\"k\": [1, 2]}'::jsonb, 'busy'::mood, "
                     "'x'::varchar, now()::timestamptz");
  REQUIRE(row.next());
  check_first_columns(row);
  CHECK(row.text(1).empty());
  CHECK(row.optional_integer(2) == 42);
  CHECK(row.integer(8) == -7);
  CHECK(row.integer(9) == -70000);
  CHECK(row.real(10) == 0.5);
  CHECK_FALSE(row.boolean(11));
  CHECK(row.timestamp(12) == "1999-12-31 23:59:59.999999"); // before the binary epoch
  CHECK(row.timestamp(13) == "0001-01-01 00:00:00.000000");
  CHECK(row.text(15) == R"({"k": [1, 2]})"); // json: its text as stored
  CHECK(row.text(16) == R"({"k": [1, 2]})"); // jsonb: without its version byte
  CHECK(row.text(17) == "busy");             // enum: the label
  CHECK(row.text(18) == "x");
  // Malformed values name the cursor and column; binary values show as bytes.
  CHECK_THROWS_WITH(row.integer(0), Catch::Contains("not an integer ('a\tb')"));
  CHECK_THROWS_WITH(row.integer(3), Catch::Contains("not an integer ('\\x3fb999999999999a')"));
  CHECK_THROWS_WITH(row.real(2), Catch::Contains("not a number"));
  CHECK_THROWS_WITH(row.boolean(1), Catch::Contains("not a boolean"));
  CHECK_THROWS_WITH(row.timestamp(2), Catch::Contains("not a YYYY-MM-DD"));
  CHECK_THROWS_WITH(row.timestamp(14), Catch::Contains("not a YYYY-MM-DD")); // infinity
  CHECK_THROWS_WITH(row.timestamp(19), Catch::Contains("not a YYYY-MM-DD")); // timestamptz
  CHECK_FALSE(row.next());
  CHECK(row.count() == 1);
  CHECK(row.fetch_seconds() >= 0);
  main.rollback();
}

TEST_CASE("a prefetching cursor reads many batches and reports query errors at once",
          "[pg][cursor]") {
  const auto url = Cluster::instance().fresh_database(false);
  pg::Connection main(url);
  main.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  const auto snapshot = main.query_value("SELECT pg_export_snapshot()");
  {
    pg::Cursor rows(url, snapshot, "rows",
                    "SELECT n, repeat('x', n % 50) FROM generate_series(1, 5000) n", 7);
    std::int64_t expected = 0;
    while (rows.next()) {
      ++expected;
      CHECK(rows.integer(0) == expected);
      CHECK(rows.text(1).size() == static_cast<std::size_t>(expected % 50));
    }
    CHECK(expected == 5000);
    CHECK_FALSE(rows.next());
  }
  {
    pg::Cursor none(url, snapshot, "none", "SELECT 1 WHERE false");
    CHECK_FALSE(none.next());
    CHECK(none.count() == 0);
  }
  CHECK_THROWS_WITH(pg::Cursor(url, snapshot, "missing", "SELECT * FROM nowhere"),
                    Catch::Contains("nowhere"));
  CHECK_THROWS_AS(pg::Cursor(url, snapshot, "zero", "SELECT 1", 0), std::invalid_argument);
  main.rollback();
}
