// seed/module_totals.hpp: sums per (unit-year, module), the table's median,
// p95 (PostgreSQL percentile_cont) and shares, concurrent adds, rollups.
#include "seed/generate/module_totals.hpp"

#include "seed/model/catalog.hpp"

#include <catch2/catch.hpp>

#include <thread>
#include <vector>

using namespace seed;

TEST_CASE("percentile_cont interpolates as PostgreSQL does", "[module_totals]") {
  std::vector<double> values{4, 1, 3, 2};
  CHECK(percentile_cont(values, 0.5) == Approx(2.5));
  CHECK(percentile_cont(values, 0.95) == Approx(3.85));
  std::vector<double> one{7};
  CHECK(percentile_cont(one, 0.95) == 7);
  std::vector<double> none;
  CHECK(percentile_cont(none, 0.5) == 0);
}

TEST_CASE("the table: per-module median and p95 in t per unit-year, shares of the run",
          "[module_totals]") {
  ModuleTotals totals(4);
  // headcount: 1, 2, 3, 4 t; travel: 10 t in one unit-year only.
  for (int u = 0; u < 4; ++u)
    totals.add(u, 1, 1000.0 * (u + 1));
  totals.add(2, 2, 6000);
  totals.add(2, 2, 4000);
  const auto rows = totals.table();
  REQUIRE(rows.size() == catalog::module_type_count + 1);
  CHECK(rows[0].name == catalog::modules()[0].name);
  CHECK(rows[0].median_t == Approx(2.5));
  CHECK(rows[0].p95_t == Approx(3.85));
  CHECK(rows[0].share == Approx(0.5));
  CHECK(rows[1].median_t == 0); // three unit-years without travel
  CHECK(rows[1].share == Approx(0.5));
  CHECK(rows[2].share == 0);
  const auto &total = rows.back();
  CHECK(total.name == "total");
  // unit-year totals 1, 2, 13, 4
  CHECK(total.median_t == Approx(3.0));
  CHECK(total.share == 1);
  const auto text = format_totals(rows);
  CHECK(text.find("headcount") != std::string::npos);
  CHECK(text.find("50.0%") != std::string::npos);
}

TEST_CASE("adds from several threads are all counted", "[module_totals]") {
  ModuleTotals totals(2);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i)
        totals.add(i % 2, 3, 1.0);
    });
  for (auto &thread : threads)
    thread.join();
  const auto rows = totals.table();
  CHECK(rows[2].median_t == Approx(20.0)); // 20,000 kg per unit-year
}

TEST_CASE("out of range adds throw; rollup types are known", "[module_totals]") {
  ModuleTotals totals(1);
  CHECK_THROWS_AS(totals.add(1, 1, 1), std::out_of_range);
  CHECK_THROWS_AS(totals.add(0, 0, 1), std::out_of_range);
  CHECK_THROWS_AS(totals.add(0, 9, 1), std::out_of_range);
  CHECK(is_rollup(40000));
  CHECK(is_rollup(60100));
  CHECK_FALSE(is_rollup(60101));
  CHECK(ModuleTotals(0).table().back().share == 0);
}
