#include "seed/io/copy_text.hpp"

#include <cstring>

#include <fmt/format.h>

#include <array>
#include <iterator>

namespace seed::copy {

namespace {
// The bytes COPY text treats specially, and their two-byte escapes.
constexpr std::array<char, 256> escape_table() {
  std::array<char, 256> table{};
  table[static_cast<unsigned char>('\\')] = '\\';
  table[static_cast<unsigned char>('\t')] = 't';
  table[static_cast<unsigned char>('\n')] = 'n';
  table[static_cast<unsigned char>('\r')] = 'r';
  return table;
}
constexpr auto escapes = escape_table();
} // namespace

void append_escaped(std::string &out, std::string_view value) {
  const char *run = value.data();
  const char *const end = value.data() + value.size();
  for (const char *p = run; p != end; ++p) {
    const char escape = escapes[static_cast<unsigned char>(*p)];
    if (escape == 0)
      continue;
    out.append(run, p);
    const char pair[2] = {'\\', escape};
    out.append(pair, 2);
    run = p + 1;
  }
  out.append(run, end);
}

void RowBuffer::separate() {
  if (row_open_)
    buffer_.push_back('\t');
  row_open_ = true;
}

void RowBuffer::text(std::string_view value) {
  separate();
  append_escaped(buffer_, value);
}

void RowBuffer::json(std::string_view value) {
  separate();
  const char *run = value.data();
  const char *const end = run + value.size();
  while (const auto *backslash = static_cast<const char *>(
             std::memchr(run, '\\', static_cast<std::size_t>(end - run)))) {
    buffer_.append(run, backslash + 1);
    buffer_.push_back('\\');
    run = backslash + 1;
  }
  buffer_.append(run, end);
}

void RowBuffer::integer(std::int64_t value) {
  separate();
  const fmt::format_int digits(value);
  buffer_.append(digits.data(), digits.size());
}

void RowBuffer::real(double value) {
  separate();
  // {fmt}'s default for double is the shortest representation that reads back
  // to the same value, which is what PostgreSQL's float8 output does too.
  fmt::format_to(std::back_inserter(buffer_), "{}", value);
}

void RowBuffer::boolean(bool value) {
  separate();
  buffer_.push_back(value ? 't' : 'f');
}

void RowBuffer::null() {
  separate();
  buffer_.append("\\N", 2);
}

void RowBuffer::end_row() {
  buffer_.push_back('\n');
  row_open_ = false;
  ++rows_;
}

void RowBuffer::append(const RowBuffer &other) {
  buffer_ += other.buffer_;
  rows_ += other.rows_;
}

void RowBuffer::clear() noexcept {
  buffer_.clear();
  row_open_ = false;
  rows_ = 0;
}

} // namespace seed::copy
