#include "seed/io/progress.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <utility>

namespace seed {
namespace {

using TimePoint = std::chrono::steady_clock::time_point;

Clock or_steady_clock(Clock clock) {
  if (clock)
    return clock;
  return [] { return std::chrono::steady_clock::now(); };
}

double seconds_between(TimePoint from, TimePoint to) {
  return std::chrono::duration<double>(to - from).count();
}

// "1629663" -> "1,629,663".
std::string with_separators(std::int64_t value) {
  // Via unsigned: negating INT64_MIN would overflow.
  const bool negative = value < 0;
  std::uint64_t magnitude =
      negative ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  const std::string digits = std::to_string(magnitude);
  std::string out;
  out.reserve(digits.size() + digits.size() / 3 + 1);
  if (negative)
    out.push_back('-');
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0)
      out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

// Rows per second rounded to an integer; 0 without elapsed time.
std::int64_t rate_of(std::int64_t rows, double seconds) {
  if (!(seconds > 0) || rows <= 0)
    return 0;
  const double rate = static_cast<double>(rows) / seconds;
  if (!std::isfinite(rate) || rate >= 9e18)
    return std::numeric_limits<std::int64_t>::max();
  return std::llround(rate);
}

std::string rate_text(std::int64_t rows, double seconds) {
  return with_separators(rate_of(rows, seconds));
}

// Time left at the average rate so far: "3 s", "2 min 05 s", "1 h 02 min";
// compact ("3s", "2m05s", "1h02m") for the terminal line. "--" without a rate.
std::string eta_text(std::int64_t rows, std::int64_t expected, double elapsed,
                     bool compact = false) {
  if (rows >= expected && expected > 0)
    return compact ? "0s" : "0 s";
  if (!(elapsed > 0) || rows <= 0 || expected <= 0)
    return "--";
  const double rate = static_cast<double>(rows) / elapsed;
  const double remaining = static_cast<double>(expected - rows) / rate;
  constexpr double cap = 100.0 * 3600.0;
  if (!std::isfinite(remaining) || remaining >= cap)
    return compact ? ">99h" : ">99 h";
  const auto total = static_cast<std::int64_t>(std::ceil(remaining));
  if (total < 60)
    return compact ? fmt::format("{}s", total) : fmt::format("{} s", total);
  if (total < 3600)
    return compact ? fmt::format("{}m{:02}s", total / 60, total % 60)
                   : fmt::format("{} min {:02} s", total / 60, total % 60);
  return compact ? fmt::format("{}h{:02}m", total / 3600, total % 3600 / 60)
                 : fmt::format("{} h {:02} min", total / 3600, total % 3600 / 60);
}

// Megabytes (10^6 bytes): one decimal below 10, whole above.
std::string mb_text(std::int64_t bytes) {
  const double mb = static_cast<double>(bytes) / 1e6;
  return mb < 10 ? fmt::format("{:.1f}", mb) : fmt::format("{:.0f}", mb);
}

// "412,000 / 804,000" or, without a plan, "412,000".
std::string rows_text(std::int64_t rows, std::int64_t expected) {
  if (expected > 0)
    return fmt::format("{} / {}", with_separators(rows), with_separators(expected));
  return with_separators(rows);
}

struct TableState {
  TimePoint started{};
  std::int64_t expected = 0;
  std::int64_t rows = 0;
  std::int64_t bytes = 0;
  TimePoint last_report{};     // log display: the last line printed for this table
  std::uint64_t last_seen = 0; // terminal display: order of the latest report
};

// --- Terminal ---

constexpr auto redraw_interval = std::chrono::milliseconds(100);
constexpr std::string_view clear_line = "\r\x1b[K";
// The longest table name (carbon_report_modules) plus one: a full line of the
// largest table stays within 80 columns.
constexpr std::size_t name_width = 22;

class TerminalProgress final : public Progress {
public:
  TerminalProgress(std::FILE *out, Clock clock) : out_(out), clock_(std::move(clock)) {}

  ~TerminalProgress() override {
    // Leave the cursor at the start of a fresh line.
    if (line_open_) {
      std::fputs("\n", out_);
      std::fflush(out_);
    }
  }

  void table_started(std::string_view table, std::int64_t expected_rows) override {
    const auto now = clock_();
    auto &state = tables_[std::string(table)];
    state = TableState{};
    state.started = now;
    state.expected = expected_rows;
    state.last_seen = ++reports_;
    draw_running(std::string(table), now);
  }

  void rows_written(std::string_view table, std::int64_t rows, std::int64_t bytes) override {
    const auto now = clock_();
    auto [it, inserted] = tables_.try_emplace(std::string(table));
    if (inserted)
      it->second.started = now;
    it->second.rows = rows;
    it->second.bytes = bytes;
    it->second.last_seen = ++reports_;
    if (has_drawn_ && now - last_draw_ < redraw_interval)
      return;
    draw_running(it->first, now);
  }

  void table_finished(const TableStats &stats) override {
    const auto now = clock_();
    tables_.erase(stats.table);
    std::string line = fmt::format("{:<{}} {} rows in {:.1f} s, {} rows/s", stats.table, name_width,
                                   with_separators(stats.rows), stats.seconds,
                                   rate_text(stats.rows, stats.seconds));
    write_line(line, true, now);
    // A table still running takes the (now empty) line at once: the one that
    // reported last.
    const auto latest =
        std::max_element(tables_.begin(), tables_.end(), [](const auto &a, const auto &b) {
          return a.second.last_seen < b.second.last_seen;
        });
    if (latest != tables_.end())
      draw_running(latest->first, now);
  }

  void phase(std::string_view description) override {
    if (line_open_)
      std::fputs("\n", out_);
    line_open_ = false;
    std::fwrite(description.data(), 1, description.size(), out_);
    std::fputs("\n", out_);
    std::fflush(out_);
  }

private:
  void draw_running(const std::string &table, TimePoint now) {
    const auto &state = tables_.at(table);
    const double elapsed = seconds_between(state.started, now);
    const std::string rate = elapsed > 0 ? rate_text(state.rows, elapsed) : std::string("--");
    std::string line = fmt::format("{:<{}} {} rows  {} rows/s  ETA {}", table, name_width,
                                   rows_text(state.rows, state.expected), rate,
                                   eta_text(state.rows, state.expected, elapsed, true));
    write_line(line, false, now);
  }

  // Replaces whatever is on the current line: carriage return and clear to the
  // end of the line first, so a shorter line never leaves a tail behind.
  void write_line(const std::string &line, bool final, TimePoint now) {
    std::fwrite(clear_line.data(), 1, clear_line.size(), out_);
    std::fwrite(line.data(), 1, line.size(), out_);
    if (final)
      std::fputs("\n", out_);
    line_open_ = !final;
    has_drawn_ = true;
    last_draw_ = now;
    std::fflush(out_);
  }

  std::FILE *out_;
  Clock clock_;
  std::map<std::string, TableState, std::less<>> tables_;
  std::uint64_t reports_ = 0;
  bool line_open_ = false;
  bool has_drawn_ = false;
  TimePoint last_draw_{};
};

// --- Log lines ---

class LogProgress final : public Progress {
public:
  LogProgress(std::chrono::milliseconds interval, Clock clock)
      : interval_(interval), clock_(std::move(clock)) {}

  void table_started(std::string_view table, std::int64_t expected_rows) override {
    const auto now = clock_();
    auto &state = tables_[std::string(table)];
    state = TableState{};
    state.started = now;
    state.last_report = now;
    state.expected = expected_rows;
    if (expected_rows > 0)
      spdlog::info("{}: started, {} rows planned", table, with_separators(expected_rows));
    else
      spdlog::info("{}: started", table);
  }

  void rows_written(std::string_view table, std::int64_t rows, std::int64_t bytes) override {
    const auto now = clock_();
    auto [it, inserted] = tables_.try_emplace(std::string(table));
    auto &state = it->second;
    if (inserted) {
      state.started = now;
      state.last_report = now;
    }
    state.rows = rows;
    state.bytes = bytes;
    if (now - state.last_report < interval_)
      return;
    state.last_report = now;
    const double elapsed = seconds_between(state.started, now);
    spdlog::info("{}: {} rows, {} rows/s, ETA {}", table, rows_text(rows, state.expected),
                 rate_text(rows, elapsed), eta_text(rows, state.expected, elapsed));
  }

  void table_finished(const TableStats &stats) override {
    tables_.erase(stats.table);
    spdlog::info("{}: {} rows in {:.1f} s ({} rows/s, {} MB)", stats.table,
                 with_separators(stats.rows), stats.seconds, rate_text(stats.rows, stats.seconds),
                 mb_text(stats.bytes));
  }

  void phase(std::string_view description) override { spdlog::info("{}", description); }

private:
  std::chrono::milliseconds interval_;
  Clock clock_;
  std::map<std::string, TableState, std::less<>> tables_;
};

// --- Nothing ---

class SilentProgress final : public Progress {
public:
  void table_started(std::string_view, std::int64_t) override {}
  void rows_written(std::string_view, std::int64_t, std::int64_t) override {}
  void table_finished(const TableStats &) override {}
  void phase(std::string_view) override {}
};

} // namespace

std::unique_ptr<Progress> make_terminal_progress(std::FILE *out, Clock clock) {
  return std::make_unique<TerminalProgress>(out, or_steady_clock(std::move(clock)));
}

std::unique_ptr<Progress> make_log_progress(std::chrono::milliseconds interval, Clock clock) {
  return std::make_unique<LogProgress>(interval, or_steady_clock(std::move(clock)));
}

std::unique_ptr<Progress> make_silent_progress() {
  return std::make_unique<SilentProgress>();
}

// --- Summary ---

void Summary::table_started(std::string_view table, std::int64_t expected_rows) {
  if (next_ != nullptr)
    next_->table_started(table, expected_rows);
}

void Summary::rows_written(std::string_view table, std::int64_t rows, std::int64_t bytes) {
  if (next_ != nullptr)
    next_->rows_written(table, rows, bytes);
}

void Summary::table_finished(const TableStats &stats) {
  tables_.push_back(stats);
  if (next_ != nullptr)
    next_->table_finished(stats);
}

void Summary::phase(std::string_view description) {
  if (next_ != nullptr)
    next_->phase(description);
}

std::int64_t Summary::total_rows() const noexcept {
  std::int64_t total = 0;
  for (const auto &table : tables_)
    total += table.rows;
  return total;
}

std::int64_t Summary::total_bytes() const noexcept {
  std::int64_t total = 0;
  for (const auto &table : tables_)
    total += table.bytes;
  return total;
}

std::string Summary::table_text(double wall_seconds) const {
  std::size_t width = 5; // "table", "total"
  for (const auto &table : tables_)
    width = std::max(width, table.table.size());
  const auto row = [width](std::string_view name, std::int64_t rows, std::int64_t bytes,
                           double seconds) {
    return fmt::format("{:<{}}  {:>13}  {:>9.1f}  {:>9.2f}  {:>11}\n", name, width,
                       with_separators(rows), static_cast<double>(bytes) / 1e6, seconds,
                       rate_text(rows, seconds));
  };
  std::string out = fmt::format("{:<{}}  {:>13}  {:>9}  {:>9}  {:>11}\n", "table", width, "rows",
                                "MB", "seconds", "rows/s");
  for (const auto &table : tables_)
    out += row(table.table, table.rows, table.bytes, table.seconds);
  out += row("total", total_rows(), total_bytes(), wall_seconds);
  return out;
}

std::string Summary::json(std::uint64_t seed, double wall_seconds) const {
  nlohmann::json tables = nlohmann::json::array();
  for (const auto &table : tables_)
    tables.push_back({{"table", table.table},
                      {"rows", table.rows},
                      {"bytes", table.bytes},
                      {"seconds", table.seconds}});
  nlohmann::json document = {{"seed", seed},
                             {"wall_seconds", wall_seconds},
                             {"total_rows", total_rows()},
                             {"total_bytes", total_bytes()},
                             {"tables", std::move(tables)}};
  return document.dump(2);
}

} // namespace seed
