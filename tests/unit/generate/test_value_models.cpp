// seed/value_models.hpp: the table's invariants (choice weights sum to 100,
// bounds inside the DTOs' bounds, medians positive), draws (deterministic,
// clamped, scaled by headcount and by a linked factor), the unit headcount.
#include "seed/generate/value_models.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <string>
#include <vector>

using namespace seed;
using namespace seed::values;

TEST_CASE("every value model is well formed and its key is unique", "[value_models]") {
  std::set<std::string_view> keys;
  for (const auto &m : models()) {
    INFO(m.key);
    CHECK(keys.insert(m.key).second);
    CHECK(!m.unit.empty());
    if (m.kind == Kind::choice) {
      int sum = 0;
      for (const auto &option : m.options)
        sum += option.percent;
      CHECK(sum == 100);
    } else {
      CHECK(m.median > 0);
      CHECK(m.sigma > 0);
      CHECK(m.sigma < 1.0); // no heavy tails: one entry must not dwarf its unit-year
      CHECK(m.min >= 0);    // every quantity the DTOs bound is >= 0
      CHECK(m.min <= m.median);
      CHECK(m.median <= m.max);
    }
  }
  CHECK(model("member.fte").options.back().value <= 1.0); // HeadCountCreate: 0 <= fte <= 1
  CHECK(model("external_ai.fte_count").min >= 0.1);       // ExternalAIHandlerCreate: >= 0.1
  CHECK(model("equipment.active_hours").max <= 168);
  CHECK(model("equipment.standby_hours").max <= 168);
  CHECK_THROWS_AS(model("no.such.model"), std::out_of_range);
  CHECK(model("process_emissions.quantity", "refrigerants").key ==
        "process_emissions.quantity/refrigerants");
  CHECK(model("process_emissions.quantity", "sf6").key == "process_emissions.quantity");
}

TEST_CASE("draws are deterministic, clamped, rounded and scale with headcount", "[value_models]") {
  const auto &plane = model("plane.km");
  std::vector<double> small, large;
  for (std::uint64_t i = 0; i < 2000; ++i) {
    auto a = Rng::keyed(1, Stream::entries, i);
    auto b = Rng::keyed(1, Stream::entries, i);
    const double x = draw(plane, a, 10);
    CHECK(x == draw(plane, b, 10));
    CHECK(x >= plane.min);
    CHECK(x <= plane.max);
    CHECK(x == std::round(x)); // places 0
    small.push_back(x);
    auto c = Rng::keyed(1, Stream::entries, i);
    large.push_back(draw(plane, c, 60));
  }
  std::sort(small.begin(), small.end());
  std::sort(large.begin(), large.end());
  const double median_small = small[small.size() / 2];
  const double median_large = large[large.size() / 2];
  CHECK(median_small == Approx(plane.median * 10 / reference_headcount).epsilon(0.05));
  CHECK(median_large / median_small == Approx(6.0).epsilon(0.01));
}

TEST_CASE("a linked factor scales the draw by reference_ef / ef", "[value_models]") {
  const auto &spent = model("purchase.spent");
  REQUIRE(spent.reference_ef > 0);
  auto a = Rng::keyed(3, Stream::entries, 7);
  auto b = Rng::keyed(3, Stream::entries, 7);
  auto c = Rng::keyed(3, Stream::entries, 7);
  const double plain = draw(spent, a, 20);
  CHECK(draw(spent, b, 20, spent.reference_ef * 2) == Approx(plain / 2).margin(0.01));
  CHECK(draw(spent, c, 20, 0) == plain); // no factor: unchanged
}

TEST_CASE("choice models return only their options, in about their weights", "[value_models]") {
  const auto &fte = model("member.fte");
  int full_time = 0;
  for (std::uint64_t i = 0; i < 10000; ++i) {
    auto rng = Rng::keyed(5, Stream::entries, i);
    const double x = draw(fte, rng, 20);
    bool known = false;
    for (const auto &option : fte.options)
      known = known || option.value == x;
    CHECK(known);
    full_time += x == 1.0;
  }
  CHECK(full_time == Approx(100.0 * fte.options[0].percent).epsilon(0.05));
}

TEST_CASE("unit headcount: deterministic per unit, grows with users, within bounds",
          "[value_models]") {
  double sum_small = 0, sum_large = 0;
  for (std::int64_t u = 0; u < 500; ++u) {
    const double small = unit_headcount(9, u, 3);
    const double large = unit_headcount(9, u, 15);
    CHECK(small == unit_headcount(9, u, 3));
    CHECK(small >= min_headcount);
    CHECK(large <= max_headcount);
    CHECK(large >= small);
    sum_small += small;
    sum_large += large;
  }
  CHECK(sum_large > 3 * sum_small);
}
