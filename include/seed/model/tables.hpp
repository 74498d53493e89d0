// The tables seed-random writes, in write order, with the columns it fills
// and their types (schema.md). COPY statements, file names, the schema
// preflight, counts and docs derive from this one list.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace seed::tables {

// --- Interface ---

struct Column {
  std::string_view name;
  std::string_view type; // as PostgreSQL's format_type() names it, without length
  friend bool operator==(const Column &column, std::string_view name) {
    return column.name == name;
  }
};

struct Table {
  std::string_view name;
  std::vector<Column> columns; // in the order the COPY rows carry them
};

[[nodiscard]] const Table &units();
[[nodiscard]] const Table &users();
[[nodiscard]] const Table &unit_users();
[[nodiscard]] const Table &year_configuration();
[[nodiscard]] const Table &carbon_projects();
[[nodiscard]] const Table &carbon_reports();
[[nodiscard]] const Table &carbon_report_modules();
[[nodiscard]] const Table &data_entries();
[[nodiscard]] const Table &data_entry_emissions();

// One document per data entry (audit.hpp), written with the big tables
// unless --no-audit. Not in write_order(): the table also holds the
// application's documents of other entities, which a run never touches.
[[nodiscard]] const Table &audit_documents();

// Module and report stats are known only once their entries are encoded,
// after the rows themselves were written (entries reference modules). A run
// COPYs them into these temporary tables and applies each with one UPDATE.
[[nodiscard]] const Table &module_stats_staging(); // -> carbon_report_modules.stats
[[nodiscard]] const Table &report_stats_staging(); // -> carbon_reports.stats
[[nodiscard]] const Table &stats_target(const Table &staging);
// "CREATE TEMPORARY TABLE ... ON COMMIT DROP" and the UPDATE that applies it.
[[nodiscard]] std::string create_staging_sql(const Table &staging);
[[nodiscard]] std::string apply_staging_sql(const Table &staging);

// Read by every database run (the equipment pool, computed emissions);
// written by --output-dir runs with computed emissions (the sample factors,
// ids from 1). --sample-factors inserts through SQL instead, skipping
// existing identities.
[[nodiscard]] const Table &factors();
// Reference tables the emission formulas read (schema.md); written only when
// empty, with the rows computed emissions need. Their ids come from the
// tables' own sequences.
[[nodiscard]] const Table &locations();
[[nodiscard]] const Table &building_rooms();

// All nine written tables, parents before children.
[[nodiscard]] const std::array<const Table *, 9> &write_order();

// "units, users, ..." in write order, or children first.
[[nodiscard]] std::string name_list(bool children_first = false);

// "(id, provider, ...)"
[[nodiscard]] std::string column_list(const Table &table);

// "COPY units (id, provider, ...) FROM STDIN", with " WITH (FORMAT binary)"
// when asked.
[[nodiscard]] std::string copy_statement(const Table &table, bool binary = false);

} // namespace seed::tables
