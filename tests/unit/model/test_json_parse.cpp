// Tests of the fast JSON reader (include/seed/model/json_parse.hpp): the very
// tree nlohmann::json::parse builds, value types included, for every text.
#include "seed/model/json_parse.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <random>
#include <string>

namespace {

using nlohmann::json;

// Equal values of equal types (json's operator== calls 1 and 1u and 1.0
// equal); floats bit for bit, so -0.0 differs from 0.0.
bool same_tree(const json &a, const json &b) {
  if (a.type() != b.type())
    return false;
  switch (a.type()) {
  case json::value_t::object: {
    if (a.size() != b.size())
      return false;
    for (auto it = a.begin(), other = b.begin(); it != a.end(); ++it, ++other)
      if (it.key() != other.key() || !same_tree(*it, *other))
        return false;
    return true;
  }
  case json::value_t::array:
    if (a.size() != b.size())
      return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!same_tree(a[i], b[i]))
        return false;
    return true;
  case json::value_t::number_float: {
    const double x = a.get<double>(), y = b.get<double>();
    return std::memcmp(&x, &y, sizeof x) == 0;
  }
  default:
    return a == b;
  }
}

// What the fast reader makes of `text` is what nlohmann's parser makes of it.
void check_as_nlohmann(const std::string &text) {
  INFO("text: " << text);
  const auto expected = json::parse(text, nullptr, /*allow_exceptions=*/false);
  const auto got = seed::json_parse::parse(text);
  REQUIRE(got.is_discarded() == expected.is_discarded());
  if (!expected.is_discarded())
    CHECK(same_tree(got, expected));
}

} // namespace

TEST_CASE("json_parse: payloads, numbers and strings as nlohmann parses them", "[json_parse]") {
  for (const char *text : {
           R"({"user_institutional_id":"USR000005","origin_iata":"BRN","number_of_trips":1,)"
           R"("note":null,"primary_factor_id":null,"fte":1.66,"active":true})",
           R"({"a": [1, -2, 3.5, [], {}, [null, false]], "b": {"c": {"d": "e"}}})",
           "{}",
           "[]",
           "null",
           "true",
           "false",
           "0",
           "7",
           "\"text\"",
           " \t\n{ \"a\" : 1 } \n",
           // Integers: unsigned without a sign, integer with one (-0 too), a float past 64 bits.
           "-0",
           "-7",
           "18446744073709551615",
           "18446744073709551616",
           "-9223372036854775808",
           "-9223372036854775809",
           "[0, -0, 00.5]",
           // Floats: fraction or exponent, correctly rounded, the sign of zero kept.
           "1.0",
           "-0.0",
           "1e2",
           "1E-2",
           "2.5e+3",
           "0.1",
           "3.141592653589793238462643383279",
           "2.2250738585072011e-308",
           "4.9e-324",
           "1.7976931348623157e308",
           "1e-400",
           // Strings: escapes, surrogate pairs, an escaped NUL, raw UTF-8.
           R"("\u00e9\ud83d\ude00\n\t\"\\\/\b\f\r")",
           R"("\u0000x")",
           "\"caf\xc3\xa9 \xe2\x82\xac\"",
           // The last of duplicate keys wins.
           R"({"a": 1, "b": 2, "a": 3})",
           R"({"a": {"x": 1}, "a": [2]})",
       })
    check_as_nlohmann(text);
}

TEST_CASE("json_parse: what is not JSON is what nlohmann rejects", "[json_parse]") {
  for (const char *text : {"",          " ",         "{",           "}",
                           "{\"a\":}",  "{\"a\" 1}", "[1,]",        "{\"a\":1,}",
                           "1 2",       "NaN",       "Infinity",    "-",
                           "1.",        ".5",        "01",          "1e",
                           "+1",        "1e400",     "-1e400",      "'a'",
                           "\"a",       "\"\\x\"",   "\"\\ud800\"", "\"tab\there\"",
                           "nul",       "\"\xff\"",  "\"\xc3\"",    "\"\xed\xa0\x80\"",
                           "{\"a\":1}x"})
    check_as_nlohmann(text);
}

TEST_CASE("json_parse: random floats round-trip as strtod reads them", "[json_parse]") {
  std::mt19937_64 bits(20261206);
  for (int i = 0; i < 20000; ++i) {
    std::uint64_t pattern = bits();
    double value;
    std::memcpy(&value, &pattern, sizeof value);
    if (!std::isfinite(value))
      continue;
    // The shortest round-trip form, and 17 significant digits (what a
    // careless writer stores).
    check_as_nlohmann(fmt::format("[{}]", value));
    check_as_nlohmann(fmt::format("[{:.17g}]", value));
  }
}

TEST_CASE("json_parse: random documents", "[json_parse]") {
  std::mt19937 random(7);
  const auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  const std::string alphabet[] = {"a",  "key", "\xc3\xa9", "\xf0\x9f\x98\x80",  "\"",
                                  "\\", "\n",  "\x01",     "primary_factor_id", " "};
  const auto text = [&] {
    std::string out;
    for (int n = pick(6); n > 0; --n)
      out += alphabet[pick(10)];
    return out;
  };
  std::function<json(int)> value = [&](int depth) -> json {
    switch (depth > 3 ? pick(5) : pick(7)) {
    case 0:
      return nullptr;
    case 1:
      return pick(2) == 1;
    case 2:
      return static_cast<std::int64_t>(random()) - (1LL << 31);
    case 3:
      return std::ldexp(static_cast<double>(random()), pick(80) - 40);
    case 4:
      return text();
    case 5: {
      json array = json::array();
      for (int n = pick(4); n > 0; --n)
        array.push_back(value(depth + 1));
      return array;
    }
    default: {
      json object = json::object();
      for (int n = pick(5); n > 0; --n)
        object[text()] = value(depth + 1);
      return object;
    }
    }
  };
  for (int i = 0; i < 2000; ++i) {
    const auto document = value(0);
    check_as_nlohmann(document.dump());
    check_as_nlohmann(document.dump(2, ' ', /*ensure_ascii=*/true));
  }
}
