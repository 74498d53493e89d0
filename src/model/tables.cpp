#include "seed/model/tables.hpp"

#include <stdexcept>

namespace seed::tables {

const Table &units() {
  static const Table t{"units",
                       {{"id", "integer"},
                        {"provider", "user_provider_enum"},
                        {"institutional_code", "character varying"},
                        {"institutional_id", "character varying"},
                        {"name", "character varying"},
                        {"level", "integer"},
                        {"principal_user_institutional_id", "character varying"},
                        {"is_active", "boolean"}}};
  return t;
}

const Table &users() {
  static const Table t{"users",
                       {{"id", "integer"},
                        {"roles_raw", "json"},
                        {"institutional_id", "character varying"},
                        {"provider", "user_provider_enum"},
                        {"email", "character varying"},
                        {"display_name", "character varying"},
                        {"function", "character varying"}}};
  return t;
}

const Table &unit_users() {
  static const Table t{
      "unit_users", {{"unit_id", "integer"}, {"user_id", "integer"}, {"role", "role_name_enum"}}};
  return t;
}

const Table &year_configuration() {
  static const Table t{"year_configuration",
                       {{"is_started", "boolean"},
                        {"configuration_completed", "timestamp with time zone"},
                        {"config", "json"},
                        {"year", "integer"},
                        {"provider", "user_provider_enum"},
                        {"updated_at", "timestamp without time zone"}}};
  return t;
}

const Table &carbon_projects() {
  static const Table t{"carbon_projects",
                       {{"id", "integer"},
                        {"unit_id", "integer"},
                        {"carbon_report_type", "carbon_report_type_enum"},
                        {"start_year", "integer"},
                        {"end_year", "integer"},
                        {"is_viewable_by_unit_members", "boolean"}}};
  return t;
}

const Table &carbon_reports() {
  static const Table t{"carbon_reports",
                       {{"id", "integer"},
                        {"year", "integer"},
                        {"unit_id", "integer"},
                        {"carbon_project_id", "integer"},
                        {"last_updated", "integer"},
                        {"completion_progress", "character varying"},
                        {"overall_status", "integer"},
                        {"stats", "json"}}};
  return t;
}

const Table &carbon_report_modules() {
  static const Table t{"carbon_report_modules",
                       {{"id", "integer"},
                        {"module_type_id", "integer"},
                        {"status", "integer"},
                        {"carbon_report_id", "integer"},
                        {"last_updated", "integer"},
                        {"stats", "json"}}};
  return t;
}

const Table &data_entries() {
  static const Table t{"data_entries",
                       {{"id", "integer"},
                        {"data_entry_type_id", "integer"},
                        {"carbon_report_module_id", "integer"},
                        {"data", "json"},
                        {"status", "dataentrystatusenum"},
                        {"year", "integer"},
                        {"unit_id", "integer"},
                        {"created_at", "timestamp without time zone"},
                        {"updated_at", "timestamp without time zone"}}};
  return t;
}

// No id column: nothing references an emission row, so the table's own
// sequence numbers them.
const Table &data_entry_emissions() {
  static const Table t{"data_entry_emissions",
                       {{"data_entry_id", "integer"},
                        {"emission_type_id", "integer"},
                        {"primary_factor_id", "integer"},
                        {"kg_co2eq", "double precision"},
                        {"additional_value", "double precision"},
                        {"scope", "integer"},
                        {"meta", "json"},
                        {"computed_at", "timestamp with time zone"}}};
  return t;
}

const Table &audit_documents() {
  static const Table t{"audit_documents",
                       {{"id", "integer"},
                        {"entity_type", "character varying"},
                        {"entity_id", "integer"},
                        {"version", "integer"},
                        {"is_current", "boolean"},
                        {"data_snapshot", "json"},
                        {"data_diff", "json"},
                        {"change_type", "audit_change_type_enum"},
                        {"change_reason", "character varying"},
                        {"changed_by", "integer"},
                        {"changed_at", "timestamp without time zone"},
                        {"handler_id", "character varying"},
                        {"handled_ids", "json"},
                        {"ip_address", "character varying"},
                        {"route_path", "character varying"},
                        {"route_payload", "json"},
                        {"previous_hash", "character varying"},
                        {"current_hash", "character varying"},
                        {"sync_status", "sync_status_enum"}}};
  return t;
}

const Table &module_stats_staging() {
  static const Table t{"seed_module_stats", {{"id", "integer"}, {"stats", "json"}}};
  return t;
}

const Table &report_stats_staging() {
  static const Table t{"seed_report_stats", {{"id", "integer"}, {"stats", "json"}}};
  return t;
}

const Table &stats_target(const Table &staging) {
  if (&staging == &module_stats_staging())
    return carbon_report_modules();
  if (&staging == &report_stats_staging())
    return carbon_reports();
  throw std::invalid_argument(std::string(staging.name) + " is not a stats staging table");
}

std::string create_staging_sql(const Table &staging) {
  return "CREATE TEMPORARY TABLE " + std::string(staging.name) +
         " (id integer PRIMARY KEY, stats json NOT NULL) ON COMMIT DROP";
}

std::string apply_staging_sql(const Table &staging) {
  const auto target = std::string(stats_target(staging).name);
  return "UPDATE " + target + " t SET stats = s.stats FROM " + std::string(staging.name) +
         " s WHERE t.id = s.id";
}

const Table &factors() {
  static const Table t{"factors",
                       {{"id", "integer"},
                        {"emission_type_id", "integer"},
                        {"data_entry_type_id", "integer"},
                        {"classification", "jsonb"},
                        {"values", "json"},
                        {"year", "integer"}}};
  return t;
}

const Table &locations() {
  static const Table t{"locations",
                       {{"transport_mode", "transportmodeenum"},
                        {"name", "character varying"},
                        {"latitude", "double precision"},
                        {"longitude", "double precision"},
                        {"continent", "character varying"},
                        {"country_code", "character varying"},
                        {"iata_code", "character varying"},
                        {"municipality", "character varying"},
                        {"natural_key", "character varying"}}};
  return t;
}

const Table &building_rooms() {
  static const Table t{"building_rooms",
                       {{"building_location", "character varying"},
                        {"building_name", "character varying"},
                        {"room_name", "character varying"},
                        {"room_type", "character varying"},
                        {"room_surface_square_meter", "double precision"}}};
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

std::string name_list(bool children_first) {
  const auto &order = write_order();
  std::string list;
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (i != 0)
      list += ", ";
    list += order[children_first ? order.size() - 1 - i : i]->name;
  }
  return list;
}

std::string column_list(const Table &table) {
  std::string list = "(";
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    if (i != 0)
      list += ", ";
    // `values` is a reserved word in SQL (factors."values").
    const auto name = table.columns[i].name;
    list += name == "values" ? "\"values\"" : std::string(name);
  }
  return list + ")";
}

std::string copy_statement(const Table &table, bool binary) {
  return "COPY " + std::string(table.name) + " " + column_list(table) + " FROM STDIN" +
         (binary ? " WITH (FORMAT binary)" : "");
}

} // namespace seed::tables
