// The 15 create-DTOs of payloads.md §3: validation rules, the persisted `data`
// object, and reading such an object back with pydantic's lax type rules.
#include "seed/model/dto.hpp"

#include "seed/model/app_json.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <span>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace seed::dto {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// --- Python string semantics ---

// Decodes the UTF-8 code point at s[i] and stores its byte length in `len`.
// Malformed bytes decode to U+FFFD, one byte each, so they never count as
// whitespace and never stop the caller from advancing.
char32_t decode_utf8(std::string_view s, std::size_t i, std::size_t &len) {
  const auto lead = static_cast<unsigned char>(s[i]);
  len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  if (len == 0 || i + len > s.size()) {
    len = 1;
    return lead < 0x80 ? lead : 0xFFFD;
  }
  char32_t cp = len == 1 ? lead : lead & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k) {
    const auto cont = static_cast<unsigned char>(s[i + k]);
    if ((cont & 0xC0) != 0x80) {
      len = 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cont & 0x3F);
  }
  return cp;
}

// Python's str.isspace() set, which str.strip() removes.
bool is_py_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 ||
         c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

// float() strips the same set except the ASCII separators U+001C..U+001F.
bool is_float_space(char32_t c) {
  return is_py_space(c) && !(c >= 0x1C && c <= 0x1F);
}

template <class IsSpace> std::string_view strip(std::string_view s, IsSpace is_space) {
  std::size_t begin = 0, len = 0;
  while (begin < s.size() && is_space(decode_utf8(s, begin, len)))
    begin += len;
  std::size_t end = s.size();
  while (end > begin) {
    std::size_t start = end - 1;
    while (start > begin && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80)
      --start;
    if (!is_space(decode_utf8(s, start, len)) || start + len != end)
      break;
    end = start;
  }
  return s.substr(begin, end - begin);
}

// Python's str.strip() with no argument.
std::string_view py_strip(std::string_view s) {
  return strip(s, is_py_space);
}

// ASCII lower-casing equals Python's str.lower() for every comparison made
// here: the only non-ASCII character lowering to ASCII is the Kelvin sign
// (-> 'k'), and no value set contains a 'k'.
std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char &c : out)
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  return out;
}

template <std::size_t N>
bool contains(const std::array<std::string_view, N> &set, std::string_view value) {
  for (std::string_view member : set)
    if (member == value)
      return true;
  return false;
}

template <std::size_t N> std::string join(const std::array<std::string_view, N> &set) {
  std::string out;
  for (std::string_view member : set) {
    if (!out.empty())
      out += ", ";
    out += member;
  }
  return out;
}

// --- FieldError::value: the offending value as compact JSON text ---

std::string json_text(double v) {
  // nlohmann writes non-finite numbers as `null`, which would hide the cause;
  // use Python's json.dumps spelling instead.
  if (std::isnan(v))
    return "NaN";
  if (std::isinf(v))
    return v > 0 ? "Infinity" : "-Infinity";
  return json(v).dump();
}

std::string json_text(long long v) {
  return std::to_string(v);
}

std::string json_text(const json &j) {
  if (j.is_number_float())
    return json_text(j.get<double>());
  // `replace`: a malformed UTF-8 string must still be reportable.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string json_text(const std::string &s) {
  return json_text(json(s));
}

// --- Python float() (the numeric-string coercion of §3.0 step 2) ---

// Appends one Python `digitpart` (digits, single `_` only between digits) to
// `out` without the underscores. Returns false if there is no digit at s[i].
bool scan_digits(std::string_view s, std::size_t &i, std::string &out) {
  auto digit_at = [&](std::size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };
  if (!digit_at(i))
    return false;
  while (digit_at(i) || (s[i] == '_' && digit_at(i + 1))) {
    if (s[i] == '_')
      ++i;
    out += s[i++];
  }
  return true;
}

// The literal Python's float() accepts, rewritten for std::from_chars (no
// underscores, no leading '+'), or nullopt if float() would raise.
std::optional<std::string> float_literal(std::string_view s) {
  std::string out;
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    if (s[i] == '-')
      out += '-';
    ++i;
  }
  const std::string word = ascii_lower(s.substr(i));
  if (word == "inf" || word == "infinity" || word == "nan")
    return out + word;

  const bool int_part = scan_digits(s, i, out);
  bool frac_part = false;
  if (i < s.size() && s[i] == '.') {
    out += s[i++];
    frac_part = scan_digits(s, i, out);
  }
  if (!int_part && !frac_part)
    return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    out += s[i++];
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
      out += s[i++];
    if (!scan_digits(s, i, out))
      return std::nullopt;
  }
  if (i != s.size())
    return std::nullopt;
  return out;
}

// from_chars reports out_of_range without a value, where Python returns ±inf
// (overflow) or ±0.0 (underflow). Which one is decided by the decimal
// magnitude of the literal.
double out_of_range_value(std::string_view literal) {
  const bool negative = literal.front() == '-';
  const std::size_t e = literal.find_first_of("eE");
  const std::string_view mantissa = literal.substr(0, e);
  long long exponent = 0;
  if (e != std::string_view::npos) {
    std::size_t k = e + 1;
    const bool exp_negative = literal[k] == '-';
    if (literal[k] == '+' || literal[k] == '-')
      ++k;
    for (; k < literal.size(); ++k) // saturate: any |exponent| past 1e9 is out of range
      exponent = std::min<long long>(exponent * 10 + (literal[k] - '0'), 1'000'000'000);
    if (exp_negative)
      exponent = -exponent;
  }
  std::size_t point = mantissa.find('.');
  if (point == std::string_view::npos)
    point = mantissa.size();
  const std::size_t first = mantissa.find_first_of("123456789");
  const long long magnitude =
      exponent + static_cast<long long>(point) - static_cast<long long>(first);
  const double v = magnitude > 0 ? std::numeric_limits<double>::infinity() : 0.0;
  return negative ? -v : v;
}

std::optional<double> py_float(std::string_view text) {
  const auto literal = float_literal(strip(text, is_float_space));
  if (!literal)
    return std::nullopt;
  double v = 0;
  const auto [ptr, ec] = std::from_chars(literal->data(), literal->data() + literal->size(), v);
  if (ec == std::errc::result_out_of_range)
    return out_of_range_value(*literal);
  if (ec != std::errc() || ptr != literal->data() + literal->size())
    return std::nullopt;
  return v;
}

// --- Python str() of a JSON value (the research-facility id/name hook) ---

// repr(float): shortest round-trip digits, positional when the decimal point
// falls within -4 < decpt <= 16, else d.ddde±XX.
std::string py_float_repr(double v) {
  if (std::isnan(v))
    return "nan";
  if (std::isinf(v))
    return v > 0 ? "inf" : "-inf";
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  const std::string sci(buf, res.ptr); // e.g. "-1.5e-07"
  const std::size_t e = sci.find('e');
  std::string sign, digits;
  for (char c : sci.substr(0, e)) {
    if (c == '-')
      sign = "-";
    else if (c != '.')
      digits += c;
  }
  const int exponent = std::stoi(sci.substr(e + 1));
  const int ndigits = static_cast<int>(digits.size());
  const int decpt = exponent + 1;
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0)
      return sign + "0." + std::string(static_cast<std::size_t>(-decpt), '0') + digits;
    if (decpt >= ndigits)
      return sign + digits + std::string(static_cast<std::size_t>(decpt - ndigits), '0') + ".0";
    return sign + digits.substr(0, decpt) + "." + digits.substr(decpt);
  }
  std::string mantissa = digits.substr(0, 1);
  if (ndigits > 1)
    mantissa += "." + digits.substr(1);
  const std::string exp_digits = std::to_string(std::abs(exponent));
  return sign + mantissa + (exponent < 0 ? "e-" : "e+") + (exp_digits.size() < 2 ? "0" : "") +
         exp_digits;
}

// Scalars as Python prints them. Arrays and objects fall back to their JSON
// text (Python would print its own repr); no caller sends those.
std::string py_str(const json &j) {
  switch (j.type()) {
  case json::value_t::string:
    return j.get<std::string>();
  case json::value_t::boolean:
    return j.get<bool>() ? "True" : "False";
  case json::value_t::number_integer:
    return std::to_string(j.get<long long>());
  case json::value_t::number_unsigned:
    return std::to_string(j.get<unsigned long long>());
  case json::value_t::number_float:
    return py_float_repr(j.get<double>());
  default:
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
  }
}

// --- departure_date (§3.3): a port of CPython 3.12's C fromisoformat ---
//
// The parser walks a NUL-terminated char buffer and peeks one character past
// the parts it has checked, so the ports below keep its pointer style and
// work on a NUL-padded copy.

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

const char *parse_digits(const char *p, int &var, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i, ++p) {
    if (!is_digit(*p))
      return nullptr;
    var = var * 10 + (*p - '0');
  }
  return p;
}

bool is_leap(int y) {
  return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

int days_in_month(int y, int m) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

// Proleptic Gregorian day number, 0001-01-01 = 1 (Python's toordinal()).
int to_ordinal(int y, int m, int d) {
  const int py = y - 1;
  int days = py * 365 + py / 4 - py / 100 + py / 400;
  for (int month = 1; month < m; ++month)
    days += days_in_month(y, month);
  return days + d;
}

void from_ordinal(int ordinal, int &y, int &m, int &d) {
  y = (ordinal - 1) / 366 + 1; // never past the real year; walk forward from there
  while (to_ordinal(y + 1, 1, 1) <= ordinal)
    ++y;
  m = 1;
  while (m < 12 && to_ordinal(y, m + 1, 1) <= ordinal)
    ++m;
  d = ordinal - to_ordinal(y, m, 1) + 1;
}

bool is_valid_date(int y, int m, int d) {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

// ISO week date -> calendar date (CPython iso_to_ymd). False if out of range.
bool iso_week_to_ymd(int iso_year, int week, int weekday, int &y, int &m, int &d) {
  if (iso_year < 1 || iso_year > 9999)
    return false;
  if (week <= 0 || week >= 53) {
    // 53-week years start on a Thursday, or on a Wednesday when leap.
    const int first_weekday = to_ordinal(iso_year, 1, 1) % 7; // 1 = Monday
    if (!(week == 53 && (first_weekday == 4 || (first_weekday == 3 && is_leap(iso_year)))))
      return false;
  }
  if (weekday <= 0 || weekday >= 8)
    return false;
  const int jan1 = to_ordinal(iso_year, 1, 1);
  const int jan1_weekday = (jan1 + 6) % 7; // 0 = Monday
  int week1_monday = jan1 - jan1_weekday;
  if (jan1_weekday > 3)
    week1_monday += 7;
  from_ordinal(week1_monday + (week - 1) * 7 + weekday - 1, y, m, d);
  return true;
}

// CPython parse_isoformat_date: YYYY-MM-DD, YYYYMMDD, YYYY-Www[-D], YYYYWww[D].
// Like the original it does not check that exactly `len` characters were used.
bool parse_iso_date(const char *s, std::size_t len, int &y, int &m, int &d) {
  const char *p = parse_digits(s, y, 4);
  if (!p)
    return false;
  const bool dashed = *p == '-';
  if (dashed)
    ++p;
  if (*p == 'W') {
    int week = 0, weekday = 1;
    p = parse_digits(p + 1, week, 2);
    if (!p)
      return false;
    if (static_cast<std::size_t>(p - s) < len) {
      if (dashed && *p++ != '-')
        return false;
      weekday = 0;
      if (!parse_digits(p, weekday, 1))
        return false;
    }
    return iso_week_to_ymd(y, week, weekday, y, m, d);
  }
  if (!(p = parse_digits(p, m, 2)))
    return false;
  if (dashed && *p++ != '-')
    return false;
  return parse_digits(p, d, 2) != nullptr;
}

// CPython parse_hh_mm_ss_ff: HH[:MM[:SS[.ffffff]]] or the same without colons.
// Returns -1 on error, 0 at the end of the string, 1 if text follows.
int parse_hh_mm_ss_ff(const char *p, const char *end, int (&hms)[3], int &micro) {
  bool colons = true;
  for (int i = 0; i < 3; ++i) {
    if (!(p = parse_digits(p, hms[i], 2)))
      return -1;
    const char c = *p++;
    if (i == 0)
      colons = c == ':';
    if (p >= end)
      return c != '\0';
    if (colons && c == ':')
      continue;
    if (c == '.' || c == ',')
      break;
    if (colons)
      return -1;
    --p;
  }
  const std::size_t count = std::min<std::size_t>(static_cast<std::size_t>(end - p), 6);
  if (!(p = parse_digits(p, micro, count)))
    return -1;
  for (std::size_t k = count; k < 6; ++k)
    micro *= 10;
  while (is_digit(*p)) // digits past the sixth are ignored
    ++p;
  return *p != '\0';
}

// CPython parse_isoformat_time plus the range checks of the datetime and
// timezone constructors. `s` holds `len` characters after the separator.
bool parse_iso_time(const char *s, std::size_t len) {
  const char *end = s + len;
  const char *tz = s;
  do {
    if (*tz == 'Z' || *tz == '+' || *tz == '-')
      break;
  } while (++tz < end);

  int hms[3] = {0, 0, 0}, micro = 0;
  const int rv = parse_hh_mm_ss_ff(s, tz, hms, micro);
  if (rv < 0 || (tz == end && rv == 1))
    return false;
  if (hms[0] > 23 || hms[1] > 59 || hms[2] > 59)
    return false;
  if (tz == end)
    return true;
  if (*tz == 'Z')
    return tz[1] == '\0';
  int tz_hms[3] = {0, 0, 0}, tz_micro = 0;
  if (parse_hh_mm_ss_ff(tz + 1, end, tz_hms, tz_micro) != 0)
    return false;
  // The offset fields are not range-checked one by one, only the total must
  // be strictly within ±24 h.
  const long long offset_us =
      (tz_hms[0] * 3600LL + tz_hms[1] * 60LL + tz_hms[2]) * 1'000'000LL + tz_micro;
  return offset_us < 24LL * 3600 * 1'000'000;
}

// CPython _find_isoformat_datetime_separator; -1 for the malformed case.
long datetime_separator(const std::string &s, std::size_t len) {
  if (len == 7)
    return 7;
  if (s[4] == '-') {
    if (s[5] != 'W')
      return 10; // YYYY-MM-DD
    if (len > 8 && s[8] == '-') {
      if (len == 9)
        return -1;
      return len > 10 && is_digit(s[10]) ? 8 : 10; // YYYY-Www-D or YYYY-Www + '-'
    }
    return 8; // YYYY-Www
  }
  if (s[4] != 'W')
    return 8; // YYYYMMDD
  std::size_t idx = 7;
  while (idx < len && is_digit(s[idx]))
    ++idx;
  if (idx < 9)
    return static_cast<long>(idx);
  return idx % 2 == 0 ? 7 : 8;
}

// A NUL-padded copy: the parser peeks past the checked characters, as the C
// original does into its string terminator.
std::string padded(std::string_view text) {
  std::string s(text);
  s.append(16, '\0');
  return s;
}

// Works on UTF-8 bytes like CPython, except for the minimum length (counted
// in characters) and the separator, which may be any single character.
bool datetime_fromisoformat(std::string_view text) {
  const auto characters = std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  });
  if (characters < 7)
    return false;
  const std::string s = padded(text);
  const std::size_t len = text.size();
  const long sep = datetime_separator(s, len);
  if (sep < 0)
    return false;
  int y = 0, m = 0, d = 0;
  if (!parse_iso_date(s.c_str(), static_cast<std::size_t>(sep), y, m, d))
    return false;
  if (len > static_cast<std::size_t>(sep)) {
    // Skip the separator by the length its UTF-8 lead byte announces.
    const auto lead = static_cast<unsigned char>(s[static_cast<std::size_t>(sep)]);
    const std::size_t width = lead < 0x80             ? 1
                              : (lead & 0xF0) == 0xE0 ? 3
                              : (lead & 0xF0) == 0xF0 ? 4
                                                      : 2;
    const std::size_t time_start = static_cast<std::size_t>(sep) + width;
    if (time_start > len || !parse_iso_time(s.c_str() + time_start, len - time_start))
      return false;
  }
  return is_valid_date(y, m, d);
}

// date.fromisoformat tests the length in UTF-8 bytes.
bool date_fromisoformat(std::string_view text) {
  const std::size_t len = text.size();
  if (len != 7 && len != 8 && len != 10)
    return false;
  const std::string s = padded(text);
  int y = 0, m = 0, d = 0;
  return parse_iso_date(s.c_str(), len, y, m, d) && is_valid_date(y, m, d);
}

std::string replace_all(std::string_view text, char from, std::string_view to) {
  std::string out;
  for (char c : text)
    out += c == from ? to : std::string_view(&c, 1);
  return out;
}

// The upstream pre-type hook: blank means null; otherwise '/' -> '-', then
// datetime.fromisoformat (with 'Z' -> '+00:00'), then date.fromisoformat.
bool is_valid_departure_date(std::string_view raw) {
  if (is_blank(raw))
    return true;
  const std::string normalized = replace_all(raw, '/', "-");
  return datetime_fromisoformat(replace_all(normalized, 'Z', "+00:00")) ||
         date_fromisoformat(normalized);
}

// --- validate ---

// Accumulates one FieldError per violated rule. Bounds are written as
// `!(value >= min)` so that NaN fails them, as `nan >= 0` is False in Python;
// ±inf compare like Python floats.
class Checker {
public:
  template <class Number> void require_min(const char *field, Number value, Number min) {
    if (!(value >= min))
      add(field, json_text(value), "must be >= " + json_text(min));
  }

  template <class Number>
  void require_range(const char *field, Number value, Number min, Number max) {
    if (!(value >= min && value <= max))
      add(field, json_text(value),
          "must be between " + json_text(min) + " and " + json_text(max) + " (inclusive)");
  }

  void require_not_blank(const char *field, const std::string &value) {
    if (is_blank(value))
      add(field, json_text(value), "must not be empty or whitespace-only");
  }

  // `key` is the form of `value` that is compared (e.g. trimmed or lower-cased).
  template <std::size_t N>
  void require_one_of(const char *field, const std::string &value, std::string_view key,
                      const std::array<std::string_view, N> &set, const char *note = "") {
    if (!contains(set, key))
      add(field, json_text(value), "must be one of " + join(set) + note);
  }

  void add(const char *field, std::string value, std::string reason) {
    errors_.push_back({field, std::move(value), std::move(reason)});
  }

  Errors take() { return std::move(errors_); }

private:
  Errors errors_;
};

// Plane and train share these rules (§3.3, §3.4).
template <class Travel, std::size_t N>
void check_travel(Checker &c, const Travel &p, const std::array<std::string_view, N> &classes) {
  // Lower-cased but not trimmed upstream: " economy" is rejected.
  c.require_one_of("cabin_class", p.cabin_class, ascii_lower(p.cabin_class), classes,
                   " (case-insensitive)");
  if (p.departure_date && !is_valid_departure_date(*p.departure_date))
    c.add("departure_date", json_text(*p.departure_date),
          "must be an ISO date (YYYY-MM-DD, '/' allowed) or ISO datetime");
  c.require_min("number_of_trips", p.number_of_trips, 1LL);
}

// Cloud and purchase currencies (§3.6, §3.8): null or blank means the default.
template <std::size_t N>
void check_currency(Checker &c, const OptString &currency,
                    const std::array<std::string_view, N> &set) {
  if (currency && !is_blank(*currency))
    c.require_one_of("currency", *currency, ascii_lower(py_strip(*currency)), set,
                     " (trimmed, case-insensitive)");
}

void check(Checker &c, const HeadCountCreate &p) {
  c.require_not_blank("name", p.name);
  c.require_one_of("sius_code", p.sius_code, p.sius_code, sius_codes);
  c.require_range("fte", p.fte, 0.0, 1.0);
  c.require_not_blank("user_institutional_id", p.user_institutional_id);
}

void check(Checker &c, const HeadCountStudentCreate &p) {
  c.require_min("fte", p.fte, 0.0);
}

void check(Checker &c, const ProfessionalTravelPlaneHandlerCreate &p) {
  check_travel(c, p, plane_cabin_classes);
}

void check(Checker &c, const ProfessionalTravelTrainHandlerCreate &p) {
  check_travel(c, p, train_cabin_classes);
}

void check(Checker &c, const EquipmentHandlerCreate &p) {
  c.require_not_blank("equipment_id", p.equipment_id);
  c.require_not_blank("name", p.name);
  c.require_not_blank("equipment_class", p.equipment_class);
  constexpr long long max_hours = max_weekly_usage_hours;
  const auto &active = p.active_usage_hours_per_week;
  const auto &standby = p.standby_usage_hours_per_week;
  if (active)
    c.require_range("active_usage_hours_per_week", *active, 0LL, max_hours);
  if (standby)
    c.require_range("standby_usage_hours_per_week", *standby, 0LL, max_hours);
  // The whole-model rule runs upstream only once both fields passed their own
  // checks. It is reported on standby_usage_hours_per_week, the field the
  // builder derives from the other (int[0, 168 - active]).
  const auto in_range = [&](long long h) { return h >= 0 && h <= max_hours; };
  if (active && standby && in_range(*active) && in_range(*standby) &&
      *active + *standby > max_hours)
    c.add("standby_usage_hours_per_week", json_text(*standby),
          "active_usage_hours_per_week + standby_usage_hours_per_week must be <= 168 (is " +
              std::to_string(*active + *standby) + ")");
}

void check(Checker &c, const ExternalCloudHandlerCreate &p) {
  c.require_min("spent_amount", p.spent_amount, 0.0);
  check_currency(c, p.currency, cloud_currencies);
}

void check(Checker &c, const ExternalAIHandlerCreate &p) {
  c.require_one_of("requests_per_user_per_day", p.requests_per_user_per_day,
                   py_strip(p.requests_per_user_per_day), requests_frequency_options,
                   " (trimmed, case-sensitive)");
  c.require_min("fte_count", p.fte_count, 0.1);
}

void check(Checker &c, const PurchaseHandlerCreate &p) {
  if (p.quantity)
    c.require_min("quantity", *p.quantity, 0.0);
  c.require_min("total_spent_amount", p.total_spent_amount, 0.0);
  check_currency(c, p.currency, purchase_currencies);
  // Length >= 1 without trimming: a single space passes.
  if (p.purchase_institutional_code.empty())
    c.add("purchase_institutional_code", json_text(p.purchase_institutional_code),
          "must be at least 1 character long");
}

void check(Checker &c, const PurchaseAdditionalHandlerCreate &p) {
  c.require_min("annual_consumption", p.annual_consumption, 0.0);
  c.require_min("coef_to_kg", p.coef_to_kg, 0.0);
}

void check(Checker &c, const BuildingRoomHandlerCreate &p) {
  c.require_one_of("room_type", p.room_type, p.room_type, room_types, " (case-sensitive)");
  if (p.room_allocation_ratio)
    c.require_range("room_allocation_ratio", *p.room_allocation_ratio, 0.0, 1.0);
}

void check(Checker &c, const EnergyCombustionHandlerCreate &p) {
  c.require_min("quantity", p.quantity, 0.0);
}

void check(Checker &, const BuildingEmbodiedEnergyHandlerCreate &) {}

void check(Checker &c, const ProcessEmissionsHandlerCreate &p) {
  c.require_min("quantity", p.quantity, 0.0);
}

void check(Checker &c, const ResearchFacilitiesCommonHandlerCreate &p) {
  c.require_min("use", p.use, 0.0);
}

// Unlike the common facilities, a negative `use` is accepted here (§3.15).
void check(Checker &, const ResearchFacilitiesAnimalHandlerCreate &) {}

// --- The field table shared by to_json and parse ---

// How a field departs from the default handling (required unless it is a
// std::optional; always written, null when empty).
struct Extra {
  bool written_only_when_set = false;  // not in the builder order: appended when set
  bool has_default = false;            // may be missing (keeps the struct default), not null
  bool stringified = false;            // §3.14 hook: any non-null value becomes its str()
  const char *blank_default = nullptr; // §3.6/§3.8 hook: missing/null/blank -> this value
  // For the exported contract (json_schema) only:
  std::span<const std::string_view> one_of{}; // the closed value set `check` enforces
  bool date = false;       // an ISO date string (pydantic `date`, JSON Schema format "date")
  bool undeclared = false; // not a field of the DTO: an unknown key `data` keeps verbatim
};
constexpr Extra when_set{true, false, false, nullptr};
constexpr Extra defaulted{false, true, false, nullptr};
constexpr Extra stringified{false, false, true, nullptr};
constexpr Extra blank_defaults_to(const char *value, std::span<const std::string_view> set) {
  return {.blank_default = value, .one_of = set};
}
constexpr Extra one_of(std::span<const std::string_view> set) {
  return {.one_of = set};
}
constexpr Extra iso_date{.date = true};
constexpr Extra undeclared_when_set{.written_only_when_set = true, .undeclared = true};

template <class T> inline constexpr bool always_false = false;

// Calls v(key, member[, extra]) for every field of the DTO in builder order,
// the "written only when set" fields last. P may be const (to_json) or not
// (parse).
template <class V, class P> void for_each_field(V &&v, P &p) {
  using T = std::remove_const_t<P>;
  if constexpr (std::is_same_v<T, HeadCountCreate>) {
    v("name", p.name);
    v("sius_code", p.sius_code, one_of(sius_codes));
    v("fte", p.fte);
    v("user_institutional_id", p.user_institutional_id);
    v("note", p.note);
  } else if constexpr (std::is_same_v<T, HeadCountStudentCreate>) {
    v("fte", p.fte);
  } else if constexpr (std::is_same_v<T, ProfessionalTravelPlaneHandlerCreate>) {
    v("user_institutional_id", p.user_institutional_id);
    v("origin_iata", p.origin_iata);
    v("destination_iata", p.destination_iata);
    v("cabin_class", p.cabin_class, one_of(plane_cabin_classes));
    v("departure_date", p.departure_date, iso_date);
    v("number_of_trips", p.number_of_trips, defaulted);
    v("note", p.note);
  } else if constexpr (std::is_same_v<T, ProfessionalTravelTrainHandlerCreate>) {
    v("user_institutional_id", p.user_institutional_id);
    v("origin_name", p.origin_name);
    v("origin_country_code", p.origin_country_code);
    v("destination_name", p.destination_name);
    v("destination_country_code", p.destination_country_code);
    v("cabin_class", p.cabin_class, one_of(train_cabin_classes));
    v("departure_date", p.departure_date, iso_date);
    v("number_of_trips", p.number_of_trips, defaulted);
    v("note", p.note);
    v("origin_natural_key", p.origin_natural_key, when_set);
    v("destination_natural_key", p.destination_natural_key, when_set);
  } else if constexpr (std::is_same_v<T, EquipmentHandlerCreate>) {
    v("equipment_id", p.equipment_id);
    v("name", p.name);
    v("equipment_class", p.equipment_class);
    v("sub_class", p.sub_class);
    v("active_usage_hours_per_week", p.active_usage_hours_per_week);
    v("standby_usage_hours_per_week", p.standby_usage_hours_per_week);
    v("note", p.note);
  } else if constexpr (std::is_same_v<T, ExternalCloudHandlerCreate>) {
    v("service_type", p.service_type);
    v("provider", p.provider);
    v("spent_amount", p.spent_amount);
    v("currency", p.currency, blank_defaults_to("eur", cloud_currencies));
    v("note", p.note);
  } else if constexpr (std::is_same_v<T, ExternalAIHandlerCreate>) {
    v("provider", p.provider);
    v("usage_type", p.usage_type);
    v("requests_per_user_per_day", p.requests_per_user_per_day, one_of(requests_frequency_options));
    v("fte_count", p.fte_count);
    v("note", p.note);
  } else if constexpr (std::is_same_v<T, PurchaseHandlerCreate>) {
    v("name", p.name);
    v("supplier", p.supplier);
    v("quantity", p.quantity);
    v("total_spent_amount", p.total_spent_amount);
    v("currency", p.currency, blank_defaults_to("chf", purchase_currencies));
    v("purchase_institutional_code", p.purchase_institutional_code);
    v("purchase_additional_code", p.purchase_additional_code);
    v("note", p.note);
    v("purchase_institutional_description", p.purchase_institutional_description, when_set);
  } else if constexpr (std::is_same_v<T, PurchaseAdditionalHandlerCreate>) {
    v("name", p.name);
    v("unit", p.unit);
    v("annual_consumption", p.annual_consumption);
    v("coef_to_kg", p.coef_to_kg);
    v("note", p.note);
  } else if constexpr (std::is_same_v<T, BuildingRoomHandlerCreate>) {
    v("building_name", p.building_name);
    v("room_name", p.room_name);
    v("room_type", p.room_type, one_of(room_types));
    v("room_allocation_ratio", p.room_allocation_ratio);
    v("note", p.note);
  } else if constexpr (std::is_same_v<T, EnergyCombustionHandlerCreate>) {
    v("name", p.name);
    v("quantity", p.quantity);
    v("note", p.note);
  } else if constexpr (std::is_same_v<T, BuildingEmbodiedEnergyHandlerCreate>) {
    v("building_name", p.building_name);
    v("room_surface_square_meter", p.room_surface_square_meter, undeclared_when_set);
  } else if constexpr (std::is_same_v<T, ProcessEmissionsHandlerCreate>) {
    v("category", p.category);
    v("subcategory", p.subcategory);
    v("quantity", p.quantity);
    v("note", p.note);
  } else if constexpr (std::is_same_v<T, ResearchFacilitiesCommonHandlerCreate>) {
    v("researchfacility_id", p.researchfacility_id, stringified);
    v("researchfacility_name", p.researchfacility_name, stringified);
    v("use", p.use);
    v("use_unit", p.use_unit);
    v("note", p.note);
    v("kg_co2eq", p.kg_co2eq, when_set);
  } else if constexpr (std::is_same_v<T, ResearchFacilitiesAnimalHandlerCreate>) {
    v("researchfacility_id", p.researchfacility_id);
    v("researchfacility_name", p.researchfacility_name);
    v("use", p.use);
    v("use_unit", p.use_unit);
    v("note", p.note);
    v("researchfacility_type", p.researchfacility_type);
  } else {
    static_assert(always_false<T>, "every Payload alternative needs a field list");
  }
}

// --- to_json ---

template <class Json> class JsonWriter {
public:
  explicit JsonWriter(Json &out) : out_(out) {}

  // Integers stay JSON integers and doubles JSON floats by their C++ type.
  template <class T> void operator()(const char *key, const T &value, Extra = {}) {
    out_[key] = value;
  }

  template <class T>
  void operator()(const char *key, const std::optional<T> &value, Extra extra = {}) {
    // The currency hook runs before `data` is built, so its default persists.
    if constexpr (std::is_same_v<T, std::string>) {
      if (extra.blank_default && (!value || is_blank(*value))) {
        out_[key] = extra.blank_default;
        return;
      }
    }
    if (value)
      out_[key] = *value;
    else if (!extra.written_only_when_set)
      out_[key] = nullptr;
  }

private:
  Json &out_;
};

// --- json_schema: the field table as pydantic's model_json_schema() writes it ---

// pydantic's default field title: "origin_iata" -> "Origin Iata".
std::string field_title(std::string_view key) {
  std::string title;
  bool word_start = true;
  for (char c : key) {
    if (c == '_') {
      title += ' ';
      word_start = true;
      continue;
    }
    title += word_start && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    word_start = false;
  }
  return title;
}

class SchemaWriter {
public:
  // `value` is the member of a default-constructed struct: the DTO's default.
  template <class T> void operator()(const char *key, const T &value, Extra extra = {}) {
    if (extra.undeclared)
      return;
    ordered_json field = type_of<T>(extra);
    if (extra.has_default)
      field["default"] = value;
    else
      required_.push_back(key);
    add(key, std::move(field));
  }

  template <class T> void operator()(const char *key, const std::optional<T> &, Extra extra = {}) {
    if (extra.undeclared)
      return;
    ordered_json field;
    field["anyOf"] = ordered_json::array({type_of<T>(extra), ordered_json{{"type", "null"}}});
    field["default"] = extra.blank_default ? ordered_json(extra.blank_default) : nullptr;
    add(key, std::move(field));
  }

  ordered_json finish(std::string_view name) {
    ordered_json schema;
    schema["properties"] = std::move(properties_);
    schema["required"] = std::move(required_);
    schema["title"] = name;
    schema["type"] = "object";
    return schema;
  }

private:
  template <class T> static ordered_json type_of(const Extra &extra) {
    ordered_json type;
    if constexpr (std::is_same_v<T, std::string>) {
      if (extra.date)
        type["format"] = "date";
      if (!extra.one_of.empty())
        type["enum"] = std::vector<std::string>(extra.one_of.begin(), extra.one_of.end());
      type["type"] = "string";
    } else if constexpr (std::is_same_v<T, double>) {
      type["type"] = "number";
    } else if constexpr (std::is_same_v<T, long long>) {
      type["type"] = "integer";
    } else {
      static_assert(always_false<T>, "a field type without a JSON Schema type");
    }
    return type;
  }

  void add(const char *key, ordered_json field) {
    field["title"] = field_title(key);
    properties_[key] = std::move(field);
  }

  ordered_json properties_ = ordered_json::object();
  ordered_json required_ = ordered_json::array();
};

// --- write_json: the same object as to_json(...).dump(), without a tree ---

constexpr const char *link_key = "primary_factor_id";

class TextWriter {
public:
  TextWriter(std::string &out, JsonStyle style, bool as_posted)
      : out_(out), style_(style), as_posted_(as_posted) {
    if (style_ == JsonStyle::canonical)
      values().clear();
  }
  void finish() {
    if (style_ != JsonStyle::canonical) {
      out_ += first_ ? "{}" : "}";
      return;
    }
    // Keys sorted by code point: UTF-8 byte order (the DTOs' keys are ASCII).
    const auto members = members_.begin(), end = members + static_cast<std::ptrdiff_t>(count_);
    std::sort(members, end,
              [](const Member &a, const Member &b) { return std::strcmp(a.key, b.key) < 0; });
    app_json::ObjectWriter object(out_, app_json::Escaping::ascii);
    for (auto m = members; m != end; ++m) {
      object.key(m->key);
      out_.append(values(), m->begin, m->end - m->begin);
    }
    object.finish();
  }

  template <class T> void operator()(const char *key, const T &value, Extra = {}) {
    write_key(key);
    write_value(value);
  }

  template <class T>
  void operator()(const char *key, const std::optional<T> &value, Extra extra = {}) {
    if constexpr (std::is_same_v<T, std::string>) {
      if (extra.blank_default && !as_posted_ && (!value || is_blank(*value))) {
        write_key(key);
        write_value(std::string(extra.blank_default));
        return;
      }
    }
    if (value) {
      write_key(key);
      write_value(*value);
    } else if (!extra.written_only_when_set) {
      write_key(key);
      value_out() += "null";
    }
  }

private:
  // Canonical: the values are written one after the other into a per-thread
  // scratch text, and copied out in key order by finish() (no allocation per
  // field on the hot path).
  static std::string &values() {
    thread_local std::string text;
    return text;
  }
  std::string &value_out() { return style_ == JsonStyle::canonical ? values() : out_; }
  void write_key(const char *key) {
    switch (style_) {
    case JsonStyle::compact:
      out_.push_back(first_ ? '{' : ',');
      app_json::append_string(out_, key);
      out_.push_back(':');
      break;
    case JsonStyle::application:
      out_ += first_ ? "{" : ", ";
      app_json::append_string(out_, key);
      out_ += ": ";
      break;
    case JsonStyle::canonical:
      if (count_ == members_.size())
        throw std::logic_error("a DTO with more fields than TextWriter holds");
      if (count_ > 0)
        members_[count_ - 1].end = values().size();
      members_[count_++] = {key, values().size(), std::string::npos};
      break;
    }
    first_ = false;
  }
  void write_value(const std::string &value) {
    // Compact text escapes what nlohmann's dump() does: the same as the
    // application's text (UTF-8 kept, '"', '\\' and control characters escaped).
    app_json::append_string(value_out(), value,
                            style_ == JsonStyle::canonical ? app_json::Escaping::ascii
                                                           : app_json::Escaping::utf8);
  }
  void write_value(long long value) { app_json::append_integer(value_out(), value); }
  void write_value(double value) {
    if (!std::isfinite(value)) {
      value_out() += "null"; // as nlohmann dumps NaN and infinities
      return;
    }
    // Shortest round-trip digits; a float keeps a fraction ("1.0"), as in
    // dump() and Python's repr().
    app_json::append_float(value_out(), value);
  }

  std::string &out_;
  JsonStyle style_;
  bool as_posted_;
  bool first_ = true;
  struct Member {
    const char *key;
    std::size_t begin, end; // of its value in values()
  };
  std::array<Member, 16> members_; // canonical: sorted by finish()
  std::size_t count_ = 0;
};

// --- parse: pydantic lax-mode conversions ---

// A float field: ints, floats, booleans, numeric strings (§3.0 step 2).
std::optional<double> lax_float(const json &j) {
  switch (j.type()) {
  case json::value_t::number_float:
    return j.get<double>();
  case json::value_t::number_integer:
    return static_cast<double>(j.get<long long>());
  case json::value_t::number_unsigned:
    return static_cast<double>(j.get<unsigned long long>());
  case json::value_t::boolean:
    return j.get<bool>() ? 1.0 : 0.0;
  case json::value_t::string:
    return py_float(j.get_ref<const std::string &>());
  default:
    return std::nullopt;
  }
}

struct LaxInt {
  std::optional<long long> value;
  const char *reason = "must be an integer";
};

LaxInt int_from_float(double v) {
  if (!std::isfinite(v))
    return {std::nullopt, "must be a finite integer"};
  if (v != std::trunc(v))
    return {std::nullopt, "must be an integer (has a fractional part)"};
  // [-2^63, 2^63): every double in it converts exactly.
  if (!(v >= -9223372036854775808.0 && v < 9223372036854775808.0))
    return {std::nullopt, "is out of the 64-bit integer range"};
  return {static_cast<long long>(v)};
}

// An int field: ints, booleans, floats with zero fraction, and numeric
// strings, which the coercion step turns into floats first ("3" -> 3.0 -> 3).
LaxInt lax_int(const json &j) {
  switch (j.type()) {
  case json::value_t::number_integer:
    return {j.get<long long>()};
  case json::value_t::number_unsigned:
    if (j.get<unsigned long long>() >
        static_cast<unsigned long long>(std::numeric_limits<long long>::max()))
      return {std::nullopt, "is out of the 64-bit integer range"};
    return {static_cast<long long>(j.get<unsigned long long>())};
  case json::value_t::boolean:
    return {j.get<bool>() ? 1 : 0};
  case json::value_t::number_float:
    return int_from_float(j.get<double>());
  case json::value_t::string:
    if (const auto v = py_float(j.get_ref<const std::string &>()))
      return int_from_float(*v);
    return {};
  default:
    return {};
  }
}

class JsonReader {
public:
  JsonReader(const json &data, Errors &errors) : data_(data), errors_(errors) {}

  void operator()(const char *key, std::string &out, Extra extra = {}) {
    const json *j = find(key);
    if (!j)
      return missing(key);
    if (extra.stringified) {
      if (j->is_null())
        return fail(key, *j, "must not be null");
      out = py_str(*j);
    } else if (j->is_string()) {
      out = j->get<std::string>();
    } else {
      fail(key, *j, "must be a string");
    }
  }

  void operator()(const char *key, OptString &out, Extra extra = {}) {
    const json *j = find(key);
    const bool empty = !j || j->is_null();
    if (extra.blank_default &&
        (empty || (j->is_string() && is_blank(j->get_ref<const std::string &>()))))
      out = extra.blank_default;
    else if (empty)
      out.reset();
    else if (j->is_string())
      out = j->get<std::string>();
    else
      fail(key, *j, "must be a string or null");
  }

  void operator()(const char *key, double &out, Extra = {}) {
    const json *j = find(key);
    if (!j)
      return missing(key);
    if (const auto v = lax_float(*j))
      out = *v;
    else
      fail(key, *j, "must be a number");
  }

  void operator()(const char *key, std::optional<double> &out, Extra = {}) {
    const json *j = find(key);
    if (!j || j->is_null())
      out.reset();
    else if (const auto v = lax_float(*j))
      out = *v;
    else
      fail(key, *j, "must be a number or null");
  }

  void operator()(const char *key, long long &out, Extra extra = {}) {
    const json *j = find(key);
    if (!j) {
      if (!extra.has_default)
        missing(key);
      return;
    }
    const LaxInt v = lax_int(*j);
    if (v.value)
      out = *v.value;
    else
      fail(key, *j, v.reason);
  }

  void operator()(const char *key, std::optional<long long> &out, Extra = {}) {
    const json *j = find(key);
    if (!j || j->is_null())
      return out.reset();
    const LaxInt v = lax_int(*j);
    if (v.value)
      out = *v.value;
    else
      fail(key, *j, std::string(v.reason) + " or null");
  }

private:
  const json *find(const char *key) const {
    const auto it = data_.find(key);
    return it == data_.end() ? nullptr : &*it;
  }
  void missing(const char *key) { errors_.push_back({key, "", "field required"}); }
  void fail(const char *key, const json &value, std::string reason) {
    errors_.push_back({key, json_text(value), std::move(reason)});
  }

  const json &data_;
  Errors &errors_;
};

// A default-constructed alternative of Payload chosen at run time.
template <std::size_t... I> Payload make_payload(std::size_t index, std::index_sequence<I...>) {
  using Maker = Payload (*)();
  static constexpr Maker makers[] = {
      [] { return Payload{std::in_place_index<I>}; }...,
  };
  return makers[index]();
}

std::size_t checked_index(DtoKind kind) {
  const auto index = static_cast<std::size_t>(kind);
  if (index >= dto_kind_count)
    throw std::out_of_range("unknown DtoKind " + std::to_string(index));
  return index;
}

} // namespace

std::string_view dto_name(DtoKind kind) {
  static constexpr std::array<std::string_view, dto_kind_count> names{
      "HeadCountCreate",
      "HeadCountStudentCreate",
      "ProfessionalTravelPlaneHandlerCreate",
      "ProfessionalTravelTrainHandlerCreate",
      "EquipmentHandlerCreate",
      "ExternalCloudHandlerCreate",
      "ExternalAIHandlerCreate",
      "PurchaseHandlerCreate",
      "PurchaseAdditionalHandlerCreate",
      "BuildingRoomHandlerCreate",
      "EnergyCombustionHandlerCreate",
      "BuildingEmbodiedEnergyHandlerCreate",
      "ProcessEmissionsHandlerCreate",
      "ResearchFacilitiesCommonHandlerCreate",
      "ResearchFacilitiesAnimalHandlerCreate",
  };
  return names[checked_index(kind)];
}

Errors validate(const Payload &payload) {
  Checker checker;
  std::visit([&](const auto &dto) { check(checker, dto); }, payload);
  return checker.take();
}

void write_json(const Payload &payload, std::string &out, const std::optional<FactorLinkKey> &link,
                JsonStyle style) {
  std::visit(
      [&](const auto &dto) {
        TextWriter writer{out, style, false};
        for_each_field(writer, dto);
        if (link)
          writer(link_key, std::optional<long long>(link->primary_factor_id));
        writer.finish();
      },
      payload);
}

void write_posted_json(const Payload &payload, std::string &out) {
  std::visit(
      [&](const auto &dto) {
        TextWriter writer{out, JsonStyle::application, true};
        for_each_field(writer, dto);
        writer.finish();
      },
      payload);
}

ordered_json to_json(const Payload &payload, const std::optional<FactorLinkKey> &link) {
  ordered_json out = ordered_json::object();
  std::visit([&](const auto &dto) { for_each_field(JsonWriter<ordered_json>{out}, dto); }, payload);
  if (link)
    add_link(out, *link);
  return out;
}

json to_json_value(const Payload &payload) {
  json out = json::object();
  std::visit([&](const auto &dto) { for_each_field(JsonWriter<json>{out}, dto); }, payload);
  return out;
}

ordered_json json_schema(DtoKind kind) {
  const Payload payload =
      make_payload(checked_index(kind), std::make_index_sequence<dto_kind_count>{});
  SchemaWriter writer;
  std::visit([&](const auto &dto) { for_each_field(writer, dto); }, payload);
  return writer.finish(dto_name(kind));
}

void add_link(ordered_json &data, const FactorLinkKey &link) {
  data[link_key] = link.primary_factor_id ? ordered_json(*link.primary_factor_id) : nullptr;
}

Parsed parse(DtoKind kind, const json &data) {
  Payload payload = make_payload(checked_index(kind), std::make_index_sequence<dto_kind_count>{});
  Parsed parsed;
  if (!data.is_object()) {
    parsed.errors.push_back({"data", json_text(data), "must be a JSON object"});
    return parsed;
  }
  std::visit([&](auto &dto) { for_each_field(JsonReader{data, parsed.errors}, dto); }, payload);
  if (parsed.errors.empty())
    parsed.payload = std::move(payload);
  return parsed;
}

std::string describe(const Errors &errors) {
  std::string out;
  for (const FieldError &e : errors) {
    if (!out.empty())
      out += "; ";
    out += e.field;
    if (!e.value.empty()) // a missing key has no value to show
      out += "=" + e.value;
    out += ": " + e.reason;
  }
  return out;
}

bool is_blank(std::string_view text) {
  return py_strip(text).empty();
}

std::string_view strip(std::string_view text) {
  return py_strip(text);
}

} // namespace seed::dto
