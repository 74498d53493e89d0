// Tests of BinaryRows (include/seed/io/cursor.hpp): the split of binary COPY
// output into rows and fields, and every malformed-stream error. The cursors
// themselves run against a server in tests/pg_cursor.cpp.
#include "seed/io/cursor.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace {

using seed::pg::BinaryRows;
using seed::pg::Error;

const std::string header = std::string("PGCOPY\n\377\r\n\0", 11) + std::string(8, '\0');

std::string int16(int value) {
  return {static_cast<char>((value >> 8) & 0xff), static_cast<char>(value & 0xff)};
}

std::string int32(std::int32_t value) {
  std::string out;
  for (int shift = 24; shift >= 0; shift -= 8)
    out += static_cast<char>((static_cast<std::uint32_t>(value) >> shift) & 0xff);
  return out;
}

std::string field(std::string_view bytes) {
  return int32(static_cast<std::int32_t>(bytes.size())) + std::string(bytes);
}

const std::string null_field = int32(-1);
const std::string trailer = int16(-1);

} // namespace

TEST_CASE("BinaryRows splits binary COPY messages into rows and fields", "[io][cursor]") {
  BinaryRows rows(2);
  rows.reserve(4, 64);
  CHECK(rows.bytes() == 0);
  CHECK(rows.add(header + int16(2) + field("ab") + null_field, true));
  CHECK(rows.add(int16(2) + field("") + field("xyz") + int16(2) + field("1") + field("2"), false));
  REQUIRE(rows.size() == 3);
  CHECK(rows.columns() == 2);
  CHECK(rows.value(0, 0) == "ab");
  CHECK(rows.is_null(0, 1));
  CHECK(rows.value(0, 1).empty());
  CHECK_FALSE(rows.is_null(1, 0));
  CHECK(rows.value(1, 0).empty());
  CHECK(rows.value(1, 1) == "xyz");
  CHECK(rows.value(2, 1) == "2");
  CHECK_FALSE(rows.add(trailer, false)); // the end
  CHECK(rows.size() == 3);

  BinaryRows empty(1);
  CHECK_FALSE(empty.add(header + trailer, true)); // no rows: header and trailer together
  CHECK(empty.size() == 0);

  // A header extension area is skipped.
  BinaryRows extended(1);
  CHECK(extended.add(std::string("PGCOPY\n\377\r\n\0", 11) + int32(0) + int32(3) + "ext" +
                         int16(1) + field("v"),
                     true));
  CHECK(extended.value(0, 0) == "v");
}

TEST_CASE("BinaryRows rejects malformed binary COPY data", "[io][cursor]") {
  const auto fails = [](std::string_view message, bool first, std::string_view why) {
    BinaryRows rows(2);
    CHECK_THROWS_MATCHES(rows.add(message, first), Error,
                         Catch::Message("binary COPY: " + std::string(why)));
  };
  fails("PGCOPY\n", true, "no PGCOPY signature");
  fails(std::string("PGCOPY\n\377\r\n\0", 11) + std::string(2, '\0'), true, "a row cut short");
  fails(std::string("PGCOPY\n\377\r\n\0", 11) + int32(0) + int32(9) + "ab", true,
        "a row cut short");
  fails(int16(3) + field("a") + field("b") + field("c"), false, "a row of 3 fields, 2 expected");
  fails(int16(2) + field("a"), false, "a row cut short");
  fails(int16(2) + field("a") + int32(5) + "ab", false, "a row cut short");
  fails(int16(2) + field("a") + std::string(1, '\0'), false, "a row cut short");
  fails(int16(2) + field("a") + int32(-2), false, "a field of length -2");
  fails(trailer + "x", false, "data after the trailer");
  fails(std::string(1, '\0'), false, "a row cut short");
}
