// Tests of the deterministic random numbers (include/seed/generate/rng.hpp, src/generate/rng.cpp).
//
// The pinned numbers below were computed once from the current algorithm
// (SplitMix64 + Lemire's multiply-shift); a change of algorithm or of the
// mapping from raw words to values must show up here, because every seeded
// database depends on it.
#include "seed/generate/rng.hpp"

#include <catch2/catch.hpp>
#include <fmt/core.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

namespace {

using seed::Rng;
using seed::Stream;

constexpr std::int64_t i64_min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t i64_max = std::numeric_limits<std::int64_t>::max();

// Number of characters after the decimal point in fmt's shortest form.
std::size_t decimals_printed(double x) {
  const std::string s = fmt::format("{}", x);
  REQUIRE(s.find('e') == std::string::npos);
  const auto dot = s.find('.');
  return dot == std::string::npos ? 0 : s.size() - dot - 1;
}

} // namespace

TEST_CASE("rng: mix64 is the SplitMix64 finaliser", "[rng]") {
  CHECK(seed::mix64(0) == 0);
  // The finaliser of the first SplitMix64 step from state 0.
  CHECK(seed::mix64(0x9e3779b97f4a7c15ULL) == 0xe220a8397b1dcdafULL);
  // Bijective: nearby inputs give distinct outputs.
  std::set<std::uint64_t> seen;
  for (std::uint64_t z = 0; z < 1000; ++z)
    seen.insert(seed::mix64(z));
  CHECK(seen.size() == 1000);
}

TEST_CASE("rng: pinned first outputs of Rng(0)", "[rng]") {
  // The reference SplitMix64 sequence for seed 0.
  Rng rng(0);
  CHECK(rng.next_u64() == 0xe220a8397b1dcdafULL);
  CHECK(rng.next_u64() == 0x6e789e6aa1b965f4ULL);
  CHECK(rng.next_u64() == 0x06c45d188009454fULL);
}

TEST_CASE("rng: pinned first outputs of a keyed stream", "[rng]") {
  auto rng = Rng::keyed(1, Stream::entries, 0);
  CHECK(rng.next_u64() == 0xa6d4b8ec6da1d5e2ULL);
  CHECK(rng.next_u64() == 0xc24dbc4af304bf6aULL);
  CHECK(rng.next_u64() == 0x2bad2bd49ccc698aULL);
}

TEST_CASE("rng: pinned mapping of raw words to values", "[rng]") {
  SECTION("below") {
    Rng rng(0);
    const std::array<std::uint64_t, 5> expected{5, 2, 0, 5, 0};
    for (auto value : expected)
      CHECK(rng.below(6) == value);
  }
  SECTION("between") {
    Rng rng(0);
    CHECK(rng.between(1, 100) == 89);
    CHECK(rng.between(1, 100) == 44);
    CHECK(rng.between(1, 100) == 3);
  }
  SECTION("between over the full int64 range is the raw word") {
    Rng rng(0);
    CHECK(rng.between(i64_min, i64_max) == -2152535657050944081LL);
  }
  SECTION("unit") {
    Rng rng(0);
    CHECK(rng.unit() == 0.8833108082136426);
    CHECK(rng.unit() == 0.43152799704850997);
  }
  SECTION("decimal") {
    Rng rng(0);
    CHECK(rng.decimal(0.1, 1.0, 2) == 0.9);
    CHECK(rng.decimal(0.1, 1.0, 2) == 0.49);
    CHECK(rng.decimal(10, 500, 4) == 22.9525);
  }
  SECTION("normal") {
    Rng rng(0);
    CHECK(rng.normal(8, 3) == 8.13939041164869);
  }
}

TEST_CASE("rng: a copy replays the same sequence", "[rng]") {
  Rng a(12345);
  a.next_u64();
  Rng b = a;
  for (int i = 0; i < 100; ++i)
    REQUIRE(a.next_u64() == b.next_u64());
  Rng c(12346);
  Rng d(12345);
  d.next_u64();
  CHECK(c.next_u64() != d.next_u64());
}

TEST_CASE("rng: below stays in range", "[rng]") {
  Rng rng(7);
  for (std::uint64_t n : {1ULL, 2ULL, 3ULL, 6ULL, 7ULL, 1000ULL, (1ULL << 63) + 1, ~0ULL}) {
    for (int i = 0; i < 2000; ++i) {
      const auto x = rng.below(n);
      REQUIRE(x < n);
    }
  }
  // n = 1 has a single outcome.
  for (int i = 0; i < 100; ++i)
    REQUIRE(rng.below(1) == 0);
}

TEST_CASE("rng: below(6) is roughly uniform", "[rng]") {
  Rng rng(2024);
  constexpr int n = 6;
  constexpr int draws = 60000;
  std::array<int, n> counts{};
  for (int i = 0; i < draws; ++i)
    ++counts[rng.below(n)];
  const double expected = static_cast<double>(draws) / n;
  double chi2 = 0;
  for (int c : counts) {
    CHECK(c > 0);
    chi2 += (c - expected) * (c - expected) / expected;
  }
  // 5 degrees of freedom: the 99.99th percentile is about 25.7.
  CHECK(chi2 < 30.0);
}

TEST_CASE("rng: below with n above 2^63 reaches both halves", "[rng]") {
  // Rejection is frequent for this n; values must still cover [0, n).
  Rng rng(99);
  const std::uint64_t n = (1ULL << 63) + 12345;
  bool low = false;
  bool high = false;
  for (int i = 0; i < 1000; ++i) {
    const auto x = rng.below(n);
    REQUIRE(x < n);
    (x < n / 2 ? low : high) = true;
  }
  CHECK(low);
  CHECK(high);
}

TEST_CASE("rng: below rejects the biased words", "[rng]") {
  // For n just above 2^63 about half the raw words fall in the biased zone
  // and are drawn again: 4 values from Rng(0) take 6 words.
  const std::uint64_t n = (1ULL << 63) + 12345;
  Rng rng(0);
  CHECK(rng.below(n) == 8147104208329314671ULL);
  CHECK(rng.below(n) == 243808509735773165ULL);
  CHECK(rng.below(n) == 8954805688390283207ULL);
  CHECK(rng.below(n) == 3019047300631585085ULL);
  Rng raw(0);
  for (int i = 0; i < 6; ++i)
    raw.next_u64();
  CHECK(rng.next_u64() == raw.next_u64());
}

TEST_CASE("rng: below(0) throws", "[rng]") {
  Rng rng(0);
  CHECK_THROWS_AS(rng.below(0), std::invalid_argument);
}

TEST_CASE("rng: between is inclusive at both ends", "[rng]") {
  Rng rng(3);
  std::set<std::int64_t> seen;
  for (int i = 0; i < 2000; ++i) {
    const auto x = rng.between(1, 4);
    REQUIRE(x >= 1);
    REQUIRE(x <= 4);
    seen.insert(x);
  }
  CHECK(seen == std::set<std::int64_t>{1, 2, 3, 4});
}

TEST_CASE("rng: between with lo == hi", "[rng]") {
  Rng rng(3);
  for (int i = 0; i < 50; ++i) {
    REQUIRE(rng.between(17, 17) == 17);
    REQUIRE(rng.between(-5, -5) == -5);
    REQUIRE(rng.between(i64_min, i64_min) == i64_min);
    REQUIRE(rng.between(i64_max, i64_max) == i64_max);
  }
}

TEST_CASE("rng: between over negative ranges", "[rng]") {
  Rng rng(11);
  std::set<std::int64_t> seen;
  for (int i = 0; i < 2000; ++i) {
    const auto x = rng.between(-10, -7);
    REQUIRE(x >= -10);
    REQUIRE(x <= -7);
    seen.insert(x);
  }
  CHECK(seen == std::set<std::int64_t>{-10, -9, -8, -7});

  std::set<std::int64_t> across_zero;
  for (int i = 0; i < 2000; ++i)
    across_zero.insert(rng.between(-2, 2));
  CHECK(across_zero == std::set<std::int64_t>{-2, -1, 0, 1, 2});
}

TEST_CASE("rng: between with lo > hi throws", "[rng]") {
  Rng rng(0);
  CHECK_THROWS_AS(rng.between(2, 1), std::invalid_argument);
  CHECK_THROWS_AS(rng.between(0, -1), std::invalid_argument);
  CHECK_THROWS_AS(rng.between(i64_max, i64_min), std::invalid_argument);
}

TEST_CASE("rng: between over the full int64 range", "[rng]") {
  Rng rng(5);
  bool negative = false;
  bool positive = false;
  for (int i = 0; i < 200; ++i) {
    const auto x = rng.between(i64_min, i64_max);
    (x < 0 ? negative : positive) = true;
  }
  CHECK(negative);
  CHECK(positive);

  // One value short of the full range goes through below() and stays inside.
  for (int i = 0; i < 200; ++i) {
    REQUIRE(rng.between(i64_min, i64_max - 1) != i64_max);
    REQUIRE(rng.between(i64_min + 1, i64_max) != i64_min);
  }
  // Ranges at the extremes.
  std::set<std::int64_t> top;
  std::set<std::int64_t> bottom;
  for (int i = 0; i < 200; ++i) {
    top.insert(rng.between(i64_max - 1, i64_max));
    bottom.insert(rng.between(i64_min, i64_min + 1));
  }
  CHECK(top == std::set<std::int64_t>{i64_max - 1, i64_max});
  CHECK(bottom == std::set<std::int64_t>{i64_min, i64_min + 1});
}

TEST_CASE("rng: unit lies in [0, 1)", "[rng]") {
  Rng rng(8);
  double lo = 1;
  double hi = 0;
  double sum = 0;
  constexpr int draws = 100000;
  for (int i = 0; i < draws; ++i) {
    const double x = rng.unit();
    REQUIRE(x >= 0.0);
    REQUIRE(x < 1.0);
    lo = std::min(lo, x);
    hi = std::max(hi, x);
    sum += x;
  }
  CHECK(lo < 0.001);
  CHECK(hi > 0.999);
  CHECK(sum / draws == Approx(0.5).margin(0.01));
}

TEST_CASE("rng: decimal gives short multiples of 10^-places", "[rng]") {
  Rng rng(21);
  std::set<double> seen;
  for (int i = 0; i < 20000; ++i) {
    const double x = rng.decimal(0.1, 1.0, 2);
    REQUIRE(x >= 0.1);
    REQUIRE(x <= 1.0);
    const double k = std::round(x * 100);
    REQUIRE(x == k / 100);
    REQUIRE(decimals_printed(x) <= 2);
    seen.insert(x);
  }
  // 0.10 .. 1.00: 91 values, both ends included.
  CHECK(seen.size() == 91);
  CHECK(seen.count(0.1) == 1);
  CHECK(seen.count(1.0) == 1);
}

TEST_CASE("rng: decimal reaches both ends of a small range", "[rng]") {
  Rng rng(22);
  std::set<double> seen;
  for (int i = 0; i < 2000; ++i) {
    const double x = rng.decimal(0, 0.05, 2);
    REQUIRE(x >= 0.0);
    REQUIRE(x <= 0.05);
    seen.insert(x);
  }
  CHECK(seen == std::set<double>{0.0, 0.01, 0.02, 0.03, 0.04, 0.05});
}

TEST_CASE("rng: decimal with other place counts", "[rng]") {
  Rng rng(23);
  SECTION("places 0 gives integers") {
    std::set<double> seen;
    for (int i = 0; i < 1000; ++i)
      seen.insert(rng.decimal(1, 3, 0));
    CHECK(seen == std::set<double>{1.0, 2.0, 3.0});
  }
  SECTION("places 3 and 4 print short") {
    for (int i = 0; i < 5000; ++i) {
      const double x3 = rng.decimal(0.01, 10.0, 3);
      REQUIRE(x3 >= 0.01);
      REQUIRE(x3 <= 10.0);
      REQUIRE(decimals_printed(x3) <= 3);
      const double x4 = rng.decimal(10, 500, 4);
      REQUIRE(x4 >= 10);
      REQUIRE(x4 <= 500);
      REQUIRE(decimals_printed(x4) <= 4);
    }
  }
  SECTION("places 9 is accepted") {
    const double x = rng.decimal(0, 1, 9);
    CHECK(x >= 0);
    CHECK(x <= 1);
  }
  SECTION("negative bounds") {
    std::set<double> seen;
    for (int i = 0; i < 2000; ++i)
      seen.insert(rng.decimal(-0.02, 0.01, 2));
    CHECK(seen == std::set<double>{-0.02, -0.01, 0.0, 0.01});
  }
}

TEST_CASE("rng: decimal with places out of range throws", "[rng]") {
  Rng rng(0);
  CHECK_THROWS_AS(rng.decimal(0, 1, -1), std::invalid_argument);
  CHECK_THROWS_AS(rng.decimal(0, 1, 10), std::invalid_argument);
  CHECK_THROWS_AS(rng.decimal(0, 1, 100), std::invalid_argument);
}

TEST_CASE("rng: chance", "[rng]") {
  Rng rng(31);
  int heads = 0;
  constexpr int draws = 20000;
  for (int i = 0; i < draws; ++i) {
    REQUIRE_FALSE(rng.chance(0.0));
    REQUIRE(rng.chance(1.0));
    heads += rng.chance(0.5) ? 1 : 0;
  }
  CHECK(heads > draws * 0.47);
  CHECK(heads < draws * 0.53);
}

TEST_CASE("rng: normal(8, 3) sample mean and sd", "[rng]") {
  Rng rng(41);
  constexpr int draws = 50000;
  double sum = 0;
  double sum_sq = 0;
  for (int i = 0; i < draws; ++i) {
    const double x = rng.normal(8, 3);
    // Irwin-Hall of 12 uniforms: at most 6 sd from the mean.
    REQUIRE(x >= 8 - 6 * 3);
    REQUIRE(x <= 8 + 6 * 3);
    sum += x;
    sum_sq += x * x;
  }
  const double mean = sum / draws;
  const double sd = std::sqrt(sum_sq / draws - mean * mean);
  CHECK(mean == Approx(8).margin(0.1));
  CHECK(sd == Approx(3).margin(0.1));
}

TEST_CASE("rng: pick over std::array and std::vector", "[rng]") {
  Rng rng(51);
  SECTION("std::array") {
    const std::array<int, 4> items{10, 20, 30, 40};
    std::set<int> seen;
    for (int i = 0; i < 500; ++i) {
      const auto &x = rng.pick(items);
      // A reference into the container, not a copy.
      REQUIRE(&x >= items.data());
      REQUIRE(&x < items.data() + items.size());
      seen.insert(x);
    }
    CHECK(seen == std::set<int>{10, 20, 30, 40});
  }
  SECTION("std::vector") {
    const std::vector<std::string> items{"a", "b", "c"};
    std::map<std::string, int> counts;
    for (int i = 0; i < 3000; ++i)
      ++counts[rng.pick(items)];
    REQUIRE(counts.size() == 3);
    for (const auto &[value, count] : counts) {
      CHECK(count > 800);
      CHECK(count < 1200);
    }
  }
  SECTION("a single element") {
    const std::vector<int> one{7};
    CHECK(rng.pick(one) == 7);
  }
}

TEST_CASE("rng: pick on an empty container throws", "[rng]") {
  Rng rng(0);
  const std::vector<int> empty;
  CHECK_THROWS_AS(rng.pick(empty), std::invalid_argument);
}

TEST_CASE("rng: keyed streams are independent and reproducible", "[rng]") {
  using Key = std::tuple<std::uint64_t, Stream, std::uint64_t>;
  const std::array<Stream, 8> streams{Stream::units,   Stream::users,    Stream::unit_sizes,
                                      Stream::admins,  Stream::modules,  Stream::entry_counts,
                                      Stream::entries, Stream::emissions};
  std::map<std::uint64_t, Key> first_outputs;
  int triples = 0;
  for (std::uint64_t s : {0ULL, 1ULL, 2ULL, 42ULL}) {
    for (Stream stream : streams) {
      for (std::uint64_t index = 0; index < 16; ++index) {
        auto rng = Rng::keyed(s, stream, index);
        const auto first = rng.next_u64();
        ++triples;
        const auto [it, inserted] = first_outputs.emplace(first, Key{s, stream, index});
        INFO("seed " << s << " stream " << static_cast<std::uint64_t>(stream) << " index "
                     << index);
        REQUIRE(inserted);
        // The same triple gives the same generator.
        auto again = Rng::keyed(s, stream, index);
        REQUIRE(again.next_u64() == first);
      }
    }
  }
  CHECK(first_outputs.size() == static_cast<std::size_t>(triples));
}

TEST_CASE("rng: keyed separates swapped coordinates", "[rng]") {
  // Small, close numbers in different positions must not collide.
  auto a = Rng::keyed(1, Stream::users, 2);
  auto b = Rng::keyed(2, Stream::users, 1);
  auto c = Rng::keyed(1, Stream::units, 1);
  auto d = Rng::keyed(0, Stream::users, 1);
  const auto xa = a.next_u64();
  const auto xb = b.next_u64();
  const auto xc = c.next_u64();
  const auto xd = d.next_u64();
  CHECK(xa != xb);
  CHECK(xa != xc);
  CHECK(xb != xc);
  CHECK(xd != xc);
}
