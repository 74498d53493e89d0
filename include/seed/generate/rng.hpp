// Deterministic, portable random numbers.
//
// Every generated value comes from an Rng keyed by (seed, stream, index): a
// row's values depend only on its coordinates, never on which thread made it
// or in which order. The mapping from raw 64-bit words to integers, reals and
// picks is written here (no std::uniform_*_distribution, whose output differs
// between standard libraries), and pinned by tests/unit/generate/test_rng.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace seed {

// --- Interface ---

// SplitMix64 finaliser: a bijective 64-bit mix with good avalanche.
[[nodiscard]] constexpr std::uint64_t mix64(std::uint64_t z) noexcept;

// Named streams, so that two kinds of rows never share random numbers.
enum class Stream : std::uint64_t {
  units = 1,
  users = 2,
  unit_sizes = 3,
  admins = 4,
  modules = 5,
  entry_counts = 6,
  entries = 7,
  emissions = 8,
  roster = 9,        // further lab members of a unit (by unit index and position)
  member_draws = 10, // the roster people a module's member entries describe
  creators = 11,     // who created an entry (the audit document's user)
  headcounts = 12,   // a unit's headcount (value_models.hpp)
};

class Rng {
public:
  explicit constexpr Rng(std::uint64_t state) noexcept : state_(state) {}

  // An independent generator for the row `index` of `stream` under `seed`.
  [[nodiscard]] static constexpr Rng keyed(std::uint64_t seed, Stream stream,
                                           std::uint64_t index) noexcept;

  // Next raw 64-bit word (SplitMix64).
  std::uint64_t next_u64() noexcept;

  // Uniform integer in [0, n), unbiased (Lemire's multiply-shift with
  // rejection). n must be > 0.
  std::uint64_t below(std::uint64_t n);

  // Uniform integer in [lo, hi], both ends inclusive. lo <= hi.
  std::int64_t between(std::int64_t lo, std::int64_t hi);

  // Uniform real in [0, 1) with 53 random bits.
  double unit() noexcept;

  // Uniform decimal with `places` decimals in [lo, hi] (both ends reachable),
  // returned as the double nearest to k / 10^places, so that it prints as
  // that short decimal (round2(U[lo, hi]) of the Python seeder).
  double decimal(double lo, double hi, int places);

  // True with probability p (0 <= p <= 1).
  bool chance(double p) noexcept;

  // Approximately Normal(mean, sd): Irwin-Hall sum of 12 uniforms, which
  // needs no libm and is therefore bit-identical everywhere.
  double normal(double mean, double sd) noexcept;

  // One element drawn uniformly.
  template <class Container> const auto &pick(const Container &items) {
    if (std::size(items) == 0)
      throw std::invalid_argument("Rng::pick on an empty set");
    return *(std::begin(items) + static_cast<std::ptrdiff_t>(below(std::size(items))));
  }

private:
  std::uint64_t state_;
};

// --- Inline implementations ---

constexpr std::uint64_t mix64(std::uint64_t z) noexcept {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

constexpr Rng Rng::keyed(std::uint64_t seed, Stream stream, std::uint64_t index) noexcept {
  // Nested mixing keeps (seed, stream, index) triples apart even when the
  // numbers are small and close to each other.
  return Rng(mix64(mix64(mix64(seed) ^ static_cast<std::uint64_t>(stream)) + index));
}

} // namespace seed
