// seed/seeder.hpp against a real PostgreSQL: counts, foreign keys, payloads
// that parse back into their DTOs, role scopes, the factor pool, and runs that
// fail midway leaving every table as it was.
#include "seed/catalog.hpp"
#include "seed/dto.hpp"
#include "seed/naming.hpp"
#include "seed/pg.hpp"
#include "seed/rows.hpp"
#include "seed/seeder.hpp"
#include "seed/tables.hpp"
#include "support/cluster.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <chrono>
#include <map>
#include <set>
#include <thread>

using namespace seed;
using seed::testing::Cluster;

namespace {

Options default_options(std::uint64_t seed = 42) {
  Options options;
  options.seed = seed;
  options.formula_version = "test-formula";
  return options;
}

std::int64_t count(pqxx::connection &c, const std::string &sql) {
  pqxx::work w(c);
  return w.exec1(sql)[0].as<std::int64_t>();
}

// One checksum per seeded table (and factors): equal before and after a
// failed run means nothing changed.
std::map<std::string, std::string> checksums(const std::string &url) {
  pqxx::connection c(url);
  pqxx::work w(c);
  std::map<std::string, std::string> sums;
  std::vector<std::string> names{"factors"};
  for (const auto *table : tables::write_order())
    names.emplace_back(table->name);
  for (const auto &name : names)
    sums[name] = w.exec1(fmt::format("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, "
                                     "'|' ORDER BY t::text)), '') FROM {} t",
                                     name))[0]
                     .as<std::string>();
  return sums;
}

} // namespace

TEST_CASE("a default run writes the planned rows into every table", "[pg][seeder]") {
  const auto url = Cluster::instance().fresh_database();
  const auto plan = Plan::make(default_options());
  const auto report = seed_database(plan, url, {});

  pqxx::connection c(url);
  const std::map<std::string, std::int64_t> expected{{"units", 5},
                                                     {"users", 42},
                                                     {"unit_users", 42},
                                                     {"year_configuration", 3},
                                                     {"carbon_projects", 5},
                                                     {"carbon_reports", 15},
                                                     {"carbon_report_modules", 120},
                                                     {"data_entries", plan.entry_count()},
                                                     {"data_entry_emissions", plan.entry_count()}};
  for (const auto &[table, rows] : expected) {
    INFO(table);
    CHECK(count(c, "SELECT count(*) FROM " + table) == rows);
  }
  CHECK(plan.entry_count() >= 700);
  CHECK(plan.entry_count() <= 900);
  REQUIRE(report.rows.size() == 9);
  for (const auto &[table, rows] : report.rows)
    CHECK(expected.at(std::string(table)) == rows);
  CHECK(report.equipment_pool_size > 0);
}

TEST_CASE("seeded rows reference each other consistently", "[pg][seeder]") {
  const auto url = Cluster::instance().fresh_database();
  seed_database(Plan::make(default_options(7)), url, {});
  pqxx::connection c(url);

  // year and unit_id of an entry come from its module's report.
  CHECK(count(c,
              "SELECT count(*) FROM data_entries e JOIN carbon_report_modules m ON m.id = "
              "e.carbon_report_module_id JOIN carbon_reports r ON r.id = m.carbon_report_id "
              "WHERE e.year IS DISTINCT FROM r.year OR e.unit_id IS DISTINCT FROM r.unit_id") == 0);
  // Each report belongs to its unit's Calculator project.
  CHECK(count(c, "SELECT count(*) FROM carbon_reports r JOIN carbon_projects p ON p.id = "
                 "r.carbon_project_id WHERE p.unit_id <> r.unit_id") == 0);
  // Every unit's principal is a member holding the principal role in that unit.
  CHECK(count(c, "SELECT count(*) FROM units u WHERE NOT EXISTS (SELECT 1 FROM unit_users uu "
                 "JOIN users s ON s.id = uu.user_id WHERE uu.unit_id = u.id AND uu.role = "
                 "'CO2_USER_PRINCIPAL' AND s.institutional_id = "
                 "u.principal_user_institutional_id)") == 0);
  // Emissions: one per entry, in the entry's own module tree.
  CHECK(count(c, "SELECT count(*) FROM data_entries e WHERE (SELECT count(*) FROM "
                 "data_entry_emissions x WHERE x.data_entry_id = e.id) <> 1") == 0);
  pqxx::work w(c);
  for (const auto &row :
       w.exec("SELECT e.data_entry_type_id, x.emission_type_id, x.scope, x.meta::text "
              "FROM data_entry_emissions x JOIN data_entries e ON e.id = x.data_entry_id")) {
    const auto &type = catalog::entry_type(row[0].as<int>());
    const auto emission = row[1].as<int>();
    INFO(type.name << " -> " << emission);
    CHECK(std::find(type.emission_types.begin(), type.emission_types.end(), emission) !=
          type.emission_types.end());
    const auto *info = catalog::find_emission_type(emission);
    REQUIRE(info != nullptr);
    CHECK(row[2].is_null() == (info->scope == 0));
    const auto meta = nlohmann::json::parse(row[3].as<std::string>());
    CHECK(meta == nlohmann::json{{"seeded", true}, {"formula_version", "test-formula"}});
  }
}

TEST_CASE("every data_entries.data parses back into its DTO and validates", "[pg][seeder]") {
  const auto url = Cluster::instance().fresh_database();
  seed_database(Plan::make(default_options(11)), url, {});
  pqxx::connection c(url);
  pqxx::work w(c);
  // The users of each unit, to check payload user references.
  std::map<int, std::set<std::string>> unit_members;
  for (const auto &row : w.exec("SELECT uu.unit_id, s.institutional_id FROM unit_users uu JOIN "
                                "users s ON s.id = uu.user_id"))
    unit_members[row[0].as<int>()].insert(row[1].as<std::string>());

  std::set<int> seen_types;
  for (const auto &row :
       w.exec("SELECT data_entry_type_id, data::text, unit_id, year FROM data_entries")) {
    const auto &type = catalog::entry_type(row[0].as<int>());
    seen_types.insert(type.id);
    const auto data = nlohmann::json::parse(row[1].as<std::string>());
    INFO(type.name << ": " << data.dump());
    const auto parsed = dto::parse(type.dto, data);
    REQUIRE(parsed.errors.empty());
    CHECK(dto::validate(*parsed.payload).empty());
    if (data.contains("user_institutional_id"))
      CHECK(unit_members[row[2].as<int>()].count(
                data["user_institutional_id"].get<std::string>()) == 1);
    if (data.contains("departure_date"))
      CHECK(data["departure_date"].get<std::string>().substr(0, 4) == row[3].as<std::string>());
  }
  CHECK(seen_types.size() == catalog::entry_types().size());
}

TEST_CASE("every roles_raw parses into one of the four scope kinds", "[pg][seeder]") {
  const auto url = Cluster::instance().fresh_database();
  seed_database(Plan::make(default_options()), url, {});
  pqxx::connection c(url);
  pqxx::work w(c);
  std::map<std::string, int> kinds;
  for (const auto &row : w.exec("SELECT roles_raw::text FROM users")) {
    const auto roles = nlohmann::json::parse(row[0].as<std::string>());
    REQUIRE(roles.is_array());
    REQUIRE(roles.size() == 1);
    const auto &role = roles[0];
    const auto &on = role.at("on");
    const auto kind = on.at("kind").get<std::string>();
    ++kinds[kind];
    if (kind == "global") {
      CHECK(role["role"] == catalog::role_superadmin.value);
      CHECK(on.size() == 1);
    } else if (kind == "affiliation") {
      CHECK(role["role"] == catalog::role_backoffice_metier.value);
      CHECK(on.at("affiliation").is_string());
    } else if (kind == "unit") {
      CHECK(role["role"] == catalog::role_principal.value);
      CHECK(on.at("institutional_id").get<std::string>().rfind("CF", 0) == 0);
    } else {
      REQUIRE(kind == "own");
      CHECK(role["role"] == catalog::role_standard.value);
      CHECK(on.at("institutional_id").get<std::string>().rfind("CF", 0) == 0);
    }
  }
  CHECK(kinds ==
        std::map<std::string, int>{{"affiliation", 1}, {"global", 1}, {"own", 35}, {"unit", 5}});
}

TEST_CASE("equipment classes come from the factor pool in either layout", "[pg][seeder]") {
  SECTION("current layout (sample factors)") {
    const auto url = Cluster::instance().fresh_database(true);
    seed_database(Plan::make(default_options()), url, {});
    pqxx::connection c(url);
    CHECK(count(c, "SELECT count(*) FROM data_entries WHERE data_entry_type_id IN (10, 11, 12)") >
          0);
    CHECK(count(c, "SELECT count(*) FROM data_entries e WHERE data_entry_type_id IN (10, 11, 12) "
                   "AND NOT EXISTS (SELECT 1 FROM factors f WHERE f.classification->>"
                   "'equipment_class' = e.data->>'equipment_class' AND f.data_entry_type_id = "
                   "e.data_entry_type_id)") == 0);
  }
  SECTION("older layout (class key, emission type 80000)") {
    const auto url = Cluster::instance().fresh_database(false);
    testing::run_command(
        fmt::format("psql {} -q -v ON_ERROR_STOP=1 -f {}/tests/fixtures/legacy_factors.sql",
                    testing::shell_quote(url), SEED_SOURCE_DIR));
    const auto report = seed_database(Plan::make(default_options()), url, {});
    CHECK(report.equipment_pool_size > 0);
    pqxx::connection c(url);
    CHECK(count(c, "SELECT count(*) FROM data_entries e WHERE data_entry_type_id IN (10, 11, 12) "
                   "AND NOT EXISTS (SELECT 1 FROM factors f WHERE f.classification->>'class' = "
                   "e.data->>'equipment_class')") == 0);
  }
  SECTION("no factors: generated words, and the run says so") {
    const auto url = Cluster::instance().fresh_database(false);
    const auto report = seed_database(Plan::make(default_options()), url, {});
    CHECK(report.equipment_pool_size == 0);
  }
}

TEST_CASE("configured years are kept and not written twice", "[pg][seeder]") {
  const auto url = Cluster::instance().fresh_database();
  {
    pqxx::connection c(url);
    pqxx::work w(c);
    w.exec("INSERT INTO year_configuration (is_started, config, year, provider, updated_at) "
           "VALUES (false, '{\"x\": 1}', 2024, 'DEFAULT', now())");
    w.commit();
  }
  const auto report = seed_database(Plan::make(default_options()), url, {});
  CHECK(report.skipped_years == std::vector<int>{2024});
  pqxx::connection c(url);
  CHECK(count(c, "SELECT count(*) FROM year_configuration") == 3);
  CHECK(count(c, "SELECT count(*) FROM year_configuration WHERE year = 2024 AND NOT is_started") ==
        1);
}

TEST_CASE("ids continue the tables' own sequences", "[pg][seeder]") {
  const auto url = Cluster::instance().fresh_database();
  seed_database(Plan::make(default_options(1)), url, {});
  // A second, non-colliding batch would need other unit codes (the operator
  // issue); here the sequences alone are checked after one run.
  pqxx::connection c(url);
  CHECK(count(c, "SELECT last_value FROM data_entries_id_seq") ==
        count(c, "SELECT max(id) FROM data_entries"));
  CHECK(count(c, "SELECT last_value FROM units_id_seq") == count(c, "SELECT max(id) FROM units"));
}

TEST_CASE("a run that fails midway leaves every table as it was", "[pg][seeder]") {
  SECTION("a factor row with an empty class") {
    const auto url = Cluster::instance().fresh_database();
    {
      pqxx::connection c(url);
      pqxx::work w(c);
      w.exec("INSERT INTO factors (emission_type_id, data_entry_type_id, classification, year) "
             "VALUES (80100, 10, '{\"equipment_class\": \"  \", \"sub_class\": null}', 2024)");
      w.commit();
    }
    const auto before = checksums(url);
    CHECK_THROWS_WITH(seed_database(Plan::make(default_options()), url, {}),
                      Catch::Contains("empty or non-text equipment_class"));
    CHECK(checksums(url) == before);
  }
  SECTION("a constraint violation reported at the end of a COPY") {
    const auto url = Cluster::instance().fresh_database();
    {
      pqxx::connection c(url);
      pqxx::work w(c);
      w.exec("ALTER TABLE data_entries ADD CONSTRAINT no_planes CHECK (data_entry_type_id <> 20)");
      w.commit();
    }
    const auto before = checksums(url);
    CHECK_THROWS_WITH(seed_database(Plan::make(default_options()), url, {}),
                      Catch::Contains("COPY into data_entries failed") &&
                          Catch::Contains("no_planes"));
    CHECK(checksums(url) == before);
  }
  SECTION("a payload that fails its DTO") {
    const auto url = Cluster::instance().fresh_database();
    const auto before = checksums(url);
    SeedSettings settings;
    settings.jobs = 2;
    settings.tamper = [](int type, dto::Payload &payload) {
      if (type == 10)
        std::get<dto::EquipmentHandlerCreate>(payload).standby_usage_hours_per_week = 169;
    };
    CHECK_THROWS_WITH(seed_database(Plan::make(default_options()), url, settings),
                      Catch::Contains("scientific (10)") &&
                          Catch::Contains("standby_usage_hours_per_week"));
    CHECK(checksums(url) == before);
  }
  SECTION("the connection is killed during the data_entries COPY") {
    const auto url = Cluster::instance().fresh_database();
    const auto before = checksums(url);
    auto options = default_options();
    options.units = 40;
    options.users = 320;
    options.entries_min = 300;
    options.entries_max = 400;
    const auto plan = Plan::make(options);
    std::atomic<bool> killed{false};
    std::thread killer([&] {
      pqxx::connection c(url);
      for (int i = 0; i < 600 && !killed; ++i) {
        pqxx::work w(c);
        const auto r =
            w.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                   "application_name = 'seed-random' AND query LIKE 'COPY data_entries%'");
        w.commit();
        if (!r.empty())
          killed = true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    });
    SeedSettings settings;
    settings.jobs = 2;
    CHECK_THROWS_AS(seed_database(plan, url, settings), pg::Error);
    killed = true;
    killer.join();
    CHECK(checksums(url) == before);
  }
}
