// A streaming read of one query inside the open transaction: a server-side
// cursor (DECLARE … NO SCROLL CURSOR) fetched a batch at a time, so memory
// holds one batch whatever the number of rows. Several cursors of one
// connection can be read in turns (COPY TO STDOUT allows only one stream at a
// time), which is how the check merges entries, emissions and audit
// documents by key. A cursor can also run on a connection of its own that
// imports the snapshot of the main transaction (pg_export_snapshot, as
// pg_dump --jobs does) and fetches the next batch on a thread of its own
// while the current one is read: the server then produces several streams
// at once, all from the same snapshot. That cursor reads its query with
// COPY (…) TO STDOUT (FORMAT binary): no FETCH round trips, and neither the
// server nor the client formats or parses the text of numbers and timestamps.
#pragma once

#include "seed/io/pg.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seed::pg {

// --- Interface ---

// Rows of a binary COPY TO STDOUT (PostgreSQL's binary COPY format), held as
// the server sent them: the values' bytes in one buffer, their places beside.
class BinaryRows {
public:
  explicit BinaryRows(int columns = 0) : columns_(columns) {}
  // Appends one CopyData message (whole rows; `first`: the stream's first
  // message, which starts with the PGCOPY header). Returns false when the
  // message ends the data (the trailer). Throws Error for anything else: no
  // header, a row of another number of fields, a row cut short, bytes after
  // the trailer.
  bool add(std::string_view message, bool first);
  // Room for `rows` rows of `bytes` bytes in all (fewer reallocations).
  void reserve(std::size_t rows, std::size_t bytes);
  [[nodiscard]] int size() const noexcept { return rows_; }
  [[nodiscard]] int columns() const noexcept { return columns_; }
  [[nodiscard]] std::size_t bytes() const noexcept { return bytes_.size(); }
  [[nodiscard]] bool is_null(int row, int column) const noexcept {
    return field(row, column).length < 0;
  }
  // The value's bytes (empty for NULL); valid while this object lives.
  [[nodiscard]] std::string_view value(int row, int column) const noexcept {
    const auto &f = field(row, column);
    return f.length < 0
               ? std::string_view()
               : std::string_view(bytes_.data() + f.offset, static_cast<std::size_t>(f.length));
  }

private:
  struct Field {
    std::uint32_t offset;
    std::int32_t length; // -1: NULL
  };
  [[nodiscard]] const Field &field(int row, int column) const noexcept {
    return fields_[static_cast<std::size_t>(row) * static_cast<std::size_t>(columns_) +
                   static_cast<std::size_t>(column)];
  }
  int columns_;
  int rows_ = 0;
  std::string bytes_;
  std::vector<Field> fields_;
};

class Cursor {
public:
  // Declares cursor `name` for `query` (needs an open transaction; the
  // cursor ends with it). Throws Error.
  Cursor(Connection &connection, std::string name, const std::string &query, int batch_rows = 8192);
  // Prefetching: connects to `url`, opens a REPEATABLE READ READ ONLY
  // transaction on `snapshot` (an id pg_export_snapshot() returned in a
  // transaction that stays open meanwhile), reads `query` by binary COPY and
  // keeps up to two batches of `batch_rows` read ahead. Throws Error
  // (connection, snapshot, query).
  Cursor(const std::string &url, const std::string &snapshot, std::string name,
         const std::string &query, int batch_rows = 8192);
  ~Cursor();
  Cursor(const Cursor &) = delete;
  Cursor &operator=(const Cursor &) = delete;

  // Moves to the next row; false at the end (and from then on).
  bool next();
  // The current row's values (after a next() that returned true).
  [[nodiscard]] bool is_null(int column) const noexcept {
    return binary_rows() ? binary_.is_null(row_, column) : rows_.is_null(row_, column);
  }
  // The value's text ("" for NULL). Binary cursors: the bytes of text-like
  // columns (text, varchar, enum labels, json; jsonb without its version byte).
  [[nodiscard]] std::string_view text(int column) const noexcept;
  // Parsed values; a NULL or malformed value throws Error naming the cursor and column.
  [[nodiscard]] std::int64_t integer(int column) const;
  [[nodiscard]] std::optional<std::int64_t> optional_integer(int column) const;
  [[nodiscard]] double real(int column) const;
  [[nodiscard]] std::optional<double> optional_real(int column) const;
  [[nodiscard]] bool boolean(int column) const; // "t" / "f" (binary: bool)
  [[nodiscard]] std::optional<std::string> optional_text(int column) const;
  // The same, written over `out` (its string's capacity reused: no allocation per row).
  void optional_text(int column, std::optional<std::string> &out) const;
  // A `timestamp` column as "YYYY-MM-DD HH:MM:SS.ffffff": PostgreSQL's text
  // with its fraction (trailing zeros dropped, or none) padded to six digits.
  [[nodiscard]] std::string timestamp(int column) const;
  // The same, written over `out` (whose capacity is reused: no allocation per row).
  void timestamp(int column, std::string &out) const;

  // Rows returned so far.
  [[nodiscard]] std::int64_t count() const noexcept { return count_; }
  // Seconds next() spent getting batches (FETCH, or waiting for the reading thread).
  [[nodiscard]] double fetch_seconds() const noexcept { return fetch_seconds_; }

private:
  class Prefetch;
  [[nodiscard]] bool binary_rows() const noexcept { return prefetch_ != nullptr; }
  [[noreturn]] void malformed(int column, std::string_view what) const;
  Connection *connection_ = nullptr; // null when prefetching
  std::unique_ptr<Prefetch> prefetch_;
  std::string name_;
  int batch_rows_;
  Rows rows_{nullptr};          // text FETCH results
  BinaryRows binary_;           // binary COPY rows (prefetching)
  std::vector<unsigned> types_; // binary: the columns' type OIDs
  int row_ = -1;
  bool done_ = false;
  std::int64_t count_ = 0;
  double fetch_seconds_ = 0;
};

} // namespace seed::pg
