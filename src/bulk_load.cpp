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

  // Everything but the rows: foreign keys (including the one between the
  // two), primary keys, secondary indexes. An index built once over sorted
  // rows is cheaper than 800k insertions into it.
  const auto constraints = [&](char type) {
    return db.query(fmt::format(
        "SELECT conrelid::regclass::text, quote_ident(conname), pg_get_constraintdef(oid) "
        "FROM pg_constraint WHERE contype = '{}' AND conrelid IN ({}) ORDER BY 1, 2",
        type, big_tables));
  };
  const auto foreign_keys = constraints('f');
  const auto primary_keys = constraints('p');
  const auto indexes = db.query(
      fmt::format("SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index i "
                  "WHERE indrelid IN ({}) AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
                  "WHERE c.conindid = i.indexrelid) ORDER BY 1",
                  big_tables));

  for (const auto &key : foreign_keys)
    load.drop_.push_back(fmt::format("ALTER TABLE {} DROP CONSTRAINT {}", *key[0], *key[1]));
  for (const auto &key : primary_keys)
    load.drop_.push_back(fmt::format("ALTER TABLE {} DROP CONSTRAINT {}", *key[0], *key[1]));
  for (const auto &index : indexes)
    load.drop_.push_back("DROP INDEX " + *index[0]);

  // Rebuilt in reverse: keys and indexes first, so validating a foreign key
  // can use them.
  for (const auto &key : primary_keys)
    load.recreate_.push_back(
        fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {}", *key[0], *key[1], *key[2]));
  for (const auto &index : indexes)
    load.recreate_.push_back(*index[1]);
  for (const auto &key : foreign_keys)
    load.recreate_.push_back(
        fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {}", *key[0], *key[1], *key[2]));
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
  // Sorting for the index builds: raise maintenance_work_mem, never lower it.
  db.exec("SELECT set_config('maintenance_work_mem', greatest(pg_size_bytes(current_setting("
          "'maintenance_work_mem')), pg_size_bytes('512MB')) / 1024 || 'kB', true)");
  for (const auto &statement : recreate_) {
    db.exec(statement);
    spdlog::debug("done: {}", statement);
  }
}

} // namespace seed::pg
