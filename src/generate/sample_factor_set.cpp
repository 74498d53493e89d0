#include "seed/generate/sample_factor_set.hpp"

#include "seed/model/catalog.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>

namespace seed {
namespace {

using nlohmann::json;

// Electricity factor per year: invented values for 2023-2025 (those of the
// former hand-written sql/sample_factors.sql), a gentle trend outside them.
double electricity_ef(int year) {
  if (year == 2023)
    return 0.128;
  if (year == 2024)
    return 0.122;
  if (year == 2025)
    return 0.117;
  const double ef = year < 2023 ? 0.128 + 0.006 * (2023 - year) : 0.117 - 0.005 * (year - 2025);
  return std::round(std::max(ef, 0.06) * 1000) / 1000;
}

// An EmissionType by name (= path), as the headcount factor handler resolves
// category__class__subclass, then category__class, then category.
int emission_type_named(const std::string &name) {
  for (const auto &type : catalog::emission_types())
    if (type.name == name)
      return type.id;
  return 0;
}

int headcount_type(const std::string &category, const std::string &cls, const json &subclass) {
  if (subclass.is_string())
    if (const int id =
            emission_type_named(category + "__" + cls + "__" + subclass.get<std::string>()))
      return id;
  if (const int id = emission_type_named(category + "__" + cls))
    return id;
  return emission_type_named(category);
}

json opt(const char *text) {
  return text == nullptr ? json(nullptr) : json(text);
}

class Builder {
public:
  explicit Builder(int year) : year_(year) {}
  void add(int entry_type, int emission_type, json classification, json values) {
    if (emission_type == 0)
      throw std::logic_error("sample factor without an emission type");
    out_.push_back(
        Factor{0, emission_type, entry_type, std::move(classification), std::move(values), year_});
  }
  std::vector<Factor> take() { return std::move(out_); }

private:
  int year_;
  std::vector<Factor> out_;
};

void headcount(Builder &b) {
  struct Row {
    const char *category, *cls, *subclass, *unit;
    double member_per_fte, student_per_fte, ef;
  };
  static constexpr Row rows[] = {
      {"food", "vegetarian", nullptr, "kg", 55.0, 35.0, 2.1},
      {"food", "non_vegetarian", nullptr, "kg", 95.0, 60.0, 6.4},
      {"waste", "incineration", nullptr, "kg", 48.0, 20.0, 0.52},
      {"waste", "composting", nullptr, "kg", 9.0, 4.0, 0.11},
      {"waste", "biogas", "organic_waste_food_leftovers", "kg", 12.0, 6.0, 0.04},
      {"waste", "recycling", "paper", "kg", 16.0, 8.0, 0.021},
      {"waste", "recycling", "pet", "kg", 3.0, 2.0, 0.05},
      {"commuting", "walking", nullptr, "km", 120.0, 200.0, 0.0},
      {"commuting", "cycling", nullptr, "km", 650.0, 900.0, 0.006},
      {"commuting", "powered_two_wheeler", nullptr, "km", 250.0, 150.0, 0.11},
      {"commuting", "public_transport", nullptr, "km", 2600.0, 3100.0, 0.028},
      {"commuting", "car", nullptr, "km", 1900.0, 700.0, 0.186},
  };
  for (const int entry_type : {1, 2})
    for (const auto &r : rows) {
      const json classification{{"headcount_category", r.category},
                                {"headcount_class", r.cls},
                                {"headcount_subclass", opt(r.subclass)},
                                {"unit", r.unit}};
      const double per_fte = entry_type == 1 ? r.member_per_fte : r.student_per_fte;
      b.add(entry_type, headcount_type(r.category, r.cls, classification["headcount_subclass"]),
            classification,
            json{{"number_of_unit_per_fte", per_fte}, {"ef_kg_co2eq_per_unit", r.ef}});
    }
}

void equipment(Builder &b, int year) {
  struct Row {
    int entry_type;
    const char *cls, *sub_class;
    double active_w, standby_w, active_h, standby_h;
  };
  // Ten invented (equipment_class, sub_class) pairs.
  static constexpr Row rows[] = {
      {10, "Centrifuge", "Benchtop", 450.0, 15.0, 10.0, 20.0},
      {10, "Freezer",
       "-80\xC2\xB0"
       "C",
       700.0, 0.0, 168.0, 0.0},
      {10, "Microscope", "Confocal", 1200.0, 60.0, 20.0, 40.0},
      {10, "PCR machine", nullptr, 800.0, 10.0, 8.0, 20.0},
      {11, "Laptop", nullptr, 45.0, 2.0, 40.0, 60.0},
      {11, "Desktop", "Workstation", 250.0, 5.0, 40.0, 60.0},
      {11, "Server", "Rack", 400.0, 0.0, 168.0, 0.0},
      {11, "Monitor", nullptr, 30.0, 0.5, 40.0, 60.0},
      {12, "Coffee machine", nullptr, 1200.0, 2.0, 3.0, 40.0},
      {12, "Refrigerator", "Standard", 150.0, 0.0, 168.0, 0.0},
  };
  for (const auto &r : rows)
    b.add(r.entry_type, 80100 + (r.entry_type - 10) * 100,
          json{{"equipment_class", r.cls}, {"sub_class", opt(r.sub_class)}},
          json{{"active_power_w", r.active_w},
               {"standby_power_w", r.standby_w},
               {"active_usage_hours_per_week", r.active_h},
               {"standby_usage_hours_per_week", r.standby_h},
               {"ef_kg_co2eq_per_kwh", electricity_ef(year)}});
}

void travel(Builder &b) {
  struct Band {
    const char *category;
    double min, max, economy, business, first;
  };
  static constexpr Band bands[] = {
      {"very_short_haul", 0.0, 500.0, 0.23, 0.35, 0.46},
      {"short_to_medium_haul", 500.0, 3700.0, 0.155, 0.233, 0.31},
      {"medium_to_long_haul", 3700.0, 25000.0, 0.148, 0.429, 0.592},
  };
  for (const auto &band : bands)
    for (const auto &[cabin, ef] :
         {std::pair{"economy", band.economy}, std::pair{"business", band.business},
          std::pair{"first", band.first}})
      b.add(20, 50200, json{{"category", band.category}, {"cabin_class", cabin}},
            json{{"ef_kg_co2eq_per_km", ef},
                 {"rfi_adjustment", 1.9},
                 {"min_distance", band.min},
                 {"max_distance", band.max}});
  for (const auto &[country, ef] :
       {std::pair{"CH", 0.0068}, std::pair{"FR", 0.0039}, std::pair{"DE", 0.032},
        std::pair{"IT", 0.028}, std::pair{"AT", 0.0115}, std::pair{"RoW", 0.037}})
    b.add(21, 50100, json{{"country_code", country}}, json{{"ef_kg_co2eq_per_km", ef}});
}

void buildings(Builder &b, int year) {
  struct Room {
    const char *type;
    double heating, cooling, ventilation, lighting; // kWh/m2
  };
  static constexpr Room rooms[] = {
      {"office", 85.0, 12.0, 18.0, 22.0},      {"laboratories", 140.0, 45.0, 90.0, 30.0},
      {"archives", 60.0, 8.0, 10.0, 8.0},      {"libraries", 80.0, 15.0, 20.0, 25.0},
      {"auditoriums", 95.0, 25.0, 35.0, 20.0}, {"miscellaneous", 70.0, 5.0, 10.0, 12.0},
  };
  struct Building {
    const char *name, *energy_type;
    double scale, ef, conversion; // conversion 0 = key absent
  };
  const Building list[] = {
      {"Aurora Hall", "thermal", 1.0, 0.201, 0.0},
      {"Birch Hall", "electric", 0.85, electricity_ef(year), 0.33}, // heat pump
      {"Cedar Hall", "thermal", 1.15, 0.09, 0.0},                   // district heating
  };
  auto scaled = [](double v, double s) { return std::round(v * s * 10) / 10; };
  for (const auto &building : list)
    for (const auto &room : rooms) {
      json values{{"ef_kg_co2eq_per_kwh", building.ef},
                  {"heating_kwh_per_square_meter", scaled(room.heating, building.scale)},
                  {"cooling_kwh_per_square_meter", scaled(room.cooling, building.scale)},
                  {"ventilation_kwh_per_square_meter", scaled(room.ventilation, building.scale)},
                  {"lighting_kwh_per_square_meter", scaled(room.lighting, building.scale)},
                  {"energy_type", building.energy_type}};
      if (building.conversion != 0)
        values["conversion_factor"] = building.conversion;
      b.add(30, 60100, json{{"building_name", building.name}, {"room_type", room.type}}, values);
    }

  for (const auto &[name, type, ef] :
       {std::tuple{"Natural gas", 60201, 0.228}, std::tuple{"Heating oil", 60202, 0.301},
        std::tuple{"Biomethane", 60203, 0.045}, std::tuple{"Pellets", 60204, 0.031},
        std::tuple{"Forest chips", 60205, 0.018}, std::tuple{"Wood logs", 60206, 0.024}})
    b.add(31, type, json{{"unit", "kWh"}, {"name", name}}, json{{"ef_kg_co2eq_per_unit", ef}});

  for (const auto &[building, category, ef] :
       // kg CO2-eq per m2 and year: embodied carbon of ~500-900 kg/m2 written off over
       // ~60 years (docs/seed-data.md), split by category.
       {std::tuple{"default", "new-tech", 3.5}, std::tuple{"default", "new-env", 6.0},
        std::tuple{"default", "ren-tech", 2.0}, std::tuple{"default", "ren-env", 3.0},
        std::tuple{"default", "demolition", 0.5}, std::tuple{"Aurora Hall", "new-tech", 3.2},
        std::tuple{"Aurora Hall", "new-env", 5.5}})
    b.add(32, 60300, json{{"building_name", building}, {"category", category}},
          json{{"ef_kgco2eq_per_m2", ef}});
}

void cloud_and_ai(Builder &b) {
  struct Provider {
    const char *name;
    double virtualisation, compute, storage;
  };
  static constexpr Provider clouds[] = {
      {"AWS", 0.09, 0.12, 0.05},
      {"Azure", 0.10, 0.13, 0.06},
      {"GCP", 0.07, 0.10, 0.04},
      {"Infomaniak", 0.03, 0.04, 0.02},
  };
  for (const auto &p : clouds)
    for (const auto &[service, type, ef] :
         {std::tuple{"virtualisation", 110101, p.virtualisation},
          std::tuple{"compute", 110102, p.compute}, std::tuple{"storage", 110103, p.storage}})
      b.add(40, type, json{{"service_type", service}, {"provider", p.name}, {"currency", "eur"}},
            json{{"ef_kg_co2eq_per_currency", ef}});

  // Type from the provider lower-cased, spaces -> "_" (others -> 110206).
  for (const auto &[provider, type, ef] :
       {std::tuple{"Google", 110201, 1.6}, std::tuple{"Mistral AI", 110202, 1.2},
        std::tuple{"Anthropic", 110203, 2.4}, std::tuple{"OpenAI", 110204, 2.9},
        std::tuple{"Cohere", 110205, 1.4}, std::tuple{"Other", 110206, 3.0}})
    b.add(41, type, json{{"provider", provider}, {"usage_type", nullptr}},
          json{{"ef_kg_co2eq_per_request", ef}});
}

void process(Builder &b) {
  for (const auto &[category, subcategory, type, ef] :
       {std::tuple{"co2", static_cast<const char *>(nullptr), 70200, 1.0},
        std::tuple{"ch4", static_cast<const char *>(nullptr), 70100, 27.9},
        std::tuple{"n2o", static_cast<const char *>(nullptr), 70300, 273.0},
        std::tuple{"refrigerants", static_cast<const char *>(nullptr), 70400, 1500.0},
        std::tuple{"refrigerants", "R134a", 70400, 1430.0},
        std::tuple{"refrigerants", "R404A", 70400, 3922.0},
        std::tuple{"refrigerants", "R32", 70400, 675.0}})
    b.add(50, type, json{{"category", category}, {"subcategory", opt(subcategory)}, {"unit", "kg"}},
          json{{"ef_kg_co2eq_per_unit", ef}});
}

void purchases(Builder &b) {
  struct Row {
    int entry_type;
    const char *code, *additional, *label;
    double ef;
  };
  static constexpr Row rows[] = {
      {60, "41100000", nullptr, "purchases.laboratory_equipment", 0.41},
      {60, "41100000", "LA05", "purchases.laboratory_equipment", 0.38},
      {60, "41110000", nullptr, "purchases.measuring_instruments", 0.36},
      {61, "43211500", nullptr, "purchases.computers", 0.52},
      {61, "43211900", nullptr, "purchases.displays", 0.47},
      {62, "41120000", nullptr, "purchases.laboratory_supplies", 0.61},
      {62, "44120000", nullptr, "purchases.office_supplies", 0.45},
      {63, "12140000", nullptr, "purchases.gases", 0.78},
      {63, "12350000", nullptr, "purchases.chemicals", 0.93},
      {64, "80100000", nullptr, "purchases.management_services", 0.11},
      {64, "80100000", "SV12", "purchases.management_services", 0.09},
      {64, "81110000", nullptr, "purchases.it_services", 0.14},
      {64, "72150000", nullptr, "purchases.building_services", 0.19},
      {65, "25100000", nullptr, "purchases.motor_vehicles", 0.35},
      {65, "25170000", nullptr, "purchases.vehicle_parts", 0.42},
      {66, "56100000", nullptr, "purchases.furniture", 0.48},
      {66, "90100000", nullptr, "purchases.catering", 0.55},
  };
  for (const auto &r : rows)
    b.add(r.entry_type, 90200 + (r.entry_type - 60) * 100,
          json{{"purchase_institutional_code", r.code},
               {"purchase_additional_code", opt(r.additional)},
               {"currency", "eur"}},
          json{{"ef_kg_co2eq_per_currency", r.ef}, {"translation_key", r.label}});

  for (const auto &[name, type, ef] :
       {std::tuple{"ln2", 90901, 0.21}, std::tuple{"Liquid helium", 90900, 1.4},
        std::tuple{"Dry ice", 90900, 0.3}})
    b.add(67, type, json{{"name", name}}, json{{"ef_kg_co2eq_per_kg", ef}});
}

void research_facilities(Builder &b) {
  struct Facility {
    const char *id, *name, *unit;
    int emission_type; // scitas / rcp -> it facilities
    double total_use, kg_sum;
  };
  static constexpr Facility common[] = {
      {"RF-001", "SCITAS", "node_hours", 100300, 2500000.0, 310000.0},
      {"RF-002", "RCP", "core_hours", 100300, 1200000.0, 95000.0},
      {"RF-003", "Cryo-EM platform", "hours", 100100, 6000.0, 84000.0},
      {"RF-004", "Proteomics core", "samples", 100100, 15000.0, 42000.0},
  };
  for (const auto &f : common)
    b.add(70, f.emission_type,
          json{{"researchfacility_id", f.id}, {"researchfacility_name", f.name}},
          json{{"use_unit", f.unit}, {"total_use", f.total_use}, {"kg_co2eq_sum", f.kg_sum}});

  struct Animal {
    const char *id, *name, *type;
    int emission_type;
    double total_use, scale;
  };
  static constexpr Animal animals[] = {
      {"AF-001", "Mouse facility", "mice", 10020001, 180000.0, 1.0},
      {"AF-002", "Zebrafish facility", "fish", 10020002, 40000.0, 0.4},
      {"AF-003", "Small animal facility", nullptr, 100200, 25000.0, 0.25},
  };
  for (const auto &a : animals)
    b.add(71, a.emission_type,
          json{{"researchfacility_id", a.id},
               {"researchfacility_name", a.name},
               {"researchfacility_type", opt(a.type)}},
          json{{"processemissions_share", 0.05},
               {"building_energycombustions_share", 0.2},
               {"building_rooms_share", 0.3},
               {"purchases_common_share", 0.15},
               {"purchases_additional_share", 0.1},
               {"equipments_share", 0.2},
               {"kg_co2eq_sum_processemissions", std::round(12000.0 * a.scale)},
               {"kg_co2eq_sum_building_energycombustions", std::round(250000.0 * a.scale)},
               {"kg_co2eq_sum_building_rooms", std::round(180000.0 * a.scale)},
               {"kg_co2eq_sum_purchases_common", std::round(90000.0 * a.scale)},
               {"kg_co2eq_sum_purchases_additional", std::round(15000.0 * a.scale)},
               {"kg_co2eq_sum_equipments", std::round(60000.0 * a.scale)},
               {"use_unit", "cage_days"},
               {"total_use", a.total_use}});
}

} // namespace

std::vector<Factor> sample_factor_set(const std::vector<int> &years) {
  std::vector<Factor> all;
  for (const int year : years) {
    Builder b(year);
    headcount(b);
    equipment(b, year);
    travel(b);
    buildings(b, year);
    cloud_and_ai(b);
    process(b);
    purchases(b);
    research_facilities(b);
    auto rows = b.take();
    all.insert(all.end(), std::make_move_iterator(rows.begin()),
               std::make_move_iterator(rows.end()));
  }
  return all;
}

std::string sql_json_literal(const nlohmann::json &json) {
  // error_handler strict (the default): invalid UTF-8 throws rather than
  // being written out.
  const std::string text = json.dump();
  std::string out;
  out.reserve(text.size() + 2);
  out += '\'';
  for (const char c : text) {
    if (c == '\'')
      out += '\'';
    out += c;
  }
  out += '\'';
  return out;
}

std::string sample_factors_sql(const std::vector<int> &years) {
  std::string year_list;
  for (const int year : years)
    year_list += (year_list.empty() ? "" : ", ") + std::to_string(year);
  std::string out = fmt::format(
      "-- Sample factors OF OUR OWN INVENTION (plausible values, not real data) for all 23 entry\n"
      "-- types, years {}, in the application's canonical factor layout\n"
      "-- (emissions.md §2 and §5). One row per (entry type, year, emission type, "
      "classification);\n"
      "-- rows whose identity already exists in `factors` are skipped.\n"
      "--\n"
      "-- GENERATED from src/generate/sample_factor_set.cpp (seed::sample_factors_sql): do not "
      "edit by "
      "hand.\n"
      "-- Regenerate:  cmake --build build --target unit_tests && build/unit_tests "
      "'[.regenerate]'\n"
      "-- Load after sql/schema.sql:  psql -v ON_ERROR_STOP=1 -1 -f sql/sample_factors.sql "
      "\"$URL\"\n"
      "\n"
      "SET client_encoding = 'UTF8'; -- values contain non-ASCII text ('°')\n",
      year_list.empty() ? "(none)" : year_list);

  const auto factors = sample_factor_set(years);
  for (std::size_t i = 0; i < factors.size(); ++i) {
    const Factor &f = factors[i];
    const bool first = i == 0 || factors[i - 1].year != f.year;
    const bool last = i + 1 == factors.size() || factors[i + 1].year != f.year;
    if (first)
      out += fmt::format("\n-- {}\nINSERT INTO factors (emission_type_id, data_entry_type_id, "
                         "classification, \"values\", year) VALUES\n",
                         *f.year);
    out += fmt::format("    ({}, {}, {}, {}, {}){}\n", f.emission_type_id, f.data_entry_type_id,
                       sql_json_literal(f.classification), sql_json_literal(f.values), *f.year,
                       last ? "" : ",");
    if (last)
      out += "ON CONFLICT DO NOTHING;\n";
  }
  return out;
}

} // namespace seed
