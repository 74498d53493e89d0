// What a run tells its operator while it writes and when it ends.
//
// The writer reports through the Progress interface (from its own thread
// only); the CLI picks the display: a live one-line display on a terminal,
// periodic log lines otherwise, nothing with --quiet. The Summary collects
// rows, bytes and time per table for the closing table and --summary-json.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace seed {

// --- Interface ---

struct TableStats {
  std::string table;
  std::int64_t rows = 0;
  std::int64_t bytes = 0; // COPY text bytes sent
  double seconds = 0;     // from the table's first row to its last
};

class Progress {
public:
  virtual ~Progress() = default;
  // A table starts; `expected_rows` is the plan's count (for the ETA).
  virtual void table_started(std::string_view table, std::int64_t expected_rows) = 0;
  // Cumulative rows and bytes of `table` so far.
  virtual void rows_written(std::string_view table, std::int64_t rows, std::int64_t bytes) = 0;
  virtual void table_finished(const TableStats &stats) = 0;
  // A step that is not a table ("rebuilding indexes", "committing").
  virtual void phase(std::string_view description) = 0;
};

// Clock used by the displays; tests substitute their own.
using Clock = std::function<std::chrono::steady_clock::time_point()>;

// Live display for a terminal: one line per table, rewritten in place
// ("data_entries   412,000 / 804,000 rows  137,000 rows/s  ETA 3s"), at most
// ~10 updates a second; a finished table's line is kept.
[[nodiscard]] std::unique_ptr<Progress> make_terminal_progress(std::FILE *out, Clock clock = {});
// Plain log lines (spdlog info) for non-terminals: one when a table starts,
// then one every `interval`, one when it ends.
[[nodiscard]] std::unique_ptr<Progress>
make_log_progress(std::chrono::milliseconds interval = std::chrono::seconds(5), Clock clock = {});
// Says nothing (--quiet).
[[nodiscard]] std::unique_ptr<Progress> make_silent_progress();

// Records finished tables; forwards every call to `next` (may be null).
class Summary final : public Progress {
public:
  explicit Summary(Progress *next = nullptr) : next_(next) {}
  void table_started(std::string_view table, std::int64_t expected_rows) override;
  void rows_written(std::string_view table, std::int64_t rows, std::int64_t bytes) override;
  void table_finished(const TableStats &stats) override;
  void phase(std::string_view description) override;

  [[nodiscard]] const std::vector<TableStats> &tables() const noexcept { return tables_; }
  [[nodiscard]] std::int64_t total_rows() const noexcept;
  [[nodiscard]] std::int64_t total_bytes() const noexcept;

  // The closing table: one line per table (rows, MB, seconds, rows/s), then
  // the total with the run's wall time.
  [[nodiscard]] std::string table_text(double wall_seconds) const;
  // The same as JSON: {"seed": ..., "wall_seconds": ..., "total_rows": ...,
  //  "total_bytes": ..., "tables": [{"table", "rows", "bytes", "seconds"}, ...]}
  [[nodiscard]] std::string json(std::uint64_t seed, double wall_seconds) const;

private:
  Progress *next_;
  std::vector<TableStats> tables_;
};

} // namespace seed
