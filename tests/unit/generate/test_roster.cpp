// Tests of unit rosters (include/seed/generate/roster.hpp).
#include "seed/generate/roster.hpp"

#include "seed/model/naming.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <stdexcept>

using namespace seed;

TEST_CASE("roster: the unit's users first, then further members", "[roster]") {
  Options options;
  options.units = 3;
  options.users = 12;
  options.entries_min = 4;
  options.entries_max = 10;
  options.seed = 9;
  const auto plan = Plan::make(options);
  for (std::int64_t u = 0; u < plan.unit_count(); ++u) {
    const auto users = plan.users_in_unit(u);
    REQUIRE(roster::size(plan, u) == users + 10);
    std::set<std::string> ids;
    for (std::int64_t k = 0; k < roster::size(plan, u); ++k) {
      const auto person = roster::person(plan, u, k);
      CHECK_FALSE(person.name.empty());
      ids.insert(person.institutional_id);
      if (k < users)
        CHECK(person.institutional_id ==
              naming::user_institutional_id(plan.user_number(plan.first_user_of_unit(u) + k)));
      else
        CHECK(person.institutional_id ==
              naming::member_institutional_id(plan.unit_number(u), k - users + 1));
    }
    CHECK(ids.size() == static_cast<std::size_t>(roster::size(plan, u)));
  }
  CHECK(naming::member_institutional_id(12, 7) == "U00012-M0007");
  // Same plan, same people.
  CHECK(roster::person(plan, 1, 20).name == roster::person(plan, 1, 20).name);
}

TEST_CASE("roster: draws never repeat and cover the roster", "[roster]") {
  roster::Draw draw(25, Rng(42));
  std::set<std::int64_t> seen;
  for (int i = 0; i < 25; ++i) {
    const auto position = draw.next();
    CHECK(position >= 0);
    CHECK(position < 25);
    CHECK(seen.insert(position).second);
  }
  CHECK_THROWS_AS(draw.next(), std::length_error);
  // Deterministic for the same stream.
  roster::Draw a(100, Rng(7)), b(100, Rng(7));
  for (int i = 0; i < 10; ++i)
    CHECK(a.next() == b.next());
}
