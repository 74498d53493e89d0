// Tests of the UTC calendar (include/seed/model/timestamps.hpp).
#include "seed/model/timestamps.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

TEST_CASE("timestamps: parsing and formatting UTC timestamps", "[timestamps]") {
  CHECK(seed::parse_utc_micros("1970-01-01 00:00:00") == 0);
  CHECK(seed::parse_utc_micros("1970-01-01 00:00:01.5") == 1'500'000);
  // 2026-12-05T14:13:00 UTC = 1796479980 s (app-state.md §2.5's last_updated).
  CHECK(seed::parse_utc_micros("2026-12-05 14:13:00.522869") == 1'796'479'980'522'869);
  CHECK(seed::parse_utc_micros("2026-12-05T14:13:00.522869") == 1'796'479'980'522'869);
  CHECK(seed::copy_timestamp(1'796'479'980'522'869) == "2026-12-05 14:13:00.522869");
  CHECK(seed::iso_timestamp(1'796'479'980'522'869) == "2026-12-05T14:13:00.522869");
  CHECK(seed::iso_timestamp(1'796'479'980'000'000) == "2026-12-05T14:13:00");
  CHECK(seed::copy_timestamp(1'796'479'980'000'000) == "2026-12-05 14:13:00.000000");
  CHECK(seed::iso_timestamp(951'782'400'000'001) == "2000-02-29T00:00:00.000001");
  for (const char *bad : {"", "2026-12-05", "2026/12/05 14:13:00", "2026-12-05 14:13:00.",
                          "2026-12-05 14:13:00.1234567", "2026-12-05 14:13:0x"})
    CHECK_THROWS_AS(seed::parse_utc_micros(bad), std::invalid_argument);
}

TEST_CASE("timestamps: the first and last years, and before the epoch", "[timestamps]") {
  // 0001-01-01 and 9999-12-31 23:59:59.999999, the range PostgreSQL's text form and ours share.
  CHECK(seed::copy_timestamp(-62'135'596'800'000'000) == "0001-01-01 00:00:00.000000");
  CHECK(seed::copy_timestamp(253'402'300'799'999'999) == "9999-12-31 23:59:59.999999");
  CHECK(seed::parse_utc_micros("0001-01-01 00:00:00") == -62'135'596'800'000'000);
  // A microsecond before the epoch rounds down to the previous second and day.
  CHECK(seed::copy_timestamp(-1) == "1969-12-31 23:59:59.999999");
  CHECK(seed::iso_timestamp(-1'000'000) == "1969-12-31T23:59:59");
  CHECK(seed::copy_timestamp(946'684'800'000'000) == "2000-01-01 00:00:00.000000");
  CHECK(seed::unix_seconds(1'500'000) == 1);
  CHECK(seed::unix_seconds(-1) == -1);
  for (const std::int64_t micros :
       {std::int64_t{0}, std::int64_t{1'796'479'980'522'869}, std::int64_t{-123'456'789}})
    CHECK(seed::parse_utc_micros(seed::copy_timestamp(micros)) == micros);
}

TEST_CASE("timestamps: copy_timestamp over a string reuses its buffer", "[timestamps]") {
  std::string out = "a longer text than any timestamp, so that its buffer is on the heap";
  const auto *buffer = out.data();
  seed::copy_timestamp(1'796'479'980'522'869, out);
  CHECK(out == "2026-12-05 14:13:00.522869");
  seed::copy_timestamp(-62'135'596'800'000'000, out);
  CHECK(out == seed::copy_timestamp(-62'135'596'800'000'000));
  CHECK(out.data() == buffer); // no allocation once the capacity suffices
}
