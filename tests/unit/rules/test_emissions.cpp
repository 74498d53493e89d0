// Tests of the emission computation (include/seed/rules/emissions.hpp,
// src/rules/emissions.cpp): the worked examples of emissions.md §3.3, every entry
// type with and without a matching factor, rollups, and the §6 oddities.
#include "seed/rules/emissions.hpp"

#include "seed/model/catalog.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace {

using nlohmann::json;
using nlohmann::ordered_json;
using seed::EmissionError;
using seed::EmissionRow;
using seed::Factor;
using seed::FactorIndex;
using seed::Location;
using seed::ReferenceData;
using seed::Room;

constexpr int year = 2025;

Factor emissions_factor(int id, int entry_type, int emission_type, json classification, json values,
                        std::optional<int> y = year) {
  return Factor{id, emission_type, entry_type, std::move(classification), std::move(values), y};
}

std::vector<EmissionRow> run(int type, const json &data, const FactorIndex &index,
                             const ReferenceData &reference = ReferenceData{}) {
  return seed::compute_emissions(type, data, year, index, reference);
}

std::vector<int> types_of(const std::vector<EmissionRow> &rows) {
  std::vector<int> out;
  for (const auto &row : rows)
    out.push_back(row.emission_type_id);
  return out;
}

double leaf_sum(const std::vector<EmissionRow> &rows) {
  double sum = 0;
  for (const auto &row : rows)
    if (!row.meta_json().contains("is_rollup"))
      sum += row.kg_co2eq;
  return sum;
}

// The rollup row: last, typed `type`, kg = sum of the leaves, no scope, no
// additional value, smallest factor id, meta exactly {"is_rollup": true}.
void check_rollup(const std::vector<EmissionRow> &rows, int type) {
  REQUIRE(rows.size() >= 3);
  const EmissionRow &rollup = rows.back();
  CHECK(rollup.emission_type_id == type);
  CHECK(rollup.kg_co2eq == Approx(leaf_sum(rows)).epsilon(1e-12));
  CHECK_FALSE(rollup.scope);
  CHECK_FALSE(rollup.additional_value);
  CHECK(rollup.meta == R"({"is_rollup":true})");
  std::optional<int> smallest;
  for (std::size_t i = 0; i + 1 < rows.size(); ++i)
    if (rows[i].primary_factor_id && (!smallest || *rows[i].primary_factor_id < *smallest))
      smallest = rows[i].primary_factor_id;
  CHECK(rollup.primary_factor_id == smallest);
}

// A point on the equator whose great-circle distance from (0, 0) rounds to km.
Location equator(std::string key, double km, std::string iata = "") {
  Location l;
  l.natural_key = std::move(key);
  l.transport_mode = "plane";
  l.name = l.natural_key;
  if (!iata.empty())
    l.iata_code = std::move(iata);
  l.latitude = 0;
  l.longitude = km / 6371.0088 * 180.0 / M_PI;
  return l;
}

Location airport(std::string iata, double lat, double lon) {
  return Location{"plane:" + iata, "plane", iata, std::nullopt, iata, lat, lon};
}

Location station(std::string key, std::string name, std::string country, double lat, double lon) {
  return Location{
      std::move(key), "train", std::move(name), std::move(country), std::nullopt, lat, lon};
}

json headcount_class(const char *category, const char *cls, const char *unit) {
  return json{{"headcount_category", category},
              {"headcount_class", cls},
              {"headcount_subclass", nullptr},
              {"unit", unit}};
}

json per_fte(double n, double ef) {
  return json{{"number_of_unit_per_fte", n}, {"ef_kg_co2eq_per_unit", ef}};
}

} // namespace

// ---------------------------------------------------------------------------
// emissions.md §3.3 worked examples
// ---------------------------------------------------------------------------

TEST_CASE("emissions: §3.3 headcount member, per leaf and rollup", "[emissions]") {
  FactorIndex index;
  index.add(emissions_factor(11, 1, 10001, headcount_class("food", "vegetarian", "kg"),
                             per_fte(100, 1.0)));
  index.add(emissions_factor(12, 1, 20001, headcount_class("waste", "incineration", "kg"),
                             per_fte(50, 0.5)));
  index.add(emissions_factor(13, 1, 30004, headcount_class("commuting", "public_transport", "km"),
                             per_fte(200, 0.2)));
  for (const double fte : {1.0, 0.8, 0.5}) {
    const auto rows = run(1, json{{"fte", fte}}, index);
    REQUIRE(types_of(rows) == std::vector<int>{10001, 20001, 30004, 40000});
    CHECK(rows[0].kg_co2eq == Approx(100 * fte));
    CHECK(rows[1].kg_co2eq == Approx(25 * fte));
    CHECK(rows[2].kg_co2eq == Approx(40 * fte));
    CHECK(rows[0].primary_factor_id == 11);
    CHECK(rows[2].primary_factor_id == 13);
    for (int i = 0; i < 3; ++i)
      CHECK(rows[i].scope == 3);
    check_rollup(rows, 40000);
    if (fte == 1.0)
      CHECK(rows[3].kg_co2eq == Approx(165));
  }
}

TEST_CASE("emissions: §3.3 headcount additional_value", "[emissions]") {
  FactorIndex index;
  index.add(emissions_factor(1, 1, 10001, headcount_class("food", "vegetarian", "kg"),
                             per_fte(160, 2.0)));
  index.add(
      emissions_factor(2, 1, 30005, headcount_class("commuting", "car", "km"), per_fte(4000, 0.1)));
  const auto rows = run(1, json{{"fte", 1.0}}, index);
  REQUIRE(types_of(rows) == std::vector<int>{10001, 30005, 40000});
  CHECK(rows[0].additional_value == 160);
  CHECK(rows[1].additional_value == 4000);
  CHECK(rows[0].meta_json()["quantity"] == 160.0);
}

TEST_CASE("emissions: §3.3 equipment (it)", "[emissions]") {
  FactorIndex index;
  index.add(emissions_factor(
      5, 11, 80200, {{"equipment_class", "Laptop"}, {"sub_class", nullptr}},
      {{"active_power_w", 100.0}, {"standby_power_w", 10.0}, {"ef_kg_co2eq_per_kwh", 0.1}}));
  const auto rows = run(11,
                        json{{"equipment_class", "Laptop"},
                             {"active_usage_hours_per_week", 40},
                             {"standby_usage_hours_per_week", 128},
                             {"primary_factor_id", 5}},
                        index);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].kg_co2eq == Approx(27.456).epsilon(1e-2)); // the test's precision
  CHECK(rows[0].kg_co2eq == Approx(27.456).epsilon(1e-12));
}

TEST_CASE("emissions: §3.3 plane 506 km, short_to_medium_haul economy", "[emissions]") {
  FactorIndex index;
  index.add(emissions_factor(3, 20, 50200,
                             {{"category", "short_to_medium_haul"}, {"cabin_class", "economy"}},
                             {{"ef_kg_co2eq_per_km", 0.2906},
                              {"rfi_adjustment", 1.35},
                              {"min_distance", 0.0},
                              {"max_distance", 3700.0}}));
  ReferenceData ref;
  ref.add_location(equator("plane:AAA", 0, "AAA"));
  ref.add_location(equator("plane:BBB", 411, "BBB")); // round(411) + 95 = 506
  const auto rows = run(20,
                        json{{"origin_iata", "AAA"},
                             {"destination_iata", "BBB"},
                             {"cabin_class", "economy"},
                             {"number_of_trips", 1}},
                        index, ref);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].meta_json()["distance_one_trip_km"] == 506);
  CHECK(rows[0].kg_co2eq == Approx(506 * 0.2906 * 1.35));
  CHECK(rows[0].kg_co2eq == Approx(198.50886));
  CHECK(rows[0].emission_type_id == 50203);
  CHECK(rows[0].scope == 3);
}

TEST_CASE("emissions: §3.3 plane key-based multiplier (§6 item 3)", "[emissions]") {
  FactorIndex index;
  index.add(emissions_factor(3, 20, 50200, {{"category", "long"}, {"cabin_class", "business"}},
                             {{"ef_kg_co2eq_per_km", 0.15}, {"rfi_adjustment", 2.0}}));
  ReferenceData ref;
  ref.add_location(equator("plane:AAA", 0, "AAA"));
  ref.add_location(equator("plane:BBB", 905, "BBB")); // 905 + 95 = 1000
  index.add(emissions_factor(4, 20, 50200, {{"category", "long"}, {"cabin_class", "first"}},
                             {{"ef_kg_co2eq_per_km", 0.15}, {"min_distance", 0.0}}));
  const auto rows = run(
      20, json{{"origin_iata", "AAA"}, {"destination_iata", "BBB"}, {"cabin_class", "business"}},
      index, ref);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].kg_co2eq == Approx(300.0));
  // The stored quantity is distance x rfi, not the bare distance.
  CHECK(rows[0].additional_value == Approx(2000.0));
  CHECK(rows[0].meta_json()["quantity"] == Approx(2000.0));
  CHECK(rows[0].emission_type_id == 50202);
}

TEST_CASE("emissions: §3.3 plane distance GVA -> CDG", "[emissions]") {
  FactorIndex index;
  index.add(emissions_factor(
      9, 20, 50200, {{"category", "short_to_medium_haul"}, {"cabin_class", "economy"}},
      {{"ef_kg_co2eq_per_km", 0.1}, {"min_distance", 0.0}, {"max_distance", 5000.0}}));
  ReferenceData ref;
  ref.add_location(airport("GVA", 46.2381, 6.1090));
  ref.add_location(airport("CDG", 49.0097, 2.5479));
  CHECK(seed::haversine_km(46.2381, 6.1090, 49.0097, 2.5479) == Approx(407.59).margin(0.005));
  const auto rows =
      run(20, json{{"origin_iata", "GVA"}, {"destination_iata", "CDG"}, {"cabin_class", "economy"}},
          index, ref);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].meta_json()["distance_one_trip_km"] == 503);
  CHECK(rows[0].meta_json()["distance_km"] == 503);
  CHECK(rows[0].meta_json()["haul_category"] == "short_to_medium_haul");
  CHECK(rows[0].kg_co2eq == Approx(50.3));
  CHECK(rows[0].additional_value == 503);
}

TEST_CASE("emissions: §3.3 train Geneva -> Lausanne", "[emissions]") {
  FactorIndex index;
  index.add(
      emissions_factor(1, 21, 50100, {{"country_code", "RoW"}}, {{"ef_kg_co2eq_per_km", 0.9}}));
  index.add(
      emissions_factor(2, 21, 50100, {{"country_code", "CH"}}, {{"ef_kg_co2eq_per_km", 0.05}}));
  ReferenceData ref;
  ref.add_location(station("train:ch:geneva:46.2104:6.1428", "Geneva", "CH", 46.2104, 6.1428));
  ref.add_location(station("train:ch:lausanne:46.5167:6.6322", "Lausanne", "CH", 46.5167, 6.6322));
  CHECK(seed::haversine_km(46.2104, 6.1428, 46.5167, 6.6322) == Approx(50.70).margin(0.005));
  const auto rows = run(21,
                        json{{"origin_name", "Geneva"},
                             {"destination_name", "Lausanne"},
                             {"cabin_class", "second"},
                             {"origin_natural_key", "train:ch:geneva:46.2104:6.1428"},
                             {"destination_natural_key", "train:ch:lausanne:46.5167:6.6322"}},
                        index, ref);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].emission_type_id == 50102);
  CHECK(rows[0].primary_factor_id == 2);
  CHECK(rows[0].meta_json()["distance_one_trip_km"] == 61);
  CHECK(rows[0].meta_json()["country_code"] == "CH");
  CHECK(rows[0].kg_co2eq == Approx(3.05));
  CHECK(rows[0].additional_value == 61);
}

namespace {

// Building entry against a single factor: 100 m2, 10 kWh/m2 for every use, ef 0.2.
std::vector<EmissionRow> building_rows(json extra_values, json ratio,
                                       const char *room_type = "office") {
  FactorIndex index;
  json values{{"ef_kg_co2eq_per_kwh", 0.2},
              {"heating_kwh_per_square_meter", 10.0},
              {"cooling_kwh_per_square_meter", 10.0},
              {"ventilation_kwh_per_square_meter", 10.0},
              {"lighting_kwh_per_square_meter", 10.0}};
  values.update(extra_values);
  index.add(
      emissions_factor(4, 30, 60100, {{"building_name", "BC"}, {"room_type", room_type}}, values));
  ReferenceData ref;
  ref.add_room(Room{"Lausanne", "BC", "BC 010", "office", 100.0});
  return run(30,
             json{{"building_name", "BC"},
                  {"room_name", "BC 010"},
                  {"room_type", room_type},
                  {"room_allocation_ratio", ratio},
                  {"primary_factor_id", 4}},
             index, ref);
}

} // namespace

TEST_CASE("emissions: §3.3 building room", "[emissions]") {
  // lighting, cooling, ventilation, heating_elec, heating_thermal, rollup.
  const auto electric =
      building_rows({{"energy_type", "electric"}, {"conversion_factor", 2.0}}, 0.5);
  REQUIRE(types_of(electric) ==
          std::vector<int>{6010101, 6010201, 6010301, 6010401, 6010501, 60100});
  CHECK(electric[0].kg_co2eq == Approx(100));
  CHECK(electric[1].kg_co2eq == Approx(100));
  CHECK(electric[2].kg_co2eq == Approx(100));
  CHECK(electric[3].kg_co2eq == Approx(200)); // heating_elec, electric, conversion 2.0
  CHECK(electric[4].kg_co2eq == 0.0);         // heating_thermal with electric: 0 row kept
  check_rollup(electric, 60100);
  CHECK(electric[0].scope == 2);
  CHECK(electric[4].scope == 1);

  const auto thermal = building_rows({{"energy_type", "thermal"}, {"conversion_factor", 3.0}}, 0.5);
  CHECK(thermal[3].kg_co2eq == 0.0);
  CHECK(thermal[4].kg_co2eq == Approx(300));

  const auto no_conversion = building_rows({{"energy_type", "electric"}}, 0.5);
  CHECK(no_conversion[3].kg_co2eq == Approx(100));

  const auto no_ratio = building_rows({{"energy_type", "electric"}}, nullptr);
  CHECK(no_ratio[0].kg_co2eq == Approx(200));

  const auto mismatch = building_rows({{"energy_type", "elec"}}, 0.5); // alias stored raw
  CHECK(mismatch[3].kg_co2eq == 0.0);
  CHECK(mismatch[4].kg_co2eq == 0.0);
  check_rollup(mismatch, 60100);
  CHECK(mismatch.back().kg_co2eq == Approx(300));
}

TEST_CASE("emissions: §3.3 energy combustion", "[emissions]") {
  FactorIndex index;
  index.add(emissions_factor(2, 31, 60201, {{"unit", "kWh"}, {"name", "Natural gas"}},
                             {{"ef_kg_co2eq_per_unit", 0.24}}));
  const auto rows =
      run(31, json{{"name", "Natural gas"}, {"quantity", 1000.0}, {"primary_factor_id", 2}}, index);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].emission_type_id == 60201);
  CHECK(rows[0].scope == 1);
  CHECK(rows[0].kg_co2eq == Approx(240));
  CHECK_FALSE(rows[0].additional_value); // buildings have no unit
}

TEST_CASE("emissions: §3.3 embodied energy", "[emissions]") {
  for (const double ef : {100.0, 200.0}) {
    FactorIndex index;
    index.add(emissions_factor(1, 32, 60300,
                               {{"building_name", "default"}, {"category", "new-tech"}},
                               {{"ef_kgco2eq_per_m2", ef}}));
    const auto a =
        run(32, json{{"building_name", "BC"}, {"room_surface_square_meter", 50.0}}, index);
    const auto b =
        run(32, json{{"building_name", "BC"}, {"room_surface_square_meter", 80.0}}, index);
    REQUIRE(a.size() == 1);
    REQUIRE(b.size() == 1);
    CHECK(a[0].kg_co2eq == Approx(ef == 100 ? 5000 : 10000));
    CHECK(b[0].kg_co2eq == Approx(ef == 100 ? 8000 : 16000));
    CHECK(a[0].emission_type_id == 60300);
  }
}

TEST_CASE("emissions: §3.3 external cloud", "[emissions]") {
  FactorIndex index;
  index.add(emissions_factor(
      6, 40, 110102, {{"service_type", "compute"}, {"provider", "AWS"}, {"currency", "eur"}},
      {{"ef_kg_co2eq_per_currency", 0.05}}));
  const auto rows = run(40,
                        json{{"service_type", "compute"},
                             {"provider", "AWS"},
                             {"spent_amount", 200.0},
                             {"currency", "eur"},
                             {"primary_factor_id", 6}},
                        index);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].kg_co2eq == Approx(10.0));
  CHECK(rows[0].emission_type_id == 110102);
}

TEST_CASE("emissions: §3.3 external AI, six rows (§6 items 1 and 5)", "[emissions]") {
  FactorIndex index;
  index.add(emissions_factor(8, 41, 110204, {{"provider", "openai"}, {"usage_type", nullptr}},
                             {{"ef_kg_co2eq_per_request", 0.01}}));
  const auto rows = run(41,
                        json{{"provider", "openai"},
                             {"usage_type", "chat"},
                             {"requests_per_user_per_day", "5_20"},
                             {"fte_count", 1.0},
                             {"primary_factor_id", 8}},
                        index);
  REQUIRE(types_of(rows) == std::vector<int>{110201, 110202, 110203, 110204, 110205, 110206});
  for (const auto &row : rows) {
    CHECK(row.kg_co2eq == Approx(12.5 * 5 * 46 * 1.0 * 0.01 / 1000));
    CHECK(row.kg_co2eq == Approx(0.02875));
    CHECK(row.kg_co2eq == rows[0].kg_co2eq); // identical
    CHECK(row.primary_factor_id == 8);       // same factor on all six
    CHECK(row.scope == 3);
  }
  CHECK(leaf_sum(rows) == Approx(6 * 0.02875)); // the entry counts six times
}

TEST_CASE("emissions: §3.3 process emissions, purchase, research facility", "[emissions]") {
  FactorIndex index;
  index.add(emissions_factor(1, 50, 70200,
                             {{"category", "co2"}, {"subcategory", nullptr}, {"unit", "kg"}},
                             {{"ef_kg_co2eq_per_unit", 1.5}}));
  index.add(emissions_factor(2, 62, 90400,
                             {{"purchase_institutional_code", "C"},
                              {"purchase_additional_code", nullptr},
                              {"currency", "eur"}},
                             {{"ef_kg_co2eq_per_currency", 0.5}}));
  index.add(emissions_factor(
      3, 70, 100100, {{"researchfacility_id", "RF-1"}, {"researchfacility_name", "Lab"}},
      {{"use_unit", "hours"}, {"total_use", 100.0}, {"kg_co2eq_sum", 1000.0}}));
  const auto process =
      run(50, json{{"category", "co2"}, {"quantity", 100.0}, {"primary_factor_id", 1}}, index);
  REQUIRE(process.size() == 1);
  CHECK(process[0].kg_co2eq == Approx(150.0));
  const auto purchase = run(62,
                            json{{"name", "x"},
                                 {"total_spent_amount", 200.0},
                                 {"currency", "eur"},
                                 {"purchase_institutional_code", "C"},
                                 {"primary_factor_id", 2}},
                            index);
  REQUIRE(purchase.size() == 1);
  CHECK(purchase[0].kg_co2eq == Approx(100.0));
  const auto facility = run(70,
                            json{{"researchfacility_id", "RF-1"},
                                 {"researchfacility_name", "Lab"},
                                 {"use", 10.0},
                                 {"use_unit", "hours"},
                                 {"primary_factor_id", 3}},
                            index);
  REQUIRE(facility.size() == 1);
  CHECK(facility[0].kg_co2eq == Approx(100.0));
}

// ---------------------------------------------------------------------------
// Every entry type: a known factor gives exactly the formula's rows; no
// matching factor gives none.
// ---------------------------------------------------------------------------

namespace {

struct StrategyACase {
  int entry_type;
  Factor factor;
  json payload; // without primary_factor_id
  std::vector<int> types;
  double kg;
};

json purchase_payload(const char *code) {
  return json{{"name", "item"},
              {"supplier", nullptr},
              {"quantity", 3.0},
              {"total_spent_amount", 1000.0},
              {"currency", "eur"},
              {"purchase_institutional_code", code},
              {"purchase_additional_code", nullptr},
              {"note", nullptr}};
}

json purchase_class(const char *code) {
  return json{{"purchase_institutional_code", code},
              {"purchase_additional_code", nullptr},
              {"currency", "eur"}};
}

std::vector<StrategyACase> strategy_a_cases() {
  std::vector<StrategyACase> cases{
      {10,
       emissions_factor(
           101, 10, 80100, {{"equipment_class", "Centrifuge"}, {"sub_class", "Benchtop"}},
           {{"active_power_w", 450.0}, {"standby_power_w", 15.0}, {"ef_kg_co2eq_per_kwh", 0.128}}),
       {{"equipment_id", "E1"},
        {"name", "c"},
        {"equipment_class", "Centrifuge"},
        {"sub_class", "Benchtop"},
        {"active_usage_hours_per_week", 10},
        {"standby_usage_hours_per_week", 20},
        {"note", nullptr}},
       {80100},
       (10 * 450.0 + 20 * 15.0) * 52 / 1000 * 0.128},
      {11,
       emissions_factor(
           102, 11, 80200, {{"equipment_class", "Laptop"}, {"sub_class", nullptr}},
           {{"active_power_w", 45.0}, {"standby_power_w", 2.0}, {"ef_kg_co2eq_per_kwh", 0.122}}),
       {{"equipment_class", "Laptop"},
        {"sub_class", "15 inch"},
        {"active_usage_hours_per_week", 40},
        {"standby_usage_hours_per_week", 60}},
       {80200},
       12.18048},
      {12,
       emissions_factor(
           103, 12, 80300, {{"equipment_class", "Fridge"}, {"sub_class", nullptr}},
           {{"active_power_w", 150.0}, {"standby_power_w", 0.0}, {"ef_kg_co2eq_per_kwh", 0.117}}),
       {{"equipment_class", "Fridge"},
        {"active_usage_hours_per_week", 168},
        {"standby_usage_hours_per_week", 0}},
       {80300},
       153.3168},
      {31,
       emissions_factor(131, 31, 60202, {{"unit", "kWh"}, {"name", "Heating oil"}},
                        {{"ef_kg_co2eq_per_unit", 0.301}}),
       {{"name", "Heating oil"}, {"quantity", 500.0}, {"note", nullptr}},
       {60202},
       150.5},
      {40,
       emissions_factor(
           140, 40, 110101,
           {{"service_type", "virtualisation"}, {"provider", "GCP"}, {"currency", "eur"}},
           {{"ef_kg_co2eq_per_currency", 0.12}}),
       {{"service_type", "virtualisation"},
        {"provider", "GCP"},
        {"spent_amount", 1000.0},
        {"currency", nullptr}},
       {110101},
       120.0},
      {50,
       emissions_factor(150, 50, 70300,
                        {{"category", "n2o"}, {"subcategory", nullptr}, {"unit", "kg"}},
                        {{"ef_kg_co2eq_per_unit", 273.0}}),
       {{"category", "n2o"}, {"subcategory", nullptr}, {"quantity", 2.0}, {"note", nullptr}},
       {70300},
       546.0},
      {67,
       emissions_factor(167, 67, 90901, {{"name", "ln2"}}, {{"ef_kg_co2eq_per_kg", 0.2}}),
       {{"name", "ln2"}, {"unit", "liter"}, {"annual_consumption", 100.0}, {"coef_to_kg", 1.25}},
       {90901},
       25.0},
      {70,
       emissions_factor(
           170, 70, 100300,
           {{"researchfacility_id", "RF-001"}, {"researchfacility_name", "SCITAS"}},
           {{"use_unit", "node_hours"}, {"total_use", 2500000.0}, {"kg_co2eq_sum", 310000.0}}),
       {{"researchfacility_id", "RF-001"},
        {"researchfacility_name", " SCITAS "},
        {"use", 1000.0},
        {"use_unit", "node_hours"}},
       {100300},
       124.0},
      {71,
       emissions_factor(171, 71, 10020001,
                        {{"researchfacility_id", "AF-1"},
                         {"researchfacility_name", "Mice"},
                         {"researchfacility_type", "mice"}},
                        {{"processemissions_share", 0.5},
                         {"kg_co2eq_sum_processemissions", 2000.0},
                         {"equipments_share", 0.25},
                         {"kg_co2eq_sum_equipments", 4000.0},
                         {"building_rooms_share", 0.9}, // no matching sum: not a source
                         {"use_unit", "cage_days"},
                         {"total_use", 1000.0}}),
       {{"researchfacility_id", "AF-1"},
        {"researchfacility_name", "Mice"},
        {"use", 100.0},
        {"use_unit", "cage_days"},
        {"researchfacility_type", "mice"}},
       {10020001},
       200.0},
  };
  for (int type = 60; type <= 66; ++type) {
    const int emission = 90200 + (type - 60) * 100;
    cases.push_back({type,
                     emissions_factor(100 + type, type, emission, purchase_class("12345678"),
                                      {{"ef_kg_co2eq_per_currency", 0.5}}),
                     purchase_payload("12345678"),
                     {emission},
                     500.0});
  }
  return cases;
}

} // namespace

TEST_CASE("emissions: Strategy A entry types, known factor and no factor", "[emissions]") {
  for (const auto &c : strategy_a_cases()) {
    INFO("entry type " << c.entry_type);
    FactorIndex index;
    index.add(c.factor);
    // The link the recalculation would store is this factor.
    REQUIRE(index.link(c.entry_type, c.payload, year).factor_id == c.factor.id);
    json payload = c.payload;
    payload["primary_factor_id"] = c.factor.id;
    const auto rows = run(c.entry_type, payload, index);
    REQUIRE(types_of(rows) == c.types);
    const EmissionRow &row = rows[0];
    CHECK(row.kg_co2eq == Approx(c.kg).epsilon(1e-12));
    CHECK(row.primary_factor_id == c.factor.id);
    CHECK(row.scope == seed::catalog::find_emission_type(row.emission_type_id)->scope);
    CHECK_FALSE(row.additional_value);
    CHECK(row.meta_json()["factors_used"][0]["id"] == c.factor.id);
    CHECK(row.meta_json()["factors_used"][0]["values"] == ordered_json(c.factor.values));
    CHECK(row.meta_json()["primary_factor_id"] == c.factor.id);
    CHECK(row.meta_json()["_year"] == year);
    CHECK(
        row.meta_json()["quantity"] ==
        (payload.contains("quantity") ? ordered_json(payload["quantity"]) : ordered_json(nullptr)));
    CHECK(row.meta_json()["quantity_unit"].is_null());

    // No link, or a link to a factor of another year / NULL year: no rows.
    CHECK(run(c.entry_type, c.payload, index).empty());
    json null_link = c.payload;
    null_link["primary_factor_id"] = nullptr;
    CHECK(run(c.entry_type, null_link, index).empty());
    FactorIndex other_year;
    Factor old = c.factor;
    old.year = 2024;
    other_year.add(old);
    CHECK(run(c.entry_type, payload, other_year).empty());
    Factor no_year = c.factor;
    no_year.year = std::nullopt;
    FactorIndex null_year;
    null_year.add(no_year);
    CHECK(run(c.entry_type, payload, null_year).empty());
    CHECK(run(c.entry_type, payload, FactorIndex{}).empty());
  }
}

TEST_CASE("emissions: the type choice lower-cases, the link is exact", "[emissions]") {
  FactorIndex index;
  index.add(emissions_factor(150, 50, 70300,
                             {{"category", "n2o"}, {"subcategory", nullptr}, {"unit", "kg"}},
                             {{"ef_kg_co2eq_per_unit", 273.0}}));
  const json upper{{"category", "N2O"}, {"subcategory", nullptr}, {"quantity", 2.0}};
  // The recalculation would clear a link for "N2O" (exact match) ...
  CHECK(index.link(50, upper, year).outcome == seed::FactorLink::Outcome::no_match);
  // ... but an entry linked anyway (e.g. by the case-insensitive CSV path) computes.
  json linked = upper;
  linked["primary_factor_id"] = 150;
  const auto rows = run(50, linked, index);
  REQUIRE(types_of(rows) == std::vector<int>{70300});
  CHECK(rows[0].kg_co2eq == Approx(546.0));
}

TEST_CASE("emissions: building entry, known factor and no factor", "[emissions]") {
  const auto rows = building_rows({{"energy_type", "thermal"}}, nullptr, "laboratories");
  REQUIRE(types_of(rows) == std::vector<int>{6010102, 6010202, 6010302, 6010402, 6010502, 60100});
  for (int i = 0; i < 5; ++i) {
    CHECK(rows[i].primary_factor_id == 4);
    CHECK(rows[i].meta_json()["emission_type"] == rows[i].emission_type_id);
    CHECK(rows[i].meta_json()["room_surface_square_meter"] == 100.0);
    CHECK_FALSE(rows[i].additional_value);
  }
  CHECK(rows[3].kg_co2eq == 0.0);
  CHECK(rows[4].kg_co2eq == Approx(200));
  check_rollup(rows, 60100);

  FactorIndex empty;
  ReferenceData ref;
  ref.add_room(Room{"Lausanne", "BC", "BC 010", "office", 100.0});
  const json payload{{"building_name", "BC"},
                     {"room_name", "BC 010"},
                     {"room_type", "office"},
                     {"room_allocation_ratio", nullptr},
                     {"primary_factor_id", 4}};
  CHECK(run(30, payload, empty, ref).empty());
  // Factor present but the room is not in building_rooms: no surface, no rows.
  FactorIndex index;
  index.add(
      emissions_factor(4, 30, 60100, {{"building_name", "BC"}, {"room_type", "office"}},
                       {{"ef_kg_co2eq_per_kwh", 0.2}, {"lighting_kwh_per_square_meter", 10.0}}));
  CHECK(run(30, payload, index, ReferenceData{}).empty());
  // Only the lighting field: one leaf row, hence no rollup.
  const auto one = run(30, payload, index, ref);
  REQUIRE(types_of(one) == std::vector<int>{6010101});
}

TEST_CASE("emissions: member and student, known factors and none", "[emissions]") {
  for (const int type : {1, 2}) {
    FactorIndex index;
    index.add(emissions_factor(21, type, 10002, headcount_class("food", "non_vegetarian", "kg"),
                               per_fte(90, 6.0)));
    index.add(emissions_factor(22, type, 30002, headcount_class("commuting", "cycling", "km"),
                               per_fte(600, 0.01)));
    index.add(emissions_factor(23, type == 1 ? 2 : 1, 20001,
                               headcount_class("waste", "incineration", "kg"),
                               per_fte(40, 0.5))); // other entry type: not used
    const json payload = type == 1 ? json{{"name", "A"},
                                          {"sius_code", "51"},
                                          {"fte", 0.5},
                                          {"user_institutional_id", "1"},
                                          {"note", nullptr}}
                                   : json{{"fte", 0.5}};
    const auto rows = run(type, payload, index);
    REQUIRE(types_of(rows) == std::vector<int>{10002, 30002, 40000});
    CHECK(rows[0].kg_co2eq == Approx(0.5 * 6.0 * 90));
    CHECK(rows[1].kg_co2eq == Approx(0.5 * 0.01 * 600));
    CHECK(rows[1].additional_value == Approx(300));
    check_rollup(rows, 40000);
    CHECK(rows[2].primary_factor_id == 21);

    CHECK(run(type, payload, FactorIndex{}).empty());
    // One leaf only: no rollup.
    FactorIndex single;
    single.add(emissions_factor(5, type, 10002, headcount_class("food", "non_vegetarian", "kg"),
                                per_fte(90, 6.0)));
    CHECK(types_of(run(type, payload, single)) == std::vector<int>{10002});
    // fte missing: the formula has no value, no rows.
    CHECK(run(type, json{{"name", "A"}}, index).empty());
  }
}

TEST_CASE("emissions: plane, no match", "[emissions]") {
  FactorIndex index;
  index.add(emissions_factor(
      1, 20, 50200, {{"category", "short"}, {"cabin_class", "economy"}},
      {{"ef_kg_co2eq_per_km", 0.1}, {"min_distance", 0.0}, {"max_distance", 1000.0}}));
  ReferenceData ref;
  ref.add_location(equator("plane:AAA", 0, "AAA"));
  ref.add_location(equator("plane:BBB", 500, "BBB"));
  ref.add_location(equator("plane:CCC", 5000, "CCC"));
  auto trip = [&](const char *to, json cabin) {
    return run(20, json{{"origin_iata", "AAA"}, {"destination_iata", to}, {"cabin_class", cabin}},
               index, ref);
  };
  CHECK(trip("BBB", "economy").size() == 1);
  CHECK(trip("BBB", "Economy").empty()); // type 50203 chosen, but the query uses the stored text
  CHECK(trip("BBB", "eco").empty());     // no emission type
  CHECK(trip("BBB", nullptr).empty());
  CHECK(trip("BBB", "business").empty()); // no factor for the class
  CHECK(trip("CCC", "economy").empty());  // 5095 km: no band -> "unknown"
  CHECK(trip("ZZZ", "economy").empty());  // unknown IATA
  // A factor of category "unknown" is what an entry without a band queries.
  index.add(emissions_factor(2, 20, 50200, {{"category", "unknown"}, {"cabin_class", "economy"}},
                             {{"ef_kg_co2eq_per_km", 0.2}}));
  const auto unknown = trip("CCC", "economy");
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].meta_json()["haul_category"].is_null());
  CHECK(unknown[0].kg_co2eq == Approx(5095 * 0.2));
  CHECK(trip("ZZZ", "economy").empty()); // still no distance
  // number_of_trips multiplies distance_km, not the band distance.
  const auto twice = run(20,
                         json{{"origin_iata", "AAA"},
                              {"destination_iata", "BBB"},
                              {"cabin_class", "economy"},
                              {"number_of_trips", 2}},
                         index, ref);
  REQUIRE(twice.size() == 1);
  CHECK(twice[0].meta_json()["distance_km"] == 1190);
  CHECK(twice[0].kg_co2eq == Approx(119.0));
}

TEST_CASE("emissions: train, fallback and no match", "[emissions]") {
  FactorIndex index;
  index.add(
      emissions_factor(1, 21, 50100, {{"country_code", "RoW"}}, {{"ef_kg_co2eq_per_km", 0.03}}));
  ReferenceData ref;
  ref.add_location(station("g", "Geneva", "CH", 46.2104, 6.1428));
  ref.add_location(station("p", "Paris", "FR", 48.8443, 2.3744));
  const json to_paris{{"origin_name", "Geneva"},
                      {"destination_name", "Paris"},
                      {"cabin_class", "first"},
                      {"origin_natural_key", "g"},
                      {"destination_natural_key", "p"}};
  const auto rows = run(21, to_paris, index, ref);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].emission_type_id == 50101);
  CHECK(rows[0].meta_json()["country_code"] == "FR");
  CHECK(rows[0].primary_factor_id == 1); // FR -> RoW fallback
  const long long km = seed::train_distance_km(*ref.by_natural_key("g"), *ref.by_natural_key("p"));
  CHECK(rows[0].kg_co2eq == Approx(static_cast<double>(km) * 0.03));

  CHECK(ref.station("Paris", "FR") == ref.by_natural_key("p"));
  CHECK(ref.station("Paris", "CH") == nullptr);
  json no_keys = to_paris;
  no_keys.erase("origin_natural_key");
  CHECK(run(21, no_keys, index, ref).empty());
  json unknown = to_paris;
  unknown["destination_natural_key"] = "nowhere";
  CHECK(run(21, unknown, index, ref).empty());
  json third = to_paris;
  third["cabin_class"] = "third";
  CHECK(run(21, third, index, ref).empty());
  CHECK(run(21, to_paris, FactorIndex{}, ref).empty());
}

TEST_CASE("emissions: train country rule", "[emissions]") {
  auto at = [](const char *country) {
    return Location{
        "k",          "train", "n", country ? std::optional<std::string>(country) : std::nullopt,
        std::nullopt, 0,       0};
  };
  CHECK(seed::train_country_code(at("CH"), at("CH")) == "CH");
  CHECK(seed::train_country_code(at("CH"), at("DE")) == "DE");
  CHECK(seed::train_country_code(at("IT"), at("CH")) == "IT");
  CHECK(seed::train_country_code(at("IT"), at("FR")) == "FR");
  CHECK(seed::train_country_code(at(nullptr), at("CH")) == "RoW");
}

TEST_CASE("emissions: embodied energy, building factors and none", "[emissions]") {
  FactorIndex index;
  index.add(emissions_factor(3, 32, 60300, {{"building_name", "default"}, {"category", "new-env"}},
                             {{"ef_kgco2eq_per_m2", 100.0}}));
  index.add(emissions_factor(2, 32, 60300, {{"building_name", "default"}, {"category", "new-tech"}},
                             {{"ef_kgco2eq_per_m2", 40.0}}));
  index.add(emissions_factor(7, 32, 60300, {{"building_name", "BC"}, {"category", "new-tech"}},
                             {{"ef_kgco2eq_per_m2", 30.0}}));
  const auto fallback =
      run(32, json{{"building_name", "XY"}, {"room_surface_square_meter", 10.0}}, index);
  REQUIRE(fallback.size() == 2); // one per category, by id, no rollup
  CHECK(fallback[0].primary_factor_id == 2);
  CHECK(fallback[0].kg_co2eq == Approx(400));
  CHECK(fallback[1].kg_co2eq == Approx(1000));
  const auto own =
      run(32, json{{"building_name", "BC"}, {"room_surface_square_meter", 10.0}}, index);
  REQUIRE(own.size() == 1);
  CHECK(own[0].kg_co2eq == Approx(300));
  CHECK(run(32, json{{"building_name", "BC"}}, index).empty()); // no surface in the payload
  CHECK(run(32, json{{"building_name", "BC"}, {"room_surface_square_meter", 10.0}}, FactorIndex{})
            .empty());
}

TEST_CASE("emissions: types that cannot be chosen give no rows", "[emissions]") {
  FactorIndex index;
  index.add(emissions_factor(1, 40, 110102, {{"service_type", "compute"}},
                             {{"ef_kg_co2eq_per_currency", 1.0}}));
  index.add(emissions_factor(2, 50, 70200, {{"category", "co2"}}, {{"ef_kg_co2eq_per_unit", 1.0}}));
  CHECK(run(40, json{{"service_type", "lorem"}, {"spent_amount", 1.0}, {"primary_factor_id", 1}},
            index)
            .empty());
  CHECK(run(50, json{{"category", "ipsum"}, {"quantity", 1.0}, {"primary_factor_id", 2}}, index)
            .empty());
  CHECK(run(99, json{{"x", 1}}, index).empty());
  CHECK(seed::resolve_emission_types(50, json{{"category", "Refrigerant"}}) ==
        std::vector<int>{70400});
  CHECK(seed::resolve_emission_types(31, json{{"name", "Wood logs"}}) == std::vector<int>{60206});
  CHECK(seed::resolve_emission_types(31, json{{"name", "coal"}}) == std::vector<int>{60200});
  CHECK(seed::resolve_emission_types(71, json{{"researchfacility_type", "rat"}}) ==
        std::vector<int>{100200});
  CHECK(seed::resolve_emission_types(70, json{{"researchfacility_name", "Rcp"}}) ==
        std::vector<int>{100300});
  CHECK(seed::resolve_emission_types(30, json{{"room_type", "gym"}}) ==
        std::vector<int>{60101, 60102, 60103, 60104, 60105});
}

TEST_CASE("emissions: formula without value drops only that row", "[emissions]") {
  FactorIndex index;
  index.add(emissions_factor(1, 50, 70200, {{"category", "co2"}}, {{"ef_kg_co2eq_per_unit", 1.0}}));
  index.add(emissions_factor(2, 70, 100100, {{"researchfacility_id", "R"}},
                             {{"use_unit", "hours"}, {"total_use", 0.0}, {"kg_co2eq_sum", 10.0}}));
  index.add(emissions_factor(3, 71, 100200, {{"researchfacility_id", "R"}},
                             {{"use_unit", "hours"}, {"total_use", 10.0}}));
  CHECK(run(50, json{{"category", "co2"}, {"quantity", -1.0}, {"primary_factor_id", 1}}, index)
            .empty());
  // total_use 0: share 0, a 0 row is written.
  const auto zero =
      run(70, json{{"use", 5.0}, {"use_unit", "hours"}, {"primary_factor_id", 2}}, index);
  REQUIRE(zero.size() == 1);
  CHECK(zero[0].kg_co2eq == 0.0);
  CHECK(run(70, json{{"use", 5.0}, {"use_unit", "hour"}, {"primary_factor_id", 2}}, index).empty());
  // Animal factor without any (share, sum) pair: no value.
  CHECK(
      run(71, json{{"use", 5.0}, {"use_unit", "hours"}, {"primary_factor_id", 3}}, index).empty());
}

// ---------------------------------------------------------------------------
// Row type, meta, errors, override
// ---------------------------------------------------------------------------

TEST_CASE("emissions: the deeper of computed and factor type is written", "[emissions]") {
  FactorIndex index;
  index.add(emissions_factor(1, 71, 10020001, {{"researchfacility_id", "AF"}},
                             {{"use_unit", "d"},
                              {"total_use", 10.0},
                              {"equipments_share", 1.0},
                              {"kg_co2eq_sum_equipments", 10.0}}));
  index.add(emissions_factor(2, 67, 90901, {{"name", "ln2"}}, {{"ef_kg_co2eq_per_kg", 1.0}}));
  index.add(emissions_factor(3, 41, 110204, {{"provider", "openai"}},
                             {{"ef_kg_co2eq_per_request", 1.0}}));
  const auto rat = run(71,
                       json{{"researchfacility_type", "rat"},
                            {"use", 1.0},
                            {"use_unit", "d"},
                            {"primary_factor_id", 1}},
                       index);
  REQUIRE(rat.size() == 1);
  CHECK(rat[0].emission_type_id == 10020001); // computed 100200, factor deeper
  const auto helium = run(67,
                          json{{"name", "helium"},
                               {"annual_consumption", 1.0},
                               {"coef_to_kg", 1.0},
                               {"primary_factor_id", 2}},
                          index);
  REQUIRE(helium.size() == 1);
  CHECK(helium[0].emission_type_id == 90901);
  CHECK(helium[0].scope == 1);
}

TEST_CASE("emissions: leaf meta keys and order", "[emissions]") {
  FactorIndex index;
  index.add(emissions_factor(9, 20, 50200, {{"category", "s"}, {"cabin_class", "economy"}},
                             {{"ef_kg_co2eq_per_km", 0.1}, {"min_distance", 0.0}, {"unit", "km"}}));
  ReferenceData ref;
  ref.add_location(equator("plane:AAA", 0, "AAA"));
  ref.add_location(equator("plane:BBB", 405, "BBB"));
  const auto payload = ordered_json::parse(
      R"({"user_institutional_id":"7","origin_iata":"AAA","destination_iata":"BBB","cabin_class":"economy","departure_date":null,"number_of_trips":1,"note":null,"__kg_co2eq_override__":null})");
  const auto rows = seed::compute_emissions(20, payload, year, index, ref);
  REQUIRE(rows.size() == 1);
  std::vector<std::string> keys;
  const auto meta = rows[0].meta_json();
  for (const auto &[key, value] : meta.items())
    keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"factors_used", "quantity", "quantity_unit",
                                         "user_institutional_id", "origin_iata", "destination_iata",
                                         "cabin_class", "departure_date", "number_of_trips", "note",
                                         "distance_one_trip_km", "haul_category", "distance_km",
                                         "_year"});
  CHECK(rows[0].meta_json()["quantity_unit"] == "km");
  CHECK(rows[0].meta_json()["factors_used"].dump() ==
        R"([{"id":9,"values":{"ef_kg_co2eq_per_km":0.1,"min_distance":0.0,"unit":"km"}}])");
  // The unordered overload gives the same content.
  const auto same = seed::compute_emissions(20, json(payload), year, index, ref);
  REQUIRE(same.size() == 1);
  CHECK(json(same[0].meta_json()) == json(rows[0].meta_json()));
  // The text is the compact dump of that object.
  CHECK(rows[0].meta_json().dump() == rows[0].meta);
}

TEST_CASE("emissions: payload keys overwrite quantity in meta", "[emissions]") {
  FactorIndex index;
  index.add(emissions_factor(2, 50, 70200, {{"category", "co2"}}, {{"ef_kg_co2eq_per_unit", 2.0}}));
  const auto rows =
      run(50, json{{"category", "co2"}, {"quantity", 7.0}, {"primary_factor_id", 2}}, index);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].meta_json()["quantity"] == 7.0);
  const auto meta = rows[0].meta_json();
  auto it = meta.begin();
  CHECK(it.key() == "factors_used");
  ++it;
  CHECK(it.key() == "quantity"); // kept in its place
}

TEST_CASE("emissions: where the application raises", "[emissions]") {
  FactorIndex index;
  index.add(emissions_factor(
      1, 11, 80200, {{"equipment_class", "L"}},
      {{"active_power_w", 1.0}, {"standby_power_w", 1.0}, {"ef_kg_co2eq_per_kwh", 1.0}}));
  index.add(emissions_factor(2, 40, 110102, {{"service_type", "compute"}, {"currency", "usd"}},
                             {{"ef_kg_co2eq_per_currency", 0.5}}));
  index.add(emissions_factor(3, 64, 90600, {{"purchase_institutional_code", "X"}},
                             {{"ef_kg_co2eq_per_currency", 0.5}}));
  index.add(emissions_factor(4, 40, 110102, {{"service_type", "compute"}},
                             {{"ef_kg_co2eq_per_currency", 0.5}, {"currency", "usd"}}));
  index.add(emissions_factor(5, 1, 10001, headcount_class("food", "vegetarian", "kg"),
                             {{"ef_kg_co2eq_per_unit", 1.0}, {"number_of_unit_per_fte", nullptr}}));
  // Equipment hours above 168 (checked before the link is even looked at).
  CHECK_THROWS_AS(
      run(11, json{{"active_usage_hours_per_week", 100}, {"standby_usage_hours_per_week", 100}},
          index),
      EmissionError);
  // Non-EUR entry currency without a rate.
  const json usd{{"service_type", "compute"},
                 {"spent_amount", 100.0},
                 {"currency", "USD"},
                 {"primary_factor_id", 2}};
  CHECK_THROWS_AS(run(40, usd, index), EmissionError);
  ReferenceData rates;
  rates.set_exchange_rate("usd", year, 1.25);
  const auto converted = run(40, usd, index, rates);
  REQUIRE(converted.size() == 1);
  CHECK(converted[0].kg_co2eq == Approx(100.0 / 1.25 * 0.5));
  // Purchases default to chf when the currency is null.
  CHECK_THROWS_AS(
      run(64, json{{"total_spent_amount", 1.0}, {"currency", nullptr}, {"primary_factor_id", 3}},
          index),
      EmissionError);
  // A factor currency in values is converted (only the entry side in practice).
  CHECK_THROWS_AS(
      run(40, json{{"service_type", "compute"}, {"spent_amount", 1.0}, {"primary_factor_id", 4}},
          index),
      EmissionError);
  // A JSON-null multiplier.
  CHECK_THROWS_AS(run(1, json{{"fte", 1.0}}, index), EmissionError);
  // Out-of-range coordinates.
  CHECK_THROWS_AS(seed::haversine_km(91, 0, 0, 0), EmissionError);
  CHECK_THROWS_AS(seed::haversine_km(0, 0, 0, -180.5), EmissionError);
}

TEST_CASE("emissions: kg override rows (§3.4)", "[emissions]") {
  FactorIndex index;
  index.add(
      emissions_factor(1, 1, 10001, headcount_class("food", "vegetarian", "kg"), per_fte(1, 1)));
  index.add(emissions_factor(2, 62, 90400, {{"purchase_institutional_code", "C"}},
                             {{"ef_kg_co2eq_per_currency", 1.0}}));
  const auto member = run(1, json{{"fte", 1.0}, {"__kg_co2eq_override__", 12.0}}, index);
  REQUIRE(types_of(member) == std::vector<int>{10000, 20000, 30000, 40000});
  CHECK(member[0].kg_co2eq == 12.0);
  CHECK_FALSE(member[0].primary_factor_id);
  CHECK(member[0].meta_json()["factors_used"].size() == 1);
  CHECK(member[1].meta_json()["factors_used"].empty());
  CHECK_FALSE(member[0].meta_json().contains("__kg_co2eq_override__"));
  check_rollup(member, 40000);
  const auto linked = run(
      62,
      json{{"total_spent_amount", 1.0}, {"__kg_co2eq_override__", 3.0}, {"primary_factor_id", 2}},
      index);
  REQUIRE(linked.size() == 1);
  CHECK(linked[0].kg_co2eq == 3.0);
  CHECK(run(62, json{{"total_spent_amount", 1.0}, {"__kg_co2eq_override__", 3.0}}, index).empty());
}

// ---------------------------------------------------------------------------
// emissions.md §6 oddities
// ---------------------------------------------------------------------------

TEST_CASE("emissions: §6 item 2, energy_type in classification gives 0 heating", "[emissions]") {
  FactorIndex index;
  index.add(emissions_factor(
      4, 30, 60100, {{"building_name", "BC"}, {"room_type", "office"}, {"energy_type", "electric"}},
      {{"ef_kg_co2eq_per_kwh", 0.1},
       {"heating_kwh_per_square_meter", 3.0},
       {"cooling_kwh_per_square_meter", 1.0},
       {"ventilation_kwh_per_square_meter", 1.5},
       {"lighting_kwh_per_square_meter", 1.0}}));
  ReferenceData ref;
  ref.add_room(Room{"Lausanne", "BC", "R1", "office", 100.0});
  const auto rows = run(30,
                        json{{"building_name", "BC"},
                             {"room_name", "R1"},
                             {"room_type", "office"},
                             {"room_allocation_ratio", nullptr},
                             {"primary_factor_id", 4}},
                        index, ref);
  REQUIRE(rows.size() == 6);
  CHECK(rows[3].kg_co2eq == 0.0);
  CHECK(rows[4].kg_co2eq == 0.0);
  CHECK(rows[5].kg_co2eq == Approx(35.0)); // not 65
}

TEST_CASE("emissions: §6 item 4, factor currency and unit in classification are ignored",
          "[emissions]") {
  FactorIndex index;
  index.add(emissions_factor(
      2, 40, 110102, {{"service_type", "compute"}, {"provider", "AWS"}, {"currency", "usd"}},
      {{"ef_kg_co2eq_per_currency", 0.5}}));
  const auto rows = run(40,
                        json{{"service_type", "compute"},
                             {"spent_amount", 10.0},
                             {"currency", "eur"},
                             {"primary_factor_id", 2}},
                        index);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].kg_co2eq == Approx(5.0)); // treated as EUR, no rate needed
  FactorIndex headcount;
  headcount.add(
      emissions_factor(1, 2, 10001, headcount_class("food", "vegetarian", "kg"), per_fte(10, 1)));
  const auto student = run(2, json{{"fte", 1.0}}, headcount);
  REQUIRE(student.size() == 1);
  CHECK(student[0].meta_json()["quantity_unit"].is_null());
}

TEST_CASE("emissions: §6 item 6, headcount root and intermediate factors never apply",
          "[emissions]") {
  FactorIndex index;
  index.add(emissions_factor(1, 1, 10000, headcount_class("food", "any", "kg"), per_fte(10, 1)));
  index.add(
      emissions_factor(2, 1, 20003, headcount_class("waste", "biogas", "kg"), per_fte(10, 1)));
  index.add(
      emissions_factor(3, 1, 20004, headcount_class("waste", "recycling", "kg"), per_fte(10, 1)));
  CHECK(run(1, json{{"fte", 1.0}}, index).empty());
  index.add(
      emissions_factor(4, 1, 2000302, headcount_class("waste", "biogas", "kg"), per_fte(10, 1)));
  CHECK(types_of(run(1, json{{"fte", 1.0}}, index)) == std::vector<int>{2000302});
}

TEST_CASE("emissions: §6 item 8, overlapping bands resolve alphabetically", "[emissions]") {
  FactorIndex index;
  auto band = [](double ef) {
    return json{{"ef_kg_co2eq_per_km", ef}, {"min_distance", 0.0}, {"max_distance", 10000.0}};
  };
  index.add(emissions_factor(1, 20, 50200, {{"category", "zulu"}, {"cabin_class", "economy"}},
                             band(1.0)));
  index.add(emissions_factor(2, 20, 50200, {{"category", "alpha"}, {"cabin_class", "economy"}},
                             band(2.0)));
  ReferenceData ref;
  ref.add_location(equator("plane:AAA", 0, "AAA"));
  ref.add_location(equator("plane:BBB", 5, "BBB"));
  const auto rows =
      run(20, json{{"origin_iata", "AAA"}, {"destination_iata", "BBB"}, {"cabin_class", "economy"}},
          index, ref);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].primary_factor_id == 2);
  CHECK(rows[0].kg_co2eq == Approx(100 * 2.0));
}

TEST_CASE("emissions: §6 item 9, room surface found by room name alone", "[emissions]") {
  FactorIndex index;
  index.add(
      emissions_factor(4, 30, 60100, {{"building_name", "B2"}, {"room_type", "office"}},
                       {{"ef_kg_co2eq_per_kwh", 1.0}, {"lighting_kwh_per_square_meter", 1.0}}));
  ReferenceData ref;
  ref.add_room(Room{"Lausanne", "B1", "001", "office", 10.0});
  ref.add_room(Room{"Geneva", "B2", "001", "office", 99.0});
  const auto rows = run(30,
                        json{{"building_name", "B2"},
                             {"room_name", "001"},
                             {"room_type", "office"},
                             {"primary_factor_id", 4}},
                        index, ref);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].kg_co2eq == Approx(10.0)); // B1's surface
}

TEST_CASE("emissions: Python rounding and distances", "[emissions]") {
  CHECK(seed::python_round(2.5) == 2);
  CHECK(seed::python_round(3.5) == 4);
  CHECK(seed::python_round(-2.5) == -2);
  CHECK(seed::python_round(50.70) == 51);
  CHECK(seed::python_round(61.199999999999996) == 61);
  const Location a = equator("a", 0), b = equator("b", 100);
  CHECK(seed::plane_distance_km(a, b) == 195);
  CHECK(seed::train_distance_km(a, b) == 120);
}

TEST_CASE("emissions: Meta::none gives the same rows without their meta text", "[emissions]") {
  FactorIndex index;
  index.add(emissions_factor(11, 1, 10001, headcount_class("food", "vegetarian", "kg"),
                             per_fte(100, 1.0)));
  index.add(emissions_factor(12, 1, 20001, headcount_class("waste", "incineration", "kg"),
                             per_fte(50, 0.5)));
  const json data{{"fte", 0.8}, {"name", "A"}};
  const auto with = seed::compute_emissions(1, data, year, index, ReferenceData{});
  const auto without =
      seed::compute_emissions(1, data, year, index, ReferenceData{}, seed::Meta::none);
  REQUIRE(with.size() == 3);
  REQUIRE(without.size() == with.size());
  for (std::size_t i = 0; i < with.size(); ++i) {
    CHECK(without[i].emission_type_id == with[i].emission_type_id);
    CHECK(without[i].primary_factor_id == with[i].primary_factor_id);
    CHECK(without[i].kg_co2eq == with[i].kg_co2eq);
    CHECK(without[i].additional_value == with[i].additional_value);
    CHECK(without[i].scope == with[i].scope);
    CHECK_FALSE(with[i].meta.empty());
  }
  CHECK(without[0].meta.empty());
}
