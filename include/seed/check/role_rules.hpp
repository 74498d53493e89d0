// The `roles` rule of `seed-random check`: every users.roles_raw readable by
// the application's role model (model/roles.hpp, the writer's own format),
// and every unit principal holding the principal role on that unit, both in
// roles_raw and in unit_users.
#pragma once

#include "seed/check/findings.hpp"
#include "seed/check/records.hpp"

namespace seed::check {

// --- Interface ---

void judge_user_roles(const UserRecord &user, Findings &findings);
void judge_principal(const PrincipalRecord &principal, Findings &findings);

} // namespace seed::check
