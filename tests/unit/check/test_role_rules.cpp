// Tests of the roles rule (include/seed/check/role_rules.hpp).
#include "seed/check/role_rules.hpp"

#include "seed/model/roles.hpp"

#include <catch2/catch.hpp>

using namespace seed;
using namespace seed::check;

TEST_CASE("role rules: a readable roles_raw passes, a garbled one fails", "[check]") {
  Findings findings({Rule::roles}, 10);
  judge_user_roles(
      {1, "USR000000",
       roles::write_roles_raw(catalog::role_standard, {{"institutional_id", "CF00000"}})},
      findings);
  judge_user_roles({2, "USR000001", std::nullopt}, findings);
  CHECK(findings.clean());
  judge_user_roles({3, "USR000002", R"([{"role": "calco2.user.king", "on": {"kind": "own"}}])"},
                   findings);
  CHECK(findings.checked_count(Rule::roles) == 3);
  REQUIRE(findings.failing_count(Rule::roles) == 1);
  CHECK(findings.examples(Rule::roles)[0].id == 3);
  CHECK(findings.examples(Rule::roles)[0].reason ==
        "users: roles_raw of USR000002: grant 0: role 'calco2.user.king' is not a RoleName value");
}

TEST_CASE("role rules: a principal needs the principal grant on the unit and in unit_users",
          "[check]") {
  const auto principal_roles =
      roles::write_roles_raw(catalog::role_principal, {{"institutional_id", "CF00003"}});
  Findings findings({Rule::roles}, 10);
  judge_principal({3, "CF00003", "USR000009", 9, principal_roles, "CO2_USER_PRINCIPAL"}, findings);
  CHECK(findings.clean());

  judge_principal({4, "CF00004", "USR000099", std::nullopt, std::nullopt, std::nullopt}, findings);
  judge_principal({5, "CF00005", "USR000009", 9, principal_roles, "CO2_USER_PRINCIPAL"}, findings);
  judge_principal(
      {6, "CF00003", "USR000010", 10,
       roles::write_roles_raw(catalog::role_standard, {{"institutional_id", "CF00003"}}),
       "CO2_USER_PRINCIPAL"},
      findings);
  judge_principal({3, "CF00003", "USR000009", 9, principal_roles, "CO2_USER_STD"}, findings);
  judge_principal({3, "CF00003", "USR000009", 9, "garbage", "CO2_USER_PRINCIPAL"}, findings);
  REQUIRE(findings.failing_count(Rule::roles) == 5);
  const auto &examples = findings.examples(Rule::roles);
  CHECK(examples[0].reason ==
        "units: principal USR000099 of CF00004: no user has this institutional_id");
  CHECK(examples[1].id == 5); // a grant on another unit
  CHECK(examples[1].reason.find("no calco2.user.principal grant on the unit") != std::string::npos);
  CHECK(examples[2].id == 6);
  CHECK(examples[3].value == "unit_users.role=CO2_USER_STD");
  CHECK(examples[4].value == "garbage");
}
