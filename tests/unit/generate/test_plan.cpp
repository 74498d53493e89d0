// Tests of the run plan (include/seed/generate/plan.hpp, src/generate/plan.cpp).
#include "seed/generate/plan.hpp"

#include "seed/model/tables.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using seed::Options;
using seed::Plan;
using seed::PlanError;

// The message of the PlanError `options` raises, or FAIL.
std::string plan_error(const Options &options) {
  try {
    seed::check_options(options);
  } catch (const PlanError &e) {
    // Plan::make validates the same way.
    CHECK_THROWS_AS(Plan::make(options), PlanError);
    return e.what();
  }
  FAIL("check_options accepted options it should refuse");
  return {};
}

Options with_units(std::int64_t units, std::int64_t users) {
  Options o;
  o.units = units;
  o.users = users;
  return o;
}

void check_distribution(std::int64_t units, std::int64_t users, std::uint64_t seed_value) {
  INFO("units " << units << " users " << users << " seed " << seed_value);
  const auto counts = seed::distribute_users(units, users, seed_value);
  REQUIRE(counts.size() == static_cast<std::size_t>(units));
  CHECK(std::accumulate(counts.begin(), counts.end(), std::int64_t{0}) == users);
  for (auto count : counts) {
    REQUIRE(count >= seed::min_users_per_unit);
    REQUIRE(count <= seed::max_users_per_unit);
  }
  CHECK(seed::distribute_users(units, users, seed_value) == counts);
}

} // namespace

TEST_CASE("plan: default options", "[plan]") {
  const Options options;
  CHECK(options.units == 5);
  CHECK(options.users == 40);
  CHECK(options.years == std::vector<int>{2023, 2024, 2025});
  CHECK(options.entries_min == 4);
  CHECK(options.entries_max == 10);

  const auto plan = Plan::make(options);
  CHECK(plan.unit_count() == 5);
  CHECK(plan.regular_user_count() == 40);
  CHECK(plan.user_count() == 42); // + 2 back-office admins
  CHECK(plan.year_count() == 3);
  CHECK(plan.report_count() == 15);
  CHECK(plan.module_count() == 120);
  CHECK(plan.entry_count() >= 480);
  CHECK(plan.entry_count() <= 1200);
}

TEST_CASE("plan: expected_rows follows write order", "[plan]") {
  const auto plan = Plan::make(Options{});
  const auto rows = plan.expected_rows();
  const auto &order = seed::tables::write_order();
  REQUIRE(rows.size() == order.size() + 1);
  for (std::size_t i = 0; i < order.size(); ++i)
    CHECK(rows[i].first == order[i]->name);
  CHECK(rows.back().first == seed::tables::audit_documents().name);
  const std::vector<std::int64_t> expected{
      5, 42, 42, 3, 5, 15, 120, plan.entry_count(), plan.entry_count(), plan.entry_count()};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO(rows[i].first);
    CHECK(rows[i].second == expected[i]);
  }
}

TEST_CASE("plan: expected_rows for a larger plan", "[plan]") {
  Options o;
  o.units = 7;
  o.users = 60;
  o.years = {2020, 2024};
  o.entries_min = 2;
  o.entries_max = 2;
  o.audit = false; // --no-audit: no audit_documents rows
  const auto plan = Plan::make(o);
  const auto rows = plan.expected_rows();
  REQUIRE(rows.size() == 9);
  CHECK(rows[0].second == 7);   // units
  CHECK(rows[1].second == 62);  // users
  CHECK(rows[2].second == 62);  // unit_users
  CHECK(rows[3].second == 2);   // year_configuration
  CHECK(rows[4].second == 7);   // carbon_projects
  CHECK(rows[5].second == 14);  // carbon_reports
  CHECK(rows[6].second == 112); // carbon_report_modules
  CHECK(rows[7].second == 224); // data_entries: MIN == MAX
  CHECK(rows[8].second == 224); // data_entry_emissions
  CHECK(plan.entry_count() == 112 * 2);
}

TEST_CASE("plan: the seed document's row-count math over 200 seeds", "[plan]") {
  // 5 units x 3 years x 8 modules x avg(4..10) = 840.
  std::int64_t total = 0;
  constexpr int runs = 200;
  for (std::uint64_t s = 1; s <= runs; ++s) {
    Options o;
    o.seed = s;
    const auto count = Plan::make(o).entry_count();
    INFO("seed " << s);
    REQUIRE(count >= 120 * 4);
    REQUIRE(count <= 120 * 10);
    total += count;
  }
  const double mean = static_cast<double>(total) / runs;
  CHECK(mean > 840 - 30);
  CHECK(mean < 840 + 30);
}

TEST_CASE("plan: the same seed gives the same plan, another seed another", "[plan]") {
  Options a;
  a.seed = 77;
  const auto p1 = Plan::make(a);
  const auto p2 = Plan::make(a);
  REQUIRE(p1.module_count() == p2.module_count());
  for (std::int64_t m = 0; m < p1.module_count(); ++m)
    REQUIRE(p1.entries_in_module(m) == p2.entries_in_module(m));
  for (std::int64_t u = 0; u < p1.unit_count(); ++u)
    REQUIRE(p1.users_in_unit(u) == p2.users_in_unit(u));

  Options b = a;
  b.seed = 78;
  const auto p3 = Plan::make(b);
  bool differs = false;
  for (std::int64_t m = 0; m < p1.module_count(); ++m)
    differs = differs || p1.entries_in_module(m) != p3.entries_in_module(m);
  CHECK(differs);
}

TEST_CASE("plan: distribute_users sums exactly and stays in [3, 15]", "[plan]") {
  for (std::uint64_t s : {0ULL, 1ULL, 12345ULL}) {
    check_distribution(5, 40, s);
    check_distribution(5, 15, s);
    check_distribution(5, 75, s);
    check_distribution(500, 4000, s);
    check_distribution(1000, 3000, s);
    check_distribution(1000, 15000, s);
  }
}

TEST_CASE("plan: distribute_users at the extremes is forced", "[plan]") {
  for (auto c : seed::distribute_users(5, 15, 9))
    CHECK(c == 3);
  for (auto c : seed::distribute_users(1000, 15000, 9))
    REQUIRE(c == 15);
  CHECK(seed::distribute_users(1, 3, 0) == std::vector<std::int64_t>{3});
  CHECK(seed::distribute_users(1, 15, 0) == std::vector<std::int64_t>{15});
  CHECK(seed::distribute_users(1, 8, 0) == std::vector<std::int64_t>{8});
}

TEST_CASE("plan: distribute_users spreads unit sizes", "[plan]") {
  // Normal(8, 3) per unit: sizes vary, around the mean.
  const auto counts = seed::distribute_users(500, 4000, 3);
  std::int64_t lo = 15;
  std::int64_t hi = 3;
  double sum_sq = 0;
  for (auto c : counts) {
    lo = std::min(lo, c);
    hi = std::max(hi, c);
    sum_sq += static_cast<double>((c - 8) * (c - 8));
  }
  CHECK(lo <= 4);
  CHECK(hi >= 12);
  const double sd = std::sqrt(sum_sq / static_cast<double>(counts.size()));
  CHECK(sd > 2.0);
  CHECK(sd < 4.0);
  // Another seed, another distribution.
  CHECK(seed::distribute_users(500, 4000, 4) != counts);
}

TEST_CASE("plan: users per unit follow distribute_users", "[plan]") {
  Options o;
  o.units = 12;
  o.users = 100;
  o.seed = 5;
  const auto plan = Plan::make(o);
  const auto counts = seed::distribute_users(12, 100, 5);
  std::int64_t first = 0;
  for (std::int64_t u = 0; u < plan.unit_count(); ++u) {
    INFO("unit " << u);
    CHECK(plan.users_in_unit(u) == counts[static_cast<std::size_t>(u)]);
    CHECK(plan.first_user_of_unit(u) == first);
    first += plan.users_in_unit(u);
  }
  CHECK(first == plan.regular_user_count());
  CHECK_THROWS_AS(plan.users_in_unit(12), std::out_of_range);
}

TEST_CASE("plan: module coordinates and entry offsets are consistent", "[plan]") {
  Options o;
  o.units = 4;
  o.users = 30;
  o.years = {2030, 2023, 2024};
  o.entries_min = 1;
  o.entries_max = 9;
  o.seed = 11;
  const auto plan = Plan::make(o);
  REQUIRE(plan.module_count() == 4 * 3 * 8);

  std::int64_t first = 0;
  for (std::int64_t m = 0; m < plan.module_count(); ++m) {
    INFO("module " << m);
    const auto c = plan.module_coordinates(m);
    REQUIRE(c.unit_index >= 0);
    REQUIRE(c.unit_index < plan.unit_count());
    REQUIRE(c.year_index >= 0);
    REQUIRE(c.year_index < plan.year_count());
    REQUIRE(c.module_type_id >= 1);
    REQUIRE(c.module_type_id <= 8);
    // Round trip: module index = (unit * years + year_index) * 8 + type - 1.
    CHECK((c.unit_index * plan.year_count() + c.year_index) * 8 + c.module_type_id - 1 == m);

    const int n = plan.entries_in_module(m);
    CHECK(n >= o.entries_min);
    CHECK(n <= o.entries_max);
    CHECK(plan.first_entry_of_module(m) == first);
    first += n;
  }
  CHECK(first == plan.entry_count());

  const auto c0 = plan.module_coordinates(0);
  CHECK((c0.unit_index == 0 && c0.year_index == 0 && c0.module_type_id == 1));
  const auto c8 = plan.module_coordinates(8);
  CHECK((c8.unit_index == 0 && c8.year_index == 1 && c8.module_type_id == 1));
  const auto c31 = plan.module_coordinates(31);
  CHECK((c31.unit_index == 1 && c31.year_index == 0 && c31.module_type_id == 8));
  const auto last = plan.module_coordinates(plan.module_count() - 1);
  CHECK((last.unit_index == 3 && last.year_index == 2 && last.module_type_id == 8));

  CHECK_THROWS_AS(plan.entries_in_module(plan.module_count()), std::out_of_range);
}

TEST_CASE("plan: --units out of range", "[plan]") {
  CHECK_THAT(plan_error(with_units(0, 0)), Catch::Contains("--units"));
  CHECK_THAT(plan_error(with_units(-1, 40)), Catch::Contains("--units"));
  CHECK_THAT(plan_error(with_units(seed::max_units + 1, 3 * (seed::max_units + 1))),
             Catch::Contains("--units"));
}

TEST_CASE("plan: --users outside 3..15 per unit", "[plan]") {
  CHECK_THAT(plan_error(with_units(5, 14)), Catch::Contains("--users"));
  CHECK_THAT(plan_error(with_units(5, 76)), Catch::Contains("--users"));
  CHECK_THAT(plan_error(with_units(5, 0)), Catch::Contains("--users"));
  CHECK_THAT(plan_error(with_units(1, 2)), Catch::Contains("--users"));
  CHECK_THAT(plan_error(with_units(1, 16)), Catch::Contains("--users"));
}

TEST_CASE("plan: --users boundaries pass", "[plan]") {
  CHECK_NOTHROW(seed::check_options(with_units(5, 15)));
  CHECK_NOTHROW(seed::check_options(with_units(5, 75)));
  CHECK_NOTHROW(seed::check_options(with_units(1, 3)));
  CHECK_NOTHROW(seed::check_options(with_units(1, 15)));
  CHECK(Plan::make(with_units(5, 15)).user_count() == 17);
  CHECK(Plan::make(with_units(5, 75)).user_count() == 77);
}

TEST_CASE("plan: --units at max_units passes", "[plan]") {
  Options o = with_units(seed::max_units, 3 * seed::max_units);
  o.years = {2024};
  o.entries_min = 1;
  o.entries_max = 1;
  CHECK_NOTHROW(seed::check_options(o));
}

TEST_CASE("plan: --years errors", "[plan]") {
  Options o;
  o.years = {};
  CHECK_THAT(plan_error(o), Catch::Contains("--years"));

  o.years = {1899};
  CHECK_THAT(plan_error(o), Catch::Contains("1899"));
  o.years = {2023, 2101};
  CHECK_THAT(plan_error(o), Catch::Contains("2101"));

  o.years = {2023, 2024, 2023};
  const auto message = plan_error(o);
  CHECK_THAT(message, Catch::Contains("--years"));
  CHECK_THAT(message, Catch::Contains("2023"));
}

TEST_CASE("plan: an out-of-range year's message names --years", "[plan]") {
  // Every other check_options message names the flag to fix; this one says
  // only "year 1899 is outside 1900-2100".
  Options o;
  o.years = {1899};
  CHECK_THAT(plan_error(o), Catch::Contains("--years"));
  o.years = {2101};
  CHECK_THAT(plan_error(o), Catch::Contains("--years"));
}

TEST_CASE("plan: year boundaries pass", "[plan]") {
  Options o;
  o.years = {1900, 2100};
  CHECK_NOTHROW(seed::check_options(o));
  const auto plan = Plan::make(o);
  CHECK(plan.year_count() == 2);
  CHECK(plan.report_count() == 10);
  o.years = {2024};
  CHECK(Plan::make(o).module_count() == 40);
}

TEST_CASE("plan: --entries-per-module errors", "[plan]") {
  Options o;
  o.entries_min = 0;
  CHECK_THAT(plan_error(o), Catch::Contains("--entries-per-module"));

  o = Options{};
  o.entries_min = -3;
  CHECK_THAT(plan_error(o), Catch::Contains("--entries-per-module"));

  o = Options{};
  o.entries_min = 1;
  o.entries_max = 0;
  CHECK_THAT(plan_error(o), Catch::Contains("--entries-per-module"));

  o = Options{};
  o.entries_max = seed::max_entries_per_module + 1;
  CHECK_THAT(plan_error(o), Catch::Contains("--entries-per-module"));

  o = Options{};
  o.entries_min = 5;
  o.entries_max = 4;
  const auto message = plan_error(o);
  CHECK_THAT(message, Catch::Contains("--entries-per-module"));
  CHECK_THAT(message, Catch::Contains("MIN"));
}

TEST_CASE("plan: --entries-per-module boundaries pass", "[plan]") {
  Options o;
  o.entries_min = 1;
  o.entries_max = 1;
  CHECK(Plan::make(o).entry_count() == 120);
  o.entries_min = 6;
  o.entries_max = 6;
  CHECK(Plan::make(o).entry_count() == 720);
  o.entries_min = 1;
  o.entries_max = seed::max_entries_per_module;
  CHECK_NOTHROW(seed::check_options(o));
}

TEST_CASE("plan: a plan that could overflow the id range is refused", "[plan]") {
  Options o = with_units(1'000'000, 3'000'000);
  o.entries_min = 1;
  o.entries_max = 10'000;
  const auto message = plan_error(o);
  CHECK_THAT(message, Catch::Contains("--units"));
  CHECK_THAT(message, Catch::Contains("--entries-per-module"));
}

TEST_CASE("plan: the data entry limit is inclusive", "[plan]") {
  // 250,000 units x 1 year x 8 modules x 1,000 entries = exactly 2e9.
  Options o = with_units(250'000, 750'000);
  o.years = {2024};
  o.entries_min = 1;
  o.entries_max = 1000;
  CHECK_NOTHROW(seed::check_options(o));
  o.entries_max = 1001;
  CHECK_THAT(plan_error(o), Catch::Contains("--entries-per-module"));
}

TEST_CASE("plan: entry offsets are consistent across blocks of modules, and range-checked",
          "[plan]") {
  seed::Options options;
  options.seed = 77;
  options.units = 9; // 9 x 3 x 8 = 216 modules: several blocks, the last one partial
  options.users = 40;
  const auto plan = seed::Plan::make(options);
  REQUIRE(plan.module_count() == 216);
  std::int64_t running = 0;
  for (std::int64_t m = 0; m < plan.module_count(); ++m) {
    INFO("module " << m);
    CHECK(plan.first_entry_of_module(m) == running);
    const int count = plan.entries_in_module(m);
    CHECK(count >= options.entries_min);
    CHECK(count <= options.entries_max);
    running += count;
  }
  CHECK(plan.first_entry_of_module(plan.module_count()) == running);
  CHECK(plan.entry_count() == running);
  CHECK_THROWS_AS(plan.entries_in_module(-1), std::out_of_range);
  CHECK_THROWS_AS(plan.entries_in_module(plan.module_count()), std::out_of_range);
  CHECK_THROWS_AS(plan.first_entry_of_module(-1), std::out_of_range);
  CHECK_THROWS_AS(plan.first_entry_of_module(plan.module_count() + 1), std::out_of_range);
}
