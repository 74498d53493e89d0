#include "seed/generate/rng.hpp"

#include <algorithm>
#include <cmath>

namespace seed {

namespace {
__extension__ typedef unsigned __int128 uint128; // GCC/Clang builtin; -Wpedantic-clean
} // namespace

std::uint64_t Rng::next_u64() noexcept {
  state_ += 0x9e3779b97f4a7c15ULL;
  return mix64(state_);
}

std::uint64_t Rng::below(std::uint64_t n) {
  if (n == 0)
    throw std::invalid_argument("Rng::below(0)");
  // Lemire, "Fast Random Integer Generation in an Interval" (2019): the high
  // word of x * n is uniform in [0, n) once the biased low words are rejected.
  uint128 product = static_cast<uint128>(next_u64()) * n;
  auto low = static_cast<std::uint64_t>(product);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      product = static_cast<uint128>(next_u64()) * n;
      low = static_cast<std::uint64_t>(product);
    }
  }
  return static_cast<std::uint64_t>(product >> 64);
}

std::int64_t Rng::between(std::int64_t lo, std::int64_t hi) {
  if (lo > hi)
    throw std::invalid_argument("Rng::between: lo > hi");
  const auto span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
  if (span == UINT64_MAX)
    return static_cast<std::int64_t>(next_u64());
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + below(span + 1));
}

double Rng::unit() noexcept {
  return static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
}

double Rng::decimal(double lo, double hi, int places) {
  if (places < 0 || places > 9)
    throw std::invalid_argument("Rng::decimal: places must be in [0, 9]");
  double scale = 1;
  for (int i = 0; i < places; ++i)
    scale *= 10;
  // lo * scale is inexact (0.1 * 100 = 10.000000000000002): snap bounds that
  // sit on a decimal within a relative margin, else round inwards.
  const auto snap = [](double x, bool up) {
    const double nearest = std::nearbyint(x);
    if (std::abs(x - nearest) <= 1e-9 * std::max(1.0, std::abs(x)))
      return static_cast<std::int64_t>(nearest);
    return static_cast<std::int64_t>(up ? std::ceil(x) : std::floor(x));
  };
  if (!(std::abs(lo * scale) < 9e15 && std::abs(hi * scale) < 9e15))
    throw std::invalid_argument("Rng::decimal: bounds too large for the precision");
  const auto k_lo = snap(lo * scale, true);
  const auto k_hi = snap(hi * scale, false);
  // k / scale is one correctly rounded division: the double nearest k/10^p.
  return static_cast<double>(between(k_lo, k_hi)) / scale;
}

bool Rng::chance(double p) noexcept {
  return unit() < p;
}

double Rng::normal(double mean, double sd) noexcept {
  double sum = 0;
  for (int i = 0; i < 12; ++i)
    sum += unit();
  return mean + sd * (sum - 6.0);
}

} // namespace seed
