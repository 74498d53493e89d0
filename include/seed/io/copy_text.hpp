// Encoding of rows for PostgreSQL's COPY, in its text or binary format.
//
// Fields are appended straight into one growing buffer (no per-field
// temporaries). Text format (the default, and what --output-dir writes): tab
// between fields, newline after a row, \N for NULL, and in text the four
// bytes COPY treats specially (backslash, tab, newline, carriage return)
// escaped. JSON text needs this too: a JSON "\n" escape must reach the server
// as the two characters backslash + n.
//
// Binary format (database runs, for the big tables whose live column types
// all have a wire form below): a field count per row, then each field as a
// length and the type's binary representation. The server then skips the
// text scanning and the integer, float and timestamp parsing of every field:
// about a quarter of its COPY time for data_entry_emissions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seed::copy {

// --- Interface ---

// How a column's values travel in binary COPY (PostgreSQL's typsend forms).
enum class Wire : std::uint8_t {
  int2,
  int4,
  int8,
  float8,
  boolean,
  timestamp, // timestamp and timestamptz: µs since 2000-01-01 00:00 (UTC)
  bytes,     // text, varchar, json and enums: the text itself, unescaped
  jsonb,     // version byte 1, then the text
};
// The wire form of a column of `type` (as format_type() names it; enums and
// other user-defined types by their names, `is_enum` telling which); none
// for a type we do not encode in binary (e.g. numeric): its table stays text.
[[nodiscard]] std::optional<Wire> wire_of(std::string_view type, bool is_enum);

// Binary COPY's stream header and trailer; the rows go between them.
[[nodiscard]] std::string_view binary_header();
[[nodiscard]] std::string_view binary_trailer();

class RowBuffer {
public:
  // Rows in binary format, one wire form per column in row order; a buffer
  // keeps its format across clear(). Empty `columns`: text format.
  void use_binary(std::vector<Wire> columns);
  [[nodiscard]] bool binary() const noexcept { return !wires_.empty(); }

  // Field appenders; each separates itself from the previous field of the row.
  void text(std::string_view value);
  // JSON text as our writers produce it: no raw tab, newline or carriage
  // return (JSON escapes them inside strings), so only backslashes need
  // doubling — found with memchr, much faster than a byte-wise scan.
  void json(std::string_view value);
  void integer(std::int64_t value);
  void real(double value); // shortest round-trip decimal
  void boolean(bool value);
  // A timestamp column: `text` as COPY text writes it, `unix_micros` (µs since
  // 1970-01-01 UTC, the same instant) for binary.
  void timestamp(std::int64_t unix_micros, std::string_view text);
  void null();
  template <class T> void optional_integer(const std::optional<T> &value);

  // Ends the current row.
  void end_row();

  [[nodiscard]] const std::string &bytes() const noexcept { return buffer_; }
  [[nodiscard]] std::size_t size() const noexcept { return buffer_.size(); }
  [[nodiscard]] std::int64_t rows() const noexcept { return rows_; }
  void clear() noexcept;
  // Appends the complete rows of `other`.
  void append(const RowBuffer &other);
  void reserve(std::size_t bytes) { buffer_.reserve(bytes); }

private:
  void separate();
  // Binary: starts the next field (the row's field count first) and returns
  // its column's wire form; throws std::logic_error past the last column.
  Wire next_field();
  void put_length(std::int32_t length);
  void put_bytes(Wire wire, std::string_view value);

  std::string buffer_;
  bool row_open_ = false;
  std::int64_t rows_ = 0;
  std::vector<Wire> wires_; // binary format when not empty
  std::size_t column_ = 0;  // binary: fields written in the open row
};

// Appends `value` to `out` with COPY text escaping.
void append_escaped(std::string &out, std::string_view value);

// --- Inline implementations ---

template <class T> void RowBuffer::optional_integer(const std::optional<T> &value) {
  if (value)
    integer(static_cast<std::int64_t>(*value));
  else
    null();
}

} // namespace seed::copy
