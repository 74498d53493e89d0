#include "seed/bulk_load.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace seed::pg {
namespace {

constexpr const char *big_tables = "'data_entries'::regclass, 'data_entry_emissions'::regclass";

bool is_true(const std::string &value) {
  return value == "t";
}

} // namespace

BulkLoad BulkLoad::prepare(Connection &db, std::int64_t entry_count) {
  BulkLoad load;
  const bool empty = is_true(db.query_value("SELECT NOT EXISTS (SELECT 1 FROM data_entries) AND "
                                            "NOT EXISTS (SELECT 1 FROM data_entry_emissions)"));
  // TRUNCATE is refused if a table outside the pair references one of them.
  const bool referenced_elsewhere = is_true(db.query_value(fmt::format(
      "SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE contype = 'f' AND confrelid IN ({0}) "
      "AND conrelid NOT IN ({0}))",
      big_tables)));
  if (!empty || referenced_elsewhere) {
    spdlog::debug("data_entries/data_entry_emissions {}: plain COPY, indexes kept",
                  empty ? "are referenced by other tables" : "hold rows");
    return load;
  }
  load.freeze_ = true;
  if (entry_count < defer_indexes_from_entries)
    return load;

  // Foreign keys of the pair (including the one between them), then their
  // secondary indexes; primary keys stay (the FK to data_entries needs one).
  for (const auto &row : db.query(fmt::format(
           "SELECT conrelid::regclass::text, quote_ident(conname), pg_get_constraintdef(oid) "
           "FROM pg_constraint WHERE contype = 'f' AND conrelid IN ({}) ORDER BY conname",
           big_tables))) {
    load.drop_.push_back(fmt::format("ALTER TABLE {} DROP CONSTRAINT {}", *row[0], *row[1]));
    load.recreate_.push_back(
        fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {}", *row[0], *row[1], *row[2]));
  }
  std::vector<std::string> add_constraints;
  add_constraints.swap(load.recreate_);
  for (const auto &row : db.query(fmt::format(
           "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index i "
           "WHERE indrelid IN ({}) AND NOT indisprimary AND NOT EXISTS (SELECT 1 FROM "
           "pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1",
           big_tables))) {
    load.drop_.push_back("DROP INDEX " + *row[0]);
    load.recreate_.push_back(*row[1]);
  }
  // Indexes before constraints: validating an FK is quicker with them there.
  load.recreate_.insert(load.recreate_.end(), add_constraints.begin(), add_constraints.end());
  return load;
}

void BulkLoad::before_load(Connection &db) const {
  if (!freeze_)
    return;
  db.exec("TRUNCATE data_entries, data_entry_emissions");
  for (const auto &statement : drop_)
    db.exec(statement);
}

void BulkLoad::after_load(Connection &db) const {
  if (recreate_.empty())
    return;
  db.exec("SET LOCAL maintenance_work_mem = '256MB'");
  for (const auto &statement : recreate_) {
    db.exec(statement);
    spdlog::debug("done: {}", statement);
  }
}

} // namespace seed::pg
