// JSON text as the application writes it (app-state.md §0, §5.3).
//
// Two spellings share these helpers:
// - application text, what every `json` column the application writes holds:
//   separators ", " and ": ", non-ASCII kept as raw UTF-8, floats as Python
//   prints them;
// - canonical text, the input of the audit hash: the same, but only
//   U+0020..U+007E stay raw, everything else is a lower-case \uXXXX escape
//   (UTF-16 surrogate pairs above U+FFFF). Key sorting is the caller's job.
#pragma once

#include <string>
#include <string_view>

namespace seed::app_json {

// --- Interface ---

enum class Escaping {
  utf8,  // application text: '"', '\\' and control characters escaped
  ascii, // canonical text: also every non-ASCII character, as \uXXXX
};

// Python's repr(float): shortest round-trip digits, ".0" on integral values,
// exponent form below 1e-4 and from 1e16 on ("1e-05", "1e+16").
void append_float(std::string &out, double value);
[[nodiscard]] std::string float_text(double value);

void append_integer(std::string &out, long long value);

// A JSON string literal, quotes included. Malformed UTF-8 is escaped byte by
// byte as \u00XX in ascii mode (the application never holds it).
void append_string(std::string &out, std::string_view value, Escaping escaping = Escaping::utf8);

// Writes one object's members with the application's separators:
//   ObjectWriter w(out); w.key("a"); app_json::append_integer(out, 1); w.finish();
class ObjectWriter {
public:
  explicit ObjectWriter(std::string &out, Escaping escaping = Escaping::utf8)
      : out_(out), escaping_(escaping) {}
  // Opens the member `name` (the value is appended by the caller).
  void key(std::string_view name);
  // Closes the object ("{}" when it has no member).
  void finish() { out_ += first_ ? "{}" : "}"; }

private:
  std::string &out_;
  Escaping escaping_;
  bool first_ = true;
};

} // namespace seed::app_json
