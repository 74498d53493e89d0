#include "seed/io/cursor.hpp"

#include "seed/model/timestamps.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

namespace seed::pg {
namespace {

// Type OIDs of the binary forms read (PostgreSQL's pg_type.h).
constexpr unsigned oid_bool = 16, oid_int8 = 20, oid_int2 = 21, oid_int4 = 23, oid_jsonb = 3802,
                   oid_float4 = 700, oid_float8 = 701, oid_timestamp = 1114, oid_timestamptz = 1184;

// A big-endian integer of N bytes.
template <class T> T big_endian(const char *bytes) {
  using U = std::make_unsigned_t<T>;
  U value = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i)
    value = static_cast<U>((value << 8) | static_cast<unsigned char>(bytes[i]));
  return static_cast<T>(value);
}

constexpr std::string_view copy_signature{"PGCOPY\n\377\r\n\0", 11};

// µs since 2000-01-01 written over `out` as "YYYY-MM-DD HH:MM:SS.ffffff";
// false outside years 1-9999 (infinity included).
bool timestamp_text(std::int64_t micros, std::string &out) {
  constexpr std::int64_t unix_micros_at_2000 = 946'684'800'000'000;
  constexpr std::int64_t year_1 = -62'135'596'800'000'000 - unix_micros_at_2000;
  constexpr std::int64_t year_10000 = 253'402'300'800'000'000 - unix_micros_at_2000;
  if (micros < year_1 || micros >= year_10000)
    return false;
  copy_timestamp(micros + unix_micros_at_2000, out);
  return true;
}

} // namespace

void BinaryRows::reserve(std::size_t rows, std::size_t bytes) {
  fields_.reserve(rows * static_cast<std::size_t>(columns_));
  bytes_.reserve(bytes);
}

bool BinaryRows::add(std::string_view message, bool first) {
  const auto fail = [](std::string_view what) {
    throw Error(fmt::format("binary COPY: {}", what));
  };
  std::size_t at = 0;
  const auto need = [&](std::size_t n) {
    if (message.size() - at < n)
      fail("a row cut short");
  };
  if (first) {
    if (message.substr(0, copy_signature.size()) != copy_signature)
      fail("no PGCOPY signature");
    at = copy_signature.size();
    need(8);
    const auto extension = big_endian<std::uint32_t>(message.data() + at + 4);
    at += 8;
    need(extension);
    at += extension;
  }
  const auto base = bytes_.size();
  bytes_.append(message);
  while (at < message.size()) {
    need(2);
    const auto count = big_endian<std::int16_t>(message.data() + at);
    at += 2;
    if (count == -1) {
      if (at != message.size())
        fail("data after the trailer");
      bytes_.resize(base + at - 2); // the trailer is no row
      return false;
    }
    if (count != columns_)
      fail(fmt::format("a row of {} fields, {} expected", count, columns_));
    for (int c = 0; c < columns_; ++c) {
      need(4);
      const auto length = big_endian<std::int32_t>(message.data() + at);
      at += 4;
      if (length < -1)
        fail(fmt::format("a field of length {}", length));
      fields_.push_back({static_cast<std::uint32_t>(base + at), length});
      if (length > 0) {
        need(static_cast<std::size_t>(length));
        at += static_cast<std::size_t>(length);
      }
    }
    ++rows_;
  }
  return true;
}

// The reading thread of a prefetching cursor and the batches it holds.
class Cursor::Prefetch {
public:
  Prefetch(const std::string &url, const std::string &snapshot, const std::string &query,
           int batch_rows)
      : connection_(url), batch_rows_(batch_rows) {
    connection_.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    connection_.exec(fmt::format("SET TRANSACTION SNAPSHOT '{}'", snapshot));
    connection_.exec("SET LOCAL jit = off");
    // A query without ORDER BY returns a table's rows in physical order only
    // from a plain sequential scan that starts at the first block.
    connection_.exec("SET LOCAL synchronize_seqscans = off");
    connection_.exec("SET LOCAL max_parallel_workers_per_gather = 0");
    types_ = connection_.column_types(query);
    connection_.copy_out_begin(fmt::format("COPY ({}) TO STDOUT (FORMAT binary)", query));
    thread_ = std::thread([this] { run(); });
  }
  ~Prefetch() {
    {
      const std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    connection_.cancel(); // a COPY in flight ends now
    thread_.join();
    connection_.rollback();
  }
  Prefetch(const Prefetch &) = delete;
  Prefetch &operator=(const Prefetch &) = delete;

  [[nodiscard]] const std::vector<unsigned> &types() const noexcept { return types_; }

  // The next batch (empty at the end); rethrows the reading thread's error.
  BinaryRows pop() {
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
  void run() {
    try {
      const int columns = static_cast<int>(types_.size());
      bool first = true, more = true;
      std::size_t last_bytes = 0;
      while (more) {
        BinaryRows rows(columns);
        rows.reserve(static_cast<std::size_t>(batch_rows_), last_bytes + last_bytes / 8);
        while (more && rows.size() < batch_rows_) {
          const auto message = connection_.copy_get();
          if (!message)
            throw Error("binary COPY: the data ends without a trailer");
          more = rows.add(*message, first);
          first = false;
        }
        if (!more && connection_.copy_get()) // the trailer: then the COPY's end and its result
          throw Error("binary COPY: data after the trailer");
        last_bytes = rows.bytes();
        const bool last = rows.size() == 0;
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return batches_.size() < 2 || stop_; });
        if (stop_)
          return;
        batches_.push_back(std::move(rows));
        if (!more && !last)
          batches_.emplace_back(columns); // the empty batch that says "the end"
        changed_.notify_all();
      }
    } catch (...) {
      const std::lock_guard lock(mutex_);
      error_ = std::current_exception();
      changed_.notify_all();
    }
  }

  Connection connection_;
  int batch_rows_;
  std::vector<unsigned> types_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<BinaryRows> batches_;
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
  prefetch_ = std::make_unique<Prefetch>(url, snapshot, query, batch_rows_);
  types_ = prefetch_->types();
  binary_ = BinaryRows(static_cast<int>(types_.size()));
}

Cursor::~Cursor() = default;

bool Cursor::next() {
  if (done_)
    return false;
  if (++row_ < (prefetch_ ? binary_.size() : rows_.size())) {
    ++count_;
    return true;
  }
  const auto started = std::chrono::steady_clock::now();
  int size = 0;
  if (prefetch_) {
    binary_ = prefetch_->pop();
    size = binary_.size();
  } else {
    rows_ = connection_->rows(fmt::format("FETCH FORWARD {} FROM {}", batch_rows_, name_));
    size = rows_.size();
  }
  row_ = 0;
  fetch_seconds_ +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (size == 0) {
    done_ = true;
    rows_ = Rows(nullptr);
    binary_ = BinaryRows();
    if (!prefetch_)
      connection_->exec(fmt::format("CLOSE {}", name_));
    return false;
  }
  ++count_;
  return true;
}

std::string_view Cursor::text(int column) const noexcept {
  if (!binary_rows())
    return rows_.text(row_, column);
  auto value = binary_.value(row_, column);
  if (types_[static_cast<std::size_t>(column)] == oid_jsonb && !value.empty())
    value.remove_prefix(1); // jsonb's binary form: version 1, then the text
  return value;
}

void Cursor::malformed(int column, std::string_view what) const {
  std::string shown(text(column));
  if (binary_rows()) {
    // Binary numbers, booleans and timestamps are shown as their bytes.
    const auto type = types_[static_cast<std::size_t>(column)];
    static constexpr std::array binary_types{oid_bool,      oid_int2,       oid_int4,
                                             oid_int8,      oid_float4,     oid_float8,
                                             oid_timestamp, oid_timestamptz};
    if (std::find(binary_types.begin(), binary_types.end(), type) != binary_types.end()) {
      std::string hex = "\\x";
      for (const unsigned char c : shown)
        hex += fmt::format("{:02x}", c);
      shown = std::move(hex);
    }
  }
  throw Error(
      fmt::format("{}: column {} of row {}: {} ('{}')", name_, column + 1, count_, what, shown));
}

std::int64_t Cursor::integer(int column) const {
  if (is_null(column))
    malformed(column, "unexpected NULL");
  const auto value = text(column);
  if (binary_rows()) {
    const auto type = types_[static_cast<std::size_t>(column)];
    if (type == oid_int8 && value.size() == 8)
      return big_endian<std::int64_t>(value.data());
    if (type == oid_int4 && value.size() == 4)
      return big_endian<std::int32_t>(value.data());
    if (type == oid_int2 && value.size() == 2)
      return big_endian<std::int16_t>(value.data());
    malformed(column, "not an integer");
  }
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
  const auto value = text(column);
  if (binary_rows()) {
    const auto type = types_[static_cast<std::size_t>(column)];
    if (type == oid_float8 && value.size() == 8) {
      const auto bits = big_endian<std::uint64_t>(value.data());
      double out = 0;
      std::memcpy(&out, &bits, sizeof out);
      return out;
    }
    if (type == oid_float4 && value.size() == 4) {
      const auto bits = big_endian<std::uint32_t>(value.data());
      float out = 0;
      std::memcpy(&out, &bits, sizeof out);
      return out;
    }
    malformed(column, "not a number");
  }
  // PostgreSQL writes float8 with round-trip digits (extra_float_digits 1 by
  // default from 12 on); strtod reads them back exactly. The text is
  // NUL-terminated by libpq.
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
  if (binary_rows()) {
    if (!is_null(column) && types_[static_cast<std::size_t>(column)] == oid_bool &&
        value.size() == 1)
      return value[0] != 0;
    malformed(column, "not a boolean");
  }
  if (!is_null(column) && (value == "t" || value == "f"))
    return value == "t";
  malformed(column, "not a boolean");
}

std::optional<std::string> Cursor::optional_text(int column) const {
  std::optional<std::string> out;
  optional_text(column, out);
  return out;
}

void Cursor::optional_text(int column, std::optional<std::string> &out) const {
  if (is_null(column))
    out.reset();
  else if (out)
    out->assign(text(column));
  else
    out.emplace(text(column));
}

std::string Cursor::timestamp(int column) const {
  std::string out;
  timestamp(column, out);
  return out;
}

void Cursor::timestamp(int column, std::string &out) const {
  static constexpr std::string_view expected = "not a YYYY-MM-DD HH:MM:SS[.ffffff] timestamp";
  if (is_null(column))
    malformed(column, "unexpected NULL");
  if (binary_rows()) {
    const auto value = text(column);
    if (types_[static_cast<std::size_t>(column)] == oid_timestamp && value.size() == 8 &&
        timestamp_text(big_endian<std::int64_t>(value.data()), out))
      return;
    malformed(column, expected);
  }
  const auto value = text(column);
  if (value.size() < 19 || value.size() > 26 || value[10] != ' ' || value[13] != ':' ||
      value[16] != ':' || (value.size() > 19 && value[19] != '.') || value.size() == 20)
    malformed(column, expected);
  out.assign(value);
  if (out.size() == 19)
    out += '.';
  out.append(26 - out.size(), '0');
}

} // namespace seed::pg
