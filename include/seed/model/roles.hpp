// users.roles_raw as the application writes and reads it (payloads.md §1.7,
// docs/seed-data.md "Login-test perimeter map"): a JSON array of grants
// {"role": <RoleName value>, "on": {"kind": <the role's scope kind>, ...}},
// where `own` and `unit` scopes name the unit's institutional id and
// `affiliation` scopes an affiliation. The seeder writes it with
// write_roles_raw; the check reads every stored value with read_roles_raw.
#pragma once

#include "seed/model/catalog.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seed::roles {

// --- Interface ---

// One grant: `role` with its scope (`on` minus `kind`; an object, or null for
// none) after the kind.
[[nodiscard]] std::string write_roles_raw(const catalog::Role &role,
                                          const nlohmann::ordered_json &scope);

struct Grant {
  const catalog::Role *role = nullptr;
  std::optional<std::string> institutional_id; // own / unit scopes
  std::optional<std::string> affiliation;      // affiliation scope
};

// The grants of a stored roles_raw (SQL NULL and JSON null: no grant), or the
// reason the role model cannot read it (malformed JSON, not an array, an item
// without role/on, an unknown role value, a scope kind other than the role's,
// a scope without its institutional_id / affiliation).
struct ReadRoles {
  std::vector<Grant> grants;
  std::optional<std::string> error;
};
[[nodiscard]] ReadRoles read_roles_raw(std::optional<std::string_view> text);

// The role whose RoleName value is `value`, or nullptr.
[[nodiscard]] const catalog::Role *role_by_value(std::string_view value);

} // namespace seed::roles
