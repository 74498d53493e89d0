// Tests of row identifiers (include/seed/model/naming.hpp, src/model/naming.cpp).
#include "seed/model/naming.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <unordered_set>

namespace naming = seed::naming;

TEST_CASE("naming: exact formats", "[naming]") {
  CHECK(naming::unit_code(0) == "U00000");
  CHECK(naming::unit_code(42) == "U00042");
  CHECK(naming::unit_institutional_id(0) == "CF00000");
  CHECK(naming::unit_institutional_id(42) == "CF00042");
  CHECK(naming::user_institutional_id(0) == "USR000000");
  CHECK(naming::user_institutional_id(42) == "USR000042");
  CHECK(naming::admin_institutional_id(4000) == "ADMIN004000");
  CHECK(naming::admin_institutional_id(40) == "ADMIN000040");
}

TEST_CASE("naming: widths at their limit", "[naming]") {
  CHECK(naming::unit_code(99999) == "U99999");
  CHECK(naming::unit_institutional_id(99999) == "CF99999");
  CHECK(naming::user_institutional_id(999999) == "USR999999");
  CHECK(naming::admin_institutional_id(999999) == "ADMIN999999");
}

TEST_CASE("naming: widths grow beyond the minimum digits", "[naming]") {
  CHECK(naming::unit_code(100000) == "U100000");
  CHECK(naming::unit_code(123456) == "U123456");
  CHECK(naming::unit_institutional_id(1000000) == "CF1000000");
  CHECK(naming::user_institutional_id(1000000) == "USR1000000");
  CHECK(naming::user_institutional_id(15000000) == "USR15000000");
  CHECK(naming::admin_institutional_id(15000001) == "ADMIN15000001");
}

TEST_CASE("naming: unique across 200k numbers", "[naming]") {
  constexpr std::int64_t count = 200'000;
  std::unordered_set<std::string> units;
  std::unordered_set<std::string> institutional;
  std::unordered_set<std::string> users;
  std::unordered_set<std::string> admins;
  for (std::int64_t n = 0; n < count; ++n) {
    units.insert(naming::unit_code(n));
    institutional.insert(naming::unit_institutional_id(n));
    users.insert(naming::user_institutional_id(n));
    admins.insert(naming::admin_institutional_id(n));
  }
  CHECK(units.size() == count);
  CHECK(institutional.size() == count);
  CHECK(users.size() == count);
  CHECK(admins.size() == count);
  // Regular users and admins share one counter; their ids must never collide.
  for (const auto &admin : admins)
    REQUIRE(users.count(admin) == 0);
}

TEST_CASE("naming: identifiers are digits after the prefix", "[naming]") {
  for (std::int64_t n : {0LL, 7LL, 99999LL, 100000LL, 123456789LL}) {
    const auto code = naming::unit_code(n);
    REQUIRE(code.front() == 'U');
    CHECK(std::stoll(code.substr(1)) == n);
    CHECK(std::stoll(naming::unit_institutional_id(n).substr(2)) == n);
    CHECK(std::stoll(naming::user_institutional_id(n).substr(3)) == n);
    CHECK(std::stoll(naming::admin_institutional_id(n).substr(5)) == n);
  }
}

TEST_CASE("naming: numbers are read back from identifiers of the seeded shapes", "[naming]") {
  using namespace seed::naming;
  CHECK(unit_number_of("U00042") == 42);
  CHECK(unit_number_of("CF00042") == 42);
  CHECK(unit_number_of(unit_code(1234567)) == 1234567);
  CHECK(user_number_of("USR000042") == 42);
  CHECK(user_number_of("ADMIN004001") == 4001);
  CHECK(user_number_of(user_institutional_id(9876543)) == 9876543);
  for (const auto *other :
       {"U42", "UX0001", "CF", "U00042x", "USR-00042", "usr000042", "", "ADMIN"})
    CHECK_FALSE(unit_number_of(other).has_value());
  for (const auto *other : {"USR42", "USR0000x1", "ADMIN12", "U00042", "sciper123456"})
    CHECK_FALSE(user_number_of(other).has_value());
}
