#include "seed/model/timestamps.hpp"

#include <fmt/core.h>

#include <charconv>
#include <stdexcept>

namespace seed {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  std::int64_t year;
  unsigned month, day;
};

Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

void put_digits(char *out, std::int64_t value, int width) {
  for (int i = width - 1; i >= 0; --i, value /= 10)
    out[i] = static_cast<char>('0' + value % 10);
}

void timestamp_text(std::int64_t micros, char separator, bool fraction_when_zero,
                    std::string &out) {
  const auto seconds = floor_div(micros, 1'000'000);
  const auto fraction = micros - seconds * 1'000'000;
  const auto days = floor_div(seconds, 86'400);
  const auto in_day = seconds - days * 86'400;
  const auto date = civil_from_days(days);
  out.assign(fraction != 0 || fraction_when_zero ? 26 : 19, '.');
  put_digits(&out[0], date.year, 4);
  out[4] = '-';
  put_digits(&out[5], date.month, 2);
  out[7] = '-';
  put_digits(&out[8], date.day, 2);
  out[10] = separator;
  put_digits(&out[11], in_day / 3600, 2);
  out[13] = ':';
  put_digits(&out[14], in_day / 60 % 60, 2);
  out[16] = ':';
  put_digits(&out[17], in_day % 60, 2);
  if (out.size() > 19)
    put_digits(&out[20], fraction, 6);
}

} // namespace

std::int64_t parse_utc_micros(std::string_view text) {
  const auto bad = [&] {
    return std::invalid_argument(fmt::format("not a UTC timestamp: '{}'", text));
  };
  const auto number = [&](std::size_t at, std::size_t width) {
    if (text.size() < at + width)
      throw bad();
    std::int64_t value = 0;
    const auto *first = text.data() + at;
    const auto [end, error] = std::from_chars(first, first + width, value);
    if (error != std::errc() || end != first + width)
      throw bad();
    return value;
  };
  if (text.size() < 19 || text[4] != '-' || text[7] != '-' ||
      (text[10] != ' ' && text[10] != 'T') || text[13] != ':' || text[16] != ':')
    throw bad();
  const auto days = days_from_civil(number(0, 4), static_cast<unsigned>(number(5, 2)),
                                    static_cast<unsigned>(number(8, 2)));
  auto micros = ((days * 24 + number(11, 2)) * 60 + number(14, 2)) * 60 + number(17, 2);
  micros *= 1'000'000;
  if (text.size() > 19) {
    if (text[19] != '.' || text.size() > 26 || text.size() == 20)
      throw bad();
    auto fraction = number(20, text.size() - 20);
    for (auto digits = text.size() - 20; digits < 6; ++digits)
      fraction *= 10;
    micros += fraction;
  }
  return micros;
}

std::int64_t unix_seconds(std::int64_t micros) {
  return floor_div(micros, 1'000'000);
}

std::string copy_timestamp(std::int64_t micros) {
  std::string out;
  copy_timestamp(micros, out);
  return out;
}

void copy_timestamp(std::int64_t micros, std::string &out) {
  timestamp_text(micros, ' ', true, out);
}

std::string iso_timestamp(std::int64_t micros) {
  std::string out;
  timestamp_text(micros, 'T', false, out);
  return out;
}

} // namespace seed
