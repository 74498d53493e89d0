// Tests of the application's JSON text (include/seed/model/app_json.hpp).
#include "seed/model/app_json.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>

namespace app_json = seed::app_json;

TEST_CASE("app_json: floats as Python's repr() writes them", "[app_json]") {
  // Expected values printed by CPython 3.11 repr().
  CHECK(app_json::float_text(2.0) == "2.0");
  CHECK(app_json::float_text(0.0) == "0.0");
  CHECK(app_json::float_text(-0.0) == "-0.0");
  CHECK(app_json::float_text(100.0) == "100.0");
  CHECK(app_json::float_text(0.1) == "0.1");
  CHECK(app_json::float_text(1734.3260000000002) == "1734.3260000000002");
  CHECK(app_json::float_text(1e15) == "1000000000000000.0");
  CHECK(app_json::float_text(9999999999999998.0) == "9999999999999998.0");
  CHECK(app_json::float_text(1e16) == "1e+16");
  CHECK(app_json::float_text(1.5e16) == "1.5e+16");
  CHECK(app_json::float_text(1e-4) == "0.0001");
  CHECK(app_json::float_text(1e-5) == "1e-05");
  CHECK(app_json::float_text(1.5e-7) == "1.5e-07");
  CHECK(app_json::float_text(12345678901234567890.0) == "1.2345678901234567e+19");
  CHECK(app_json::float_text(5e-324) == "5e-324");
  CHECK(app_json::float_text(std::numeric_limits<double>::infinity()) == "Infinity");
  CHECK(app_json::float_text(std::nan("")) == "NaN");
}

TEST_CASE("app_json: strings, raw UTF-8 or ASCII-only", "[app_json]") {
  const auto text = [](std::string_view value, app_json::Escaping escaping) {
    std::string out;
    app_json::append_string(out, value, escaping);
    return out;
  };
  using E = app_json::Escaping;
  CHECK(text("Zoë Ünal", E::utf8) == "\"Zoë Ünal\"");
  // app-state.md §5.4's escaping example.
  CHECK(text("Zoë Ünal", E::ascii) == R"("Zo\u00eb \u00dcnal")");
  CHECK(text("naïve 😀 \"q\"", E::ascii) == R"("na\u00efve \ud83d\ude00 \"q\"")");
  CHECK(text("a/b\\c", E::ascii) == R"("a/b\\c")");
  CHECK(text("\n\r\t\b\f", E::ascii) == R"("\n\r\t\b\f")");
  CHECK(text("\x1f\x7f", E::ascii) == R"("\u001f\u007f")");
  CHECK(text("\x1f\x7f", E::utf8) == "\"\\u001f\x7f\"");
  CHECK(text("~ ", E::ascii) == "\"~ \"");
  // A stray continuation byte is escaped on its own rather than dropped.
  CHECK(text("a\x80z", E::ascii) == R"("a\u0080z")");
}

TEST_CASE("app_json: objects with the application's separators", "[app_json]") {
  std::string out;
  app_json::ObjectWriter object(out);
  object.key("a");
  app_json::append_integer(out, -3);
  object.key("é");
  app_json::append_float(out, 1.0);
  object.finish();
  CHECK(out == R"({"a": -3, "é": 1.0})");

  std::string empty;
  app_json::ObjectWriter none(empty);
  none.finish();
  CHECK(empty == "{}");
}
