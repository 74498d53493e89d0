// The instants a run's rows carry, derived from one start instant (the
// transaction's now() in UTC), in the order the application's create path
// reaches them (app-state.md §1.1): the entry row (two clock reads), its
// audit document, its emission rows, the module recompute, the report
// recompute. Every entry of a run shares them, as if created in one burst.
#pragma once

#include "seed/model/timestamps.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace seed {

// --- Interface ---

struct Timeline {
  // `start_utc`: "YYYY-MM-DD HH:MM:SS[.ffffff]". Throws std::invalid_argument.
  explicit Timeline(std::string_view start_utc);

  std::string start;                    // COPY text, as given (year_configuration etc.)
  std::string entry_created_at;         // naive UTC, COPY text
  std::string entry_updated_at;         //   a microsecond later
  std::string snapshot_created_at;      // the same two in ISO form ("T", fraction
  std::string snapshot_updated_at;      //   omitted when zero), for audit snapshots
  std::string audit_changed_at;         // naive UTC, COPY text
  std::string emissions_computed_at;    // timestamptz text ("...+00")
  std::string module_computed_at;       // ISO with "+00:00" (stats.computed_at)
  std::int64_t module_last_updated = 0; // epoch seconds read just before
  std::string report_computed_at;       // idem, for the report recompute
  std::int64_t report_last_updated = 0;
  // The COPY timestamps above in µs since the Unix epoch (binary COPY).
  std::int64_t entry_created_micros = 0;
  std::int64_t entry_updated_micros = 0;
  std::int64_t audit_changed_micros = 0;
  std::int64_t emissions_computed_micros = 0;
};

} // namespace seed
