#include "seed/check/role_rules.hpp"

#include "seed/model/catalog.hpp"
#include "seed/model/roles.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace seed::check {

void judge_user_roles(const UserRecord &user, Findings &findings) {
  findings.checked(Rule::roles);
  const auto read = roles::read_roles_raw(user.roles_raw);
  if (read.error)
    findings.fail(Rule::roles, user.id, user.roles_raw.value_or("NULL"),
                  fmt::format("users: roles_raw of {}: {}", user.institutional_id, *read.error));
}

void judge_principal(const PrincipalRecord &principal, Findings &findings) {
  findings.checked(Rule::roles);
  const auto fail = [&](std::string value, std::string reason) {
    findings.fail(Rule::roles, principal.unit_id, std::move(value),
                  fmt::format("units: principal {} of {}: {}", principal.principal,
                              principal.unit_institutional_id, reason));
  };
  if (!principal.user_id)
    return fail(principal.principal, "no user has this institutional_id");
  const auto read = roles::read_roles_raw(principal.roles_raw);
  const bool granted = std::any_of(read.grants.begin(), read.grants.end(), [&](const auto &g) {
    return g.role == &catalog::role_principal &&
           g.institutional_id == principal.unit_institutional_id;
  });
  if (!granted)
    return fail(
        principal.roles_raw.value_or("NULL"),
        fmt::format("roles_raw has no {} grant on the unit", catalog::role_principal.value));
  if (principal.unit_role != catalog::role_principal.db_label)
    fail(fmt::format("unit_users.role={}", principal.unit_role.value_or("none")),
         fmt::format("not {}", catalog::role_principal.db_label));
}

} // namespace seed::check
