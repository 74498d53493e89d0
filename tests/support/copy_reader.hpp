// Test helper: COPY text read back as PostgreSQL's COPY text reader does.
#pragma once

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seed::testing {

using Field = std::optional<std::string>; // nullopt = \N
using CopyRow = std::vector<Field>;

inline std::string unescape(std::string_view field) {
  std::string out;
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] != '\\') {
      out.push_back(field[i]);
      continue;
    }
    REQUIRE(i + 1 < field.size());
    switch (field[++i]) {
    case '\\':
      out.push_back('\\');
      break;
    case 't':
      out.push_back('\t');
      break;
    case 'n':
      out.push_back('\n');
      break;
    case 'r':
      out.push_back('\r');
      break;
    default:
      FAIL("unexpected escape \\" << field[i] << " in " << field);
    }
  }
  return out;
}

// Rows of COPY text: one per newline, fields split at tabs (escaped tabs and
// newlines are two characters, so raw ones are always separators).
inline std::vector<CopyRow> parse_copy(const std::string &bytes) {
  std::vector<CopyRow> rows;
  if (bytes.empty())
    return rows;
  REQUIRE(bytes.back() == '\n');
  std::size_t start = 0;
  while (start < bytes.size()) {
    const auto end = bytes.find('\n', start);
    const std::string_view line(bytes.data() + start, end - start);
    CopyRow row;
    std::size_t from = 0;
    for (;;) {
      const auto tab = line.find('\t', from);
      const auto field = line.substr(from, tab == std::string_view::npos ? line.npos : tab - from);
      if (field == "\\N")
        row.emplace_back(std::nullopt);
      else
        row.emplace_back(unescape(field));
      if (tab == std::string_view::npos)
        break;
      from = tab + 1;
    }
    rows.push_back(std::move(row));
    start = end + 1;
  }
  return rows;
}

} // namespace seed::testing
