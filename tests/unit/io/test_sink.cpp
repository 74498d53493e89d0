// Tests of the file sink (include/seed/io/sink.hpp, src/io/sink.cpp).
#include "seed/io/sink.hpp"

#include "seed/generate/run_inputs.hpp"
#include "seed/generate/writer.hpp"
#include "seed/model/tables.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
namespace tables = seed::tables;
using seed::FileSink;

// A fresh directory under the system temp dir, removed with its content.
class TempDir {
public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "seed-sink-test-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;
  [[nodiscard]] const fs::path &path() const { return path_; }

private:
  fs::path path_;
};

std::string slurp(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> sink_lines_of(const std::string &text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

void copy_rows(FileSink &sink, const tables::Table &table, const std::string &rows) {
  sink.begin(table);
  sink.write(rows);
  sink.end();
}

} // namespace

TEST_CASE("sink: FileSink writes one <table>.copy per table", "[sink]") {
  TempDir dir;
  FileSink sink(dir.path());
  copy_rows(sink, tables::units(), "1\tDEFAULT\n2\tDEFAULT\n");
  copy_rows(sink, tables::users(), "10\t[]\n");
  CHECK(slurp(dir.path() / "units.copy") == "1\tDEFAULT\n2\tDEFAULT\n");
  CHECK(slurp(dir.path() / "users.copy") == "10\t[]\n");
  CHECK_FALSE(fs::exists(dir.path() / "unit_users.copy"));
}

TEST_CASE("sink: several writes within one opening", "[sink]") {
  TempDir dir;
  FileSink sink(dir.path());
  sink.begin(tables::data_entries());
  sink.write("a\n");
  sink.write("");
  sink.write("b\\tc\n");
  sink.end();
  CHECK(slurp(dir.path() / "data_entries.copy") == "a\nb\\tc\n");
}

TEST_CASE("sink: an opened table without rows gives an empty file", "[sink]") {
  TempDir dir;
  FileSink sink(dir.path());
  sink.begin(tables::year_configuration());
  sink.end();
  REQUIRE(fs::exists(dir.path() / "year_configuration.copy"));
  CHECK(fs::file_size(dir.path() / "year_configuration.copy") == 0);
}

TEST_CASE("sink: re-opening a table appends", "[sink]") {
  TempDir dir;
  FileSink sink(dir.path());
  // The writer alternates data_entries and data_entry_emissions in segments.
  copy_rows(sink, tables::data_entries(), "1\n");
  copy_rows(sink, tables::data_entry_emissions(), "e1\n");
  copy_rows(sink, tables::data_entries(), "2\n");
  copy_rows(sink, tables::data_entry_emissions(), "e2\n");
  copy_rows(sink, tables::data_entries(), "3\n");
  CHECK(slurp(dir.path() / "data_entries.copy") == "1\n2\n3\n");
  CHECK(slurp(dir.path() / "data_entry_emissions.copy") == "e1\ne2\n");
}

TEST_CASE("sink: a fresh FileSink on the same directory truncates", "[sink]") {
  TempDir dir;
  {
    FileSink first(dir.path());
    copy_rows(first, tables::units(), "old 1\nold 2\nold 3\n");
  }
  FileSink second(dir.path());
  copy_rows(second, tables::units(), "new\n");
  CHECK(slurp(dir.path() / "units.copy") == "new\n");
  // ... and appends again within its own run.
  copy_rows(second, tables::units(), "newer\n");
  CHECK(slurp(dir.path() / "units.copy") == "new\nnewer\n");
}

TEST_CASE("sink: bytes are written unchanged", "[sink]") {
  TempDir dir;
  FileSink sink(dir.path());
  const std::string rows = std::string("caf\xc3\xa9\t\\N\r\n", 10) + std::string(1, '\0') + "\n";
  copy_rows(sink, tables::users(), rows);
  CHECK(slurp(dir.path() / "users.copy") == rows);
}

TEST_CASE("sink: finish writes load.sql in first-opening order", "[sink]") {
  TempDir dir;
  FileSink sink(dir.path());
  copy_rows(sink, tables::units(), "u\n");
  copy_rows(sink, tables::unit_users(), "uu\n");
  copy_rows(sink, tables::data_entries(), "d\n");
  copy_rows(sink, tables::units(), "u2\n"); // re-opened: listed once, at its first place
  sink.finish();

  const auto lines = sink_lines_of(slurp(dir.path() / "load.sql"));
  const std::vector<std::string> copies{
      "\\copy units (id, provider, institutional_code, institutional_id, name, level, "
      "principal_user_institutional_id, is_active) from 'units.copy'",
      "\\copy unit_users (unit_id, user_id, role) from 'unit_users.copy'",
      "\\copy data_entries (id, data_entry_type_id, carbon_report_module_id, data, status, year, "
      "unit_id, created_at, updated_at) from 'data_entries.copy'",
  };
  // BEGIN; then the \copy lines first thing in the transaction; COMMIT; last.
  const auto begin = std::find(lines.begin(), lines.end(), "BEGIN;");
  REQUIRE(begin != lines.end());
  REQUIRE(lines.back() == "COMMIT;");
  REQUIRE(lines.end() - begin >= static_cast<std::ptrdiff_t>(copies.size()) + 2);
  const std::vector<std::string> first_in_transaction(
      begin + 1, begin + 1 + static_cast<std::ptrdiff_t>(copies.size()));
  CHECK(first_in_transaction == copies);
  // No other \copy line anywhere (units is listed once although re-opened).
  const auto copy_lines = std::count_if(lines.begin(), lines.end(), [](const std::string &line) {
    return line.rfind("\\copy", 0) == 0;
  });
  CHECK(copy_lines == static_cast<std::ptrdiff_t>(copies.size()));
  CHECK(std::count(lines.begin(), lines.end(), "BEGIN;") == 1);
  CHECK(std::count(lines.begin(), lines.end(), "COMMIT;") == 1);
  // psql must stop at the first error, before BEGIN.
  CHECK(std::find(lines.begin(), begin, "\\set ON_ERROR_STOP on") != begin);
}

TEST_CASE("sink: finish with every table in write order", "[sink]") {
  TempDir dir;
  FileSink sink(dir.path());
  for (const auto *table : tables::write_order())
    copy_rows(sink, *table, "");
  sink.finish();
  const auto lines = sink_lines_of(slurp(dir.path() / "load.sql"));
  std::vector<std::string> copies;
  for (const auto &line : lines)
    if (line.rfind("\\copy ", 0) == 0)
      copies.push_back(line);
  REQUIRE(copies.size() == tables::write_order().size());
  for (std::size_t i = 0; i < copies.size(); ++i) {
    const auto &table = *tables::write_order()[i];
    CHECK(copies[i] == "\\copy " + std::string(table.name) + " " + tables::column_list(table) +
                           " from '" + std::string(table.name) + ".copy'");
  }
}

TEST_CASE("sink: finish without tables is an empty transaction", "[sink]") {
  TempDir dir;
  FileSink sink(dir.path());
  sink.finish();
  const auto lines = sink_lines_of(slurp(dir.path() / "load.sql"));
  REQUIRE_FALSE(lines.empty());
  CHECK(std::find(lines.begin(), lines.end(), "BEGIN;") != lines.end());
  CHECK(lines.back() == "COMMIT;");
  for (const auto &line : lines)
    CHECK(line.rfind("\\copy", 0) == std::string::npos);
}

TEST_CASE("sink: FileSink creates missing directories", "[sink]") {
  TempDir dir;
  const auto nested = dir.path() / "a" / "b";
  FileSink sink(nested);
  CHECK(fs::is_directory(nested));
  copy_rows(sink, tables::units(), "x\n");
  CHECK(slurp(nested / "units.copy") == "x\n");
}

TEST_CASE("sink: a directory under a regular file throws", "[sink]") {
  TempDir dir;
  const auto file = dir.path() / "plain-file";
  std::ofstream(file) << "not a directory\n";
  REQUIRE(fs::is_regular_file(file));
  CHECK_THROWS_AS(FileSink(file / "out"), std::runtime_error);
  CHECK_THROWS_AS(FileSink(file), std::runtime_error);
}

TEST_CASE("sink: a table file that cannot be opened throws at begin", "[sink]") {
  TempDir dir;
  FileSink sink(dir.path());
  // A directory where the table's file should go.
  fs::create_directory(dir.path() / "units.copy");
  CHECK_THROWS_AS(sink.begin(tables::units()), std::runtime_error);
}

TEST_CASE("sink: a load.sql that cannot be written throws at finish", "[sink]") {
  TempDir dir;
  FileSink sink(dir.path());
  copy_rows(sink, tables::units(), "x\n");
  fs::create_directory(dir.path() / "load.sql");
  CHECK_THROWS_AS(sink.finish(), std::runtime_error);
}

TEST_CASE("sink: a failing device surfaces as an error", "[sink]") {
  if (!fs::exists("/dev/full")) {
    WARN("no /dev/full on this system; skipped");
    return;
  }
  TempDir dir;
  FileSink sink(dir.path());
  fs::create_symlink("/dev/full", dir.path() / "units.copy");
  sink.begin(tables::units());
  const std::string rows(1 << 20, 'x');
  // Either the write or the final flush at end() reports the full device.
  CHECK_THROWS_AS(
      [&] {
        sink.write(rows);
        sink.end();
      }(),
      std::runtime_error);
}

// --- A run that adds the reference rows (factors, locations, building rooms) ---

namespace {

const seed::BundledInputs &sink_bundled() {
  static const seed::BundledInputs inputs({2024});
  return inputs;
}

// What an --output-dir run with computed emissions writes: the reference
// rows, then the nine seeded tables.
void write_run(FileSink &sink, const seed::ReferenceRows &reference) {
  seed::Options options;
  options.units = 1;
  options.users = 3;
  options.years = {2024};
  options.seed = 4;
  const auto plan = seed::Plan::make(options);
  seed::rows::RunContext context;
  context.plan = &plan;
  sink_bundled().attach(context);
  context.now_utc = "2025-01-02 03:04:05.000006";
  seed::WriteSettings settings;
  settings.years_to_configure = options.years;
  settings.reference_rows = &reference;
  seed::write_all(context, settings, sink);
  sink.finish();
}

std::vector<std::string> starting_with(const std::vector<std::string> &lines,
                                       const std::string &prefix) {
  std::vector<std::string> out;
  for (const auto &line : lines)
    if (line.rfind(prefix, 0) == 0)
      out.push_back(line);
  return out;
}

// What a run writes, in first-opening order: the nine tables, then the
// audit documents and the stats staging tables (opened with the emissions).
std::vector<const tables::Table *> run_tables() {
  std::vector<const tables::Table *> all(tables::write_order().begin(),
                                         tables::write_order().end());
  all.push_back(&tables::audit_documents());
  all.push_back(&tables::module_stats_staging());
  all.push_back(&tables::report_stats_staging());
  return all;
}

std::string setval_of(std::string_view table) {
  const std::string name(table);
  return "SELECT setval(pg_get_serial_sequence('" + name + "', 'id'), (SELECT max(id) FROM " +
         name + "));";
}

} // namespace

TEST_CASE("sink: load.sql of a run with factors copies them first and moves their sequence",
          "[sink]") {
  TempDir dir;
  FileSink sink(dir.path());
  write_run(sink, sink_bundled().rows);
  const auto lines = sink_lines_of(slurp(dir.path() / "load.sql"));

  const std::string factors_copy = "\\copy factors (id, emission_type_id, data_entry_type_id, "
                                   "classification, \"values\", year) from 'factors.copy'";
  const auto begin = std::find(lines.begin(), lines.end(), "BEGIN;");
  REQUIRE(begin != lines.end());
  REQUIRE(begin + 1 != lines.end());
  CHECK(*(begin + 1) == factors_copy);

  // factors, locations, building_rooms, then the nine tables in write order.
  std::vector<std::string> expected{factors_copy};
  for (const auto *table : {&tables::locations(), &tables::building_rooms()})
    expected.push_back("\\copy " + std::string(table->name) + " " + tables::column_list(*table) +
                       " from '" + std::string(table->name) + ".copy'");
  for (const auto *table : run_tables())
    expected.push_back("\\copy " + std::string(table->name) + " " + tables::column_list(*table) +
                       " from '" + std::string(table->name) + ".copy'");
  CHECK(starting_with(lines, "\\copy ") == expected);
  // The stats staging tables: created before their \copy, applied after
  // every \copy, never given a sequence.
  for (const auto *staging : {&tables::module_stats_staging(), &tables::report_stats_staging()}) {
    const auto create =
        std::find(lines.begin(), lines.end(), tables::create_staging_sql(*staging) + ";");
    const auto copy =
        std::find(lines.begin(), lines.end(),
                  "\\copy " + std::string(staging->name) + " " + tables::column_list(*staging) +
                      " from '" + std::string(staging->name) + ".copy'");
    const auto apply =
        std::find(lines.begin(), lines.end(), tables::apply_staging_sql(*staging) + ";");
    REQUIRE(create != lines.end());
    REQUIRE(apply != lines.end());
    CHECK(create + 1 == copy);
    CHECK(apply > std::find(lines.begin(), lines.end(), expected.back()));
    CHECK(std::count(lines.begin(), lines.end(), setval_of(std::string(staging->name))) == 0);
  }
  CHECK(std::count(lines.begin(), lines.end(), setval_of("audit_documents")) == 1);

  // The factor ids are explicit: its sequence is moved past them, once,
  // after every \copy. Locations and rooms take ids from their sequences.
  CHECK(std::count(lines.begin(), lines.end(), setval_of("factors")) == 1);
  CHECK(std::count(lines.begin(), lines.end(), setval_of("locations")) == 0);
  CHECK(std::count(lines.begin(), lines.end(), setval_of("building_rooms")) == 0);
  const auto setval = std::find(lines.begin(), lines.end(), setval_of("factors"));
  const auto last_copy = std::find(lines.rbegin(), lines.rend(), expected.back());
  REQUIRE(last_copy != lines.rend());
  CHECK(setval > last_copy.base() - 1);
  CHECK(lines.back() == "COMMIT;");

  // One line per factor, in the factors columns.
  const auto factor_lines = sink_lines_of(slurp(dir.path() / "factors.copy"));
  CHECK(factor_lines.size() == sink_bundled().rows.factors.size());
  for (const auto &line : factor_lines)
    CHECK(static_cast<std::size_t>(std::count(line.begin(), line.end(), '\t')) ==
          tables::factors().columns.size() - 1);
  CHECK(sink_lines_of(slurp(dir.path() / "locations.copy")).size() ==
        sink_bundled().rows.locations.size());
  CHECK(sink_lines_of(slurp(dir.path() / "building_rooms.copy")).size() ==
        sink_bundled().rows.rooms.size());
}

TEST_CASE("sink: load.sql of a run without reference rows has no factors", "[sink]") {
  TempDir dir;
  FileSink sink(dir.path());
  write_run(sink, seed::ReferenceRows{});
  const auto lines = sink_lines_of(slurp(dir.path() / "load.sql"));
  const auto copies = starting_with(lines, "\\copy ");
  REQUIRE(copies.size() == run_tables().size());
  CHECK(copies.front().rfind("\\copy units ", 0) == 0);
  CHECK(std::count(lines.begin(), lines.end(), setval_of("factors")) == 0);
  CHECK_FALSE(fs::exists(dir.path() / "factors.copy"));
  CHECK_FALSE(fs::exists(dir.path() / "locations.copy"));
}
