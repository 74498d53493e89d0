#include "seed/tables.hpp"

namespace seed::tables {

const Table &units() {
  static const Table t{"units",
                       {"id", "provider", "institutional_code", "institutional_id", "name", "level",
                        "principal_user_institutional_id", "is_active"}};
  return t;
}

const Table &users() {
  static const Table t{
      "users",
      {"id", "roles_raw", "institutional_id", "provider", "email", "display_name", "function"}};
  return t;
}

const Table &unit_users() {
  static const Table t{"unit_users", {"unit_id", "user_id", "role"}};
  return t;
}

const Table &year_configuration() {
  static const Table t{
      "year_configuration",
      {"is_started", "configuration_completed", "config", "year", "provider", "updated_at"}};
  return t;
}

const Table &carbon_projects() {
  static const Table t{"carbon_projects",
                       {"id", "unit_id", "carbon_report_type", "start_year", "end_year",
                        "is_viewable_by_unit_members"}};
  return t;
}

const Table &carbon_reports() {
  static const Table t{"carbon_reports",
                       {"id", "year", "unit_id", "carbon_project_id", "overall_status"}};
  return t;
}

const Table &carbon_report_modules() {
  static const Table t{"carbon_report_modules",
                       {"id", "module_type_id", "status", "carbon_report_id"}};
  return t;
}

const Table &data_entries() {
  static const Table t{"data_entries",
                       {"id", "data_entry_type_id", "carbon_report_module_id", "data", "status",
                        "year", "unit_id", "created_at", "updated_at"}};
  return t;
}

// No id column: nothing references an emission row, so the table's own
// sequence numbers them.
const Table &data_entry_emissions() {
  static const Table t{"data_entry_emissions",
                       {"data_entry_id", "emission_type_id", "primary_factor_id", "kg_co2eq",
                        "additional_value", "scope", "meta", "computed_at"}};
  return t;
}

const std::array<const Table *, 9> &write_order() {
  static const std::array<const Table *, 9> order{&units(),
                                                  &users(),
                                                  &unit_users(),
                                                  &year_configuration(),
                                                  &carbon_projects(),
                                                  &carbon_reports(),
                                                  &carbon_report_modules(),
                                                  &data_entries(),
                                                  &data_entry_emissions()};
  return order;
}

std::string column_list(const Table &table) {
  std::string list = "(";
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    if (i != 0)
      list += ", ";
    list += table.columns[i];
  }
  return list + ")";
}

std::string copy_statement(const Table &table, bool freeze) {
  return "COPY " + std::string(table.name) + " " + column_list(table) + " FROM STDIN" +
         (freeze ? " WITH (FREEZE)" : "");
}

} // namespace seed::tables
