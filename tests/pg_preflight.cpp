// seed/preflight.hpp against a real server: the bundled schema fits; each
// kind of drift is named with what was expected and what was found.
#include "seed/io/preflight.hpp"
#include "support/cluster.hpp"

#include <catch2/catch.hpp>

using namespace seed;
using seed::testing::Cluster;

namespace {

std::vector<Drift> drift_after(const std::string &sql) {
  pg::Connection db(Cluster::instance().fresh_database());
  if (!sql.empty())
    db.exec(sql);
  return find_schema_drift(db);
}

bool has(const std::vector<Drift> &drifts, const std::string &where, const std::string &expected,
         const std::string &found) {
  for (const auto &d : drifts)
    if (d.where == where && d.expected.find(expected) != std::string::npos &&
        d.found.find(found) != std::string::npos)
      return true;
  return false;
}

} // namespace

TEST_CASE("preflight: the bundled schema fits", "[pg][preflight]") {
  CHECK(drift_after("").empty());
}

TEST_CASE("preflight: extra columns and tables are fine", "[pg][preflight]") {
  CHECK(drift_after("ALTER TABLE units ADD COLUMN nickname text; CREATE TABLE extra (x int); "
                    "ALTER TABLE data_entries ADD COLUMN note text DEFAULT 'x' NOT NULL")
            .empty());
}

TEST_CASE("preflight: compatible wider types are fine", "[pg][preflight]") {
  CHECK(drift_after("ALTER TABLE units ALTER COLUMN name TYPE text; "
                    "ALTER TABLE data_entries ALTER COLUMN data TYPE jsonb USING data::jsonb")
            .empty());
}

TEST_CASE("preflight: each drift is named", "[pg][preflight]") {
  CHECK(
      has(drift_after("ALTER TABLE units DROP COLUMN level"), "units.level", "integer", "missing"));
  CHECK(has(drift_after("ALTER TABLE data_entries ALTER COLUMN year TYPE text"),
            "data_entries.year", "integer", "text"));
  CHECK(has(drift_after("ALTER TYPE dataentrystatusenum RENAME VALUE 'REJECTED' TO 'DENIED'"),
            "dataentrystatusenum", "label REJECTED", "missing"));
  CHECK(has(drift_after("ALTER TABLE users ADD COLUMN tenant integer NOT NULL"), "users.tenant",
            "default", "NOT NULL without default"));
  CHECK(
      has(drift_after("DROP TABLE year_configuration"), "year_configuration", "table", "missing"));
  CHECK(has(drift_after("ALTER TABLE carbon_reports ALTER COLUMN id DROP DEFAULT; "
                        "DROP SEQUENCE carbon_reports_id_seq"),
            "carbon_reports.id", "sequence", "none"));
  CHECK(has(drift_after("ALTER TABLE factors DROP COLUMN classification"), "factors.classification",
            "jsonb", "missing"));
}

TEST_CASE("preflight: the reference tables are checked when present", "[pg][preflight]") {
  // Missing: fine (their formulas then find nothing; the run warns).
  CHECK(drift_after("DROP TABLE locations; DROP TABLE building_rooms").empty());
  // Present: every column a run writes into an empty one, and its enum labels.
  CHECK(has(drift_after("ALTER TABLE locations ADD COLUMN x int NOT NULL"), "locations.x",
            "default", "NOT NULL without default"));
  CHECK(has(drift_after("ALTER TABLE building_rooms DROP COLUMN room_type"),
            "building_rooms.room_type", "character varying", "missing"));
  CHECK(has(drift_after("ALTER TABLE locations ALTER COLUMN latitude TYPE text"),
            "locations.latitude", "double precision", "text"));
  CHECK(has(drift_after("ALTER TYPE transportmodeenum RENAME VALUE 'train' TO 'rail'"),
            "transportmodeenum", "label train", "missing"));
  // --sample-factors inserts into factors: a NOT NULL column it does not fill is drift.
  CHECK(has(drift_after("ALTER TABLE factors ADD COLUMN source text NOT NULL DEFAULT 'csv'; "
                        "ALTER TABLE factors ALTER COLUMN source DROP DEFAULT"),
            "factors.source", "default", "NOT NULL without default"));
}

TEST_CASE("preflight: check_schema throws one line naming every drift", "[pg][preflight]") {
  pg::Connection db(Cluster::instance().fresh_database());
  db.exec("ALTER TABLE units DROP COLUMN level; ALTER TABLE users DROP COLUMN email");
  try {
    check_schema(db);
    FAIL("no drift found");
  } catch (const SchemaDrift &e) {
    CHECK(e.drifts().size() == 2);
    const std::string message = e.what();
    CHECK_THAT(message, Catch::Contains("units.level") && Catch::Contains("users.email"));
    CHECK(message.find('\n') == std::string::npos);
  }
}

TEST_CASE("preflight: type compatibility rules", "[preflight]") {
  CHECK(compatible_types("integer", "integer"));
  CHECK(compatible_types("integer", "bigint"));
  CHECK_FALSE(compatible_types("integer", "smallint"));
  CHECK(compatible_types("character varying", "text"));
  CHECK_FALSE(compatible_types("character varying", "integer"));
  CHECK(compatible_types("json", "jsonb"));
  CHECK_FALSE(compatible_types("timestamp with time zone", "timestamp without time zone"));
}

TEST_CASE("preflight: the audit table, its columns and enum labels, unless --no-audit",
          "[pg][preflight]") {
  pg::Connection db(Cluster::instance().fresh_database());
  db.exec("ALTER TABLE carbon_report_modules DROP COLUMN stats");
  db.exec("ALTER TABLE audit_documents RENAME COLUMN handled_ids TO handled_it");
  db.exec("ALTER TYPE sync_status_enum RENAME VALUE 'PENDING' TO 'QUEUED'");
  auto drifts = find_schema_drift(db, true);
  CHECK(has(drifts, "carbon_report_modules.stats", "json", "missing"));
  CHECK(has(drifts, "audit_documents.handled_ids", "json", "missing"));
  CHECK(has(drifts, "sync_status_enum", "label PENDING", "missing"));
  // Without audit documents only the stats column is missing.
  drifts = find_schema_drift(db, false);
  REQUIRE(drifts.size() == 1);
  CHECK(drifts[0].where == "carbon_report_modules.stats");

  db.exec("DROP TABLE audit_documents");
  drifts = find_schema_drift(db, true);
  CHECK(has(drifts, "audit_documents", "--no-audit", "missing"));
  CHECK(find_schema_drift(db, false).size() == 1);
}
