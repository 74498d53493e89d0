#include "seed/io/pg.hpp"

#include <fmt/core.h>
#include <libpq-fe.h>

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

namespace seed::pg {
namespace {

constexpr std::size_t copy_message_bytes = 1 << 20;

struct ResultDeleter {
  void operator()(PGresult *r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

// libpq messages end with a newline and may span lines; keep one line.
std::string one_line(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
    text.pop_back();
  for (auto &c : text)
    if (c == '\n' || c == '\t')
      c = ' ';
  return text;
}

// The server's primary message and, when there is one, its detail — not the
// multi-line ERROR/DETAIL/CONTEXT block of PQresultErrorMessage.
Error result_failure(const PGresult *result);

std::string result_error(const PGresult *result) {
  const char *primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  std::string message = one_line(primary ? primary : PQresultErrorMessage(result));
  if (const char *detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL))
    message += " (" + one_line(detail) + ")";
  return message;
}

Error result_failure(const PGresult *result) {
  const char *state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  return Error(result_error(result), state ? state : "");
}

} // namespace

namespace {

// Where the password sits in a URL: the user:password@ of the authority, and
// password= parameters. Positions of (start, length).
std::vector<std::pair<std::size_t, std::size_t>> password_spans(std::string_view url) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  if (const auto scheme_end = url.find("://"); scheme_end != std::string_view::npos) {
    const auto authority = scheme_end + 3;
    const auto authority_end = std::min(url.find_first_of("/?", authority), url.size());
    // The last '@' of the authority: an unencoded '@' in a password stays hidden.
    const auto at = url.rfind('@', authority_end);
    if (at != std::string_view::npos && at >= authority) {
      const auto colon = url.find(':', authority);
      if (colon != std::string_view::npos && colon < at)
        spans.emplace_back(colon + 1, at - colon - 1);
    }
  }
  for (auto pos = url.find("password="); pos != std::string_view::npos;
       pos = url.find("password=", pos + 1)) {
    const auto start = pos + 9;
    const auto stop = std::min(url.find_first_of("& ", start), url.size());
    spans.emplace_back(start, stop - start);
  }
  return spans;
}

void replace_all(std::string &text, std::string_view what, std::string_view with) {
  if (what.empty())
    return;
  for (auto pos = text.find(what); pos != std::string::npos;
       pos = text.find(what, pos + with.size()))
    text.replace(pos, what.size(), with);
}

// A libpq message about `url` with every trace of its password removed: libpq
// quotes the URL, or the malformed token, when it cannot parse it.
std::string redact_message(std::string message, std::string_view url) {
  replace_all(message, url, redact_url(url));
  for (const auto &[start, length] : password_spans(url))
    replace_all(message, url.substr(start, length), "***");
  return message;
}

} // namespace

std::string redact_url(std::string_view url) {
  std::string out(url);
  auto spans = password_spans(url);
  // Right to left, so that earlier positions stay valid.
  std::sort(spans.rbegin(), spans.rend());
  for (const auto &[start, length] : spans)
    out.replace(start, length, "***");
  return out;
}

std::string normalize_url(std::string_view url) {
  if (url.empty())
    throw std::invalid_argument("empty database URL");
  std::string out(url);
  if (const auto scheme_end = out.find("://"); scheme_end != std::string::npos) {
    const auto scheme = out.substr(0, scheme_end);
    const auto base = scheme.substr(0, scheme.find('+'));
    if (base != "postgresql" && base != "postgres")
      throw std::invalid_argument(
          fmt::format("unsupported database URL scheme '{}' (expected postgresql://)", scheme));
    out = "postgresql" + out.substr(scheme_end);
  } // else a libpq keyword/value string ("host=... dbname=...")

  // libpq's own parser, without connecting: a malformed URL is a usage error.
  char *error = nullptr;
  if (PQconninfoOption *options = PQconninfoParse(out.c_str(), &error)) {
    PQconninfoFree(options);
    return out;
  }
  const std::string reason = error ? one_line(error) : "it cannot be parsed";
  PQfreemem(error);
  throw std::invalid_argument("malformed database URL: " + redact_message(reason, out));
}

namespace {
// The URL's own settings win; application_name only fills a gap, so that
// operators can spot the seeder in pg_stat_activity. Every byte the seeder
// sends is UTF-8 (station names, sample factors), whatever the URL or the
// environment say, so client_encoding comes after the URL and overrides it.
pg_conn *connect(const std::string &url) {
  const char *keywords[] = {"dbname", "fallback_application_name", "client_encoding", nullptr};
  const char *values[] = {url.c_str(), "seed-random", "UTF8", nullptr};
  return PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
}
} // namespace

Connection::Connection(const std::string &url) : conn_(connect(url)) {
  if (conn_ == nullptr)
    throw Error("cannot allocate a PostgreSQL connection");
  if (PQstatus(conn_) != CONNECTION_OK) {
    // PQhost/PQport/PQdb are known after a failed attempt, but not when the
    // URL itself could not be parsed.
    const auto known = [](const char *value) {
      return value != nullptr && *value != '\0' ? std::string(value) : std::string();
    };
    const auto host = known(PQhost(conn_)), port = known(PQport(conn_)), db = known(PQdb(conn_));
    const std::string reason = redact_message(one_line(PQerrorMessage(conn_)), url);
    PQfinish(conn_);
    if (db.empty())
      throw Error(fmt::format("cannot connect with {}: {}", redact_url(url), reason));
    throw Error(fmt::format("cannot connect to database '{}' on host {} port {}: {}", db, host,
                            port, reason));
  }
  PQsetNoticeProcessor(
      conn_, [](void *, const char *) {}, nullptr);
  cancel_ = PQgetCancel(conn_);
}

Connection::~Connection() {
  if (copy_out_ != nullptr)
    PQfreemem(copy_out_);
  if (cancel_ != nullptr)
    PQfreeCancel(cancel_);
  PQfinish(conn_);
}

void Connection::cancel() noexcept {
  char error[256];
  if (cancel_ != nullptr)
    PQcancel(cancel_, error, sizeof error);
}

void Connection::rollback() noexcept {
  if (PQstatus(conn_) != CONNECTION_OK)
    return;
  if (in_copy_) {
    PQputCopyEnd(conn_, "seed-random aborted the run");
    while (PGresult *result = PQgetResult(conn_))
      PQclear(result);
    in_copy_ = false;
  }
  PQclear(PQexec(conn_, "ROLLBACK"));
}

void Connection::fail(std::string_view what) {
  throw Error(fmt::format("{}: {}", what, one_line(PQerrorMessage(conn_))));
}

void Connection::exec(const std::string &sql) {
  Result result(PQexec(conn_, sql.c_str()));
  const auto status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    throw result_failure(result.get());
}

std::vector<Connection::Row> Connection::query(const std::string &sql) {
  Result result(PQexec(conn_, sql.c_str()));
  if (PQresultStatus(result.get()) != PGRES_TUPLES_OK)
    throw result_failure(result.get());
  std::vector<Row> rows(static_cast<std::size_t>(PQntuples(result.get())));
  for (int r = 0; r < PQntuples(result.get()); ++r)
    for (int c = 0; c < PQnfields(result.get()); ++c)
      rows[static_cast<std::size_t>(r)].push_back(
          PQgetisnull(result.get(), r, c)
              ? std::nullopt
              : std::optional<std::string>(PQgetvalue(result.get(), r, c)));
  return rows;
}

Rows::~Rows() {
  if (result_ != nullptr)
    PQclear(result_);
}

Rows &Rows::operator=(Rows &&other) noexcept {
  if (this != &other) {
    if (result_ != nullptr)
      PQclear(result_);
    result_ = std::exchange(other.result_, nullptr);
  }
  return *this;
}

int Rows::size() const noexcept {
  return result_ ? PQntuples(result_) : 0;
}

int Rows::columns() const noexcept {
  return result_ ? PQnfields(result_) : 0;
}

bool Rows::is_null(int row, int column) const noexcept {
  return PQgetisnull(result_, row, column) != 0;
}

std::string_view Rows::text(int row, int column) const noexcept {
  return {PQgetvalue(result_, row, column),
          static_cast<std::size_t>(PQgetlength(result_, row, column))};
}

Rows Connection::rows(const std::string &sql) {
  Result result(PQexec(conn_, sql.c_str()));
  if (PQresultStatus(result.get()) != PGRES_TUPLES_OK)
    throw result_failure(result.get());
  return Rows(result.release());
}

std::string Connection::query_value(const std::string &sql) {
  const auto rows = query(sql);
  if (rows.empty() || rows.front().empty() || !rows.front().front())
    throw Error("query returned no value: " + sql);
  return *rows.front().front();
}

std::vector<unsigned> Connection::column_types(const std::string &query) {
  Result prepared(PQprepare(conn_, "", query.c_str(), 0, nullptr));
  if (PQresultStatus(prepared.get()) != PGRES_COMMAND_OK)
    throw result_failure(prepared.get());
  Result described(PQdescribePrepared(conn_, ""));
  if (PQresultStatus(described.get()) != PGRES_COMMAND_OK)
    throw result_failure(described.get());
  std::vector<unsigned> types;
  for (int c = 0; c < PQnfields(described.get()); ++c)
    types.push_back(PQftype(described.get(), c));
  return types;
}

void Connection::copy_out_begin(const std::string &copy_statement) {
  Result result(PQexec(conn_, copy_statement.c_str()));
  if (PQresultStatus(result.get()) != PGRES_COPY_OUT)
    throw result_failure(result.get());
}

std::optional<std::string_view> Connection::copy_get() {
  if (copy_out_ != nullptr)
    PQfreemem(std::exchange(copy_out_, nullptr));
  const int length = PQgetCopyData(conn_, &copy_out_, 0);
  if (length > 0)
    return std::string_view(copy_out_, static_cast<std::size_t>(length));
  if (length == -2)
    fail("COPY TO STDOUT");
  // -1: the COPY is over; its result says whether it ended well.
  Result result(PQgetResult(conn_));
  const bool ok = PQresultStatus(result.get()) == PGRES_COMMAND_OK;
  while (PGresult *rest = PQgetResult(conn_))
    PQclear(rest);
  if (!ok)
    throw result_failure(result.get());
  return std::nullopt;
}

void Connection::copy_begin(const std::string &copy_statement) {
  Result result(PQexec(conn_, copy_statement.c_str()));
  if (PQresultStatus(result.get()) != PGRES_COPY_IN)
    throw result_failure(result.get());
  in_copy_ = true;
}

void Connection::copy_put(std::string_view bytes) {
  if (PQputCopyData(conn_, bytes.data(), static_cast<int>(bytes.size())) != 1)
    fail("COPY data could not be sent");
}

void Connection::copy_end() {
  if (PQputCopyEnd(conn_, nullptr) != 1)
    fail("COPY could not be ended");
  in_copy_ = false;
  // Errors of the COPY (constraints, bad values) arrive only here.
  std::optional<Error> error;
  while (Result result{PQgetResult(conn_)}) {
    if (PQresultStatus(result.get()) != PGRES_COMMAND_OK && !error)
      error = result_failure(result.get());
  }
  if (error)
    throw *error;
  if (PQstatus(conn_) != CONNECTION_OK)
    fail("connection lost during COPY");
}

std::vector<copy::Wire> CopySink::binary_columns(const tables::Table &table) const {
  const auto it = binary_.find(&table);
  return it == binary_.end() ? std::vector<copy::Wire>{} : it->second;
}

void CopySink::begin(const tables::Table &table) {
  table_ = &table;
  table_binary_ = binary_.count(&table) > 0;
  buffer_.clear();
  connection_.copy_begin(tables::copy_statement(table, table_binary_));
  if (table_binary_)
    buffer_.append(copy::binary_header());
}

void CopySink::write(std::string_view rows) {
  if (buffer_.size() + rows.size() > copy_message_bytes)
    flush();
  if (rows.size() >= copy_message_bytes)
    connection_.copy_put(rows);
  else
    buffer_.append(rows);
}

void CopySink::flush() {
  if (!buffer_.empty())
    connection_.copy_put(buffer_);
  buffer_.clear();
}

void CopySink::end() {
  if (table_binary_)
    buffer_.append(copy::binary_trailer());
  flush();
  try {
    connection_.copy_end();
  } catch (const Error &e) {
    throw Error(fmt::format("COPY into {} failed: {}", table_->name, e.what()), e.sqlstate());
  }
}

} // namespace seed::pg
