// Tests of the COPY text encoder (include/seed/io/copy_text.hpp, src/io/copy_text.cpp).
#include "seed/io/copy_text.hpp"

#include "support/copy_reader.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

using seed::copy::RowBuffer;

std::string escaped(std::string_view value) {
  std::string out;
  seed::copy::append_escaped(out, value);
  return out;
}

using seed::testing::unescape;

std::string one_real(double value) {
  RowBuffer row;
  row.real(value);
  row.end_row();
  const auto &bytes = row.bytes();
  REQUIRE(!bytes.empty());
  REQUIRE(bytes.back() == '\n');
  return bytes.substr(0, bytes.size() - 1);
}

} // namespace

TEST_CASE("copy_text: the four special bytes are escaped", "[copy_text]") {
  CHECK(escaped("a\\b") == "a\\\\b");
  CHECK(escaped("a\tb") == "a\\tb");
  CHECK(escaped("a\nb") == "a\\nb");
  CHECK(escaped("a\rb") == "a\\rb");
  CHECK(escaped("\\\t\n\r") == "\\\\\\t\\n\\r");
  // At the edges and repeated.
  CHECK(escaped("\n") == "\\n");
  CHECK(escaped("\\\\") == "\\\\\\\\");
  CHECK(escaped("\r\nend") == "\\r\\nend");
  CHECK(escaped("start\t") == "start\\t");
  CHECK(escaped("") == "");
}

TEST_CASE("copy_text: nothing else is escaped", "[copy_text]") {
  CHECK(escaped("plain text 123") == "plain text 123");
  CHECK(escaped("\"double\" and 'single' quotes") == "\"double\" and 'single' quotes");
  CHECK(escaped("comma, semicolon; pipe|") == "comma, semicolon; pipe|");
  // UTF-8 multibyte sequences pass through untouched.
  const std::string utf8 = "Zürich — café 東京 \xF0\x9F\x98\x80";
  CHECK(escaped(utf8) == utf8);
  // Other control bytes are not special to COPY text.
  CHECK(escaped(std::string_view("\x01\x1f\x7f", 3)) == std::string("\x01\x1f\x7f", 3));
}

TEST_CASE("copy_text: append_escaped appends to what is there", "[copy_text]") {
  std::string out = "prefix|";
  seed::copy::append_escaped(out, "a\tb");
  CHECK(out == "prefix|a\\tb");
}

TEST_CASE("copy_text: literal \\N text stays distinct from NULL", "[copy_text]") {
  RowBuffer text_row;
  text_row.text("\\N");
  text_row.end_row();
  RowBuffer null_row;
  null_row.null();
  null_row.end_row();
  CHECK(null_row.bytes() == "\\N\n");
  CHECK(text_row.bytes() == "\\\\N\n");
  CHECK(text_row.bytes() != null_row.bytes());
}

TEST_CASE("copy_text: a JSON \\n escape reaches the server as backslash + n", "[copy_text]") {
  const nlohmann::json data = {{"note", "line 1\nline 2"}};
  const std::string json_text = data.dump();
  // dump() writes the newline as the two characters backslash and n.
  REQUIRE(json_text == "{\"note\":\"line 1\\nline 2\"}");
  RowBuffer row;
  row.text(json_text);
  row.end_row();
  // ... which COPY text needs doubled, so that the server reads back "\n".
  CHECK(row.bytes() == "{\"note\":\"line 1\\\\nline 2\"}\n");
  CHECK(unescape(row.bytes().substr(0, row.size() - 1)) == json_text);
}

TEST_CASE("copy_text: fields are tab-separated and rows end with a newline", "[copy_text]") {
  RowBuffer row;
  row.integer(1);
  row.text("a b");
  row.null();
  row.boolean(true);
  row.end_row();
  row.text("second");
  row.integer(-2);
  row.end_row();
  CHECK(row.bytes() == "1\ta b\t\\N\tt\nsecond\t-2\n");
  CHECK(row.rows() == 2);
  CHECK(row.size() == row.bytes().size());
}

TEST_CASE("copy_text: a single-field row has no tab", "[copy_text]") {
  RowBuffer row;
  row.null();
  row.end_row();
  row.text("x");
  row.end_row();
  CHECK(row.bytes() == "\\N\nx\n");
}

TEST_CASE("copy_text: empty text is an empty field, not NULL", "[copy_text]") {
  RowBuffer row;
  row.text("");
  row.text("");
  row.null();
  row.end_row();
  CHECK(row.bytes() == "\t\t\\N\n");
}

TEST_CASE("copy_text: integer extremes", "[copy_text]") {
  RowBuffer row;
  row.integer(std::numeric_limits<std::int64_t>::min());
  row.integer(std::numeric_limits<std::int64_t>::max());
  row.integer(0);
  row.integer(-1);
  row.end_row();
  CHECK(row.bytes() == "-9223372036854775808\t9223372036854775807\t0\t-1\n");
}

TEST_CASE("copy_text: real is the shortest round-trip decimal", "[copy_text]") {
  CHECK(one_real(0.1) == "0.1");
  CHECK(one_real(1.0) == "1");
  CHECK(one_real(12.5) == "12.5");
  CHECK(one_real(123456.789) == "123456.789");
  CHECK(one_real(0.0) == "0");
  CHECK(one_real(-2.25) == "-2.25");
  CHECK(one_real(5000.0) == "5000");
  CHECK(one_real(0.1 + 0.2) == "0.30000000000000004");
  for (double value : {1e-7, 0.1 + 0.2, 123456.789, 1.0 / 3.0, 6.02214076e23, -4.9e-324,
                       std::numeric_limits<double>::max()}) {
    const std::string text = one_real(value);
    INFO(text);
    CHECK(std::strtod(text.c_str(), nullptr) == value);
  }
}

TEST_CASE("copy_text: boolean is t or f", "[copy_text]") {
  RowBuffer row;
  row.boolean(true);
  row.boolean(false);
  row.end_row();
  CHECK(row.bytes() == "t\tf\n");
}

TEST_CASE("copy_text: optional_integer", "[copy_text]") {
  RowBuffer row;
  row.optional_integer(std::optional<int>(42));
  row.optional_integer(std::optional<int>());
  row.optional_integer(std::optional<std::int64_t>(std::numeric_limits<std::int64_t>::max()));
  row.optional_integer(std::optional<std::int64_t>());
  row.optional_integer(std::optional<short>(-3));
  row.end_row();
  CHECK(row.bytes() == "42\t\\N\t9223372036854775807\t\\N\t-3\n");
}

TEST_CASE("copy_text: rows() counts ended rows and clear() resets", "[copy_text]") {
  RowBuffer row;
  CHECK(row.rows() == 0);
  CHECK(row.size() == 0);
  row.integer(1);
  CHECK(row.rows() == 0); // an open row is not counted
  row.end_row();
  row.integer(2);
  row.end_row();
  row.integer(3);
  row.end_row();
  CHECK(row.rows() == 3);

  row.clear();
  CHECK(row.rows() == 0);
  CHECK(row.size() == 0);
  CHECK(row.bytes().empty());

  // Clearing in the middle of a row also forgets the open row: the next field
  // starts a new row without a leading tab.
  row.text("dropped");
  row.clear();
  row.text("kept");
  row.integer(4);
  row.end_row();
  CHECK(row.bytes() == "kept\t4\n");
  CHECK(row.rows() == 1);
}

TEST_CASE("copy_text: reserve does not change the content", "[copy_text]") {
  RowBuffer row;
  row.text("a");
  row.reserve(1 << 16);
  row.text("b");
  row.end_row();
  CHECK(row.bytes() == "a\tb\n");
}

TEST_CASE("copy_text: a text field larger than 1 MB survives intact", "[copy_text]") {
  std::string big;
  big.reserve(1'500'000);
  std::size_t specials = 0;
  for (std::size_t i = 0; big.size() < 1'500'000; ++i) {
    big += "chunk ";
    big += std::to_string(i);
    switch (i % 5) {
    case 0:
      big += '\\';
      ++specials;
      break;
    case 1:
      big += '\t';
      ++specials;
      break;
    case 2:
      big += '\n';
      ++specials;
      break;
    case 3:
      big += '\r';
      ++specials;
      break;
    default:
      big += "é";
      break;
    }
  }
  REQUIRE(big.size() > (1u << 20));

  RowBuffer row;
  row.integer(7);
  row.text(big);
  row.null();
  row.end_row();
  const std::string &bytes = row.bytes();
  REQUIRE(bytes.substr(0, 2) == "7\t");
  REQUIRE(bytes.substr(bytes.size() - 4) == "\t\\N\n");
  const std::string field = bytes.substr(2, bytes.size() - 6);
  CHECK(field.size() == big.size() + specials);
  // No raw tab or newline may remain inside the field.
  CHECK(field.find('\t') == std::string::npos);
  CHECK(field.find('\n') == std::string::npos);
  CHECK(field.find('\r') == std::string::npos);
  CHECK(unescape(field) == big);
  CHECK(row.rows() == 1);
}

TEST_CASE("copy_text: json() doubles backslashes only, as text() does for JSON text", "[copy]") {
  for (const std::string &json :
       {std::string(R"({"a": "x\ny", "b": "\\", "c": "\u00e9\t"})"), std::string(R"({})"),
        std::string(R"("\\\\")"), std::string("{\"k\": \"caf\xc3\xa9\"}")}) {
    seed::copy::RowBuffer as_json, as_text;
    as_json.json(json);
    as_json.end_row();
    as_text.text(json);
    as_text.end_row();
    CHECK(as_json.bytes() == as_text.bytes());
  }
  seed::copy::RowBuffer row;
  row.integer(1);
  row.json(R"(["a\"b"])");
  row.end_row();
  CHECK(row.bytes() == "1\t[\"a\\\\\"b\"]\n");
}

// --- Binary format ---

namespace {

using seed::copy::Wire;

// The bytes as "xx xx ..." hex, for readable comparisons.
std::string hex(std::string_view bytes) {
  std::string out;
  for (const unsigned char byte : bytes)
    out += fmt::format("{}{:02x}", out.empty() ? "" : " ", byte);
  return out;
}

RowBuffer binary_row(std::vector<Wire> wires) {
  RowBuffer row;
  row.use_binary(std::move(wires));
  return row;
}

} // namespace

TEST_CASE("copy_text: wire forms of column types", "[copy]") {
  using seed::copy::wire_of;
  CHECK(wire_of("smallint", false) == Wire::int2);
  CHECK(wire_of("integer", false) == Wire::int4);
  CHECK(wire_of("bigint", false) == Wire::int8);
  CHECK(wire_of("double precision", false) == Wire::float8);
  CHECK(wire_of("boolean", false) == Wire::boolean);
  CHECK(wire_of("timestamp without time zone", false) == Wire::timestamp);
  CHECK(wire_of("timestamp with time zone", false) == Wire::timestamp);
  for (const auto *type : {"text", "character varying", "json"})
    CHECK(wire_of(type, false) == Wire::bytes);
  CHECK(wire_of("jsonb", false) == Wire::jsonb);
  CHECK(wire_of("role_name_enum", true) == Wire::bytes);
  // Types we do not encode in binary leave their table in COPY text.
  for (const auto *type : {"numeric", "role_name_enum", "uuid", "inet", "date"})
    CHECK_FALSE(wire_of(type, false));
}

TEST_CASE("copy_text: binary header, trailer and one row of every wire form", "[copy]") {
  CHECK(hex(seed::copy::binary_header()) ==
        "50 47 43 4f 50 59 0a ff 0d 0a 00 00 00 00 00 00 00 00 00");
  CHECK(hex(seed::copy::binary_trailer()) == "ff ff");

  auto row = binary_row({Wire::int2, Wire::int4, Wire::int8, Wire::float8, Wire::boolean,
                         Wire::timestamp, Wire::bytes, Wire::jsonb, Wire::int4});
  CHECK(row.binary());
  row.integer(-2);
  row.integer(258);
  row.integer(-1);
  row.real(1.5);
  row.boolean(true);
  // 2000-01-01 00:00:01 UTC: one second after PostgreSQL's epoch.
  row.timestamp(946'684'801'000'000, "ignored in binary");
  row.text("a\tb\\"); // raw: no COPY escaping
  row.json(R"({"k": 1})");
  row.null();
  row.end_row();
  CHECK(row.rows() == 1);
  CHECK(hex(row.bytes()) == "00 09"                                   // fields
                            " 00 00 00 02 ff fe"                      // int2 -2
                            " 00 00 00 04 00 00 01 02"                // int4 258
                            " 00 00 00 08 ff ff ff ff ff ff ff ff"    // int8 -1
                            " 00 00 00 08 3f f8 00 00 00 00 00 00"    // float8 1.5
                            " 00 00 00 01 01"                         // true
                            " 00 00 00 08 00 00 00 00 00 0f 42 40"    // 1 000 000 µs
                            " 00 00 00 04 61 09 62 5c"                // a<TAB>b<BACKSLASH>
                            " 00 00 00 09 01 7b 22 6b 22 3a 20 31 7d" // jsonb: version 1
                            " ff ff ff ff");                          // NULL
}

TEST_CASE("copy_text: text format ignores the micros of a timestamp", "[copy]") {
  RowBuffer row;
  row.timestamp(0, "2026-12-05 14:13:00.000000");
  row.integer(1);
  row.end_row();
  CHECK(row.bytes() == "2026-12-05 14:13:00.000000\t1\n");
  CHECK_FALSE(row.binary());
}

TEST_CASE("copy_text: binary rows keep their format across clear() and append", "[copy]") {
  auto row = binary_row({Wire::int4});
  row.integer(7);
  row.end_row();
  auto other = binary_row({Wire::int4});
  other.append(row);
  other.append(row);
  CHECK(other.rows() == 2);
  CHECK(hex(other.bytes()) == "00 01 00 00 00 04 00 00 00 07 00 01 00 00 00 04 00 00 00 07");
  row.clear();
  CHECK(row.binary());
  row.null();
  row.end_row();
  CHECK(hex(row.bytes()) == "00 01 ff ff ff ff");
  row.use_binary({});
  CHECK_FALSE(row.binary());
  CHECK(row.size() == 0);
}

TEST_CASE("copy_text: binary errors name the field and the column's wire form", "[copy]") {
  auto row = binary_row({Wire::bytes, Wire::int2, Wire::timestamp});
  CHECK_THROWS_WITH(row.integer(1), "binary COPY: a integer field for a column sent as bytes");
  row = binary_row({Wire::int4});
  CHECK_THROWS_WITH(row.text("x"), "binary COPY: a text field for a column sent as int4");
  row = binary_row({Wire::int4});
  CHECK_THROWS_WITH(row.real(1.0), "binary COPY: a double field for a column sent as int4");
  row = binary_row({Wire::int4});
  CHECK_THROWS_WITH(row.boolean(true), "binary COPY: a boolean field for a column sent as int4");
  row = binary_row({Wire::int4});
  CHECK_THROWS_WITH(row.timestamp(0, ""),
                    "binary COPY: a timestamp field for a column sent as int4");
  row = binary_row({Wire::int2});
  CHECK_THROWS_AS(row.integer(40000), std::out_of_range);
  row = binary_row({Wire::int4});
  CHECK_THROWS_AS(row.integer(std::int64_t{1} << 40), std::out_of_range);
  row = binary_row({Wire::int4});
  row.integer(1);
  CHECK_THROWS_WITH(row.integer(2), "binary COPY: more than 1 fields in a row");
  row = binary_row({Wire::int4, Wire::int4});
  row.integer(1);
  CHECK_THROWS_WITH(row.end_row(), "binary COPY: a row of 1 fields, 2 expected");
}
