// Identifiers of seeded rows: unit codes, user ids, e-mail tags.
//
// They are built from a row number, so they are unique by construction at
// any scale (no retry loops), and a payload can name a user of its unit by
// number alone. The parsers read the number back, to find where a new batch
// (--append) continues.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace seed::naming {

// --- Interface ---

// "U00042" (units.institutional_code); at least 5 digits.
[[nodiscard]] std::string unit_code(std::int64_t unit_number);
// "CF00042" (units.institutional_id, roles_raw scopes); at least 5 digits.
[[nodiscard]] std::string unit_institutional_id(std::int64_t unit_number);
// "USR000042" (users.institutional_id of a regular user); at least 6 digits.
[[nodiscard]] std::string user_institutional_id(std::int64_t user_number);
// "ADMIN004000"; admins continue the regular users' counter.
[[nodiscard]] std::string admin_institutional_id(std::int64_t user_number);
// "U00042-M0007": lab member 7 of unit 42 who has no user account (a member
// entry's user_institutional_id). Unique across batches, as unit codes are,
// and never equal to a users.institutional_id.
[[nodiscard]] std::string member_institutional_id(std::int64_t unit_number,
                                                  std::int64_t member_number);

// The number in an identifier of the matching shape, else nullopt
// ("U00042" -> 42; "CF00042" -> 42; "USR000042" and "ADMIN000042" -> 42).
[[nodiscard]] std::optional<std::int64_t> unit_number_of(std::string_view code_or_id);
[[nodiscard]] std::optional<std::int64_t> user_number_of(std::string_view institutional_id);

} // namespace seed::naming
