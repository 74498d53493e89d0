#include "seed/io/bulk_load.hpp"

#include <fmt/core.h>
#include <spdlog/spdlog.h>

namespace seed::pg {
namespace {

bool is_true(const std::string &value) {
  return value == "t";
}

// "'a'::regclass, 'b'::regclass"
std::string regclass_list(const std::vector<const tables::Table *> &group) {
  std::string list;
  for (const auto *table : group)
    list += fmt::format("{}'{}'::regclass", list.empty() ? "" : ", ", table->name);
  return list;
}

} // namespace

void BulkLoad::add_group(Connection &db, const std::vector<const tables::Table *> &group,
                         bool large) {
  const auto regclasses = regclass_list(group);
  std::string names;
  bool empty = true;
  for (const auto *table : group) {
    names += fmt::format("{}{}", names.empty() ? "" : ", ", table->name);
    empty =
        empty &&
        is_true(db.query_value(fmt::format("SELECT NOT EXISTS (SELECT 1 FROM {})", table->name)));
  }
  if (!empty) {
    spdlog::debug("{} hold rows: plain COPY, keys and indexes kept", names);
    return;
  }
  deferred_.insert(deferred_.end(), group.begin(), group.end());
  defers_indexes_ = defers_indexes_ || large;
  // Large runs truncate the (empty) group first: COPY into a relation given
  // a new file in this transaction skips the free-space map, so the rows lie
  // in id order on disk (`check` then reads them in physical order). Not
  // done for small runs, where the new files cost ~30 ms; not possible when
  // a table outside the group references one of them.
  if (large && !is_true(db.query_value(
                   fmt::format("SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE contype = 'f' AND "
                               "confrelid IN ({0}) AND conrelid NOT IN ({0}))",
                               regclasses))))
    truncate_.push_back("TRUNCATE " + names);

  const auto foreign_keys = db.query(fmt::format(
      "SELECT conrelid::regclass::text, quote_ident(conname), pg_get_constraintdef(oid) "
      "FROM pg_constraint WHERE contype = 'f' AND conrelid IN ({}) ORDER BY 1, 2",
      regclasses));
  // Secondary indexes: those that back no constraint (the primary keys and
  // unique constraints stay).
  const auto indexes =
      large ? db.query(fmt::format(
                  "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index i "
                  "WHERE indrelid IN ({}) AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
                  "WHERE c.conindid = i.indexrelid) ORDER BY 1",
                  regclasses))
            : std::vector<Connection::Row>{};

  for (const auto &key : foreign_keys)
    drop_.push_back(fmt::format("ALTER TABLE {} DROP CONSTRAINT {}", *key[0], *key[1]));
  for (const auto &index : indexes)
    drop_.push_back("DROP INDEX " + *index[0]);
  // Indexes first, so that validating a foreign key can use them.
  for (const auto &index : indexes)
    recreate_.push_back(*index[1]);
  for (const auto &key : foreign_keys)
    recreate_.push_back(
        fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {}", *key[0], *key[1], *key[2]));
}

BulkLoad BulkLoad::prepare(Connection &db, std::int64_t entry_count, bool audit) {
  BulkLoad load;
  const bool large = entry_count >= defer_indexes_from_entries;
  load.add_group(db, {&tables::data_entries(), &tables::data_entry_emissions()}, large);
  if (audit)
    load.add_group(db, {&tables::audit_documents()}, large);
  return load;
}

void BulkLoad::before_load(Connection &db) const {
  for (const auto &statement : truncate_)
    db.exec(statement);
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
