// seed/seeder.hpp against a real PostgreSQL: counts, foreign keys, payloads
// that parse back into their DTOs, role scopes, the factor pool, computed and
// placeholder emissions (emissions.md §1-§3), --sample-factors, the reference
// rows (locations, building_rooms), and runs that fail midway leaving every
// table as it was.
#include "seed/cli/seeder.hpp"
#include "seed/generate/fake.hpp"
#include "seed/generate/rows.hpp"
#include "seed/generate/sample_factor_set.hpp"
#include "seed/io/pg.hpp"
#include "seed/model/catalog.hpp"
#include "seed/model/dto.hpp"
#include "seed/model/naming.hpp"
#include "seed/model/tables.hpp"
#include "support/cluster.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <thread>
#include <vector>

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

// One checksum per seeded table (and factors and the reference tables a
// computed run fills): equal before and after a failed run means nothing
// changed.
std::map<std::string, std::string> checksums(const std::string &url) {
  pqxx::connection c(url);
  pqxx::work w(c);
  std::map<std::string, std::string> sums;
  std::vector<std::string> names{"factors", "locations", "building_rooms"};
  for (const auto *table : tables::write_order())
    names.emplace_back(table->name);
  for (const auto &name : names)
    sums[name] = w.exec1(fmt::format("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, "
                                     "'|' ORDER BY t::text)), '') FROM {} t",
                                     name))[0]
                     .as<std::string>();
  return sums;
}

std::optional<int> optional_int(const pqxx::field &field) {
  return field.is_null() ? std::nullopt : std::optional<int>(field.as<int>());
}

std::optional<double> optional_double(const pqxx::field &field) {
  return field.is_null() ? std::nullopt : std::optional<double>(field.as<double>());
}

nlohmann::json json_or_null(const pqxx::field &field) {
  return field.is_null() ? nlohmann::json() : nlohmann::json::parse(field.as<std::string>());
}

// Rows of `table` in a report's RowCounts (0 when the table is not listed).
std::int64_t rows_of(const RowCounts &counts, std::string_view table) {
  for (const auto &[name, rows] : counts)
    if (name == table)
      return rows;
  return 0;
}

std::string year_list(const std::vector<int> &years) {
  return fmt::format("{}", fmt::join(years, ", "));
}

// --- What the application computes per entry (emissions.md §1-§3) ---

// Entry types whose module handler has a kind field: their payloads carry
// primary_factor_id, the linked factor or null (emissions.md §2.3).
const std::set<int> strategy_a_types{10, 11, 12, 20, 30, 31, 40, 41, 50, 60,
                                     61, 62, 63, 64, 65, 66, 67, 70, 71};
// Entry types whose rows carry additional_value (key-based formulas, §3.1).
const std::set<int> additional_value_types{1, 2, 20, 21};

// The rollup emission type of an entry type, 0 when it has none (§1.2).
int rollup_type_of(int entry_type) {
  return entry_type == 1 || entry_type == 2 ? 40000 : entry_type == 30 ? 60100 : 0;
}

// Context keys a handler's pre-computation adds to the meta (§3.2).
std::set<std::string> precomputed_keys(int entry_type) {
  switch (entry_type) {
  case 20:
    return {"distance_one_trip_km", "haul_category", "distance_km"};
  case 21:
    return {"distance_one_trip_km", "distance_km", "country_code"};
  case 30:
    return {"room_surface_square_meter", "emission_type"};
  default:
    return {};
  }
}

// xx of the building energy leaves 601yyxx (§1.1).
int room_type_index(const std::string &room_type) {
  static const std::vector<std::string> order{"office",    "laboratories", "archives",
                                              "libraries", "auditoriums",  "miscellaneous"};
  const auto it = std::find(order.begin(), order.end(), room_type);
  return it == order.end() ? 0 : static_cast<int>(it - order.begin()) + 1;
}

bool has_children(int emission_type) {
  const auto &all = catalog::emission_types();
  return std::any_of(all.begin(), all.end(),
                     [&](const auto &type) { return type.parent == emission_type; });
}

// The entry type's leaf types or one of their ancestors (fallback parents
// such as 60200, 90900, 100200).
bool in_entry_tree(const catalog::EntryType &type, int emission_type) {
  return std::any_of(type.emission_types.begin(), type.emission_types.end(), [&](int leaf) {
    return catalog::emission_type_is_under(leaf, emission_type);
  });
}

struct FactorRow {
  int entry_type = 0;
  std::optional<int> year;
  int emission_type = 0;
  nlohmann::json classification;
  nlohmann::json values;
};

struct EmissionRow {
  int emission_type = 0;
  std::optional<int> factor;
  double kg = 0;
  std::optional<double> additional_value;
  std::optional<int> scope;
  nlohmann::ordered_json meta; // key order as stored (meta is json, not jsonb)
};

struct EntryRow {
  int type = 0;
  int year = 0;
  nlohmann::ordered_json data;
  std::vector<EmissionRow> leaves;  // rows computed from one factor each
  std::vector<EmissionRow> rollups; // rows typed with the entry type's rollup type
};

struct SeededRows {
  std::map<int, FactorRow> factors;
  std::map<int, EntryRow> entries;
};

SeededRows read_seeded_rows(const std::string &url) {
  SeededRows seeded;
  pqxx::connection c(url);
  pqxx::work w(c);
  for (const auto &row : w.exec("SELECT id, data_entry_type_id, year, emission_type_id, "
                                "classification::text, \"values\"::text FROM factors"))
    seeded.factors[row[0].as<int>()] =
        FactorRow{row[1].as<int>(), optional_int(row[2]), row[3].as<int>(), json_or_null(row[4]),
                  json_or_null(row[5])};
  for (const auto &row :
       w.exec("SELECT id, data_entry_type_id, year, data::text FROM data_entries")) {
    auto &entry = seeded.entries[row[0].as<int>()];
    entry.type = row[1].as<int>();
    entry.year = row[2].as<int>();
    entry.data = nlohmann::ordered_json::parse(row[3].as<std::string>());
  }
  for (const auto &row :
       w.exec("SELECT data_entry_id, emission_type_id, primary_factor_id, kg_co2eq, "
              "additional_value, scope, meta::text FROM data_entry_emissions ORDER BY id")) {
    auto &entry = seeded.entries.at(row[0].as<int>());
    EmissionRow emission{row[1].as<int>(),        optional_int(row[2]), row[3].as<double>(),
                         optional_double(row[4]), optional_int(row[5]), {}};
    if (!row[6].is_null())
      emission.meta = nlohmann::ordered_json::parse(row[6].as<std::string>());
    (emission.emission_type == rollup_type_of(entry.type) ? entry.rollups : entry.leaves)
        .push_back(std::move(emission));
  }
  return seeded;
}

// Ids of the factors of (entry type, year) that pass `keep`.
template <typename Keep>
std::set<int> factor_ids(const SeededRows &seeded, int entry_type, int year, Keep keep) {
  std::set<int> ids;
  for (const auto &[id, factor] : seeded.factors)
    if (factor.entry_type == entry_type && factor.year == year && keep(factor))
      ids.insert(id);
  return ids;
}

// Factors of (entry type, year) whose classification `key` equals `value`.
std::set<int> factor_ids_where(const SeededRows &seeded, int entry_type, int year,
                               const std::string &key, const nlohmann::json &value) {
  return factor_ids(seeded, entry_type, year, [&](const FactorRow &factor) {
    return factor.classification.is_object() && factor.classification.contains(key) &&
           factor.classification.at(key) == value;
  });
}

// The factors a Strategy B query returns for the entry (§2.4): one leaf row
// each. nullopt for Strategy A types.
std::optional<std::set<int>> strategy_b_factors(const SeededRows &seeded, const EntryRow &entry) {
  const auto &data = entry.data;
  switch (entry.type) {
  case 1:
  case 2:
    // Every factor of the type and year typed with a leaf under the three roots.
    return factor_ids(seeded, entry.type, entry.year, [](const FactorRow &factor) {
      return !has_children(factor.emission_type) &&
             (catalog::emission_type_is_under(factor.emission_type, 10000) ||
              catalog::emission_type_is_under(factor.emission_type, 20000) ||
              catalog::emission_type_is_under(factor.emission_type, 30000));
    });
  case 20: {
    // Haul band from the pre-computation (in the meta) and the cabin class as stored.
    if (entry.leaves.empty() || !entry.leaves.front().meta.contains("haul_category"))
      return std::set<int>{};
    const auto band = nlohmann::json::parse(entry.leaves.front().meta.at("haul_category").dump());
    auto ids = factor_ids_where(seeded, 20, entry.year, "category", band);
    const auto cabin = nlohmann::json::parse(data.at("cabin_class").dump());
    std::erase_if(ids, [&](int id) {
      return seeded.factors.at(id).classification.value("cabin_class", nlohmann::json()) != cabin;
    });
    return ids;
  }
  case 21: {
    // Country from the pre-computation, then the RoW fallback.
    if (entry.leaves.empty() || !entry.leaves.front().meta.contains("country_code"))
      return std::set<int>{};
    const auto country = nlohmann::json::parse(entry.leaves.front().meta.at("country_code").dump());
    auto ids = factor_ids_where(seeded, 21, entry.year, "country_code", country);
    return ids.empty() ? factor_ids_where(seeded, 21, entry.year, "country_code", "RoW") : ids;
  }
  case 32: {
    // The entry's building, then the `default` fallback.
    const auto building = data.contains("building_name") && !data.at("building_name").is_null()
                              ? data.at("building_name").get<std::string>()
                              : std::string("default");
    auto ids = factor_ids_where(seeded, 32, entry.year, "building_name", building);
    return ids.empty() ? factor_ids_where(seeded, 32, entry.year, "building_name", "default") : ids;
  }
  default:
    return std::nullopt;
  }
}

// meta of a leaf row: {"factors_used": [{"id", "values"}], "quantity",
// "quantity_unit", <payload keys in payload order>, <pre-computed keys>,
// "_year"}; later keys overwrite earlier ones in place (§3.1).
void check_computed_meta(const EntryRow &entry, const EmissionRow &row, int factor_id,
                         const FactorRow &factor) {
  const auto &meta = row.meta;
  REQUIRE(meta.is_object());
  CHECK_FALSE(meta.contains("seeded"));
  CHECK_FALSE(meta.contains("formula_version"));
  std::vector<std::string> keys;
  for (const auto &item : meta.items())
    keys.push_back(item.key());
  const std::vector<std::string> head{"factors_used", "quantity", "quantity_unit"};
  std::vector<std::string> payload_keys;
  for (const auto &item : entry.data.items())
    if (std::find(head.begin(), head.end(), item.key()) == head.end())
      payload_keys.push_back(item.key());
  std::set<std::string> added;
  for (const auto &key : precomputed_keys(entry.type))
    if (!entry.data.contains(key))
      added.insert(key);
  REQUIRE(keys.size() == head.size() + payload_keys.size() + added.size() + 1);
  CHECK(std::vector<std::string>(keys.begin(), keys.begin() + 3) == head);
  CHECK(std::vector<std::string>(keys.begin() + 3, keys.begin() + 3 + payload_keys.size()) ==
        payload_keys);
  CHECK(std::set<std::string>(keys.begin() + 3 + payload_keys.size(), keys.end() - 1) == added);
  CHECK(keys.back() == "_year");

  for (const auto *key : {"factors_used", "quantity", "quantity_unit", "_year"})
    REQUIRE(meta.contains(key));
  CHECK(meta.at("_year") == entry.year);
  for (const auto &item : entry.data.items()) {
    INFO("payload key " << item.key());
    CHECK((meta.contains(item.key()) && meta.at(item.key()) == item.value()));
  }
  const auto factors_used = nlohmann::json::parse(meta.at("factors_used").dump());
  CHECK(factors_used ==
        nlohmann::json::array({nlohmann::json{{"id", factor_id}, {"values", factor.values}}}));
  if (!entry.data.contains("quantity_unit"))
    CHECK(nlohmann::json::parse(meta.at("quantity_unit").dump()) ==
          (factor.values.is_object() ? factor.values.value("unit", nlohmann::json())
                                     : nlohmann::json()));
  if (additional_value_types.count(entry.type) != 0) {
    // The key-based quantity, which is also the row's additional_value.
    REQUIRE(meta.at("quantity").is_number());
    REQUIRE(row.additional_value.has_value());
    CHECK(meta.at("quantity").get<double>() == Approx(*row.additional_value).epsilon(1e-12));
  } else if (!entry.data.contains("quantity")) {
    CHECK(meta.at("quantity").is_null());
  }
}

// Every entry against what the application would have written for it from
// the factors in the database (emissions.md §1-§3). Returns the number of
// emission rows read.
std::int64_t check_computed_emissions(const std::string &url) {
  const auto seeded = read_seeded_rows(url);
  REQUIRE_FALSE(seeded.entries.empty());
  std::int64_t rows = 0;
  std::set<int> types_seen;
  for (const auto &[id, entry] : seeded.entries) {
    const auto &type = catalog::entry_type(entry.type);
    INFO(type.name << " entry " << id << " (" << entry.year << "): " << entry.data.dump());
    types_seen.insert(entry.type);
    rows += static_cast<std::int64_t>(entry.leaves.size() + entry.rollups.size());
    // (a) Every entry type is backed by a factor: every entry gets rows.
    CHECK_FALSE(entry.leaves.empty());

    // The Strategy A link: present exactly for the handlers with a kind
    // field; null for planes (Strategy B); else the factor the rows use.
    const bool strategy_a = strategy_a_types.count(entry.type) != 0;
    CHECK(entry.data.contains("primary_factor_id") == strategy_a);
    std::optional<int> link;
    if (strategy_a && entry.data.contains("primary_factor_id") &&
        !entry.data.at("primary_factor_id").is_null())
      link = entry.data.at("primary_factor_id").get<int>();
    if (strategy_a)
      CHECK(link.has_value() == (entry.type != 20));

    std::set<int> used;
    std::vector<int> leaf_types;
    double leaf_sum = 0;
    for (const auto &row : entry.leaves) {
      INFO("emission type " << row.emission_type << ", meta " << row.meta.dump());
      leaf_types.push_back(row.emission_type);
      leaf_sum += row.kg;
      // (c) In the entry's module tree, with the written type's scope.
      CHECK(in_entry_tree(type, row.emission_type));
      const auto *info = catalog::find_emission_type(row.emission_type);
      REQUIRE(info != nullptr);
      CHECK(row.scope == (info->scope == 0 ? std::nullopt : std::optional<int>(info->scope)));
      CHECK(row.kg >= 0);
      CHECK(row.additional_value.has_value() == (additional_value_types.count(entry.type) != 0));
      // (b) The factor: the entry's type and year; the linked one if any.
      if (!row.factor) {
        FAIL_CHECK("a leaf row without primary_factor_id");
        continue;
      }
      used.insert(*row.factor);
      const auto found = seeded.factors.find(*row.factor);
      REQUIRE(found != seeded.factors.end());
      const auto &factor = found->second;
      CHECK(factor.year == std::optional<int>(entry.year));
      CHECK(factor.entry_type == entry.type);
      if (link)
        CHECK(*row.factor == *link);
      // A headcount row takes its factor's (deeper) leaf type.
      if (entry.type == 1 || entry.type == 2)
        CHECK(row.emission_type == factor.emission_type);
      // (e) The application's meta.
      check_computed_meta(entry, row, *row.factor, factor);
    }

    // Rows per entry: one per factor of the Strategy B query; the fixed
    // lists of Strategy A types.
    if (const auto expected = strategy_b_factors(seeded, entry)) {
      CHECK(used == *expected);
      CHECK(entry.leaves.size() == expected->size());
    } else if (entry.type == 30) {
      std::vector<int> expected;
      const int room = room_type_index(entry.data.at("room_type").get<std::string>());
      for (int energy = 1; energy <= 5; ++energy)
        expected.push_back((60100 + energy) * 100 + room);
      CHECK(std::multiset<int>(leaf_types.begin(), leaf_types.end()) ==
            std::multiset<int>(expected.begin(), expected.end()));
    } else if (entry.type == 41) {
      CHECK(std::multiset<int>(leaf_types.begin(), leaf_types.end()) ==
            std::multiset<int>{110201, 110202, 110203, 110204, 110205, 110206});
      for (const auto &row : entry.leaves)
        CHECK(row.kg == entry.leaves.front().kg);
    } else {
      CHECK(entry.leaves.size() == 1);
    }

    // (d) Rollups: member, student, building, when more than one leaf row.
    const int rollup = rollup_type_of(entry.type);
    CHECK(entry.rollups.size() == (rollup != 0 && entry.leaves.size() > 1 ? 1U : 0U));
    for (const auto &row : entry.rollups) {
      INFO("rollup meta " << row.meta.dump());
      CHECK(row.kg == Approx(leaf_sum).epsilon(1e-9));
      CHECK_FALSE(row.scope.has_value());
      CHECK_FALSE(row.additional_value.has_value());
      CHECK(row.meta == nlohmann::ordered_json{{"is_rollup", true}});
      CHECK(row.factor == (used.empty() ? std::nullopt : std::optional<int>(*used.begin())));
    }
  }
  CHECK(types_seen.size() == catalog::entry_types().size());
  return rows;
}

// Placeholder rows: one per entry, typed inside the entry's own leaf list,
// no factor, meta {"seeded": true, "formula_version": ...}.
void check_placeholder_emissions(const std::string &url, const std::string &formula_version) {
  pqxx::connection c(url);
  CHECK(count(c, "SELECT count(*) FROM data_entries e WHERE (SELECT count(*) FROM "
                 "data_entry_emissions x WHERE x.data_entry_id = e.id) <> 1") == 0);
  CHECK(count(c, "SELECT count(*) FROM data_entry_emissions WHERE primary_factor_id IS NOT "
                 "NULL") == 0);
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
    CHECK(meta == nlohmann::json{{"seeded", true}, {"formula_version", formula_version}});
  }
}

// Building names of the building factors of `years` (the rooms a computed
// run adds are for these).
std::set<std::string> factor_buildings(pqxx::connection &c, const std::vector<int> &years) {
  pqxx::work w(c);
  std::set<std::string> names;
  for (const auto &row : w.exec(fmt::format(
           "SELECT DISTINCT classification->>'building_name' FROM factors WHERE "
           "data_entry_type_id = 30 AND year IN ({}) AND classification->>'building_name' IS "
           "NOT NULL",
           year_list(years))))
    names.insert(row[0].as<std::string>());
  return names;
}

} // namespace

TEST_CASE("a default run writes the planned rows into every table", "[pg][seeder]") {
  const auto url = Cluster::instance().fresh_database();
  const auto plan = Plan::make(default_options());
  const auto report = seed_database(plan, url, {});

  pqxx::connection c(url);
  // Computed emissions: zero or more rows per entry, as many as the run reports.
  const auto emissions = rows_of(report.rows, "data_entry_emissions");
  const std::map<std::string, std::int64_t> expected{{"units", 5},
                                                     {"users", 42},
                                                     {"unit_users", 42},
                                                     {"year_configuration", 3},
                                                     {"carbon_projects", 5},
                                                     {"carbon_reports", 15},
                                                     {"carbon_report_modules", 120},
                                                     {"data_entries", plan.entry_count()},
                                                     {"data_entry_emissions", emissions},
                                                     {"audit_documents", plan.entry_count()}};
  for (const auto &[table, rows] : expected) {
    INFO(table);
    CHECK(count(c, "SELECT count(*) FROM " + table) == rows);
  }
  CHECK(plan.entry_count() >= 700);
  CHECK(plan.entry_count() <= 900);
  // The sample factors back every entry type: at least one row per entry.
  CHECK(report.emissions == EmissionMode::computed);
  CHECK(emissions >= plan.entry_count());
  REQUIRE(report.rows.size() == 10);
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
  // Emissions belong to entries of the same run, and their factors to the
  // entry's year (the rows themselves: the computed-emissions cases below).
  CHECK(count(c, "SELECT count(*) FROM data_entry_emissions x JOIN data_entries e ON e.id = "
                 "x.data_entry_id JOIN factors f ON f.id = x.primary_factor_id WHERE f.year IS "
                 "DISTINCT FROM e.year") == 0);
  CHECK(count(c, "SELECT count(*) FROM data_entries e WHERE NOT EXISTS (SELECT 1 FROM "
                 "data_entry_emissions x WHERE x.data_entry_id = e.id)") == 0);
}

TEST_CASE("--emissions placeholder: one row per entry in its leaf list, meta marked seeded",
          "[pg][seeder][emissions]") {
  const auto url = Cluster::instance().fresh_database();
  auto options = default_options(7);
  options.emissions = EmissionMode::placeholder;
  const auto plan = Plan::make(options);
  const auto report = seed_database(plan, url, {});
  CHECK(report.emissions == EmissionMode::placeholder);
  CHECK(rows_of(report.rows, "data_entry_emissions") == plan.entry_count());
  check_placeholder_emissions(url, "test-formula");
  // Placeholder rows need no reference rows: none are added.
  CHECK(report.reference_rows.empty());
  pqxx::connection c(url);
  CHECK(count(c, "SELECT count(*) FROM locations") == 0);
  CHECK(count(c, "SELECT count(*) FROM building_rooms") == 0);
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
  std::map<int, std::string> unit_codes;
  for (const auto &row : w.exec("SELECT id, institutional_code FROM units"))
    unit_codes[row[0].as<int>()] = row[1].as<std::string>();

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
    // A traveller is a user of the unit; a member may also be one of its
    // further lab members (roster.hpp), "<unit code>-M<n>".
    if (data.contains("user_institutional_id")) {
      const auto id = data["user_institutional_id"].get<std::string>();
      const bool lab_member = type.id == 1 && id.rfind(unit_codes[row[2].as<int>()] + "-M", 0) == 0;
      CHECK((unit_members[row[2].as<int>()].count(id) == 1 || lab_member));
    }
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

TEST_CASE("ids beyond the 32-bit column fail before any sequence is moved past it",
          "[pg][seeder]") {
  const auto url = Cluster::instance().fresh_database();
  {
    pqxx::connection c(url);
    pqxx::nontransaction(c).exec("SELECT setval('data_entries_id_seq', 2147483000)");
  }
  CHECK_THROWS_WITH(seed_database(Plan::make(default_options(1)), url, {}),
                    Catch::Contains("data_entries would need ids up to") &&
                        Catch::Contains("beyond the 32-bit id column"));
  pqxx::connection c(url);
  CHECK(count(c, "SELECT count(*) FROM units") == 0);
  // One nextval each (sequences do not roll back), no setval.
  CHECK(count(c, "SELECT last_value FROM data_entries_id_seq") == 2147483001);
  CHECK(count(c, "SELECT last_value FROM units_id_seq") == 1);
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
  SECTION("--sample-factors, then a constraint violation: the factors are not kept either") {
    const auto url = Cluster::instance().fresh_database(false);
    {
      pqxx::connection c(url);
      pqxx::work w(c);
      w.exec("ALTER TABLE data_entries ADD CONSTRAINT no_planes CHECK (data_entry_type_id <> 20)");
      w.commit();
    }
    const auto before = checksums(url);
    SeedSettings settings;
    settings.sample_factors = true;
    CHECK_THROWS_WITH(seed_database(Plan::make(default_options()), url, settings),
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

TEST_CASE("computed emissions: every entry gets the rows the application would compute",
          "[pg][seeder][emissions]") {
  // schema.sql + sample_factors.sql: factors for all 23 entry types, 2023-2025.
  const auto url = Cluster::instance().fresh_database();
  const auto plan = Plan::make(default_options(19));
  const auto report = seed_database(plan, url, {});
  CHECK(report.emissions == EmissionMode::computed);
  CHECK(report.sample_factors_added == 0);
  const auto rows = check_computed_emissions(url);
  CHECK(rows == rows_of(report.rows, "data_entry_emissions"));
  CHECK(rows_of(report.rows, "data_entries") == plan.entry_count());
}

TEST_CASE("--sample-factors fills a schema-only database for the seeded years, once",
          "[pg][seeder][emissions]") {
  SECTION("schema only: the set is added, computed from, and not added twice") {
    const auto url = Cluster::instance().fresh_database(false);
    auto options = default_options(23);
    options.years = {2024, 2025};
    SeedSettings settings;
    settings.sample_factors = true;
    const auto first = seed_database(Plan::make(options), url, settings);
    const auto expected = static_cast<std::int64_t>(sample_factor_set(options.years).size());
    CHECK(expected > 0);
    CHECK(first.sample_factors_added == expected);
    CHECK(first.emissions == EmissionMode::computed);
    // The equipment pool is read after the sample factors went in, and the
    // summary lists the factors added.
    CHECK(first.equipment_pool_size > 0);
    REQUIRE_FALSE(first.reference_rows.empty());
    CHECK(first.reference_rows.front().first == "factors");
    CHECK(first.reference_rows.front().second == expected);
    pqxx::connection c(url);
    CHECK(count(c, "SELECT count(*) FROM factors") == expected);
    CHECK(count(c, "SELECT count(*) FROM factors WHERE year IS NULL OR year NOT IN (2024, "
                   "2025)") == 0);
    CHECK(check_computed_emissions(url) == rows_of(first.rows, "data_entry_emissions"));

    // Again, with --append: every identity exists already.
    settings.existing = ExistingRows::append;
    const auto second = seed_database(Plan::make(options), url, settings);
    CHECK(second.sample_factors_added == 0);
    CHECK(second.emissions == EmissionMode::computed);
    CHECK(count(c, "SELECT count(*) FROM factors") == expected);
    CHECK(check_computed_emissions(url) == rows_of(first.rows, "data_entry_emissions") +
                                               rows_of(second.rows, "data_entry_emissions"));

    // A new year: only its rows are added.
    options.years = {2023, 2024, 2025};
    const auto third = seed_database(Plan::make(options), url, settings);
    CHECK(third.sample_factors_added ==
          static_cast<std::int64_t>(sample_factor_set({2023}).size()));
    CHECK(count(c, "SELECT count(*) FROM factors") ==
          static_cast<std::int64_t>(sample_factor_set(options.years).size()));
    check_computed_emissions(url);
  }
  SECTION("placeholder emissions draw equipment classes from the factors just added") {
    const auto url = Cluster::instance().fresh_database(false);
    auto options = default_options(31);
    options.emissions = EmissionMode::placeholder;
    SeedSettings settings;
    settings.sample_factors = true;
    const auto report = seed_database(Plan::make(options), url, settings);
    CHECK(report.equipment_pool_size > 0);
    pqxx::connection c(url);
    // Every equipment entry's class is one of the factors'.
    CHECK(count(c, "SELECT count(*) FROM data_entries e WHERE e.data_entry_type_id IN (10, 11, "
                   "12) AND NOT EXISTS (SELECT 1 FROM factors f WHERE f.classification->>"
                   "'equipment_class' = e.data->>'equipment_class')") == 0);
    CHECK(count(c, "SELECT count(*) FROM data_entries WHERE data_entry_type_id IN (10, 11, 12)") >
          0);
  }
  SECTION("the COPY into a table without factors of the years stores what the INSERT does") {
    // Copied: no factor of 2023-2025 yet. Inserted: sql/sample_factors.sql.
    const auto copied_url = Cluster::instance().fresh_database(false);
    const auto inserted_url = Cluster::instance().fresh_database(true);
    SeedSettings settings;
    settings.sample_factors = true;
    const auto report = seed_database(Plan::make(default_options(37)), copied_url, settings);
    const auto expected = static_cast<std::int64_t>(sample_factor_set({2023, 2024, 2025}).size());
    CHECK(report.sample_factors_added == expected);
    const std::string rows = "SELECT string_agg(format('%s|%s|%s|%s|%s', emission_type_id, "
                             "data_entry_type_id, classification::text, \"values\"::text, year), "
                             "E'\\n' ORDER BY data_entry_type_id, year, emission_type_id, "
                             "classification::text) FROM factors";
    pqxx::connection copied(copied_url), inserted(inserted_url);
    CHECK(pqxx::nontransaction(copied).exec1(rows)[0].as<std::string>() ==
          pqxx::nontransaction(inserted).exec1(rows)[0].as<std::string>());
    // Ids 1..n from the table's sequence, which is left past them.
    CHECK(count(copied, "SELECT min(id) FROM factors") == 1);
    CHECK(count(copied, "SELECT max(id) FROM factors") == expected);
    CHECK(count(copied, "SELECT nextval(pg_get_serial_sequence('factors', 'id'))") == expected + 1);
  }
  SECTION("an id column without its own sequence: the INSERT lets the default number them") {
    const auto url = Cluster::instance().fresh_database(false);
    {
      pqxx::connection c(url);
      pqxx::nontransaction(c).exec0("ALTER SEQUENCE factors_id_seq OWNED BY NONE");
    }
    SeedSettings settings;
    settings.sample_factors = true;
    const auto report = seed_database(Plan::make(default_options(41)), url, settings);
    const auto expected = static_cast<std::int64_t>(sample_factor_set({2023, 2024, 2025}).size());
    CHECK(report.sample_factors_added == expected);
    pqxx::connection c(url);
    CHECK(count(c, "SELECT count(DISTINCT id) FROM factors") == expected);
  }
  SECTION("sql/sample_factors.sql already holds the whole set for 2023-2025") {
    const auto url = Cluster::instance().fresh_database(true);
    const auto options = default_options(29);
    SeedSettings settings;
    settings.sample_factors = true;
    const auto report = seed_database(Plan::make(options), url, settings);
    CHECK(report.sample_factors_added == 0);
    pqxx::connection c(url);
    CHECK(count(c, "SELECT count(*) FROM factors") ==
          static_cast<std::int64_t>(sample_factor_set(options.years).size()));
  }
}

TEST_CASE("without factors for the seeded years the run falls back to placeholder emissions",
          "[pg][seeder][emissions]") {
  const auto url = Cluster::instance().fresh_database(false);
  SECTION("no factors at all") {}
  SECTION("factors of another year only") {
    pqxx::connection c(url);
    pqxx::work w(c);
    w.exec(sample_factors_sql({2020}));
    w.commit();
    CHECK(count(c, "SELECT count(*) FROM factors") > 0);
  }
  const auto plan = Plan::make(default_options(31));
  CHECK(plan.options().emissions == EmissionMode::computed);
  const auto report = seed_database(plan, url, {});
  CHECK(report.emissions == EmissionMode::placeholder);
  CHECK(rows_of(report.rows, "data_entry_emissions") == plan.entry_count());
  check_placeholder_emissions(url, "test-formula");
  CHECK(report.reference_rows.empty());
}

TEST_CASE("a computed run adds the built-in locations and rooms to empty reference tables",
          "[pg][seeder][emissions]") {
  const auto url = Cluster::instance().fresh_database();
  const auto options = default_options(37);
  const auto report = seed_database(Plan::make(options), url, {});
  pqxx::connection c(url);

  // Locations: every built-in airport and station (123 + 89, issue 5).
  const auto airports = static_cast<std::int64_t>(fake::airports().size());
  const auto stations = static_cast<std::int64_t>(fake::stations().size());
  CHECK(airports + stations == 212);
  CHECK(count(c, "SELECT count(*) FROM locations WHERE transport_mode = 'plane'") == airports);
  CHECK(count(c, "SELECT count(*) FROM locations WHERE transport_mode = 'train'") == stations);
  CHECK(rows_of(report.reference_rows, "locations") == airports + stations);

  // Rooms: 24 for each building named in the building factors of the seeded
  // years, covering the six room types, none for any other building.
  const auto buildings = factor_buildings(c, options.years);
  REQUIRE_FALSE(buildings.empty());
  const auto rooms = 24 * static_cast<std::int64_t>(buildings.size());
  CHECK(count(c, "SELECT count(*) FROM building_rooms") == rooms);
  CHECK(rows_of(report.reference_rows, "building_rooms") == rooms);
  {
    pqxx::work w(c);
    for (const auto &row : w.exec("SELECT building_name, count(*), count(DISTINCT room_type), "
                                  "count(DISTINCT room_name) FROM building_rooms GROUP BY 1")) {
      INFO(row[0].as<std::string>());
      CHECK(buildings.count(row[0].as<std::string>()) == 1);
      CHECK(row[1].as<int>() == 24);
      CHECK(row[2].as<int>() == 6);
      CHECK(row[3].as<int>() == 24);
    }
  }

  // The entries find them: airports, stations and rooms of their building.
  CHECK(count(c, "SELECT count(*) FROM data_entries WHERE data_entry_type_id = 20") > 0);
  CHECK(count(c, "SELECT count(*) FROM data_entries e WHERE data_entry_type_id = 20 AND "
                 "(NOT EXISTS (SELECT 1 FROM locations l WHERE l.transport_mode = 'plane' AND "
                 "l.iata_code = e.data->>'origin_iata') OR NOT EXISTS (SELECT 1 FROM locations l "
                 "WHERE l.transport_mode = 'plane' AND l.iata_code = "
                 "e.data->>'destination_iata'))") == 0);
  CHECK(count(c, "SELECT count(*) FROM data_entries e WHERE data_entry_type_id = 21 AND "
                 "(NOT EXISTS (SELECT 1 FROM locations l WHERE l.natural_key = "
                 "e.data->>'origin_natural_key') OR NOT EXISTS (SELECT 1 FROM locations l WHERE "
                 "l.natural_key = e.data->>'destination_natural_key'))") == 0);
  CHECK(count(c, "SELECT count(*) FROM data_entries WHERE data_entry_type_id = 30") > 0);
  CHECK(count(c, "SELECT count(*) FROM data_entries e WHERE data_entry_type_id = 30 AND NOT "
                 "EXISTS (SELECT 1 FROM building_rooms r WHERE r.room_name = e.data->>'room_name' "
                 "AND r.building_name = e.data->>'building_name')") == 0);

  // A second batch finds the tables filled and adds nothing to them.
  SeedSettings append;
  append.existing = ExistingRows::append;
  const auto second = seed_database(Plan::make(options), url, append);
  CHECK(second.reference_rows.empty());
  CHECK(count(c, "SELECT count(*) FROM locations") == airports + stations);
  CHECK(count(c, "SELECT count(*) FROM building_rooms") == rooms);
}

TEST_CASE("a locations table that holds rows is only read", "[pg][seeder][emissions]") {
  const auto url = Cluster::instance().fresh_database();
  {
    pqxx::connection c(url);
    pqxx::work w(c);
    w.exec("INSERT INTO locations (transport_mode, name, latitude, longitude, country_code, "
           "iata_code, natural_key) VALUES "
           "('plane', 'Geneva Airport', 46.2381, 6.109, 'CH', 'GVA', 'plane:GVA'), "
           "('plane', 'Paris Charles de Gaulle Airport', 49.0097, 2.5479, 'FR', 'CDG', "
           "'plane:CDG'), "
           "('plane', 'John F. Kennedy International Airport', 40.6413, -73.7781, 'US', 'JFK', "
           "'plane:JFK')");
    w.commit();
  }
  const auto options = default_options(41);
  const auto report = seed_database(Plan::make(options), url, {});
  CHECK(report.emissions == EmissionMode::computed);
  pqxx::connection c(url);
  CHECK(count(c, "SELECT count(*) FROM locations") == 3);
  CHECK(rows_of(report.reference_rows, "locations") == 0);
  // building_rooms was empty: filled as usual.
  CHECK(rows_of(report.reference_rows, "building_rooms") ==
        24 * static_cast<std::int64_t>(factor_buildings(c, options.years).size()));

  // Planes fly between those airports only, and get their rows.
  CHECK(count(c, "SELECT count(*) FROM data_entries WHERE data_entry_type_id = 20") > 0);
  CHECK(count(c, "SELECT count(*) FROM data_entries WHERE data_entry_type_id = 20 AND ("
                 "data->>'origin_iata' NOT IN ('GVA', 'CDG', 'JFK') OR data->>'destination_iata' "
                 "NOT IN ('GVA', 'CDG', 'JFK'))") == 0);
  CHECK(count(c,
              "SELECT count(*) FROM data_entries e WHERE data_entry_type_id = 20 AND NOT "
              "EXISTS (SELECT 1 FROM data_entry_emissions x WHERE x.data_entry_id = e.id)") == 0);
  // No station in the table: the application finds none, so trains get no rows.
  CHECK(count(c, "SELECT count(*) FROM data_entries WHERE data_entry_type_id = 21") > 0);
  CHECK(count(c, "SELECT count(*) FROM data_entry_emissions x JOIN data_entries e ON e.id = "
                 "x.data_entry_id WHERE e.data_entry_type_id = 21") == 0);
}

TEST_CASE("a dry run reads the database's factors and reference rows, writes nothing, and "
          "predicts the real run",
          "[pg][seeder][emissions]") {
  const auto plan = Plan::make(default_options(43));
  SECTION("a database with the sample factors, and the bundled set without a database") {
    const auto url = Cluster::instance().fresh_database();
    const auto before = checksums(url);
    const auto dry = seed_nowhere(plan, url, {});
    CHECK(checksums(url) == before);
    const auto bundled = seed_nowhere(plan, std::nullopt, {});
    const auto real = seed_database(plan, url, {});
    CHECK(dry.emissions == EmissionMode::computed);
    CHECK(bundled.emissions == EmissionMode::computed);
    CHECK(dry.rows == real.rows);
    CHECK(bundled.rows == real.rows);
  }
  SECTION("a database without factors: placeholder rows, as the real run") {
    const auto url = Cluster::instance().fresh_database(false);
    const auto dry = seed_nowhere(plan, url, {});
    const auto real = seed_database(plan, url, {});
    CHECK(dry.emissions == EmissionMode::placeholder);
    CHECK(real.emissions == EmissionMode::placeholder);
    CHECK(dry.rows == real.rows);
  }
}
