#include "seed/io/preflight.hpp"

#include "seed/model/catalog.hpp"
#include "seed/model/tables.hpp"
#include "seed/rules/audit.hpp"
#include "seed/rules/emissions.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <map>
#include <set>

namespace seed {
namespace {

struct FoundColumn {
  std::string type;
  bool not_null_without_default;
  bool serial; // an `id` column with its own sequence (pg_get_serial_sequence)
};

std::string describe(const std::vector<Drift> &drifts) {
  std::string text = "the target schema differs from what seed-random writes: ";
  for (std::size_t i = 0; i < drifts.size(); ++i)
    text += fmt::format("{}{} expected {}, found {}", i ? "; " : "", drifts[i].where,
                        drifts[i].expected, drifts[i].found);
  return text;
}

std::string quoted_names(const std::vector<const tables::Table *> &tables) {
  std::string list;
  for (const auto *table : tables)
    list += fmt::format("{}'{}'", list.empty() ? "" : ", ", table->name);
  return list;
}

} // namespace

SchemaDrift::SchemaDrift(std::vector<Drift> drifts)
    : std::runtime_error(describe(drifts)), drifts_(std::move(drifts)) {}

bool compatible_types(std::string_view expected, std::string_view found) {
  if (expected == found)
    return true;
  // Wider or looser columns take the same COPY text.
  static const std::set<std::pair<std::string_view, std::string_view>> accepted{
      {"integer", "bigint"},
      {"character varying", "text"},
      {"json", "jsonb"},
      {"jsonb", "json"},
      {"double precision", "numeric"}};
  return accepted.count({expected, found}) > 0;
}

std::vector<Drift> find_schema_drift(pg::Connection &db, bool audit) {
  std::vector<const tables::Table *> checked(tables::write_order().begin(),
                                             tables::write_order().end());
  checked.push_back(&tables::factors());
  if (audit)
    checked.push_back(&tables::audit_documents());
  // Reference tables: a run adds rows to them when they are empty; a
  // database without them is seeded anyway (their formulas find nothing).
  const std::vector<const tables::Table *> optional{&tables::locations(),
                                                    &tables::building_rooms()};
  checked.insert(checked.end(), optional.begin(), optional.end());

  std::map<std::string, std::map<std::string, FoundColumn>> found;
  for (const auto &row : db.query(
           fmt::format("SELECT c.relname, a.attname, format_type(a.atttypid, NULL), "
                       "a.attnotnull AND NOT a.atthasdef AND a.attidentity = '', "
                       "a.attname = 'id' AND pg_get_serial_sequence(c.oid::regclass::text, "
                       "'id') IS NOT NULL "
                       "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                       "WHERE c.oid = ANY (SELECT to_regclass(t)::oid FROM unnest(ARRAY[{}]) t) "
                       "AND a.attnum > 0 AND NOT a.attisdropped",
                       quoted_names(checked))))
    found[*row[0]][*row[1]] = {*row[2], *row[3] == "t", *row[4] == "t"};

  std::vector<Drift> drifts;
  for (const auto *table : checked) {
    const auto it = found.find(std::string(table->name));
    if (it == found.end()) {
      if (table == &tables::audit_documents())
        drifts.push_back({std::string(table->name), "table (or run with --no-audit)", "missing"});
      else if (std::find(optional.begin(), optional.end(), table) == optional.end())
        drifts.push_back({std::string(table->name), "table", "missing"});
      continue;
    }
    for (const auto &column : table->columns) {
      const auto where = fmt::format("{}.{}", table->name, column.name);
      const auto col = it->second.find(std::string(column.name));
      if (col == it->second.end())
        drifts.push_back({where, std::string(column.type), "missing"});
      else if (!compatible_types(column.type, col->second.type))
        drifts.push_back({where, std::string(column.type), col->second.type});
    }
    // Ids are reserved from the column's own sequence (factors: --output-dir
    // writes its ids; --sample-factors reserves them when there is a
    // sequence, else lets the default assign them).
    if (const auto id = it->second.find("id");
        table != &tables::factors() && id != it->second.end() && !id->second.serial &&
        std::find(table->columns.begin(), table->columns.end(), "id") != table->columns.end())
      drifts.push_back({fmt::format("{}.id", table->name), "a sequence (SERIAL)", "none"});
    for (const auto &[name, col] : it->second)
      if (col.not_null_without_default &&
          std::find(table->columns.begin(), table->columns.end(), name) == table->columns.end())
        drifts.push_back({fmt::format("{}.{}", table->name, name),
                          "a default or NULL allowed (seed-random does not write it)",
                          "NOT NULL without default"});
  }

  std::set<std::pair<std::string, std::string>> labels;
  for (const auto &row : db.query("SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e "
                                  "ON e.enumtypid = t.oid"))
    labels.emplace(*row[0], *row[1]);
  auto expected_labels = catalog::database_enum_labels();
  if (audit) {
    expected_labels.push_back({"audit_change_type_enum", audit::change_type});
    expected_labels.push_back({"sync_status_enum", audit::sync_status});
  }
  if (found.count(std::string(tables::locations().name)))
    for (const auto mode : {transport_mode_plane, transport_mode_train})
      expected_labels.emplace_back("transportmodeenum", mode);
  for (const auto &[type, label] : expected_labels)
    if (labels.count({std::string(type), std::string(label)}) == 0)
      drifts.push_back({std::string(type), fmt::format("label {}", label), "missing"});
  return drifts;
}

std::vector<copy::Wire> binary_copy_columns(pg::Connection &db, const tables::Table &table) {
  std::map<std::string, std::optional<copy::Wire>> found;
  for (const auto &row :
       db.query(fmt::format("SELECT a.attname, format_type(a.atttypid, NULL), t.typtype = 'e' "
                            "FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
                            "WHERE a.attrelid = '{}'::regclass AND a.attnum > 0 "
                            "AND NOT a.attisdropped",
                            table.name)))
    found[*row[0]] = copy::wire_of(*row[1], *row[2] == "t");
  std::vector<copy::Wire> wires;
  for (const auto &column : table.columns) {
    const auto it = found.find(std::string(column.name));
    if (it == found.end() || !it->second)
      return {};
    wires.push_back(*it->second);
  }
  return wires;
}

void check_schema(pg::Connection &db, bool audit) {
  auto drifts = find_schema_drift(db, audit);
  if (!drifts.empty())
    throw SchemaDrift(std::move(drifts));
}

} // namespace seed
