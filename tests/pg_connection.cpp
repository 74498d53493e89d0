// seed/pg.hpp against a real server: connection errors, queries, and the
// failure modes of COPY (bad value, wrong field count, constraint), which the
// server reports only when the COPY ends.
#include "seed/io/pg.hpp"
#include "seed/model/tables.hpp"
#include "support/cluster.hpp"

#include <catch2/catch.hpp>

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
