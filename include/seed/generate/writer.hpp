// Streams every table of a plan into a Sink, parents first.
//
// The data entries are encoded by `jobs` worker threads in chunks of modules
// and written strictly in chunk order, so the bytes do not depend on `jobs`.
// At most a few chunks are in flight, and emission rows wait in a bounded
// buffer (they can only follow their entries), so memory stays flat however
// many rows are written.
#pragma once

#include "seed/generate/rows.hpp"
#include "seed/io/progress.hpp"
#include "seed/io/sink.hpp"

#include <cstdint>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

namespace seed {

// --- Interface ---

using RowCounts = std::vector<std::pair<std::string_view, std::int64_t>>;

// Rows a run adds to the tables the emission formulas read, written before
// the seeded tables. Empty lists are skipped.
struct ReferenceRows {
  std::vector<Factor> factors; // ids set (--output-dir: the sample factors)
  std::vector<Location> locations;
  std::vector<Room> rooms;
};
RowCounts write_reference_rows(const ReferenceRows &rows, Progress *progress, Sink &sink);

struct WriteSettings {
  int jobs = 1;                        // encoder threads (>= 1)
  std::vector<int> years_to_configure; // year_configuration rows to write
  Progress *progress = nullptr;        // told about every table; may be null
  // Written first (write_reference_rows), when given.
  const ReferenceRows *reference_rows = nullptr;
  // carbon_reports and carbon_report_modules are written after the entries,
  // with their stats in the rows, instead of before them with NULL stats and
  // the stats in the staging tables. Only where nothing checks the entries'
  // references to their modules during the load (their foreign keys are
  // dropped), and for at most stats_in_rows_max_modules modules: every stats
  // text is held until then.
  bool stats_in_rows = false;
};

inline constexpr std::int64_t stats_in_rows_max_modules = 4096; // ~8 MB of stats

struct WrittenRows {
  RowCounts reference; // of settings.reference_rows, in write order
  RowCounts seeded;    // the nine tables in write order, audit_documents last
};

// Writes the reference rows (when given), the nine tables, the audit
// documents (Options::audit) and, unless settings.stats_in_rows, the rows of
// the stats staging tables (tables::module_stats_staging(), applied by the
// caller). The first chunks of
// entries are encoded on the worker threads while the smaller tables before
// them are written, so a small run's server does not wait for them. Stops
// with interrupt::Interrupted at the next chunk after a signal.
WrittenRows write_all(const rows::RunContext &context, const WriteSettings &settings, Sink &sink);

} // namespace seed
