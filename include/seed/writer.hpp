// Streams every table of a plan into a Sink, parents first.
//
// The data entries are encoded by `jobs` worker threads in chunks of modules
// and written strictly in chunk order, so the bytes do not depend on `jobs`.
// At most a few chunks are in flight, and emission rows wait in a bounded
// buffer (they can only follow their entries), so memory stays flat however
// many rows are written.
#pragma once

#include "seed/rows.hpp"
#include "seed/sink.hpp"

#include <cstdint>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

namespace seed {

// --- Interface ---

struct WriteSettings {
  int jobs = 1;                        // encoder threads (>= 1)
  std::vector<int> years_to_configure; // year_configuration rows to write
  // Called after each table finishes with the table name and its row count.
  std::function<void(std::string_view, std::int64_t)> on_table_done;
};

using RowCounts = std::vector<std::pair<std::string_view, std::int64_t>>;

// Writes all nine tables; returns rows per table in write order.
RowCounts write_all(const rows::RunContext &context, const WriteSettings &settings, Sink &sink);

} // namespace seed
