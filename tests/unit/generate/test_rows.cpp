// seed/rows.hpp: the rows of the reference tables (factors, locations,
// building rooms) and the data entries with their emission rows. The COPY
// text is read back here (seed/copy_text.hpp format) and checked against
// what it was made from: in computed mode, every entry's emission rows are
// exactly compute_emissions() of the data the entry row carries.
#include "seed/generate/rows.hpp"

#include "seed/generate/reference_rows.hpp"
#include "seed/generate/run_inputs.hpp"
#include "seed/generate/timeline.hpp"
#include "seed/model/catalog.hpp"
#include "seed/model/tables.hpp"

#include "support/copy_reader.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

using namespace seed;
using nlohmann::json;
using nlohmann::ordered_json;

namespace {

// --- Reading COPY text back ---

using seed::testing::CopyRow;
using seed::testing::Field;
using seed::testing::parse_copy;

long long integer(const Field &field) {
  REQUIRE(field);
  std::size_t used = 0;
  const long long value = std::stoll(*field, &used);
  REQUIRE(used == field->size());
  return value;
}

double real(const Field &field) {
  REQUIRE(field);
  char *end = nullptr;
  const double value = std::strtod(field->c_str(), &end);
  REQUIRE(end == field->c_str() + field->size());
  return value;
}

bool close(double actual, double expected) {
  return std::abs(actual - expected) <= 1e-12 * std::max(std::abs(expected), 1e-300) ||
         actual == expected;
}

std::size_t column_count(const tables::Table &table) {
  return table.columns.size();
}

// --- A run's context ---

const BundledInputs &rows_bundled() {
  static const BundledInputs inputs({2023, 2024, 2025});
  return inputs;
}

Options options(EmissionMode mode, std::uint64_t seed = 7) {
  Options o;
  o.seed = seed;
  o.emissions = mode;
  o.formula_version = "not-used-by-rows"; // rows read RunContext::formula_version
  return o;
}

rows::RunContext rows_context_for(const Plan &plan, bool attach = true) {
  rows::RunContext context;
  context.plan = &plan;
  if (attach)
    rows_bundled().attach(context);
  context.now_utc = "2025-01-02 03:04:05.000006";
  context.formula_version = "abc123";
  return context;
}

struct Encoded {
  std::vector<CopyRow> entries;
  std::vector<CopyRow> emissions;
  std::vector<CopyRow> audit, module_stats, report_stats;
  std::string entry_bytes, emission_bytes;
};

Encoded encode_all(const rows::RunContext &context) {
  rows::EntryRows rows;
  rows::encode_entries(context, 0, context.plan->module_count(), rows);
  Encoded out;
  out.entry_bytes = rows.entries.bytes();
  out.emission_bytes = rows.emissions.bytes();
  out.entries = parse_copy(rows.entries.bytes());
  out.emissions = parse_copy(rows.emissions.bytes());
  out.audit = parse_copy(rows.audit.bytes());
  copy::RowBuffer module_stats, report_stats;
  rows::encode_stats_staging(rows.module_stats, module_stats);
  rows::encode_stats_staging(rows.report_stats, report_stats);
  out.module_stats = parse_copy(module_stats.bytes());
  out.report_stats = parse_copy(report_stats.bytes());
  CHECK(static_cast<std::int64_t>(out.entries.size()) == rows.entries.rows());
  CHECK(static_cast<std::int64_t>(out.emissions.size()) == rows.emissions.rows());
  return out;
}

// Emission rows per data_entry_id, in the order written; checks that an
// entry's rows are contiguous.
std::map<long long, std::vector<CopyRow>> by_entry(const std::vector<CopyRow> &emissions) {
  std::map<long long, std::vector<CopyRow>> out;
  long long previous = -1;
  for (const auto &row : emissions) {
    REQUIRE(row.size() == column_count(tables::data_entry_emissions()));
    const long long id = integer(row[0]);
    if (id != previous)
      CHECK(out.count(id) == 0); // not seen before: rows of one entry are together
    CHECK(id >= previous);       // and follow the entries' order
    out[id].push_back(row);
    previous = id;
  }
  return out;
}

bool has_link_key(int data_entry_type_id) {
  return !kind_fields(data_entry_type_id).kind.empty();
}

bool rows_strategy_a(int data_entry_type_id) {
  return has_link_key(data_entry_type_id) && data_entry_type_id != 20; // plane is Strategy B
}

} // namespace

// --- encode_factors ---

TEST_CASE("rows: encode_factors writes one row per factor in the factors columns", "[rows]") {
  Factor full;
  full.id = 3;
  full.emission_type_id = 60300;
  full.data_entry_type_id = 32;
  full.classification = json{{"building_name", "Zo\xC3\xAB\tHall\n"}, {"category", "new-tech"}};
  full.values = json{{"ef_kgco2eq_per_m2", 1.5}, {"note", "back\\slash\r"}};
  full.year = 2024;
  Factor nulls;
  nulls.id = 7;
  nulls.emission_type_id = 90200;
  nulls.data_entry_type_id = 60;
  nulls.classification = nullptr;
  nulls.values = nullptr;
  nulls.year = std::nullopt;

  copy::RowBuffer out;
  rows::encode_factors({full, nulls}, out);
  CHECK(out.rows() == 2);
  const auto rows = parse_copy(out.bytes());
  REQUIRE(rows.size() == 2);
  for (const auto &row : rows)
    CHECK(row.size() == column_count(tables::factors()));

  // id, emission_type_id, data_entry_type_id, classification, values, year
  CHECK(rows[0][0] == Field("3"));
  CHECK(rows[0][1] == Field("60300"));
  CHECK(rows[0][2] == Field("32"));
  REQUIRE(rows[0][3]);
  CHECK(*rows[0][3] == full.classification.dump());
  CHECK(json::parse(*rows[0][3]) == full.classification);
  REQUIRE(rows[0][4]);
  CHECK(*rows[0][4] == full.values.dump());
  CHECK(rows[0][5] == Field("2024"));
  // SQL NULL for a JSON null and a missing year.
  CHECK(rows[1] ==
        CopyRow{Field("7"), Field("90200"), Field("60"), std::nullopt, std::nullopt, std::nullopt});
  CHECK(out.bytes().substr(out.bytes().find('\n') + 1) == "7\t90200\t60\t\\N\t\\N\t\\N\n");
  // JSON escapes reach the server as backslash + letter: escaped once more.
  CHECK(out.bytes().find("Zo\xC3\xAB\\\\tHall\\\\n") != std::string::npos);
}

TEST_CASE("rows: encode_factors of no factors writes nothing", "[rows]") {
  copy::RowBuffer out;
  rows::encode_factors({}, out);
  CHECK(out.bytes().empty());
  CHECK(out.rows() == 0);
}

TEST_CASE("rows: encode_factors reads back as the bundled factors", "[rows]") {
  const auto &factors = rows_bundled().rows.factors;
  copy::RowBuffer out;
  rows::encode_factors(factors, out);
  const auto rows = parse_copy(out.bytes());
  REQUIRE(rows.size() == factors.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto &row = rows[i];
    const auto &f = factors[i];
    INFO("factor " << f.id);
    REQUIRE(row.size() == column_count(tables::factors()));
    CHECK(integer(row[0]) == f.id);
    CHECK(integer(row[1]) == f.emission_type_id);
    CHECK(integer(row[2]) == f.data_entry_type_id);
    REQUIRE(row[3]);
    CHECK(json::parse(*row[3]) == f.classification);
    REQUIRE(row[4]);
    CHECK(json::parse(*row[4]) == f.values);
    CHECK(integer(row[5]) == *f.year);
  }
}

// --- encode_locations ---

TEST_CASE("rows: encode_locations writes the locations columns, NULL for what is unset", "[rows]") {
  Location bare;
  bare.transport_mode = "train";
  bare.name = "Tab\tand\\slash";
  bare.latitude = 46.5167;
  bare.longitude = -0.5;
  bare.natural_key = "train::tab and\\slash:46.5167:-0.5";
  copy::RowBuffer out;
  rows::encode_locations({bare}, out);
  const auto rows = parse_copy(out.bytes());
  REQUIRE(rows.size() == 1);
  // transport_mode, name, latitude, longitude, continent, country_code,
  // iata_code, municipality, natural_key
  CHECK(rows[0] == CopyRow{Field("train"), Field("Tab\tand\\slash"), Field("46.5167"),
                           Field("-0.5"), std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                           Field(bare.natural_key)});
  CHECK(rows[0].size() == column_count(tables::locations()));

  copy::RowBuffer none;
  rows::encode_locations({}, none);
  CHECK(none.bytes().empty());
}

TEST_CASE("rows: encode_locations reads back as the built-in locations", "[rows]") {
  const auto locations = builtin_locations();
  copy::RowBuffer out;
  rows::encode_locations(locations, out);
  CHECK(out.rows() == static_cast<std::int64_t>(locations.size()));
  const auto rows = parse_copy(out.bytes());
  REQUIRE(rows.size() == locations.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto &row = rows[i];
    const auto &l = locations[i];
    INFO(l.natural_key);
    REQUIRE(row.size() == column_count(tables::locations()));
    CHECK(row[0] == Field(l.transport_mode));
    CHECK(row[1] == Field(l.name));
    CHECK(real(row[2]) == l.latitude);
    CHECK(real(row[3]) == l.longitude);
    CHECK(row[4] == l.continent);
    CHECK(row[5] == l.country_code);
    CHECK(row[6] == l.iata_code);
    CHECK(row[7] == l.municipality);
    CHECK(row[8] == Field(l.natural_key));
  }
}

// --- encode_rooms ---

TEST_CASE("rows: encode_rooms writes the building_rooms columns, NULL for what is unset",
          "[rows]") {
  const Room bare{"Lausanne", "Aurora Hall", "AH 0.01", std::nullopt, std::nullopt};
  const Room full{"Gen\xC3\xA8ve", "Birch Hall", "BH\t1.02", "office", 12.5};
  copy::RowBuffer out;
  rows::encode_rooms({bare, full}, out);
  const auto rows = parse_copy(out.bytes());
  REQUIRE(rows.size() == 2);
  // building_location, building_name, room_name, room_type, room_surface_square_meter
  CHECK(rows[0] == CopyRow{Field("Lausanne"), Field("Aurora Hall"), Field("AH 0.01"), std::nullopt,
                           std::nullopt});
  CHECK(rows[1] == CopyRow{Field("Gen\xC3\xA8ve"), Field("Birch Hall"), Field("BH\t1.02"),
                           Field("office"), Field("12.5")});
  for (const auto &row : rows)
    CHECK(row.size() == column_count(tables::building_rooms()));

  copy::RowBuffer none;
  rows::encode_rooms({}, none);
  CHECK(none.bytes().empty());
}

TEST_CASE("rows: encode_rooms reads back as the bundled rooms", "[rows]") {
  const auto &rooms = rows_bundled().rows.rooms;
  REQUIRE_FALSE(rooms.empty());
  copy::RowBuffer out;
  rows::encode_rooms(rooms, out);
  const auto rows = parse_copy(out.bytes());
  REQUIRE(rows.size() == rooms.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    INFO(rooms[i].room_name);
    REQUIRE(rows[i].size() == column_count(tables::building_rooms()));
    CHECK(rows[i][0] == Field(rooms[i].building_location));
    CHECK(rows[i][1] == Field(rooms[i].building_name));
    CHECK(rows[i][2] == Field(rooms[i].room_name));
    CHECK(rows[i][3] == rooms[i].room_type);
    REQUIRE(rooms[i].surface_square_meter);
    CHECK(real(rows[i][4]) == *rooms[i].surface_square_meter);
  }
}

// --- encode_entries, computed emissions ---

TEST_CASE("rows: computed emission rows are compute_emissions of the written data",
          "[rows][computed]") {
  const auto plan = Plan::make(options(EmissionMode::computed));
  const auto context = rows_context_for(plan);
  const auto &inputs = rows_bundled();
  const auto out = encode_all(context);
  REQUIRE(static_cast<std::int64_t>(out.entries.size()) == plan.entry_count());
  const auto emissions = by_entry(out.emissions);

  std::set<int> types_seen;
  std::size_t rows_checked = 0;
  for (std::size_t e = 0; e < out.entries.size(); ++e) {
    const auto &entry = out.entries[e];
    REQUIRE(entry.size() == column_count(tables::data_entries()));
    const long long entry_id = integer(entry[0]);
    const int type = static_cast<int>(integer(entry[1]));
    const int year = static_cast<int>(integer(entry[5]));
    CHECK(entry_id == static_cast<long long>(e) + 1); // default id base 1
    REQUIRE(entry[3]);
    const auto data = ordered_json::parse(*entry[3]);
    INFO("entry " << entry_id << " type " << type << " year " << year << ": " << *entry[3]);
    types_seen.insert(type);

    // The data is a valid payload of the entry type's DTO.
    const auto parsed = dto::parse(catalog::entry_type(type).dto, json::parse(*entry[3]));
    INFO(dto::describe(parsed.errors));
    REQUIRE(parsed.payload);
    CHECK(dto::validate(*parsed.payload).empty());

    // Strategy A: the link the application would store, as the last key.
    if (has_link_key(type)) {
      REQUIRE(data.contains("primary_factor_id"));
      CHECK(std::prev(data.end()).key() == "primary_factor_id");
      const auto link = inputs.factors.link(type, data, year);
      const auto &stored = data.at("primary_factor_id");
      if (link.outcome == FactorLink::Outcome::linked)
        CHECK(stored == *link.factor_id);
      else
        CHECK(stored.is_null());
      if (rows_strategy_a(type))
        CHECK(link.outcome == FactorLink::Outcome::linked); // the bundled factors resolve
    } else {
      CHECK_FALSE(data.contains("primary_factor_id"));
    }

    // The rows are what the application computes from exactly this data.
    std::vector<EmissionRow> expected;
    REQUIRE_NOTHROW(expected =
                        compute_emissions(type, data, year, inputs.factors, inputs.reference));
    const auto found = emissions.find(entry_id);
    const std::vector<CopyRow> none;
    const auto &written = found == emissions.end() ? none : found->second;
    REQUIRE(written.size() == expected.size());
    CHECK_FALSE(written.empty()); // every entry type resolves with the bundled inputs
    for (std::size_t r = 0; r < written.size(); ++r) {
      const auto &row = written[r];
      const auto &want = expected[r];
      INFO("row " << r);
      CHECK(integer(row[1]) == want.emission_type_id);
      if (want.primary_factor_id)
        CHECK(integer(row[2]) == *want.primary_factor_id);
      else
        CHECK_FALSE(row[2]);
      CHECK(close(real(row[3]), want.kg_co2eq));
      if (want.additional_value)
        CHECK(close(real(row[4]), *want.additional_value));
      else
        CHECK_FALSE(row[4]);
      if (want.scope)
        CHECK(integer(row[5]) == *want.scope);
      else
        CHECK_FALSE(row[5]);
      CHECK(row[6] == Field(want.meta));
      CHECK(row[7] == Field(Timeline(context.now_utc).emissions_computed_at));
      // A Strategy-A leaf row names the linked factor.
      if (rows_strategy_a(type) && row[2] && data.at("primary_factor_id").is_number())
        CHECK(integer(row[2]) == data.at("primary_factor_id").get<long long>());
      ++rows_checked;
    }
  }
  // Every emission row belongs to a written entry.
  CHECK(rows_checked == out.emissions.size());
  CHECK(types_seen.size() == catalog::entry_types().size());
}

TEST_CASE("rows: computed rows of a linked entry name its factor", "[rows][computed]") {
  // Every leaf row of a Strategy-A entry carries the factor of its link; a
  // rollup row (building) carries the smallest factor id of its leaves.
  const auto plan = Plan::make(options(EmissionMode::computed, 8));
  const auto out = encode_all(rows_context_for(plan));
  const auto emissions = by_entry(out.emissions);
  std::size_t linked_entries = 0;
  for (const auto &entry : out.entries) {
    const int type = static_cast<int>(integer(entry[1]));
    if (!rows_strategy_a(type))
      continue;
    const auto data = json::parse(*entry[3]);
    REQUIRE(data.at("primary_factor_id").is_number_integer());
    const auto id = data.at("primary_factor_id").get<long long>();
    const auto &rows = emissions.at(integer(entry[0]));
    for (const auto &row : rows)
      CHECK(integer(row[2]) == id);
    ++linked_entries;
  }
  CHECK(linked_entries > 0);
}

TEST_CASE("rows: computed entries honour the id bases", "[rows][computed]") {
  auto o = options(EmissionMode::computed, 9);
  o.units = 2;
  o.users = 8;
  o.years = {2024};
  const auto plan = Plan::make(o);
  auto context = rows_context_for(plan);
  context.ids.entry = 1000;
  context.ids.module = 50;
  context.ids.unit = 7;
  const auto out = encode_all(context);
  std::set<long long> entry_ids;
  for (std::size_t e = 0; e < out.entries.size(); ++e) {
    const auto &entry = out.entries[e];
    CHECK(integer(entry[0]) == 1000 + static_cast<long long>(e));
    CHECK(integer(entry[2]) >= 50);
    CHECK(integer(entry[2]) < 50 + plan.module_count());
    CHECK((integer(entry[6]) == 7 || integer(entry[6]) == 8));
    CHECK(integer(entry[5]) == 2024);
    entry_ids.insert(integer(entry[0]));
  }
  for (const auto &row : out.emissions)
    CHECK(entry_ids.count(integer(row[0])) == 1);
}

TEST_CASE("rows: encode_entries of a slice gives the same bytes as the whole", "[rows][computed]") {
  const auto plan = Plan::make(options(EmissionMode::computed, 10));
  const auto context = rows_context_for(plan);
  const auto whole = encode_all(context);
  const auto middle = plan.module_count() / 3 / 8 * 8; // whole reports
  rows::EntryRows rows;
  rows::encode_entries(context, 0, middle, rows);
  rows::encode_entries(context, middle, plan.module_count(), rows);
  CHECK(rows.entries.bytes() == whole.entry_bytes);
  CHECK(rows.emissions.bytes() == whole.emission_bytes);
  // A range must hold whole reports: their stats need all 8 modules.
  CHECK_THROWS_AS(rows::encode_entries(context, 0, 3, rows), std::logic_error);
  CHECK_THROWS_AS(rows::encode_entries(context, 8, 13, rows), std::logic_error);
}

TEST_CASE("rows: computed emissions without factors or reference rows throw logic_error",
          "[rows][computed]") {
  const auto plan = Plan::make(options(EmissionMode::computed));
  const auto check_throws = [&](const rows::RunContext &context) {
    rows::EntryRows rows;
    CHECK_THROWS_AS(rows::encode_entries(context, 0, plan.module_count(), rows), std::logic_error);
    CHECK(rows.entries.bytes().empty());
    CHECK(rows.emissions.bytes().empty());
  };
  check_throws(rows_context_for(plan, false)); // nothing attached
  auto no_factors = rows_context_for(plan);
  no_factors.factors = nullptr;
  check_throws(no_factors);
  auto no_pool = rows_context_for(plan);
  no_pool.factor_pool = nullptr;
  check_throws(no_pool);
  auto no_reference = rows_context_for(plan);
  no_reference.reference = nullptr;
  check_throws(no_reference);
  // With all three, the same range encodes.
  rows::EntryRows rows;
  CHECK_NOTHROW(rows::encode_entries(rows_context_for(plan), 0, 8, rows));
}

TEST_CASE("rows: a payload that fails its DTO throws ValidationFailure in computed mode",
          "[rows][computed]") {
  const auto plan = Plan::make(options(EmissionMode::computed));
  auto context = rows_context_for(plan);
  context.tamper = [](int, dto::Payload &payload) {
    if (auto *student = std::get_if<dto::HeadCountStudentCreate>(&payload))
      student->fte = -1;
  };
  rows::EntryRows rows;
  try {
    rows::encode_entries(context, 0, plan.module_count(), rows);
    FAIL("no ValidationFailure");
  } catch (const rows::ValidationFailure &failure) {
    const std::string what = failure.what();
    CHECK(what.find("student") != std::string::npos);
    CHECK(what.find("fte=-1") != std::string::npos);
  }
}

// --- encode_entries, placeholder emissions ---

TEST_CASE("rows: placeholder mode writes one seeded row per entry", "[rows][placeholder]") {
  const auto plan = Plan::make(options(EmissionMode::placeholder));
  // No factors needed; attached ones are not used either.
  for (const bool attach : {false, true}) {
    INFO("attached: " << attach);
    const auto context = rows_context_for(plan, attach);
    const auto out = encode_all(context);
    REQUIRE(static_cast<std::int64_t>(out.entries.size()) == plan.entry_count());
    REQUIRE(out.emissions.size() == out.entries.size());
    for (std::size_t e = 0; e < out.entries.size(); ++e) {
      const auto &entry = out.entries[e];
      const auto &row = out.emissions[e];
      REQUIRE(row.size() == column_count(tables::data_entry_emissions()));
      const int type = static_cast<int>(integer(entry[1]));
      INFO("entry " << *entry[0] << " type " << type);
      CHECK(integer(row[0]) == integer(entry[0]));
      // No factor link in the data.
      CHECK_FALSE(json::parse(*entry[3]).contains("primary_factor_id"));
      const int emission_type = static_cast<int>(integer(row[1]));
      const auto &allowed = catalog::entry_type(type).emission_types;
      CHECK(std::find(allowed.begin(), allowed.end(), emission_type) != allowed.end());
      CHECK_FALSE(row[2]); // no factor
      const double kg = real(row[3]);
      CHECK(kg >= 10);
      CHECK(kg <= 500);
      CHECK_FALSE(row[4]);
      const int scope = catalog::find_emission_type(emission_type)->scope;
      if (scope == 0)
        CHECK_FALSE(row[5]);
      else
        CHECK(integer(row[5]) == scope);
      CHECK(row[6] == Field(R"({"seeded":true,"formula_version":"abc123"})"));
      CHECK(row[7] == Field(Timeline(context.now_utc).emissions_computed_at));
    }
  }
}

TEST_CASE("rows: placeholder and computed modes write the same entries but for the link",
          "[rows][placeholder]") {
  // The mode changes what payloads draw from, not which entries exist.
  const auto placeholder =
      encode_all(rows_context_for(Plan::make(options(EmissionMode::placeholder))));
  const auto computed = encode_all(rows_context_for(Plan::make(options(EmissionMode::computed))));
  REQUIRE(placeholder.entries.size() == computed.entries.size());
  for (std::size_t e = 0; e < computed.entries.size(); ++e) {
    for (const std::size_t column : {0, 1, 2, 4, 5, 6, 7, 8})
      CHECK(placeholder.entries[e][column] == computed.entries[e][column]);
  }
}

// --- encode_entries: what the application writes around an entry ---

TEST_CASE("rows: entries are PENDING, one audit document each, stats per module and report",
          "[rows][app-state]") {
  auto o = options(EmissionMode::computed, 11);
  o.entries_min = 1;
  o.entries_max = 3;
  const auto plan = Plan::make(o);
  auto context = rows_context_for(plan);
  context.ids.entry = 100;
  context.ids.audit = 5000;
  const auto out = encode_all(context);
  REQUIRE_FALSE(out.entries.empty());
  REQUIRE(out.audit.size() == out.entries.size());
  for (std::size_t i = 0; i < out.entries.size(); ++i) {
    const auto &entry = out.entries[i];
    const auto &document = out.audit[i];
    CHECK(*entry[4] == "PENDING");
    REQUIRE(document.size() == column_count(tables::audit_documents()));
    CHECK(integer(document[0]) == 5000 + integer(entry[0]) - 100);
    CHECK(*document[1] == "DataEntry");
    CHECK(integer(document[2]) == integer(entry[0]));
    const auto snapshot = json::parse(*document[5]);
    CHECK(snapshot["data"] == json::parse(*entry[3]));
    CHECK(snapshot["id"] == integer(entry[0]));
    CHECK(*document[6] == "null");
    CHECK_FALSE(document[16]); // previous_hash
    CHECK(document[17]->size() == 64);
  }
  std::int64_t modules_with_entries = 0, touched_reports = 0;
  for (std::int64_t m = 0; m < plan.module_count(); ++m) {
    const bool has_entries = plan.entries_in_module(m) > 0;
    modules_with_entries += has_entries;
    CHECK((rows::module_status(context, m) == catalog::not_started) == !has_entries);
  }
  for (std::int64_t r = 0; r < plan.report_count(); ++r)
    touched_reports += rows::report_state(context, r).touched;
  CHECK(static_cast<std::int64_t>(out.module_stats.size()) == modules_with_entries);
  CHECK(static_cast<std::int64_t>(out.report_stats.size()) == touched_reports);
  for (const auto &row : out.module_stats) {
    const auto m = integer(row[0]) - context.ids.module;
    CHECK(json::parse(*row[1])["entry_count"] == plan.entries_in_module(m));
  }
}

TEST_CASE("rows: reports and modules carry the stats given, NULL where there is none",
          "[rows][app-state]") {
  const auto plan = Plan::make(options(EmissionMode::placeholder, 12));
  const auto context = rows_context_for(plan);
  const auto encode = [&](bool modules, const std::vector<std::string> *stats) {
    copy::RowBuffer out;
    const rows::Flush keep = [](copy::RowBuffer &) {};
    if (modules)
      rows::encode_carbon_report_modules(context, out, keep, stats);
    else
      rows::encode_carbon_reports(context, out, keep, stats);
    return parse_copy(out.bytes());
  };
  for (const bool modules : {true, false}) {
    INFO((modules ? "modules" : "reports"));
    const auto count = modules ? plan.module_count() : plan.report_count();
    std::vector<std::string> stats(static_cast<std::size_t>(count));
    for (std::size_t i = 0; i < stats.size(); i += 2) // every other row: none
      stats[i] = fmt::format("{{\"row\": {}}}", i);
    const auto without = encode(modules, nullptr);
    const auto with = encode(modules, &stats);
    REQUIRE(with.size() == stats.size());
    REQUIRE(without.size() == stats.size());
    for (std::size_t i = 0; i < stats.size(); ++i) {
      CHECK_FALSE(without[i].back()); // the staged path: NULL, filled later
      if (stats[i].empty())
        CHECK_FALSE(with[i].back());
      else
        CHECK(with[i].back() == stats[i]);
      CHECK(std::vector<Field>(with[i].begin(), with[i].end() - 1) ==
            std::vector<Field>(without[i].begin(), without[i].end() - 1));
    }
  }
}

TEST_CASE("rows: a module's member entries describe distinct people of the unit's roster",
          "[rows][app-state]") {
  auto o = options(EmissionMode::computed, 5);
  o.units = 2;
  o.users = 6; // 3 users a unit, far fewer than a module's member entries
  o.entries_min = 30;
  o.entries_max = 30;
  const auto plan = Plan::make(o);
  const auto out = encode_all(rows_context_for(plan));
  std::map<long long, std::set<std::string>> members_of_module;
  std::size_t members = 0;
  for (const auto &entry : out.entries) {
    if (integer(entry[1]) != 1)
      continue;
    ++members;
    const auto id = json::parse(*entry[3])["user_institutional_id"].get<std::string>();
    CHECK(members_of_module[integer(entry[2])].insert(id).second);
    CHECK((id.rfind("USR", 0) == 0 || id.find("-M") != std::string::npos));
  }
  CHECK(members > 20);
}
