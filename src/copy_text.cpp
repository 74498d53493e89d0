#include "seed/copy_text.hpp"

#include <fmt/format.h>

#include <iterator>

namespace seed::copy {

void append_escaped(std::string &out, std::string_view value) {
  std::size_t plain_from = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    const char *escape = nullptr;
    switch (c) {
    case '\\':
      escape = "\\\\";
      break;
    case '\t':
      escape = "\\t";
      break;
    case '\n':
      escape = "\\n";
      break;
    case '\r':
      escape = "\\r";
      break;
    default:
      continue;
    }
    out.append(value.data() + plain_from, i - plain_from);
    out.append(escape, 2);
    plain_from = i + 1;
  }
  out.append(value.data() + plain_from, value.size() - plain_from);
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

void RowBuffer::integer(std::int64_t value) {
  separate();
  fmt::format_to(std::back_inserter(buffer_), "{}", value);
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
