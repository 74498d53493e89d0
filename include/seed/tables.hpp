// The tables seed-random writes, in write order, with the columns it fills
// (schema.md). COPY statements, file names, counts and docs derive from this
// one list.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace seed::tables {

// --- Interface ---

struct Table {
  std::string_view name;
  std::vector<std::string_view> columns; // in the order the COPY rows carry them
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

// All nine, parents before children.
[[nodiscard]] const std::array<const Table *, 9> &write_order();

// "(id, provider, ...)"
[[nodiscard]] std::string column_list(const Table &table);

// "COPY units (id, provider, ...) FROM STDIN", with " WITH (FREEZE)" when asked.
[[nodiscard]] std::string copy_statement(const Table &table, bool freeze = false);

} // namespace seed::tables
