// seed/writer.hpp: every table written, parents first; the bytes depend only
// on the seed — not on the number of threads, not on the run.
#include "seed/generate/run_inputs.hpp"
#include "seed/generate/writer.hpp"
#include "seed/model/tables.hpp"
#include "support/recording_sink.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fmt/core.h>
#include <map>
#include <string>
#include <utility>
#include <vector>

using namespace seed;
using seed::testing::RecordingSink;

namespace {

struct Written {
  RecordingSink sink;
  RowCounts counts;
};

// The sample factors and built-in reference rows of the default years.
const BundledInputs &writer_bundled() {
  static const BundledInputs inputs({2023, 2024, 2025});
  return inputs;
}

Written write(const Plan &plan, int jobs, bool stats_in_rows = false) {
  rows::RunContext context;
  context.plan = &plan;
  writer_bundled().attach(context);
  context.now_utc = "2025-01-02 03:04:05.000006";
  context.formula_version = "abc123";
  Written out;
  WriteSettings settings;
  settings.jobs = jobs;
  settings.years_to_configure = plan.options().years;
  settings.stats_in_rows = stats_in_rows;
  out.counts = write_all(context, settings, out.sink).seeded;
  return out;
}

std::int64_t lines(const std::string &text) {
  return std::count(text.begin(), text.end(), '\n');
}

Options options_with_seed(std::uint64_t seed, EmissionMode emissions = EmissionMode::placeholder) {
  Options options;
  options.seed = seed;
  options.emissions = emissions;
  return options;
}

} // namespace

TEST_CASE("write_all writes the planned rows of every table", "[writer]") {
  const auto plan = Plan::make(options_with_seed(3));
  const auto out = write(plan, 1);
  REQUIRE(out.counts == plan.expected_rows());
  // The stats of every module and report (all have entries), for the UPDATEs.
  CHECK(lines(out.sink.bytes.at("seed_module_stats")) == plan.module_count());
  CHECK(lines(out.sink.bytes.at("seed_report_stats")) == plan.report_count());
  auto written = std::vector<const tables::Table *>(tables::write_order().begin(),
                                                    tables::write_order().end());
  written.push_back(&tables::audit_documents());
  for (const auto *table : written) {
    INFO(table->name);
    const auto &bytes = out.sink.bytes.at(std::string(table->name));
    const auto expected = std::find_if(out.counts.begin(), out.counts.end(),
                                       [&](const auto &c) { return c.first == table->name; });
    CHECK(lines(bytes) == expected->second);
    // Every row carries exactly the table's columns.
    std::size_t start = 0;
    while (start < bytes.size()) {
      const auto end = bytes.find('\n', start);
      const auto row = bytes.substr(start, end - start);
      CHECK(static_cast<std::size_t>(std::count(row.begin(), row.end(), '\t')) ==
            table->columns.size() - 1);
      start = end + 1;
    }
  }
}

TEST_CASE("computed emissions: planned rows in every table, zero or more emissions per entry",
          "[writer]") {
  const auto plan = Plan::make(options_with_seed(3, EmissionMode::computed));
  const auto out = write(plan, 1);
  const auto expected = plan.expected_rows();
  REQUIRE(out.counts.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i)
    if (expected[i].first != "data_entry_emissions")
      CHECK(out.counts[i] == expected[i]);
  // Headcount entries alone write a row per leaf factor plus a rollup.
  const auto emissions = out.counts[8];
  CHECK(emissions.first == "data_entry_emissions");
  CHECK(emissions.second > plan.entry_count());
  CHECK(lines(out.sink.bytes.at("data_entry_emissions")) == emissions.second);
}

TEST_CASE("the same seed gives the same bytes, whatever the thread count",
          "[writer][determinism]") {
  auto options = options_with_seed(99, EmissionMode::computed);
  options.units = 12;
  options.users = 100;
  options.entries_min = 20;
  options.entries_max = 60; // several chunks of modules, several emission segments
  const auto plan = Plan::make(options);
  const auto one = write(plan, 1);
  for (int jobs : {2, 3, 8}) {
    INFO("jobs = " << jobs);
    CHECK(write(plan, jobs).sink.bytes == one.sink.bytes);
  }
  CHECK(write(plan, 1).sink.bytes == one.sink.bytes);
}

// The rows of a COPY text, split at newlines.
std::vector<std::string> row_lines(const std::string &text) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start < text.size();) {
    const auto end = text.find('\n', start);
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

TEST_CASE("stats in rows: reports and modules follow the entries, carrying the staged stats",
          "[writer][app-state]") {
  auto options = options_with_seed(4, EmissionMode::computed);
  options.units = 7; // 21 reports, 168 modules: several chunks
  options.users = 60;
  options.entries_min = 1;
  options.entries_max = 3;
  const auto plan = Plan::make(options);
  const auto staged = write(plan, 2);
  const auto in_rows = write(plan, 2, /*stats_in_rows=*/true);
  CHECK(in_rows.counts == staged.counts);
  CHECK(in_rows.sink.bytes.count("seed_module_stats") == 0);
  CHECK(in_rows.sink.bytes.count("seed_report_stats") == 0);
  // Every other table holds the same bytes; reports and modules come last.
  for (const auto &[table, bytes] : staged.sink.bytes)
    if (table != "carbon_reports" && table != "carbon_report_modules" &&
        table.rfind("seed_", 0) != 0) {
      INFO(table);
      CHECK(in_rows.sink.bytes.at(table) == bytes);
    }
  const auto &order = in_rows.sink.order;
  const auto position = [&](const std::string &table) {
    return std::find(order.begin(), order.end(), table) - order.begin();
  };
  CHECK(position("carbon_reports") > position("audit_documents"));
  CHECK(position("carbon_report_modules") > position("carbon_reports"));
  // Each row is the staged row with the stats UPDATE applied: its last
  // column is the staged text, or NULL where none was staged.
  for (const auto &[table, staging] :
       {std::pair<std::string, std::string>{"carbon_report_modules", "seed_module_stats"},
        {"carbon_reports", "seed_report_stats"}}) {
    INFO(table);
    std::map<std::string, std::string> staged_stats; // id -> text
    for (const auto &row : row_lines(staged.sink.bytes.at(staging))) {
      const auto tab = row.find('\t');
      staged_stats.emplace(row.substr(0, tab), row.substr(tab + 1));
    }
    const auto before = row_lines(staged.sink.bytes.at(table));
    const auto after = row_lines(in_rows.sink.bytes.at(table));
    REQUIRE(before.size() == after.size());
    std::size_t with_stats = 0;
    for (std::size_t i = 0; i < before.size(); ++i) {
      const auto id = before[i].substr(0, before[i].find('\t'));
      const auto stats = staged_stats.find(id);
      const auto prefix = before[i].substr(0, before[i].rfind('\t') + 1);
      CHECK(before[i] == prefix + "\\N");
      CHECK(after[i] == prefix + (stats == staged_stats.end() ? "\\N" : stats->second));
      with_stats += stats != staged_stats.end();
    }
    CHECK(with_stats == staged_stats.size());
    CHECK(with_stats > 0);
  }
}

TEST_CASE("different seeds give different data", "[writer][determinism]") {
  const auto a = write(Plan::make(options_with_seed(1)), 1);
  const auto b = write(Plan::make(options_with_seed(2)), 1);
  CHECK(a.sink.bytes.at("data_entries") != b.sink.bytes.at("data_entries"));
  CHECK(a.sink.bytes.at("users") != b.sink.bytes.at("users"));
}

TEST_CASE("emission rows follow their entries in bounded segments", "[writer]") {
  auto options = options_with_seed(5);
  options.units = 30;
  options.users = 240;
  options.entries_min = 200;
  options.entries_max = 260; // ~165k entries: more than one 8 MB emission segment
  const auto out = write(Plan::make(options), 2);
  CHECK(out.sink.openings.at("data_entries") > 1);
  CHECK(out.sink.openings.at("data_entry_emissions") == out.sink.openings.at("data_entries"));
  CHECK(lines(out.sink.bytes.at("data_entries")) ==
        lines(out.sink.bytes.at("data_entry_emissions")));
}

TEST_CASE("a payload that fails its DTO aborts the write naming type, field and value",
          "[writer]") {
  for (const auto mode : {EmissionMode::computed, EmissionMode::placeholder}) {
    const auto plan = Plan::make(options_with_seed(8, mode));
    rows::RunContext context;
    context.plan = &plan;
    writer_bundled().attach(context);
    context.tamper = [](int type, dto::Payload &payload) {
      if (type == 20)
        std::get<dto::ProfessionalTravelPlaneHandlerCreate>(payload).cabin_class = "eco";
    };
    for (int jobs : {1, 2}) {
      RecordingSink sink;
      WriteSettings settings;
      settings.jobs = jobs;
      CHECK_THROWS_WITH(write_all(context, settings, sink), Catch::Contains("plane (20)") &&
                                                                Catch::Contains("cabin_class") &&
                                                                Catch::Contains("\"eco\""));
    }
  }
}

TEST_CASE("reference rows are written first and counted apart; the entries do not change",
          "[writer]") {
  const auto plan = Plan::make(options_with_seed(6, EmissionMode::computed));
  rows::RunContext context;
  context.plan = &plan;
  writer_bundled().attach(context);
  context.now_utc = "2025-01-02 03:04:05.000006";
  WriteSettings settings;
  settings.jobs = 2;
  settings.years_to_configure = plan.options().years;
  RecordingSink without;
  const auto plain = write_all(context, settings, without);
  CHECK(plain.reference.empty());
  CHECK(without.order.front() == "units");

  settings.reference_rows = &writer_bundled().rows;
  RecordingSink with;
  const auto written = write_all(context, settings, with);
  const RowCounts expected{
      {"factors", static_cast<std::int64_t>(writer_bundled().rows.factors.size())},
      {"locations", static_cast<std::int64_t>(writer_bundled().rows.locations.size())},
      {"building_rooms", static_cast<std::int64_t>(writer_bundled().rows.rooms.size())}};
  CHECK(written.reference == expected);
  CHECK(written.seeded == plain.seeded);
  REQUIRE(with.order.size() == without.order.size() + 3);
  CHECK(std::vector<std::string>(with.order.begin(), with.order.begin() + 4) ==
        std::vector<std::string>{"factors", "locations", "building_rooms", "units"});
  for (const auto &[table, bytes] : without.bytes) {
    INFO(table);
    CHECK(with.bytes.at(table) == bytes);
  }
}

TEST_CASE("computed emissions need factors and reference rows", "[writer]") {
  const auto plan = Plan::make(options_with_seed(8, EmissionMode::computed));
  const EquipmentPool pool;
  rows::RunContext context;
  context.plan = &plan;
  context.equipment_pool = &pool;
  RecordingSink sink;
  CHECK_THROWS_WITH(write_all(context, {}, sink), Catch::Contains("need factors"));
}

namespace {
// Records what the writer reports.
class RecordingWriterProgress final : public Progress {
public:
  void table_started(std::string_view table, std::int64_t expected) override {
    events.push_back(fmt::format("start {} {}", table, expected));
  }
  void rows_written(std::string_view table, std::int64_t rows, std::int64_t bytes) override {
    last_rows[std::string(table)] = rows;
    CHECK(bytes > 0);
  }
  void table_finished(const TableStats &stats) override {
    events.push_back(fmt::format("end {} {}", stats.table, stats.rows));
    CHECK(stats.seconds >= 0);
  }
  void phase(std::string_view) override {}
  std::vector<std::string> events;
  std::map<std::string, std::int64_t> last_rows;
};
} // namespace

TEST_CASE("write_all reports every table to its Progress", "[writer]") {
  const auto plan = Plan::make(options_with_seed(4));
  rows::RunContext context;
  context.plan = &plan;
  writer_bundled().attach(context);
  RecordingSink sink;
  RecordingWriterProgress progress;
  WriteSettings settings;
  settings.years_to_configure = {2024};
  settings.progress = &progress;
  write_all(context, settings, sink);
  const auto entries = plan.entry_count();
  const std::vector<std::string> expected{"start units 5",
                                          "end units 5",
                                          "start users 42",
                                          "end users 42",
                                          "start unit_users 42",
                                          "end unit_users 42",
                                          "start year_configuration 1",
                                          "end year_configuration 1",
                                          "start carbon_projects 5",
                                          "end carbon_projects 5",
                                          "start carbon_reports 15",
                                          "end carbon_reports 15",
                                          "start carbon_report_modules 120",
                                          "end carbon_report_modules 120",
                                          fmt::format("start data_entries {}", entries),
                                          fmt::format("start data_entry_emissions {}", entries),
                                          fmt::format("start audit_documents {}", entries),
                                          fmt::format("end data_entries {}", entries),
                                          fmt::format("end data_entry_emissions {}", entries),
                                          fmt::format("end audit_documents {}", entries)};
  CHECK(progress.events == expected);
  CHECK(progress.last_rows.at("data_entries") == entries);
}
