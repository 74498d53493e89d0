// PostgreSQL access over raw libpq: one connection, one transaction, COPY
// streams fed in ~1 MB messages. (libpqxx 6.4 hides its PGconn and sends one
// message per row, so the write path uses libpq directly; the tests use
// libpqxx to inspect what was written.)
#pragma once

#include "seed/io/sink.hpp"

#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct pg_conn;
struct pg_cancel;
struct pg_result;

namespace seed::pg {

// --- Interface ---

// A failure reported by libpq or the server; what() is one line.
class Error : public std::runtime_error {
public:
  explicit Error(const std::string &message, std::string sqlstate = {})
      : std::runtime_error(message), sqlstate_(std::move(sqlstate)) {}
  // The server's SQLSTATE ("55P03" lock not available, ...), empty if none.
  [[nodiscard]] const std::string &sqlstate() const noexcept { return sqlstate_; }

private:
  std::string sqlstate_;
};
inline constexpr std::string_view sqlstate_lock_not_available = "55P03";
inline constexpr std::string_view sqlstate_query_canceled = "57014";

// SQLAlchemy-style URLs ("postgresql+psycopg://", "postgresql+asyncpg://",
// "postgres://") become libpq URIs; others pass unchanged. Throws
// std::invalid_argument for a URL libpq could never accept.
[[nodiscard]] std::string normalize_url(std::string_view url);

// The URL with its password replaced by "***" (user:***@host), also in a
// "password=" query parameter. Safe to print.
[[nodiscard]] std::string redact_url(std::string_view url);

// The rows of one query, held as libpq returned them (no copy per value).
class Rows {
public:
  explicit Rows(pg_result *result) noexcept : result_(result) {}
  ~Rows();
  Rows(Rows &&other) noexcept : result_(std::exchange(other.result_, nullptr)) {}
  Rows &operator=(Rows &&other) noexcept;
  Rows(const Rows &) = delete;
  Rows &operator=(const Rows &) = delete;

  [[nodiscard]] int size() const noexcept;
  [[nodiscard]] int columns() const noexcept;
  [[nodiscard]] bool is_null(int row, int column) const noexcept;
  // The value's text ("" for NULL); valid while this object lives.
  [[nodiscard]] std::string_view text(int row, int column) const noexcept;

private:
  pg_result *result_;
};

class Connection {
public:
  // Connects; on failure throws Error naming host, port, database and the
  // server's reason (never the password).
  explicit Connection(const std::string &url);
  ~Connection();
  Connection(const Connection &) = delete;
  Connection &operator=(const Connection &) = delete;

  // Runs statements that return no rows.
  void exec(const std::string &sql);
  // Runs a query; each row's values as text (NULL as std::nullopt).
  using Row = std::vector<std::optional<std::string>>;
  [[nodiscard]] std::vector<Row> query(const std::string &sql);
  // First column of the first row; throws Error if there is none or it is NULL.
  [[nodiscard]] std::string query_value(const std::string &sql);
  // Runs a query; its rows without a copy (the streaming reads: io/cursor.hpp).
  [[nodiscard]] Rows rows(const std::string &sql);

  // Ends the transaction without keeping anything: aborts a COPY in progress,
  // then ROLLBACK. Never throws; a lost connection rolls back by itself.
  void rollback() noexcept;

  // Asks the server to cancel the running statement. Safe from any thread.
  void cancel() noexcept;

  // The type OIDs of a query's columns (prepared unnamed, not run). Throws Error.
  [[nodiscard]] std::vector<unsigned> column_types(const std::string &query);

  // COPY … TO STDOUT: starts `copy_statement`, then copy_get() returns each
  // CopyData message (one row, as the server sends them; valid until the
  // next call), or nullopt once the COPY has ended. Both throw Error for a
  // server or connection failure (a cancelled COPY included).
  void copy_out_begin(const std::string &copy_statement);
  [[nodiscard]] std::optional<std::string_view> copy_get();

  void copy_begin(const std::string &copy_statement);
  void copy_put(std::string_view bytes);
  // Ends the COPY; a server-side error (constraint, bad value) is thrown here.
  void copy_end();

private:
  [[noreturn]] void fail(std::string_view what);
  pg_conn *conn_;
  pg_cancel *cancel_ = nullptr;
  bool in_copy_ = false;
  char *copy_out_ = nullptr; // copy_get()'s last message (libpq's buffer)
};

// A Sink that sends each table's rows through COPY on `connection`,
// in messages of about 1 MB.
class CopySink final : public Sink {
public:
  // `binary`: tables COPYed in binary format, with the wire form of each
  // column (binary_copy_columns()).
  using BinaryTables = std::map<const tables::Table *, std::vector<copy::Wire>>;
  explicit CopySink(Connection &connection, BinaryTables binary = {})
      : connection_(connection), binary_(std::move(binary)) {}
  [[nodiscard]] std::vector<copy::Wire> binary_columns(const tables::Table &table) const override;
  void begin(const tables::Table &table) override;
  void write(std::string_view rows) override;
  void end() override;

private:
  void flush();
  Connection &connection_;
  BinaryTables binary_;
  const tables::Table *table_ = nullptr;
  bool table_binary_ = false;
  std::string buffer_;
};

} // namespace seed::pg
