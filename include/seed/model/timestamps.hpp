// UTC timestamps as the application's columns and JSON write them, and as
// microseconds since the Unix epoch: the one calendar both the writer (a
// run's instants) and the check (binary COPY timestamps) use.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace seed {

// --- Interface ---

// Microseconds since the Unix epoch of "YYYY-MM-DD HH:MM:SS[.ffffff]" or
// "YYYY-MM-DDTHH:MM:SS[.ffffff]" (UTC). Throws std::invalid_argument.
[[nodiscard]] std::int64_t parse_utc_micros(std::string_view text);
// "YYYY-MM-DD HH:MM:SS.ffffff" (years 1-9999)
[[nodiscard]] std::string copy_timestamp(std::int64_t micros);
// The same, written over `out` (whose capacity is reused: no allocation per row).
void copy_timestamp(std::int64_t micros, std::string &out);
// Whole seconds since the epoch (rounded down, as for an instant before it).
[[nodiscard]] std::int64_t unix_seconds(std::int64_t micros);
// Python's datetime.isoformat(): "YYYY-MM-DDTHH:MM:SS[.ffffff]", fraction
// omitted when zero.
[[nodiscard]] std::string iso_timestamp(std::int64_t micros);

} // namespace seed
