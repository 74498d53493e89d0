// Tests of the table list (include/seed/model/tables.hpp, src/model/tables.cpp): the nine
// seeded tables and the reference tables the emission formulas read.
#include "seed/model/tables.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace tables = seed::tables;

std::size_t position(std::string_view name) {
  const auto &order = tables::write_order();
  for (std::size_t i = 0; i < order.size(); ++i)
    if (order[i]->name == name)
      return i;
  FAIL("table " << name << " is not in write_order");
  return order.size();
}

bool has_column(const tables::Table &table, std::string_view column) {
  return std::find(table.columns.begin(), table.columns.end(), column) != table.columns.end();
}

} // namespace

TEST_CASE("tables: write_order lists the nine tables", "[tables]") {
  const auto &order = tables::write_order();
  std::vector<std::string_view> names;
  for (const auto *table : order) {
    REQUIRE(table != nullptr);
    names.push_back(table->name);
  }
  CHECK(names == std::vector<std::string_view>{"units", "users", "unit_users", "year_configuration",
                                               "carbon_projects", "carbon_reports",
                                               "carbon_report_modules", "data_entries",
                                               "data_entry_emissions"});
  CHECK(std::set<std::string_view>(names.begin(), names.end()).size() == 9);
}

TEST_CASE("tables: write_order points at the accessor tables", "[tables]") {
  // Sinks identify a table by address, so both routes must give the same object.
  const auto &order = tables::write_order();
  CHECK(order[0] == &tables::units());
  CHECK(order[1] == &tables::users());
  CHECK(order[2] == &tables::unit_users());
  CHECK(order[3] == &tables::year_configuration());
  CHECK(order[4] == &tables::carbon_projects());
  CHECK(order[5] == &tables::carbon_reports());
  CHECK(order[6] == &tables::carbon_report_modules());
  CHECK(order[7] == &tables::data_entries());
  CHECK(order[8] == &tables::data_entry_emissions());
  CHECK(&tables::write_order() == &order);
}

TEST_CASE("tables: parents are written before children", "[tables]") {
  // child -> parents (foreign keys of schema.md)
  const std::vector<std::pair<std::string_view, std::vector<std::string_view>>> parents{
      {"unit_users", {"units", "users"}},
      {"carbon_projects", {"units"}},
      {"carbon_reports", {"units", "carbon_projects"}},
      {"carbon_report_modules", {"carbon_reports"}},
      {"data_entries", {"carbon_report_modules", "units"}},
      {"data_entry_emissions", {"data_entries"}},
  };
  for (const auto &[child, of] : parents)
    for (const auto parent : of) {
      INFO(parent << " before " << child);
      CHECK(position(parent) < position(child));
    }
}

TEST_CASE("tables: columns are non-empty and unique per table", "[tables]") {
  for (const auto *table : tables::write_order()) {
    INFO(table->name);
    CHECK_FALSE(table->name.empty());
    REQUIRE_FALSE(table->columns.empty());
    std::set<std::string_view> seen;
    for (const auto &[column, type] : table->columns) {
      CHECK_FALSE(column.empty());
      CHECK_FALSE(type.empty());
      CHECK(column.find_first_of(" ,()") == std::string_view::npos);
      CHECK(seen.insert(column).second);
    }
  }
}

TEST_CASE("tables: column_list and copy_statement text", "[tables]") {
  CHECK(tables::column_list(tables::unit_users()) == "(unit_id, user_id, role)");
  CHECK(tables::copy_statement(tables::unit_users()) ==
        "COPY unit_users (unit_id, user_id, role) FROM STDIN");
  CHECK(tables::copy_statement(tables::units()) ==
        "COPY units (id, provider, institutional_code, institutional_id, name, level, "
        "principal_user_institutional_id, is_active) FROM STDIN");
  CHECK(tables::copy_statement(tables::data_entry_emissions()) ==
        "COPY data_entry_emissions (data_entry_id, emission_type_id, primary_factor_id, "
        "kg_co2eq, additional_value, scope, meta, computed_at) FROM STDIN");
}

TEST_CASE("tables: column_list of one column and of none", "[tables]") {
  const tables::Table one{"t", {{"only", "integer"}}};
  const tables::Table none{"t", {}};
  CHECK(tables::column_list(one) == "(only)");
  CHECK(tables::column_list(none) == "()");
  CHECK(tables::copy_statement(one) == "COPY t (only) FROM STDIN");
  CHECK(tables::copy_statement(one, true) == "COPY t (only) FROM STDIN WITH (FORMAT binary)");
}

TEST_CASE("tables: data_entry_emissions columns", "[tables]") {
  const auto &t = tables::data_entry_emissions();
  // Numbered by the table's own sequence: no id column.
  CHECK_FALSE(has_column(t, "id"));
  // Dropped from the current schema (formula_version lives in meta).
  CHECK_FALSE(has_column(t, "subcategory"));
  CHECK_FALSE(has_column(t, "formula_version"));
  CHECK(has_column(t, "data_entry_id"));
  CHECK(has_column(t, "emission_type_id"));
  CHECK(has_column(t, "scope"));
  CHECK(has_column(t, "meta"));
  CHECK(t.columns.front() == "data_entry_id");
}

TEST_CASE("tables: data_entries columns", "[tables]") {
  const auto &t = tables::data_entries();
  CHECK(has_column(t, "year"));
  CHECK(has_column(t, "unit_id"));
  CHECK(has_column(t, "data_entry_type_id"));
  CHECK(has_column(t, "carbon_report_module_id"));
  CHECK(has_column(t, "data"));
  CHECK(t.columns.front() == "id");
}

TEST_CASE("tables: tables referenced by id carry an id column", "[tables]") {
  for (const auto *table :
       {&tables::units(), &tables::users(), &tables::carbon_projects(), &tables::carbon_reports(),
        &tables::carbon_report_modules(), &tables::data_entries()}) {
    INFO(table->name);
    CHECK(table->columns.front() == "id");
  }
  CHECK_FALSE(has_column(tables::unit_users(), "id"));
}

TEST_CASE("tables: name_list in write order and children first", "[tables]") {
  CHECK(tables::name_list() ==
        "units, users, unit_users, year_configuration, carbon_projects, carbon_reports, "
        "carbon_report_modules, data_entries, data_entry_emissions");
  CHECK(tables::name_list(true) ==
        "data_entry_emissions, data_entries, carbon_report_modules, carbon_reports, "
        "carbon_projects, year_configuration, unit_users, users, units");
}

// --- The tables the emission formulas read ---

namespace {

std::vector<std::pair<std::string_view, std::string_view>> columns_of(const tables::Table &t) {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  for (const auto &column : t.columns)
    out.emplace_back(column.name, column.type);
  return out;
}

// "name type" of every column of `table` in sql/schema.sql, with the types
// as format_type() names them (SERIAL is an integer, varchar(n) a
// character varying).
std::map<std::string, std::string> schema_columns(const std::string &table) {
  std::ifstream in(std::string(SEED_SOURCE_DIR) + "/sql/schema.sql");
  REQUIRE(in);
  std::map<std::string, std::string> out;
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("CREATE TABLE " + table + " (", 0) == 0) {
      inside = true;
      continue;
    }
    if (!inside)
      continue;
    if (line.rfind(");", 0) == 0)
      break;
    std::istringstream words(line);
    std::string name, type, second;
    words >> name >> type;
    if (name.empty() || name == "CONSTRAINT" || name == "FOREIGN" || name.rfind("--", 0) == 0)
      continue;
    if (!name.empty() && name.front() == '"')
      name = name.substr(1, name.size() - 2);
    std::string lower;
    for (const char c : type)
      lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.back() == ',')
      lower.pop_back();
    if (lower == "double") {
      words >> second;
      lower += " precision";
    }
    if (lower.rfind("varchar", 0) == 0)
      lower = "character varying";
    if (lower == "serial")
      lower = "integer";
    out[name] = lower;
  }
  REQUIRE_FALSE(out.empty());
  return out;
}

} // namespace

TEST_CASE("tables: factors columns", "[tables]") {
  const auto &t = tables::factors();
  CHECK(t.name == "factors");
  CHECK(columns_of(t) == std::vector<std::pair<std::string_view, std::string_view>>{
                             {"id", "integer"},
                             {"emission_type_id", "integer"},
                             {"data_entry_type_id", "integer"},
                             {"classification", "jsonb"},
                             {"values", "json"},
                             {"year", "integer"}});
  CHECK(&tables::factors() == &t);
}

TEST_CASE("tables: locations columns", "[tables]") {
  const auto &t = tables::locations();
  CHECK(t.name == "locations");
  CHECK(columns_of(t) == std::vector<std::pair<std::string_view, std::string_view>>{
                             {"transport_mode", "transportmodeenum"},
                             {"name", "character varying"},
                             {"latitude", "double precision"},
                             {"longitude", "double precision"},
                             {"continent", "character varying"},
                             {"country_code", "character varying"},
                             {"iata_code", "character varying"},
                             {"municipality", "character varying"},
                             {"natural_key", "character varying"}});
  // Numbered by the table's own sequence.
  CHECK_FALSE(has_column(t, "id"));
}

TEST_CASE("tables: building_rooms columns", "[tables]") {
  const auto &t = tables::building_rooms();
  CHECK(t.name == "building_rooms");
  CHECK(columns_of(t) == std::vector<std::pair<std::string_view, std::string_view>>{
                             {"building_location", "character varying"},
                             {"building_name", "character varying"},
                             {"room_name", "character varying"},
                             {"room_type", "character varying"},
                             {"room_surface_square_meter", "double precision"}});
  CHECK_FALSE(has_column(t, "id"));
}

TEST_CASE("tables: reference table columns exist in sql/schema.sql with their types", "[tables]") {
  for (const auto *table : {&tables::factors(), &tables::locations(), &tables::building_rooms()}) {
    const auto schema = schema_columns(std::string(table->name));
    for (const auto &[name, type] : table->columns) {
      INFO(table->name << "." << name);
      const auto found = schema.find(std::string(name));
      REQUIRE(found != schema.end());
      CHECK(found->second == type);
    }
  }
}

TEST_CASE("tables: the reference tables are not among the nine seeded tables", "[tables]") {
  for (const auto *table : {&tables::factors(), &tables::locations(), &tables::building_rooms()}) {
    INFO(table->name);
    const auto &order = tables::write_order();
    CHECK(std::find(order.begin(), order.end(), table) == order.end());
    CHECK(tables::name_list().find(std::string(table->name)) == std::string::npos);
  }
}

TEST_CASE("tables: column_list quotes `values` and nothing else", "[tables]") {
  CHECK(tables::column_list(tables::factors()) ==
        "(id, emission_type_id, data_entry_type_id, classification, \"values\", year)");
  CHECK(tables::column_list(tables::locations()) ==
        "(transport_mode, name, latitude, longitude, continent, country_code, iata_code, "
        "municipality, natural_key)");
  CHECK(tables::column_list(tables::building_rooms()) ==
        "(building_location, building_name, room_name, room_type, room_surface_square_meter)");
  // Only the exact name: neighbours and other reserved-looking words stay bare.
  const tables::Table t{"t",
                        {{"value", "json"},
                         {"values", "json"},
                         {"values_x", "json"},
                         {"Values", "json"},
                         {"year", "integer"},
                         {"user", "integer"}}};
  CHECK(tables::column_list(t) == "(value, \"values\", values_x, Values, year, user)");
  // No seeded table has a quoted column.
  for (const auto *table : tables::write_order())
    CHECK(tables::column_list(*table).find('"') == std::string::npos);
}

TEST_CASE("tables: copy_statement of the reference tables", "[tables]") {
  CHECK(tables::copy_statement(tables::factors()) ==
        "COPY factors (id, emission_type_id, data_entry_type_id, classification, \"values\", "
        "year) FROM STDIN");
  CHECK(tables::copy_statement(tables::factors(), true) ==
        "COPY factors (id, emission_type_id, data_entry_type_id, classification, \"values\", "
        "year) FROM STDIN WITH (FORMAT binary)");
  CHECK(tables::copy_statement(tables::building_rooms()) ==
        "COPY building_rooms (building_location, building_name, room_name, room_type, "
        "room_surface_square_meter) FROM STDIN");
}
