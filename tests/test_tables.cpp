// Tests of the table list (include/seed/tables.hpp, src/tables.cpp).
#include "seed/tables.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
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
