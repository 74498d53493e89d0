// Fast loading of the big tables (data_entries with data_entry_emissions,
// and audit_documents) when they start empty, inside the run's transaction:
// their foreign keys are dropped first (one validating join afterwards costs
// less than a trigger per row, whatever the size) and, for large runs, their
// secondary indexes too (one sorted build beats 800k insertions); all are
// recreated afterwards with the names and definitions read from the catalog,
// so the end state is what the migration made.
// Primary keys stay: ids arrive in ascending order, so each insertion takes
// B-tree's rightmost-leaf fast path, and the foreign keys validate against
// them. No COPY FREEZE: in the 800k-entry run, keeping the keys and not
// freezing took 2.5-3 s less (docs/architecture.md), and the rows are then as
// the application leaves its own. Large runs still TRUNCATE the empty tables
// (cheap there), so that COPY skips the free-space map and the rows lie in id
// order on disk.
// Tables that already hold rows are appended to as they are (rebuilding the
// indexes of a large table costs more than maintaining them).
#pragma once

#include "seed/io/pg.hpp"
#include "seed/model/tables.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace seed::pg {

// --- Interface ---

// Entries from which dropping and rebuilding indexes pays off.
inline constexpr std::int64_t defer_indexes_from_entries = 50'000;

class BulkLoad {
public:
  // Looks at the big tables inside the open transaction and decides; each
  // group (the entries with their emissions; the audit documents when
  // `audit`) on its own.
  [[nodiscard]] static BulkLoad prepare(Connection &db, std::int64_t entry_count, bool audit);

  // Truncates and drops, as decided. Call before the first COPY of a big table.
  void before_load(Connection &db) const;
  // Recreates what before_load dropped. Call after the last COPY.
  void after_load(Connection &db) const;

  // The tables whose foreign keys (and, in large runs, indexes) are dropped
  // and recreated: the groups that start empty.
  [[nodiscard]] const std::vector<const tables::Table *> &deferred_tables() const noexcept {
    return deferred_;
  }
  // Large runs: secondary indexes are dropped and rebuilt (foreign keys are,
  // for every group that starts empty), and the empty tables truncated first
  // unless another table references them.
  [[nodiscard]] bool defers_indexes() const noexcept { return defers_indexes_; }
  [[nodiscard]] const std::vector<std::string> &truncations() const noexcept { return truncate_; }

private:
  void add_group(Connection &db, const std::vector<const tables::Table *> &group, bool large);

  std::vector<const tables::Table *> deferred_;
  bool defers_indexes_ = false;
  std::vector<std::string> truncate_; // large runs
  std::vector<std::string> drop_;     // statements, foreign keys first
  std::vector<std::string> recreate_; // statements, indexes first
};

} // namespace seed::pg
