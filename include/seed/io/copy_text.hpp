// Encoding of rows in PostgreSQL's COPY text format.
//
// Fields are appended straight into one growing buffer (no per-field
// temporaries): tab between fields, newline after a row, \N for NULL, and in
// text the four bytes COPY treats specially (backslash, tab, newline, carriage
// return) escaped. JSON text needs this too: a JSON "\n" escape must reach
// the server as the two characters backslash + n.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace seed::copy {

// --- Interface ---

class RowBuffer {
public:
  // Field appenders; each separates itself from the previous field of the row.
  void text(std::string_view value);
  // JSON text as our writers produce it: no raw tab, newline or carriage
  // return (JSON escapes them inside strings), so only backslashes need
  // doubling — found with memchr, much faster than a byte-wise scan.
  void json(std::string_view value);
  void integer(std::int64_t value);
  void real(double value); // shortest round-trip decimal
  void boolean(bool value);
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

  std::string buffer_;
  bool row_open_ = false;
  std::int64_t rows_ = 0;
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
