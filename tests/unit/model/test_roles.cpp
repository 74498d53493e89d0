// Tests of users.roles_raw as written and read (include/seed/model/roles.hpp).
#include "seed/model/roles.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace seed;

TEST_CASE("roles: what the writer writes, the reader reads back", "[roles]") {
  const auto unit =
      roles::write_roles_raw(catalog::role_principal, {{"institutional_id", "CF00001"}});
  CHECK(unit ==
        R"([{"role":"calco2.user.principal","on":{"kind":"unit","institutional_id":"CF00001"}}])");
  auto read = roles::read_roles_raw(unit);
  REQUIRE_FALSE(read.error);
  REQUIRE(read.grants.size() == 1);
  CHECK(read.grants[0].role == &catalog::role_principal);
  CHECK(read.grants[0].institutional_id == "CF00001");

  read = roles::read_roles_raw(
      roles::write_roles_raw(catalog::role_backoffice_metier, {{"affiliation", "SB"}}));
  REQUIRE_FALSE(read.error);
  CHECK(read.grants[0].affiliation == "SB");
  read = roles::read_roles_raw(roles::write_roles_raw(catalog::role_superadmin, {}));
  REQUIRE_FALSE(read.error);
  CHECK(read.grants[0].role == &catalog::role_superadmin);
  read = roles::read_roles_raw(
      roles::write_roles_raw(catalog::role_standard, {{"institutional_id", "CF1"}}));
  REQUIRE_FALSE(read.error);
  CHECK(read.grants[0].role == &catalog::role_standard);
}

TEST_CASE("roles: NULL and JSON null hold no grant", "[roles]") {
  CHECK_FALSE(roles::read_roles_raw(std::nullopt).error);
  CHECK(roles::read_roles_raw(std::nullopt).grants.empty());
  CHECK_FALSE(roles::read_roles_raw("null").error);
  CHECK_FALSE(roles::read_roles_raw("[]").error);
}

TEST_CASE("roles: every reason the role model cannot read a value", "[roles]") {
  const auto error = [](const char *text) {
    const auto read = roles::read_roles_raw(std::string_view(text));
    CHECK(read.grants.empty());
    return read.error.value_or("");
  };
  CHECK(error("[{") == "not JSON");
  CHECK(error(R"({"role": "calco2.user.standard"})") == "not an array of grants");
  CHECK(error(R"([1])") == "grant 0: not an object");
  CHECK(error(R"([{"on": {"kind": "own"}}])") == "grant 0: no role");
  CHECK(error(R"([{"role": "calco2.user.boss", "on": {"kind": "own"}}])") ==
        "grant 0: role 'calco2.user.boss' is not a RoleName value");
  CHECK(error(R"([{"role": "calco2.user.standard"}])") == "grant 0: no scope object 'on'");
  CHECK(
      error(
          R"([{"role": "calco2.user.standard", "on": {"kind": "unit", "institutional_id": "CF1"}}])") ==
      "grant 0: scope kind 'unit' where calco2.user.standard needs 'own'");
  CHECK(error(R"([{"role": "calco2.backoffice.admin", "on": {"scope": "global"}}])") ==
        "grant 0: scope kind missing where calco2.backoffice.admin needs 'global'");
  CHECK(error(R"([{"role": "calco2.user.principal", "on": {"kind": "unit"}}])") ==
        "grant 0: scope 'unit' without institutional_id");
  CHECK(error(R"([{"role": "calco2.backoffice.metier", "on": {"kind": "affiliation"}}])") ==
        "grant 0: scope 'affiliation' without affiliation");
  CHECK(error(R"([{"role": "calco2.backoffice.admin", "on": {"kind": "global"}}, 2])") ==
        "grant 1: not an object");
}

TEST_CASE("roles: role_by_value knows the four RoleName values", "[roles]") {
  CHECK(roles::role_by_value("calco2.user.standard") == &catalog::role_standard);
  CHECK(roles::role_by_value("calco2.backoffice.admin") == &catalog::role_superadmin);
  CHECK(roles::role_by_value("CO2_SUPERADMIN") == nullptr);
}
