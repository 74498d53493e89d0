#include "seed/model/app_json.hpp"

#include <fmt/format.h>

#include <cmath>
#include <iterator>

namespace seed::app_json {
namespace {

constexpr char hex_digits[] = "0123456789abcdef";

// Bytes a JSON string cannot hold raw, per escaping (the hot path of a run:
// one table look-up per byte).
struct EscapeTable {
  bool utf8[256] = {};
  bool ascii[256] = {};
  constexpr EscapeTable() {
    for (int c = 0; c < 256; ++c) {
      const bool control = c < 0x20 || c == '"' || c == '\\';
      utf8[c] = control;
      ascii[c] = control || c >= 0x7f;
    }
  }
};
constexpr EscapeTable escape_table;

void append_u_escape(std::string &out, unsigned code_unit) {
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4)
    out.push_back(hex_digits[(code_unit >> shift) & 0xf]);
}

// Decodes the UTF-8 sequence at `p` (before `end`); 0 when malformed.
std::size_t decode_utf8(const unsigned char *p, const unsigned char *end, char32_t &code_point) {
  const unsigned char lead = p[0];
  std::size_t length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
  if (length == 0 || lead >= 0xf8 || static_cast<std::size_t>(end - p) < length)
    return 0;
  code_point = lead & (0x7f >> length);
  for (std::size_t i = 1; i < length; ++i) {
    if ((p[i] & 0xc0) != 0x80)
      return 0;
    code_point = (code_point << 6) | (p[i] & 0x3f);
  }
  return length;
}

} // namespace

void append_float(std::string &out, double value) {
  if (!std::isfinite(value)) { // Python's json.dumps spelling (never stored by the seeder)
    out += std::isnan(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
    return;
  }
  // {fmt}'s shortest form switches to an exponent exactly where repr() does
  // (below 1e-4, from 1e16 on); only the ".0" of integral values differs.
  const auto start = out.size();
  fmt::format_to(std::back_inserter(out), "{}", value);
  if (out.find_first_of(".e", start) == std::string::npos)
    out += ".0";
}

std::string float_text(double value) {
  std::string out;
  append_float(out, value);
  return out;
}

void append_integer(std::string &out, long long value) {
  const fmt::format_int digits(value);
  out.append(digits.data(), digits.size());
}

void append_string(std::string &out, std::string_view value, Escaping escaping) {
  out.push_back('"');
  const auto *p = reinterpret_cast<const unsigned char *>(value.data());
  const auto *const end = p + value.size();
  const bool *const needs_escape =
      escaping == Escaping::utf8 ? escape_table.utf8 : escape_table.ascii;
  const auto *run = p; // raw bytes not yet copied
  while (p != end) {
    const unsigned char c = *p;
    if (!needs_escape[c]) {
      ++p;
      continue;
    }
    out.append(reinterpret_cast<const char *>(run), static_cast<std::size_t>(p - run));
    std::size_t consumed = 1;
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\b':
      out += "\\b";
      break;
    case '\f':
      out += "\\f";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default: {
      char32_t code_point = c;
      if (c >= 0x80) {
        consumed = decode_utf8(p, end, code_point);
        if (consumed == 0) {
          consumed = 1;
          code_point = c;
        }
      }
      if (code_point > 0xffff) {
        const auto v = static_cast<unsigned>(code_point - 0x10000);
        append_u_escape(out, 0xd800 + (v >> 10));
        append_u_escape(out, 0xdc00 + (v & 0x3ff));
      } else {
        append_u_escape(out, static_cast<unsigned>(code_point));
      }
    }
    }
    p += consumed;
    run = p;
  }
  out.append(reinterpret_cast<const char *>(run), static_cast<std::size_t>(p - run));
  out.push_back('"');
}

void ObjectWriter::key(std::string_view name) {
  out_ += first_ ? "{" : ", ";
  first_ = false;
  append_string(out_, name, escaping_);
  out_ += ": ";
}

} // namespace seed::app_json
