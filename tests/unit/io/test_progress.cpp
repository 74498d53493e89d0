// seed/progress.hpp: the live terminal line, the log lines, silence, and the
// closing summary (text and JSON).
#include "seed/io/progress.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>
#include <sstream>

using namespace seed;
using namespace std::chrono_literals;

namespace {

// A clock the test moves by hand.
struct FakeClock {
  std::chrono::steady_clock::time_point now{std::chrono::hours(1)};
  Clock clock() {
    return [this] { return now; };
  }
  void advance(std::chrono::milliseconds by) { now += by; }
};

// A temporary FILE* whose whole content can be read back at any time.
class CapturedFile {
public:
  CapturedFile() : file_(std::tmpfile()) { REQUIRE(file_ != nullptr); }
  ~CapturedFile() { std::fclose(file_); }
  CapturedFile(const CapturedFile &) = delete;
  CapturedFile &operator=(const CapturedFile &) = delete;

  std::FILE *get() const { return file_; }

  std::string text() const {
    std::fflush(file_);
    const long end = std::ftell(file_);
    std::string content(static_cast<std::size_t>(end), '\0');
    std::rewind(file_);
    const std::size_t read = std::fread(content.data(), 1, content.size(), file_);
    content.resize(read);
    std::fseek(file_, 0, SEEK_END);
    return content;
  }

private:
  std::FILE *file_;
};

// What a terminal shows for `raw`: '\r' goes to column 0, ESC[K clears to the
// end of the line, '\n' moves to a new line, other characters overwrite. The
// last element is the line the cursor is on (empty when the output ends with
// '\n').
std::vector<std::string> render(const std::string &raw) {
  std::vector<std::string> screen(1);
  std::size_t column = 0;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    auto &line = screen.back();
    if (raw[i] == '\r') {
      column = 0;
    } else if (raw[i] == '\n') {
      screen.emplace_back();
      column = 0;
    } else if (raw.compare(i, 3, "\x1b[K") == 0) {
      line.resize(std::min(line.size(), column));
      i += 2;
    } else {
      if (column < line.size())
        line[column] = raw[i];
      else
        line.push_back(raw[i]);
      ++column;
    }
  }
  return screen;
}

// Each '\n'-terminated line of `raw`, as the text after its last '\r'.
std::vector<std::string> after_last_return(const std::string &raw) {
  std::vector<std::string> lines;
  std::size_t begin = 0;
  for (std::size_t end = raw.find('\n'); end != std::string::npos;
       begin = end + 1, end = raw.find('\n', begin)) {
    const std::string line = raw.substr(begin, end - begin);
    const auto cr = line.rfind('\r');
    lines.push_back(cr == std::string::npos ? line : line.substr(cr + 1));
  }
  return lines;
}

std::vector<std::string> split_lines(const std::string &text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

std::vector<std::string> words(const std::string &line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  for (std::string word; in >> word;)
    out.push_back(word);
  return out;
}

bool contains(const std::string &text, const std::string &part) {
  return text.find(part) != std::string::npos;
}

// Routes spdlog's default logger into a string for the test's lifetime.
class LogCapture {
public:
  LogCapture() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(stream_);
    auto logger = std::make_shared<spdlog::logger>("progress-test", sink);
    logger->set_pattern("%l: %v");
    logger->set_level(spdlog::level::info);
    spdlog::set_default_logger(logger);
  }
  ~LogCapture() { spdlog::set_default_logger(previous_); }
  LogCapture(const LogCapture &) = delete;
  LogCapture &operator=(const LogCapture &) = delete;

  std::vector<std::string> lines() const { return split_lines(stream_.str()); }

private:
  std::ostringstream stream_;
  std::shared_ptr<spdlog::logger> previous_;
};

// Records every call it receives.
struct RecordingProgress final : Progress {
  std::vector<std::string> calls;
  void table_started(std::string_view table, std::int64_t expected_rows) override {
    calls.push_back("started " + std::string(table) + " " + std::to_string(expected_rows));
  }
  void rows_written(std::string_view table, std::int64_t rows, std::int64_t bytes) override {
    calls.push_back("rows " + std::string(table) + " " + std::to_string(rows) + " " +
                    std::to_string(bytes));
  }
  void table_finished(const TableStats &stats) override {
    calls.push_back("finished " + stats.table + " " + std::to_string(stats.rows));
  }
  void phase(std::string_view description) override {
    calls.push_back("phase " + std::string(description));
  }
};

TableStats stats(std::string table, std::int64_t rows, std::int64_t bytes, double seconds) {
  TableStats out;
  out.table = std::move(table);
  out.rows = rows;
  out.bytes = bytes;
  out.seconds = seconds;
  return out;
}

} // namespace

TEST_CASE("terminal progress draws when a table starts", "[progress]") {
  CapturedFile out;
  FakeClock clock;
  auto progress = make_terminal_progress(out.get(), clock.clock());
  CHECK(out.text().empty());

  progress->table_started("data_entries", 804'000);
  const auto text = out.text();
  CHECK(text.rfind("\r\x1b[K", 0) == 0);
  CHECK(contains(text, "data_entries"));
  CHECK(contains(text, "0 / 804,000 rows"));
  CHECK(contains(text, "ETA --"));
  CHECK(!contains(text, "\n")); // the line stays open to be rewritten
}

TEST_CASE("terminal progress redraws at most every 100 ms", "[progress]") {
  CapturedFile out;
  FakeClock clock;
  auto progress = make_terminal_progress(out.get(), clock.clock());
  progress->table_started("data_entries", 804'000);
  const auto after_start = out.text();

  clock.advance(50ms);
  progress->rows_written("data_entries", 5'000, 500'000);
  clock.advance(49ms);
  progress->rows_written("data_entries", 9'900, 990'000);
  CHECK(out.text() == after_start);

  clock.advance(1ms); // 100 ms after the last draw
  progress->rows_written("data_entries", 10'000, 1'000'000);
  const auto redrawn = out.text();
  REQUIRE(redrawn.size() > after_start.size());
  const auto line = redrawn.substr(after_start.size());
  CHECK(line.rfind("\r\x1b[K", 0) == 0);
  // 10,000 rows in 0.1 s; 794,000 to go at 100,000 rows/s.
  CHECK(contains(line, "data_entries"));
  CHECK(contains(line, "10,000 / 804,000 rows"));
  CHECK(contains(line, "100,000 rows/s"));
  CHECK(contains(line, "ETA 8s"));

  // The throttle restarts from that draw.
  clock.advance(99ms);
  progress->rows_written("data_entries", 20'000, 2'000'000);
  CHECK(out.text() == redrawn);
  clock.advance(1ms);
  progress->rows_written("data_entries", 20'000, 2'000'000);
  CHECK(out.text().size() > redrawn.size());
}

TEST_CASE("terminal progress ETA spans minutes and hours", "[progress]") {
  CapturedFile out;
  FakeClock clock;
  auto progress = make_terminal_progress(out.get(), clock.clock());
  progress->table_started("data_entries", 1'000'000);
  clock.advance(1000ms);
  progress->rows_written("data_entries", 10'000, 0); // 99 s to go
  CHECK(render(out.text()).back().find("ETA 1m39s") != std::string::npos);
  clock.advance(1000ms);
  progress->rows_written("data_entries", 10'000, 0); // 5,000 rows/s: 198 s
  CHECK(render(out.text()).back().find("5,000 rows/s  ETA 3m18s") != std::string::npos);

  progress->table_started("big", 100'000'000'000);
  clock.advance(1000ms);
  progress->rows_written("big", 10'000'000, 0); // 9,999 s
  CHECK(render(out.text()).back().find("ETA 2h46m") != std::string::npos);
}

TEST_CASE("terminal progress lines fit 80 columns", "[progress]") {
  CapturedFile out;
  FakeClock clock;
  auto progress = make_terminal_progress(out.get(), clock.clock());
  progress->table_started("carbon_report_modules", 9'999'999); // the longest name
  clock.advance(1000ms);
  progress->rows_written("carbon_report_modules", 1'000'000, 0);
  clock.advance(99'000ms); // 10,000 rows/s: 900 s to go
  progress->rows_written("carbon_report_modules", 1'000'000, 0);
  const auto screen = render(out.text());
  REQUIRE(screen.size() == 1);
  CHECK(screen[0] ==
        "carbon_report_modules  1,000,000 / 9,999,999 rows  10,000 rows/s  ETA 15m00s");
  CHECK(screen[0].size() < 80);
}

TEST_CASE("terminal progress ends a finished table's line", "[progress]") {
  CapturedFile out;
  FakeClock clock;
  auto progress = make_terminal_progress(out.get(), clock.clock());
  progress->table_started("data_entries", 804'000);
  clock.advance(3000ms);
  progress->rows_written("data_entries", 412'000, 40'000'000);
  clock.advance(10ms); // within the throttle: a finish is drawn regardless
  progress->table_finished(stats("data_entries", 804'000, 190'000'000, 5.9));

  const auto text = out.text();
  REQUIRE(!text.empty());
  CHECK(text.back() == '\n');
  const auto lines = after_last_return(text);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].rfind("\x1b[K", 0) == 0);
  CHECK(contains(lines[0], "data_entries"));
  CHECK(contains(lines[0], "804,000 rows in 5.9 s"));
  CHECK(contains(lines[0], "136,271 rows/s")); // 804,000 / 5.9
  CHECK(!contains(lines[0], "ETA"));

  // The next table starts on a fresh line; the finished one stays on screen.
  progress->table_started("units", 12);
  const auto screen = render(out.text());
  REQUIRE(screen.size() == 2);
  CHECK(contains(screen[0], "804,000 rows in 5.9 s"));
  CHECK(contains(screen[1], "units"));
  CHECK(contains(screen[1], "0 / 12 rows"));
}

TEST_CASE("terminal progress interleaves two tables without partial lines", "[progress]") {
  CapturedFile out;
  FakeClock clock;
  auto progress = make_terminal_progress(out.get(), clock.clock());

  progress->table_started("data_entries", 804'000);
  clock.advance(20ms);
  progress->table_started("data_entry_emissions", 1'629'663); // longer name, longer line
  std::int64_t entries = 0;
  std::int64_t emissions = 0;
  for (int step = 0; step < 40; ++step) {
    clock.advance(30ms);
    entries += 20'000;
    progress->rows_written("data_entries", entries, entries * 100);
    if (step % 5 == 4) { // a burst
      clock.advance(80ms);
      emissions += 40'000;
      progress->rows_written("data_entry_emissions", emissions, emissions * 50);
    }
  }
  progress->table_finished(stats("data_entries", entries, entries * 100, 2.0));
  // The emissions line takes over at once; then it goes on and finishes.
  CHECK(contains(render(out.text()).back(), "data_entry_emissions"));
  clock.advance(150ms);
  progress->rows_written("data_entry_emissions", 1'629'663, 81'483'150);
  clock.advance(150ms);
  progress->table_finished(stats("data_entry_emissions", 1'629'663, 81'483'150, 2.5));

  const auto text = out.text();
  REQUIRE(text.back() == '\n');
  // Both tables were shown while running.
  CHECK(contains(text, "0,000 / 804,000 rows"));
  CHECK(contains(text, "320,000 / 1,629,663 rows"));

  // Every drawing starts by returning and clearing the line.
  std::size_t draws = 0;
  for (auto at = text.find('\r'); at != std::string::npos; at = text.find('\r', at + 1)) {
    CHECK(text.compare(at, 4, "\r\x1b[K") == 0);
    ++draws;
  }
  CHECK(draws > 10);

  // Every line left behind is one table's complete final line, exactly what
  // was written after its last return.
  const auto kept = after_last_return(text);
  REQUIRE(kept.size() == 2);
  const auto screen = render(text);
  REQUIRE(screen.size() == 3);
  CHECK(screen[2].empty());
  for (std::size_t i = 0; i < kept.size(); ++i) {
    CHECK(kept[i].rfind("\x1b[K", 0) == 0);
    CHECK(screen[i] == kept[i].substr(3));
    CHECK(!contains(screen[i], "ETA"));
  }
  CHECK(screen[0].rfind("data_entries ", 0) == 0);
  CHECK(contains(screen[0], "800,000 rows in 2.0 s, 400,000 rows/s"));
  CHECK(screen[1].rfind("data_entry_emissions ", 0) == 0);
  CHECK(contains(screen[1], "1,629,663 rows in 2.5 s, 651,865 rows/s"));
}

TEST_CASE("terminal progress prints a phase on its own line", "[progress]") {
  CapturedFile out;
  FakeClock clock;
  auto progress = make_terminal_progress(out.get(), clock.clock());

  SECTION("with a table line open") {
    progress->table_started("data_entries", 804'000);
    progress->phase("rebuilding indexes…");
    const auto text = out.text();
    CHECK(contains(text, "\nrebuilding indexes…\n"));
    const auto screen = render(text);
    REQUIRE(screen.size() == 3);
    CHECK(contains(screen[0], "data_entries"));
    CHECK(screen[1] == "rebuilding indexes…");
    CHECK(screen[2].empty());
  }
  SECTION("after a finished table: no blank line") {
    progress->table_started("units", 12);
    progress->table_finished(stats("units", 12, 600, 0.01));
    progress->phase("committing");
    const auto screen = render(out.text());
    REQUIRE(screen.size() == 3);
    CHECK(contains(screen[0], "12 rows in 0.0 s"));
    CHECK(screen[1] == "committing");
  }
  SECTION("the next table starts below it") {
    progress->phase("committing");
    progress->table_started("units", 12);
    const auto screen = render(out.text());
    REQUIRE(screen.size() == 2);
    CHECK(screen[0] == "committing");
    CHECK(contains(screen[1], "0 / 12 rows"));
  }
}

TEST_CASE("terminal progress uses the steady clock by default", "[progress]") {
  CapturedFile out;
  auto progress = make_terminal_progress(out.get());
  progress->table_started("units", 12);
  progress->rows_written("units", 12, 600);
  progress->table_finished(stats("units", 12, 600, 0.5));
  const auto screen = render(out.text());
  REQUIRE(!screen.empty());
  CHECK(contains(screen[0], "12 rows in 0.5 s, 24 rows/s"));
}

TEST_CASE("log progress prints start, periodic and finish lines", "[progress]") {
  LogCapture log;
  FakeClock clock;
  auto progress = make_log_progress(5s, clock.clock());

  progress->table_started("data_entries", 804'000);
  REQUIRE(log.lines() ==
          std::vector<std::string>{"info: data_entries: started, 804,000 rows planned"});

  clock.advance(1000ms);
  progress->rows_written("data_entries", 100'000, 10'000'000);
  clock.advance(3999ms);
  progress->rows_written("data_entries", 400'000, 40'000'000);
  CHECK(log.lines().size() == 1); // 4.999 s since the start: not yet

  clock.advance(1ms);
  progress->rows_written("data_entries", 412'000, 41'200'000);
  auto lines = log.lines();
  REQUIRE(lines.size() == 2);
  // 412,000 rows in 5 s; 392,000 to go at 82,400 rows/s.
  CHECK(lines[1] == "info: data_entries: 412,000 / 804,000 rows, 82,400 rows/s, ETA 5 s");

  clock.advance(4000ms);
  progress->rows_written("data_entries", 700'000, 70'000'000);
  CHECK(log.lines().size() == 2); // 4 s since the last line
  clock.advance(1000ms);
  progress->rows_written("data_entries", 800'000, 80'000'000);
  lines = log.lines();
  REQUIRE(lines.size() == 3);
  CHECK(lines[2] == "info: data_entries: 800,000 / 804,000 rows, 80,000 rows/s, ETA 1 s");

  progress->table_finished(stats("data_entries", 804'000, 190'000'000, 5.9));
  progress->phase("rebuilding indexes…");
  lines = log.lines();
  REQUIRE(lines.size() == 5);
  CHECK(lines[3] == "info: data_entries: 804,000 rows in 5.9 s (136,271 rows/s, 190 MB)");
  CHECK(lines[4] == "info: rebuilding indexes…");
}

TEST_CASE("log progress keeps an interval per table", "[progress]") {
  LogCapture log;
  FakeClock clock;
  auto progress = make_log_progress(1s, clock.clock());
  progress->table_started("data_entries", 1'000);
  clock.advance(600ms);
  progress->table_started("data_entry_emissions", 0); // no plan: no total, no ETA
  clock.advance(400ms);
  progress->rows_written("data_entries", 500, 5'000);         // 1 s after its start
  progress->rows_written("data_entry_emissions", 300, 3'000); // 0.4 s after its start
  clock.advance(600ms);
  progress->rows_written("data_entries", 600, 6'000);         // 0.6 s after its line
  progress->rows_written("data_entry_emissions", 400, 4'000); // 1 s after its start
  progress->table_finished(stats("data_entry_emissions", 400, 4'000, 1.0));

  const auto lines = log.lines();
  REQUIRE(lines.size() == 5);
  CHECK(lines[0] == "info: data_entries: started, 1,000 rows planned");
  CHECK(lines[1] == "info: data_entry_emissions: started");
  CHECK(lines[2] == "info: data_entries: 500 / 1,000 rows, 500 rows/s, ETA 1 s");
  CHECK(lines[3] == "info: data_entry_emissions: 400 rows, 400 rows/s, ETA --");
  CHECK(lines[4] == "info: data_entry_emissions: 400 rows in 1.0 s (400 rows/s, 0.0 MB)");
}

TEST_CASE("log progress is silenced by the logger's level (--quiet)", "[progress]") {
  LogCapture log;
  spdlog::default_logger()->set_level(spdlog::level::err);
  auto progress = make_log_progress();
  progress->table_started("units", 12);
  progress->rows_written("units", 12, 600);
  progress->table_finished(stats("units", 12, 600, 0.5));
  progress->phase("committing");
  CHECK(log.lines().empty());
}

TEST_CASE("silent progress says nothing", "[progress]") {
  LogCapture log;
  auto progress = make_silent_progress();
  progress->table_started("units", 12);
  progress->rows_written("units", 12, 600);
  progress->table_finished(stats("units", 12, 600, 0.5));
  progress->phase("committing");
  CHECK(log.lines().empty());
}

TEST_CASE("summary forwards every call and records finished tables", "[progress]") {
  RecordingProgress recording;
  Summary summary(&recording);
  summary.table_started("units", 12);
  summary.rows_written("units", 12, 600);
  summary.table_finished(stats("units", 12, 600, 0.25));
  summary.table_started("data_entries", 804'000);
  summary.rows_written("data_entries", 804'000, 190'000'000);
  summary.table_finished(stats("data_entries", 804'000, 190'000'000, 5.9));
  summary.phase("committing");

  CHECK(recording.calls == std::vector<std::string>{
                               "started units 12", "rows units 12 600", "finished units 12",
                               "started data_entries 804000", "rows data_entries 804000 190000000",
                               "finished data_entries 804000", "phase committing"});
  REQUIRE(summary.tables().size() == 2);
  CHECK(summary.tables()[0].table == "units");
  CHECK(summary.tables()[1].table == "data_entries");
  CHECK(summary.tables()[1].seconds == 5.9);
  CHECK(summary.total_rows() == 804'012);
  CHECK(summary.total_bytes() == 190'000'600);
}

TEST_CASE("summary works without a next display", "[progress]") {
  Summary summary;
  summary.table_started("units", 12);
  summary.rows_written("units", 12, 600);
  summary.table_finished(stats("units", 12, 600, 0.25));
  summary.phase("committing");
  CHECK(summary.tables().size() == 1);
  CHECK(summary.total_rows() == 12);
  CHECK(summary.total_bytes() == 600);
}

TEST_CASE("summary table text", "[progress]") {
  Summary summary;
  summary.table_finished(stats("units", 999, 50'000, 0.25));
  summary.table_finished(stats("data_entries", 804'000, 190'000'000, 5.9));
  summary.table_finished(stats("data_entry_emissions", 1'629'663, 81'483'150, 0));

  const auto lines = split_lines(summary.table_text(8.0));
  REQUIRE(lines.size() == 5);
  CHECK(words(lines[0]) == std::vector<std::string>{"table", "rows", "MB", "seconds", "rows/s"});
  CHECK(words(lines[1]) == std::vector<std::string>{"units", "999", "0.1", "0.25", "3,996"});
  CHECK(words(lines[2]) ==
        std::vector<std::string>{"data_entries", "804,000", "190.0", "5.90", "136,271"});
  // No time measured: no rate.
  CHECK(words(lines[3]) ==
        std::vector<std::string>{"data_entry_emissions", "1,629,663", "81.5", "0.00", "0"});
  // 2,434,662 rows over the 8 s wall time.
  CHECK(words(lines[4]) ==
        std::vector<std::string>{"total", "2,434,662", "271.5", "8.00", "304,333"});

  // Fixed width: every line as wide as the header, columns aligned right.
  for (const auto &line : lines)
    CHECK(line.size() == lines[0].size());

  const auto no_wall = split_lines(summary.table_text(0));
  CHECK(words(no_wall.back()) ==
        std::vector<std::string>{"total", "2,434,662", "271.5", "0.00", "0"});
}

TEST_CASE("summary table text without tables", "[progress]") {
  const auto lines = split_lines(Summary().table_text(1.5));
  REQUIRE(lines.size() == 2);
  CHECK(words(lines[1]) == std::vector<std::string>{"total", "0", "0.0", "1.50", "0"});
}

TEST_CASE("summary JSON", "[progress]") {
  Summary summary;
  summary.table_finished(stats("units", 12, 600, 0.25));
  summary.table_finished(stats("data_entries", 804'000, 190'000'000, 5.9));
  const std::uint64_t seed = 18'446'744'073'709'551'615ULL;

  const auto text = summary.json(seed, 7.5);
  CHECK(contains(text, "\n  \"seed\": 18446744073709551615")); // dump(2)
  const auto document = nlohmann::json::parse(text);

  std::set<std::string> keys;
  for (const auto &[key, value] : document.items())
    keys.insert(key);
  CHECK(keys ==
        std::set<std::string>{"seed", "wall_seconds", "total_rows", "total_bytes", "tables"});
  CHECK(document["seed"].is_number_unsigned());
  CHECK(document["seed"].get<std::uint64_t>() == seed);
  CHECK(document["wall_seconds"].get<double>() == 7.5);
  CHECK(document["total_rows"].get<std::int64_t>() == 804'012);
  CHECK(document["total_bytes"].get<std::int64_t>() == 190'000'600);

  const auto &tables = document["tables"];
  REQUIRE(tables.is_array());
  REQUIRE(tables.size() == 2);
  for (const auto &table : tables) {
    std::set<std::string> table_keys;
    for (const auto &[key, value] : table.items())
      table_keys.insert(key);
    CHECK(table_keys == std::set<std::string>{"table", "rows", "bytes", "seconds"});
  }
  CHECK(tables[0]["table"] == "units");
  CHECK(tables[0]["rows"].get<std::int64_t>() == 12);
  CHECK(tables[0]["bytes"].get<std::int64_t>() == 600);
  CHECK(tables[0]["seconds"].get<double>() == 0.25);
  CHECK(tables[1]["table"] == "data_entries");
  CHECK(tables[1]["rows"].get<std::int64_t>() == 804'000);
  CHECK(tables[1]["bytes"].get<std::int64_t>() == 190'000'000);
  CHECK(tables[1]["seconds"].get<double>() == 5.9);

  const auto empty = nlohmann::json::parse(Summary().json(0, 0));
  CHECK(empty["tables"].is_array());
  CHECK(empty["tables"].empty());
  CHECK(empty["total_rows"] == 0);
}
