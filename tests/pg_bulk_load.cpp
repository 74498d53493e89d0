// seed/bulk_load.hpp against a real server: FREEZE and index deferral only on
// empty tables, and an end state identical to the migration's.
#include "seed/bulk_load.hpp"
#include "seed/seeder.hpp"
#include "support/cluster.hpp"

#include <catch2/catch.hpp>

using namespace seed;
using seed::testing::Cluster;

namespace {

// Names and definitions of every index and constraint of the two big tables.
std::string catalog_state(pg::Connection &db) {
  return db.query_value(
      "SELECT string_agg(x, E'\\n' ORDER BY x) FROM ("
      "SELECT indexrelid::regclass::text || ' ' || pg_get_indexdef(indexrelid) x FROM pg_index "
      "WHERE indrelid IN ('data_entries'::regclass, 'data_entry_emissions'::regclass) UNION ALL "
      "SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid IN "
      "('data_entries'::regclass, 'data_entry_emissions'::regclass)) s");
}

std::int64_t index_count(pg::Connection &db) {
  return std::stoll(db.query_value("SELECT count(*) FROM pg_index WHERE indrelid IN "
                                   "('data_entries'::regclass, 'data_entry_emissions'::regclass)"));
}

} // namespace

TEST_CASE("empty big tables: FREEZE, indexes deferred and rebuilt identically", "[pg][bulk]") {
  pg::Connection db(Cluster::instance().fresh_database());
  const auto before = catalog_state(db);
  db.exec("BEGIN");
  const auto load = pg::BulkLoad::prepare(db, pg::defer_indexes_from_entries);
  CHECK(load.freeze());
  CHECK(load.defers_indexes());
  load.before_load(db);
  CHECK(index_count(db) == 0);
  load.after_load(db);
  CHECK(catalog_state(db) == before);
  db.exec("COMMIT");
  CHECK(catalog_state(db) == before);
}

TEST_CASE("small runs freeze but keep the indexes", "[pg][bulk]") {
  pg::Connection db(Cluster::instance().fresh_database());
  db.exec("BEGIN");
  const auto load = pg::BulkLoad::prepare(db, pg::defer_indexes_from_entries - 1);
  CHECK(load.freeze());
  CHECK_FALSE(load.defers_indexes());
  db.exec("ROLLBACK");
}

TEST_CASE("tables that hold rows are appended to with their indexes", "[pg][bulk]") {
  const auto url = Cluster::instance().fresh_database();
  Options options;
  options.seed = 4;
  seed_database(Plan::make(options), url, {});
  pg::Connection db(url);
  db.exec("BEGIN");
  const auto load = pg::BulkLoad::prepare(db, 10'000'000);
  CHECK_FALSE(load.freeze());
  CHECK_FALSE(load.defers_indexes());
  db.exec("ROLLBACK");
}

TEST_CASE("a large run into empty tables leaves the migration's indexes and keys", "[pg][bulk]") {
  const auto url = Cluster::instance().fresh_database();
  std::string before;
  {
    pg::Connection db(url);
    before = catalog_state(db);
  }
  Options options;
  options.seed = 5;
  options.entries_min = 500;
  options.entries_max = 600; // 5 x 3 x 8 x ~550 = ~66k entries: above the deferral threshold
  seed_database(Plan::make(options), url, {});
  pg::Connection db(url);
  CHECK(catalog_state(db) == before);
  CHECK(std::stoll(db.query_value("SELECT count(*) FROM data_entries")) >=
        pg::defer_indexes_from_entries);
  // The FKs were validated when recreated: no orphan could slip in.
  CHECK(db.query_value("SELECT count(*) FROM data_entry_emissions x LEFT JOIN data_entries e ON "
                       "e.id = x.data_entry_id WHERE e.id IS NULL") == "0");
}
