// Rows of the two reference tables the emission formulas read (schema.md
// "Reference tables"): `locations` (airports and train stations) and
// `building_rooms`. Builds them from the project's own data (fake::airports(),
// fake::stations(), a fixed room layout per building) for a database whose
// tables are empty, and computes a location's natural key exactly as the
// application does, with coordinates rendered as Python's repr(float).
//
// Pure and deterministic: no Rng, no database; same input -> same output.
#pragma once

#include "seed/rules/emissions.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seed {

// --- Interface ---

// Python's repr(float): the shortest digits that round-trip; fixed notation
// when the decimal exponent e (d.ddd x 10^e) is in -4 <= e < 16, else
// scientific with a sign and at least two exponent digits ("1e-05",
// "1.5e+16"); integral values keep ".0" ("7.0", "-0.0"); "nan", "inf", "-inf".
[[nodiscard]] std::string python_float_repr(double value);

// locations.natural_key: "plane:<iata as given>" for a plane with a non-empty
// IATA code, else "<mode>:<country code lower-case, empty if none>:<name
// stripped, ASCII lower-case, white-space runs collapsed to one space>:
// <python_float_repr(latitude)>:<python_float_repr(longitude)>". White space
// is Python's ASCII set (space, \t \n \v \f \r, \x1c-\x1f); non-ASCII bytes
// are kept as they are.
[[nodiscard]] std::string location_natural_key(std::string_view transport_mode,
                                               std::string_view name,
                                               const std::optional<std::string> &country_code,
                                               const std::optional<std::string> &iata_code,
                                               double latitude, double longitude);
// The same from a Location's fields (its natural_key is ignored).
[[nodiscard]] std::string location_natural_key(const Location &location);

// Every fake::airports() entry as a plane location (with municipality and
// continent), then every fake::stations() entry as a train location, in the
// lists' order, natural keys computed. Natural keys are unique.
[[nodiscard]] std::vector<Location> builtin_locations();

// 24 rooms per distinct building name (first occurrence order; duplicates
// used once), covering the six dto::room_types, surfaces in m2 with one
// decimal (office 12-30, laboratories 30-120, archives 10-60, libraries
// 80-400, auditoriums 100-500, miscellaneous 5-40). Room names are
// "<prefix> <floor>.<nn>" with floors 0-3, e.g. "AH 1.05"; the prefix is the
// building's initials (up to 4), followed by 2, 3, ... when an earlier
// building of the call already has it, so room names are unique across the
// call. building_location is a city chosen from the building name.
[[nodiscard]] std::vector<Room> builtin_rooms(const std::vector<std::string> &building_names);

} // namespace seed
