#include "seed/generate/timeline.hpp"

#include "seed/rules/audit.hpp"

namespace seed {
namespace {

// Offsets after the start: the steps of one create request.
constexpr std::int64_t entry_updated_after = 1; // µs: the second clock read
constexpr std::int64_t audit_after = 2'000;     // µs: the audit document
constexpr std::int64_t emissions_after = 2'500; // µs: the emission rows
constexpr std::int64_t module_after = 3'000;    // µs: the module recompute
constexpr std::int64_t report_after = 4'000;    // µs: the report recompute

} // namespace

Timeline::Timeline(std::string_view start_utc) : start(start_utc) {
  const auto t = parse_utc_micros(start_utc);
  entry_created_at = copy_timestamp(t);
  entry_updated_at = copy_timestamp(t + entry_updated_after);
  snapshot_created_at = audit::snapshot_timestamp(entry_created_at);
  snapshot_updated_at = audit::snapshot_timestamp(entry_updated_at);
  audit_changed_at = copy_timestamp(t + audit_after);
  emissions_computed_at = copy_timestamp(t + emissions_after) + "+00";
  module_computed_at = iso_timestamp(t + module_after) + "+00:00";
  module_last_updated = unix_seconds(t + module_after);
  report_computed_at = iso_timestamp(t + report_after) + "+00:00";
  report_last_updated = unix_seconds(t + report_after);
  entry_created_micros = t;
  entry_updated_micros = t + entry_updated_after;
  audit_changed_micros = t + audit_after;
  emissions_computed_micros = t + emissions_after;
}

} // namespace seed
