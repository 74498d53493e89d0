// seed/bulk_load.hpp against a real server: foreign keys and indexes deferred
// only on empty tables, primary keys kept, and an end state identical to the
// migration's.
#include "seed/cli/seeder.hpp"
#include "seed/io/bulk_load.hpp"
#include "support/cluster.hpp"

#include <algorithm>

#include <catch2/catch.hpp>

using namespace seed;
using seed::testing::Cluster;

namespace {

constexpr const char *big_tables =
    "('data_entries'::regclass, 'data_entry_emissions'::regclass, 'audit_documents'::regclass)";

// Names and definitions of every index and constraint of the big tables.
std::string catalog_state(pg::Connection &db) {
  return db.query_value(
      std::string("SELECT string_agg(x, E'\\n' ORDER BY x) FROM ("
                  "SELECT indexrelid::regclass::text || ' ' || pg_get_indexdef(indexrelid) x "
                  "FROM pg_index WHERE indrelid IN ") +
      big_tables +
      " UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint "
      "WHERE conrelid IN " +
      big_tables + ") s");
}

// Primary keys of the big tables, which every load keeps.
std::int64_t primary_key_count(pg::Connection &db) {
  return std::stoll(db.query_value(
      std::string("SELECT count(*) FROM pg_constraint WHERE contype = 'p' AND conrelid IN ") +
      big_tables));
}

std::int64_t foreign_key_count(pg::Connection &db) {
  return std::stoll(db.query_value(
      std::string("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conrelid IN ") +
      big_tables));
}

std::int64_t index_count(pg::Connection &db) {
  return std::stoll(
      db.query_value(std::string("SELECT count(*) FROM pg_index WHERE indrelid IN ") + big_tables));
}

bool deferred(const pg::BulkLoad &load, const tables::Table &table) {
  const auto &tables = load.deferred_tables();
  return std::find(tables.begin(), tables.end(), &table) != tables.end();
}

} // namespace

TEST_CASE("empty big tables: indexes and foreign keys deferred, primary keys kept, rebuilt "
          "identically",
          "[pg][bulk]") {
  pg::Connection db(Cluster::instance().fresh_database());
  const auto before = catalog_state(db);
  const auto primary_keys = primary_key_count(db);
  REQUIRE(primary_keys == 3);
  db.exec("BEGIN");
  const auto load = pg::BulkLoad::prepare(db, pg::defer_indexes_from_entries, true);
  CHECK(deferred(load, tables::data_entries()));
  CHECK(deferred(load, tables::data_entry_emissions()));
  CHECK(deferred(load, tables::audit_documents()));
  CHECK(load.defers_indexes());
  CHECK(load.truncations() ==
        std::vector<std::string>{"TRUNCATE data_entries, data_entry_emissions",
                                 "TRUNCATE audit_documents"});
  load.before_load(db);
  // Only the indexes behind the primary keys are left.
  CHECK(index_count(db) == primary_keys);
  CHECK(primary_key_count(db) == primary_keys);
  CHECK(foreign_key_count(db) == 0);
  load.after_load(db);
  CHECK(catalog_state(db) == before);
  db.exec("COMMIT");
  CHECK(catalog_state(db) == before);
}

TEST_CASE("small runs keep the indexes and re-add the foreign keys", "[pg][bulk]") {
  pg::Connection db(Cluster::instance().fresh_database());
  const auto before = catalog_state(db);
  const auto indexes = index_count(db);
  db.exec("BEGIN");
  const auto load = pg::BulkLoad::prepare(db, pg::defer_indexes_from_entries - 1, true);
  CHECK(load.deferred_tables().size() == 3);
  CHECK_FALSE(load.defers_indexes());
  CHECK(load.truncations().empty());
  load.before_load(db);
  CHECK(index_count(db) == indexes);
  CHECK(foreign_key_count(db) == 0);
  load.after_load(db);
  CHECK(catalog_state(db) == before);
  db.exec("ROLLBACK");
}

TEST_CASE("an audit table with other entities' documents is appended to", "[pg][bulk]") {
  pg::Connection db(Cluster::instance().fresh_database());
  db.exec("INSERT INTO audit_documents (entity_type, entity_id, version, is_current, change_type, "
          "changed_at, handler_id, ip_address, current_hash) "
          "VALUES ('User', 1, 1, true, 'CREATE', now(), 'USR000000', '127.0.0.1', 'h')");
  db.exec("BEGIN");
  const auto load = pg::BulkLoad::prepare(db, pg::defer_indexes_from_entries, true);
  CHECK(deferred(load, tables::data_entries()));
  CHECK_FALSE(deferred(load, tables::audit_documents()));
  CHECK(load.truncations() ==
        std::vector<std::string>{"TRUNCATE data_entries, data_entry_emissions"});
  load.before_load(db);
  // Only the entries' group was stripped of its indexes.
  CHECK(db.query_value("SELECT count(*) FROM audit_documents") == "1");
  CHECK(std::stoll(db.query_value("SELECT count(*) FROM pg_index WHERE indrelid = "
                                  "'audit_documents'::regclass")) == 6);
  db.exec("ROLLBACK");
  // --no-audit leaves the table alone.
  db.exec("BEGIN");
  CHECK(pg::BulkLoad::prepare(db, 1, false).deferred_tables().size() == 2);
  db.exec("ROLLBACK");
}

TEST_CASE("a table referencing the entries keeps them from being truncated", "[pg][bulk]") {
  pg::Connection db(Cluster::instance().fresh_database());
  db.exec("CREATE TABLE entry_notes (entry_id integer REFERENCES data_entries (id))");
  db.exec("BEGIN");
  const auto load = pg::BulkLoad::prepare(db, pg::defer_indexes_from_entries, true);
  CHECK(deferred(load, tables::data_entries()));
  CHECK(load.defers_indexes());
  CHECK(load.truncations() == std::vector<std::string>{"TRUNCATE audit_documents"});
  load.before_load(db); // a TRUNCATE of data_entries would fail here
  load.after_load(db);
  db.exec("ROLLBACK");
}

TEST_CASE("tables that hold rows are appended to with their indexes", "[pg][bulk]") {
  const auto url = Cluster::instance().fresh_database();
  Options options;
  options.seed = 4;
  seed_database(Plan::make(options), url, {});
  pg::Connection db(url);
  db.exec("BEGIN");
  const auto load = pg::BulkLoad::prepare(db, 10'000'000, true);
  CHECK(load.deferred_tables().empty());
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
  // Truncated first, so COPY skipped the free-space map: rows lie in id order.
  for (const auto *table : {"data_entries", "data_entry_emissions", "audit_documents"}) {
    INFO(table);
    CHECK(db.query_value(std::string("SELECT count(*) FROM (SELECT id, lag(id) OVER (ORDER BY "
                                     "ctid) AS previous FROM ") +
                         table + ") s WHERE previous > id") == "0");
  }
  // The FKs were validated when recreated: no orphan could slip in.
  CHECK(db.query_value("SELECT count(*) FROM data_entry_emissions x LEFT JOIN data_entries e ON "
                       "e.id = x.data_entry_id WHERE e.id IS NULL") == "0");
}
