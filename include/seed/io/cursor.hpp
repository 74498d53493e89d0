// A streaming read of one query inside the open transaction: a server-side
// cursor (DECLARE … NO SCROLL CURSOR) fetched a batch at a time, so memory
// holds one batch whatever the number of rows. Several cursors of one
// connection can be read in turns (COPY TO STDOUT allows only one stream at a
// time), which is how the check merges entries, emissions and audit
// documents by key. A cursor can also run on a connection of its own that
// imports the snapshot of the main transaction (pg_export_snapshot, as
// pg_dump --jobs does) and fetches the next batch on a thread of its own
// while the current one is read: the server then produces several streams
// at once, all from the same snapshot.
#pragma once

#include "seed/io/pg.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace seed::pg {

// --- Interface ---

class Cursor {
public:
  // Declares cursor `name` for `query` (needs an open transaction; the
  // cursor ends with it). Throws Error.
  Cursor(Connection &connection, std::string name, const std::string &query, int batch_rows = 8192);
  // Prefetching: connects to `url`, opens a REPEATABLE READ READ ONLY
  // transaction on `snapshot` (an id pg_export_snapshot() returned in a
  // transaction that stays open meanwhile) and keeps up to two batches
  // fetched ahead. Throws Error (connection, snapshot, query).
  Cursor(const std::string &url, const std::string &snapshot, std::string name,
         const std::string &query, int batch_rows = 8192);
  ~Cursor();
  Cursor(const Cursor &) = delete;
  Cursor &operator=(const Cursor &) = delete;

  // Moves to the next row; false at the end (and from then on).
  bool next();
  // The current row's values (after a next() that returned true).
  [[nodiscard]] bool is_null(int column) const noexcept { return rows_.is_null(row_, column); }
  [[nodiscard]] std::string_view text(int column) const noexcept {
    return rows_.text(row_, column);
  }
  // Parsed values; a NULL or malformed value throws Error naming the cursor and column.
  [[nodiscard]] std::int64_t integer(int column) const;
  [[nodiscard]] std::optional<std::int64_t> optional_integer(int column) const;
  [[nodiscard]] double real(int column) const;
  [[nodiscard]] std::optional<double> optional_real(int column) const;
  [[nodiscard]] bool boolean(int column) const; // "t" / "f"
  [[nodiscard]] std::optional<std::string> optional_text(int column) const;
  // A `timestamp` column as "YYYY-MM-DD HH:MM:SS.ffffff": PostgreSQL's text
  // with its fraction (trailing zeros dropped, or none) padded to six digits.
  [[nodiscard]] std::string timestamp(int column) const;

  // Rows returned so far.
  [[nodiscard]] std::int64_t count() const noexcept { return count_; }

private:
  class Prefetch;
  [[noreturn]] void malformed(int column, std::string_view what) const;
  Connection *connection_ = nullptr; // null when prefetching
  std::unique_ptr<Prefetch> prefetch_;
  std::string name_;
  int batch_rows_;
  Rows rows_{nullptr};
  int row_ = -1;
  bool done_ = false;
  std::int64_t count_ = 0;
};

} // namespace seed::pg
