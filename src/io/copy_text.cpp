#include "seed/io/copy_text.hpp"

#include <cstring>

#include <fmt/format.h>

#include <array>
#include <cstring>
#include <iterator>
#include <stdexcept>

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

// PostgreSQL's epoch (2000-01-01) in µs after the Unix epoch.
constexpr std::int64_t postgres_epoch_micros = 946'684'800'000'000;

template <class T> void put_big_endian(std::string &out, T value) {
  char bytes[sizeof(T)];
  auto bits = static_cast<std::make_unsigned_t<T>>(value);
  for (std::size_t i = sizeof(T); i-- > 0; bits >>= 8)
    bytes[i] = static_cast<char>(bits & 0xff);
  out.append(bytes, sizeof(T));
}

std::string_view wire_name(Wire wire) {
  static constexpr std::string_view names[] = {"int2",    "int4",      "int8",  "float8",
                                               "boolean", "timestamp", "bytes", "jsonb"};
  return names[static_cast<std::size_t>(wire)];
}

[[noreturn]] void wrong_wire(std::string_view field, Wire wire) {
  throw std::logic_error(
      fmt::format("binary COPY: a {} field for a column sent as {}", field, wire_name(wire)));
}
} // namespace

std::optional<Wire> wire_of(std::string_view type, bool is_enum) {
  if (is_enum)
    return Wire::bytes;
  static constexpr std::pair<std::string_view, Wire> known[] = {
      {"smallint", Wire::int2},
      {"integer", Wire::int4},
      {"bigint", Wire::int8},
      {"double precision", Wire::float8},
      {"boolean", Wire::boolean},
      {"timestamp without time zone", Wire::timestamp},
      {"timestamp with time zone", Wire::timestamp},
      {"text", Wire::bytes},
      {"character varying", Wire::bytes},
      {"json", Wire::bytes},
      {"jsonb", Wire::jsonb},
  };
  for (const auto &[name, wire] : known)
    if (name == type)
      return wire;
  return std::nullopt;
}

std::string_view binary_header() {
  // Signature, flags (no OIDs), header extension length.
  static constexpr char header[] = "PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0";
  return {header, sizeof header - 1};
}

std::string_view binary_trailer() {
  return {"\xff\xff", 2};
}

void RowBuffer::use_binary(std::vector<Wire> columns) {
  clear();
  wires_ = std::move(columns);
}

Wire RowBuffer::next_field() {
  if (!row_open_) {
    put_big_endian(buffer_, static_cast<std::int16_t>(wires_.size()));
    row_open_ = true;
    column_ = 0;
  }
  if (column_ == wires_.size())
    throw std::logic_error(fmt::format("binary COPY: more than {} fields in a row", column_));
  return wires_[column_++];
}

void RowBuffer::put_length(std::int32_t length) {
  put_big_endian(buffer_, length);
}

void RowBuffer::put_bytes(Wire wire, std::string_view value) {
  if (wire == Wire::jsonb) {
    put_length(static_cast<std::int32_t>(value.size() + 1));
    buffer_.push_back('\1');
  } else if (wire == Wire::bytes) {
    put_length(static_cast<std::int32_t>(value.size()));
  } else {
    wrong_wire("text", wire);
  }
  buffer_.append(value);
}

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
  if (binary())
    return put_bytes(next_field(), value);
  separate();
  append_escaped(buffer_, value);
}

void RowBuffer::json(std::string_view value) {
  if (binary())
    return put_bytes(next_field(), value);
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
  if (binary()) {
    switch (const Wire wire = next_field()) {
    case Wire::int2:
      if (value < INT16_MIN || value > INT16_MAX)
        throw std::out_of_range(fmt::format("binary COPY: {} does not fit a smallint", value));
      put_length(2);
      return put_big_endian(buffer_, static_cast<std::int16_t>(value));
    case Wire::int4:
      if (value < INT32_MIN || value > INT32_MAX)
        throw std::out_of_range(fmt::format("binary COPY: {} does not fit an integer", value));
      put_length(4);
      return put_big_endian(buffer_, static_cast<std::int32_t>(value));
    case Wire::int8:
      put_length(8);
      return put_big_endian(buffer_, value);
    default:
      wrong_wire("integer", wire);
    }
  }
  separate();
  const fmt::format_int digits(value);
  buffer_.append(digits.data(), digits.size());
}

void RowBuffer::real(double value) {
  if (binary()) {
    if (const Wire wire = next_field(); wire != Wire::float8)
      wrong_wire("double", wire);
    std::uint64_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    put_length(8);
    return put_big_endian(buffer_, bits);
  }
  separate();
  // {fmt}'s default for double is the shortest representation that reads back
  // to the same value, which is what PostgreSQL's float8 output does too.
  fmt::format_to(std::back_inserter(buffer_), "{}", value);
}

void RowBuffer::boolean(bool value) {
  if (binary()) {
    if (const Wire wire = next_field(); wire != Wire::boolean)
      wrong_wire("boolean", wire);
    put_length(1);
    buffer_.push_back(value ? '\1' : '\0');
    return;
  }
  separate();
  buffer_.push_back(value ? 't' : 'f');
}

void RowBuffer::timestamp(std::int64_t unix_micros, std::string_view text) {
  if (!binary())
    return RowBuffer::text(text);
  if (const Wire wire = next_field(); wire != Wire::timestamp)
    wrong_wire("timestamp", wire);
  put_length(8);
  put_big_endian(buffer_, unix_micros - postgres_epoch_micros);
}

void RowBuffer::null() {
  if (binary()) {
    next_field();
    return put_length(-1);
  }
  separate();
  buffer_.append("\\N", 2);
}

void RowBuffer::end_row() {
  if (binary()) {
    if (column_ != wires_.size())
      throw std::logic_error(
          fmt::format("binary COPY: a row of {} fields, {} expected", column_, wires_.size()));
    column_ = 0;
  } else {
    buffer_.push_back('\n');
  }
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
  column_ = 0;
  rows_ = 0;
}

} // namespace seed::copy
