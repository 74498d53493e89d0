#include "seed/io/cursor.hpp"

#include <fmt/format.h>

#include <charconv>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

namespace seed::pg {

// The fetching thread of a prefetching cursor and the batches it holds.
class Cursor::Prefetch {
public:
  Prefetch(const std::string &url, const std::string &snapshot, const std::string &name,
           const std::string &query, int batch_rows)
      : connection_(url) {
    connection_.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    connection_.exec(fmt::format("SET TRANSACTION SNAPSHOT '{}'", snapshot));
    connection_.exec("SET LOCAL jit = off");
    connection_.exec(fmt::format("DECLARE {} NO SCROLL CURSOR FOR {}", name, query));
    thread_ = std::thread(
        [this, fetch = fmt::format("FETCH FORWARD {} FROM {}", batch_rows, name)] { run(fetch); });
  }
  ~Prefetch() {
    {
      const std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    connection_.cancel(); // a FETCH in flight ends now
    thread_.join();
    connection_.rollback();
  }
  Prefetch(const Prefetch &) = delete;
  Prefetch &operator=(const Prefetch &) = delete;

  // The next batch (empty at the end); rethrows the fetching thread's error.
  Rows pop() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !batches_.empty() || error_; });
    if (batches_.empty())
      std::rethrow_exception(error_);
    auto rows = std::move(batches_.front());
    batches_.pop_front();
    changed_.notify_all();
    return rows;
  }

private:
  void run(const std::string &fetch) {
    try {
      for (;;) {
        auto rows = connection_.rows(fetch);
        const bool last = rows.size() == 0;
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return batches_.size() < 2 || stop_; });
        if (stop_)
          return;
        batches_.push_back(std::move(rows));
        changed_.notify_all();
        if (last)
          return;
      }
    } catch (...) {
      const std::lock_guard lock(mutex_);
      error_ = std::current_exception();
      changed_.notify_all();
    }
  }

  Connection connection_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Rows> batches_;
  std::exception_ptr error_;
  bool stop_ = false;
};

Cursor::Cursor(Connection &connection, std::string name, const std::string &query, int batch_rows)
    : connection_(&connection), name_(std::move(name)), batch_rows_(batch_rows) {
  if (batch_rows_ < 1)
    throw std::invalid_argument("a cursor fetches at least one row at a time");
  connection_->exec(fmt::format("DECLARE {} NO SCROLL CURSOR FOR {}", name_, query));
}

Cursor::Cursor(const std::string &url, const std::string &snapshot, std::string name,
               const std::string &query, int batch_rows)
    : name_(std::move(name)), batch_rows_(batch_rows) {
  if (batch_rows_ < 1)
    throw std::invalid_argument("a cursor fetches at least one row at a time");
  prefetch_ = std::make_unique<Prefetch>(url, snapshot, name_, query, batch_rows_);
}

Cursor::~Cursor() = default;

bool Cursor::next() {
  if (done_)
    return false;
  if (++row_ < rows_.size()) {
    ++count_;
    return true;
  }
  rows_ = prefetch_
              ? prefetch_->pop()
              : connection_->rows(fmt::format("FETCH FORWARD {} FROM {}", batch_rows_, name_));
  row_ = 0;
  if (rows_.size() == 0) {
    done_ = true;
    rows_ = Rows(nullptr);
    if (!prefetch_)
      connection_->exec(fmt::format("CLOSE {}", name_));
    return false;
  }
  ++count_;
  return true;
}

void Cursor::malformed(int column, std::string_view what) const {
  throw Error(fmt::format("{}: column {} of row {}: {} ('{}')", name_, column + 1, count_, what,
                          text(column)));
}

std::int64_t Cursor::integer(int column) const {
  if (is_null(column))
    malformed(column, "unexpected NULL");
  const auto value = text(column);
  std::int64_t out = 0;
  const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (ec != std::errc() || ptr != value.data() + value.size())
    malformed(column, "not an integer");
  return out;
}

std::optional<std::int64_t> Cursor::optional_integer(int column) const {
  if (is_null(column))
    return std::nullopt;
  return integer(column);
}

double Cursor::real(int column) const {
  if (is_null(column))
    malformed(column, "unexpected NULL");
  // PostgreSQL writes float8 with round-trip digits (extra_float_digits 1 by
  // default from 12 on); strtod reads them back exactly. The text is
  // NUL-terminated by libpq.
  const auto value = text(column);
  char *end = nullptr;
  const double out = std::strtod(value.data(), &end);
  if (end != value.data() + value.size() || value.empty())
    malformed(column, "not a number");
  return out;
}

std::optional<double> Cursor::optional_real(int column) const {
  if (is_null(column))
    return std::nullopt;
  return real(column);
}

bool Cursor::boolean(int column) const {
  const auto value = text(column);
  if (!is_null(column) && (value == "t" || value == "f"))
    return value == "t";
  malformed(column, "not a boolean");
}

std::optional<std::string> Cursor::optional_text(int column) const {
  if (is_null(column))
    return std::nullopt;
  return std::string(text(column));
}

std::string Cursor::timestamp(int column) const {
  if (is_null(column))
    malformed(column, "unexpected NULL");
  std::string out(text(column));
  if (out.size() < 19 || out.size() > 26 || out[10] != ' ' || out[13] != ':' || out[16] != ':' ||
      (out.size() > 19 && out[19] != '.') || out.size() == 20)
    malformed(column, "not a YYYY-MM-DD HH:MM:SS[.ffffff] timestamp");
  if (out.size() == 19)
    out += '.';
  out.append(26 - out.size(), '0');
  return out;
}

} // namespace seed::pg
