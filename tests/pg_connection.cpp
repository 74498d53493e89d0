// seed/pg.hpp against a real server: connection errors, queries, and the
// failure modes of COPY (bad value, wrong field count, constraint), which the
// server reports only when the COPY ends.
#include "seed/io/pg.hpp"
#include "seed/io/preflight.hpp"
#include "seed/model/tables.hpp"
#include "support/cluster.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

using namespace seed;
using seed::testing::Cluster;

namespace {

// A table of the right shape for CopySink, created in the test database.
const tables::Table &probe_table() {
  static const tables::Table table{"copy_probe", {{"id", "integer"}, {"label", "text"}}};
  return table;
}

void create_probe_table(pg::Connection &db) {
  db.exec("CREATE TABLE copy_probe (id integer PRIMARY KEY, label text NOT NULL)");
}

} // namespace

TEST_CASE("a failed connection names host, port and database, never the password", "[pg]") {
  const auto url = Cluster::instance().fresh_database(false);
  const auto bad =
      url.substr(0, url.find("@/")) + ":s3cret@/no_such_db" + url.substr(url.find('?'));
  try {
    pg::Connection db(bad);
    FAIL("connected");
  } catch (const pg::Error &e) {
    const std::string message = e.what();
    CHECK_THAT(message, Catch::Contains("no_such_db") && Catch::Contains("port") &&
                            Catch::Contains("does not exist"));
    CHECK_THAT(message, !Catch::Contains("s3cret"));
    CHECK(message.find('\n') == std::string::npos);
  }
}

TEST_CASE("exec, query and query_value", "[pg]") {
  pg::Connection db(Cluster::instance().fresh_database(false));
  CHECK(db.query_value("SELECT 40 + 2") == "42");
  const auto rows = db.query("SELECT 'a', NULL::text UNION ALL SELECT 'b', 'c'");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0][0] == std::optional<std::string>("a"));
  CHECK_FALSE(rows[0][1]);
  CHECK(db.query_value("SELECT current_setting('application_name')") == "seed-random");
  CHECK_THROWS_WITH(db.exec("SELECT * FROM nowhere"), Catch::Contains("nowhere"));
  CHECK_THROWS_WITH(db.query_value("SELECT NULL"), Catch::Contains("no value"));
}

TEST_CASE("CopySink streams rows, across message boundaries", "[pg][copy]") {
  const auto url = Cluster::instance().fresh_database(false);
  pg::Connection db(url);
  create_probe_table(db);
  pg::CopySink sink(db);
  sink.begin(probe_table());
  const std::string big(3 << 20, 'x'); // one row larger than a COPY message
  sink.write("1\tfirst\n");
  sink.write("2\t" + big + "\n");
  for (int i = 3; i < 20000; ++i)
    sink.write(std::to_string(i) + "\ttab\\there\n");
  sink.end();
  CHECK(db.query_value("SELECT count(*) FROM copy_probe") == "19999");
  CHECK(db.query_value("SELECT length(label) FROM copy_probe WHERE id = 2") ==
        std::to_string(big.size()));
  CHECK(db.query_value("SELECT label FROM copy_probe WHERE id = 3") == "tab\there");
}

TEST_CASE("COPY failures surface at end() with the table and the server's detail", "[pg][copy]") {
  const auto url = Cluster::instance().fresh_database(false);
  pg::Connection db(url);
  create_probe_table(db);
  pg::CopySink sink(db);
  const auto fails_with = [&](const std::string &rows, const char *needle) {
    sink.begin(probe_table());
    sink.write(rows);
    try {
      sink.end();
      FAIL("COPY succeeded");
    } catch (const pg::Error &e) {
      INFO(e.what());
      CHECK_THAT(e.what(),
                 Catch::Contains("COPY into copy_probe failed") && Catch::Contains(needle));
    }
  };
  fails_with("x\tlabel\n", "invalid input syntax for type integer");
  fails_with("1\ta\textra\n", "extra data");
  fails_with("1\n", "missing data");
  fails_with("1\t\\N\n", "null value");
  fails_with("1\ta\n1\tb\n", "duplicate key");
  CHECK(db.query_value("SELECT count(*) FROM copy_probe") == "0");
}

// Every wire form, through binary and text COPY: the stored rows must be equal.
TEST_CASE("binary COPY stores what COPY text stores, for every wire form", "[pg][copy]") {
  pg::Connection db(Cluster::instance().fresh_database(false));
  db.exec("CREATE TYPE mood AS ENUM ('calm', 'busy')");
  const auto columns = "(k smallint, i integer, b bigint, d double precision, f boolean, "
                       "t timestamp, tz timestamptz, v varchar, x text, j json, jb jsonb, "
                       "e mood)";
  db.exec(std::string("CREATE TABLE wire_text ") + columns);
  db.exec(std::string("CREATE TABLE wire_binary ") + columns);
  const auto table = [](std::string_view name) {
    return tables::Table{name,
                         {{"k", "smallint"},
                          {"i", "integer"},
                          {"b", "bigint"},
                          {"d", "double precision"},
                          {"f", "boolean"},
                          {"t", "timestamp without time zone"},
                          {"tz", "timestamp with time zone"},
                          {"v", "character varying"},
                          {"x", "text"},
                          {"j", "json"},
                          {"jb", "jsonb"},
                          {"e", "mood"}}};
  };
  const auto text_table = table("wire_text");
  const auto binary_table = table("wire_binary");
  const auto wires = binary_copy_columns(db, binary_table);
  REQUIRE(wires.size() == binary_table.columns.size());

  const auto encode = [](copy::RowBuffer &rows, int n) {
    rows.integer(-n);
    rows.integer(n * 100'000);
    rows.integer(std::int64_t{n} << 40);
    rows.real(n / 3.0);
    rows.boolean(n % 2 == 0);
    // 2026-12-05 14:13:00.000001 + n s; text and µs name the same instant.
    const std::int64_t micros = 1'796'479'980'000'001 + n * 1'000'000LL;
    const auto text = fmt::format("2026-12-05 14:13:{:02d}.000001", n);
    rows.timestamp(micros, text);
    rows.timestamp(micros, text + "+00");
    rows.text(fmt::format("tab\there {}", n));
    rows.text("line\nbreak é");
    rows.json(R"({"a": "x\ny", "b": [1, 2.5]})");
    rows.json(R"({"z": 1, "a": null})");
    if (n % 3 == 0)
      rows.null();
    else
      rows.text(n % 3 == 1 ? "calm" : "busy");
    rows.end_row();
  };
  copy::RowBuffer text_rows, binary_rows;
  binary_rows.use_binary(wires);
  for (int n = 0; n < 50; ++n) {
    encode(text_rows, n);
    encode(binary_rows, n);
  }
  pg::CopySink sink(db, {{&binary_table, wires}});
  CHECK(sink.binary_columns(binary_table) == wires);
  CHECK(sink.binary_columns(text_table).empty());
  sink.begin(text_table);
  sink.write(text_rows.bytes());
  sink.end();
  sink.begin(binary_table);
  // Two writes: rows of one COPY may come from several buffers.
  copy::RowBuffer first_half;
  first_half.use_binary(wires);
  for (int n = 0; n < 25; ++n)
    encode(first_half, n);
  sink.write(first_half.bytes());
  sink.write(std::string_view(binary_rows.bytes()).substr(first_half.size()));
  sink.end();
  CHECK(db.query_value("SELECT count(*) FROM wire_binary") == "50");
  // Every value's text (json as stored, timestamps and doubles as output).
  const auto digest = [&](const char *name) {
    return db.query_value(
        fmt::format("SELECT md5(string_agg(t::text, '|' ORDER BY t.i)) FROM {} t", name));
  };
  CHECK(digest("wire_binary") == digest("wire_text"));
  CHECK(db.query_value("SELECT count(*) FROM wire_binary WHERE e IS NULL") == "17");
}

TEST_CASE("binary COPY: a column type without a wire form keeps the table in text", "[pg][copy]") {
  pg::Connection db(Cluster::instance().fresh_database(false));
  db.exec("CREATE TABLE wire_numeric (id integer, amount numeric)");
  const tables::Table numeric{"wire_numeric", {{"id", "integer"}, {"amount", "numeric"}}};
  CHECK(binary_copy_columns(db, numeric).empty());
  // A wider live type is sent in its own wire form.
  db.exec("CREATE TABLE wire_wide (id bigint, doc jsonb)");
  const tables::Table wide{"wire_wide", {{"id", "integer"}, {"doc", "json"}}};
  CHECK(binary_copy_columns(db, wide) == std::vector{copy::Wire::int8, copy::Wire::jsonb});
  const tables::Table missing{"wire_wide", {{"id", "integer"}, {"gone", "json"}}};
  CHECK(binary_copy_columns(db, missing).empty());
}

TEST_CASE("binary COPY failures surface at end() with the server's detail", "[pg][copy]") {
  pg::Connection db(Cluster::instance().fresh_database(false));
  create_probe_table(db);
  const std::vector<copy::Wire> wires{copy::Wire::int4, copy::Wire::bytes};
  pg::CopySink sink(db, {{&probe_table(), wires}});
  copy::RowBuffer rows;
  rows.use_binary(wires);
  rows.integer(1);
  rows.null();
  rows.end_row();
  sink.begin(probe_table());
  sink.write(rows.bytes());
  CHECK_THROWS_WITH(sink.end(), Catch::Contains("COPY into copy_probe failed") &&
                                    Catch::Contains("null value"));
  CHECK(db.query_value("SELECT count(*) FROM copy_probe") == "0");
}

TEST_CASE("COPY into a table that is not there fails at begin()", "[pg][copy]") {
  pg::Connection db(Cluster::instance().fresh_database(false));
  pg::CopySink sink(db);
  CHECK_THROWS_WITH(sink.begin(probe_table()), Catch::Contains("copy_probe"));
}

TEST_CASE("a URL libpq cannot parse is reported without its password", "[pg]") {
  for (const auto *url :
       {"postgresql://u:Hunter2%zzSecret@/db?host=/nowhere", "postgresql://u:Hunter2Secret@[::1/db",
        "host=/nowhere password=Hunter2Secret port=notaport"}) {
    INFO(url);
    try {
      pg::Connection db(url);
      FAIL("connected");
    } catch (const pg::Error &e) {
      CHECK_THAT(e.what(), !Catch::Contains("Hunter2"));
      CHECK_THAT(e.what(), Catch::Contains("cannot connect"));
    }
  }
}
