// Fast loading of the big tables (data_entries with data_entry_emissions,
// and audit_documents) when they start empty, inside the run's transaction:
//   - TRUNCATE them (empty, so nothing is lost) so that COPY ... FREEZE is
//     legal: rows are written frozen, sparing later hint-bit writes and VACUUM;
//   - drop their foreign keys first (one validating join afterwards costs less
//     than a trigger per row, whatever the size) and, for large runs, their
//     keys and indexes too, and recreate them afterwards with the names and
//     definitions read from the catalog, so the end state is what the
//     migration made.
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

  // TRUNCATE and drop, as decided. Call before the first COPY of a big table.
  void before_load(Connection &db) const;
  // Recreates what before_load dropped. Call after the last COPY.
  void after_load(Connection &db) const;

  // The tables truncated in this transaction: COPY ... FREEZE is legal there.
  [[nodiscard]] const std::vector<const tables::Table *> &frozen_tables() const noexcept {
    return frozen_;
  }
  // Large runs: keys and indexes are dropped and rebuilt (foreign keys are,
  // for every group that starts empty).
  [[nodiscard]] bool defers_indexes() const noexcept { return defers_indexes_; }

private:
  void add_group(Connection &db, const std::vector<const tables::Table *> &group, bool large);

  std::vector<const tables::Table *> frozen_;
  bool defers_indexes_ = false;
  std::vector<std::string> truncate_;
  std::vector<std::string> drop_;     // statements, foreign keys first
  std::vector<std::string> recreate_; // statements, indexes first
};

} // namespace seed::pg
