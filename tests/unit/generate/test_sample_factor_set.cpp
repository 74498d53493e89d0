// Tests of the invented sample factor set (include/seed/generate/sample_factor_set.hpp,
// src/generate/sample_factor_set.cpp): coverage of the 23 entry types per year, the
// canonical shape of emissions.md §2.2, uq_factor_identity, that payloads
// drawn from its classification values resolve to emission rows, and the SQL
// rendering sample_factors_sql() with its generated copy sql/sample_factors.sql.
//
// Regenerate sql/sample_factors.sql (hidden test case):
//   cmake --build build --target unit_tests && build/unit_tests '[.regenerate]'
#include "seed/generate/sample_factor_set.hpp"

#include "seed/model/catalog.hpp"
#include "seed/rules/emissions.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace {

using nlohmann::json;
using seed::Factor;
using seed::FactorIndex;

const std::vector<int> years{2023, 2024, 2025};

// Classification keys and value keys of each factor handler (§2.2).
struct Shape {
  std::set<std::string> classification;
  std::set<std::string> values;
};

Shape shape_of(int entry_type) {
  switch (entry_type) {
  case 1:
  case 2:
    return {{"headcount_category", "headcount_class", "headcount_subclass", "unit"},
            {"number_of_unit_per_fte", "ef_kg_co2eq_per_unit"}};
  case 10:
  case 11:
  case 12:
    return {{"equipment_class", "sub_class"},
            {"active_power_w", "standby_power_w", "active_usage_hours_per_week",
             "standby_usage_hours_per_week", "ef_kg_co2eq_per_kwh"}};
  case 20:
    return {{"category", "cabin_class"},
            {"ef_kg_co2eq_per_km", "rfi_adjustment", "min_distance", "max_distance"}};
  case 21:
    return {{"country_code"}, {"ef_kg_co2eq_per_km"}};
  case 30:
    return {{"building_name", "room_type"},
            {"ef_kg_co2eq_per_kwh", "heating_kwh_per_square_meter", "cooling_kwh_per_square_meter",
             "ventilation_kwh_per_square_meter", "lighting_kwh_per_square_meter", "energy_type",
             "conversion_factor"}};
  case 31:
    return {{"unit", "name"}, {"ef_kg_co2eq_per_unit"}};
  case 32:
    return {{"building_name", "category"}, {"ef_kgco2eq_per_m2"}};
  case 40:
    return {{"service_type", "provider", "currency"}, {"ef_kg_co2eq_per_currency"}};
  case 41:
    return {{"provider", "usage_type"}, {"ef_kg_co2eq_per_request"}};
  case 50:
    return {{"category", "subcategory", "unit"}, {"ef_kg_co2eq_per_unit"}};
  case 67:
    return {{"name"}, {"ef_kg_co2eq_per_kg"}};
  case 70:
    return {{"researchfacility_id", "researchfacility_name"},
            {"use_unit", "kg_co2eq_sum", "total_use"}};
  case 71: {
    Shape s{{"researchfacility_id", "researchfacility_name", "researchfacility_type"},
            {"use_unit", "total_use"}};
    for (const char *source : {"processemissions", "building_energycombustions", "building_rooms",
                               "purchases_common", "purchases_additional", "equipments"}) {
      s.values.insert(std::string(source) + "_share");
      s.values.insert(std::string("kg_co2eq_sum_") + source);
    }
    return s;
  }
  default: // 60-66
    return {{"purchase_institutional_code", "purchase_additional_code", "currency"},
            {"ef_kg_co2eq_per_currency", "translation_key"}};
  }
}

// The emission types a factor of the entry type may carry.
bool right_subtree(int entry_type, int emission_type) {
  const auto &leaves = seed::catalog::entry_type(entry_type).emission_types;
  switch (entry_type) {
  case 1:
  case 2:
    return std::find(leaves.begin(), leaves.end(), emission_type) != leaves.end();
  case 20:
    return emission_type == 50200;
  case 21:
    return emission_type == 50100;
  case 30:
    return emission_type == 60100;
  case 31:
    return seed::catalog::emission_type_is_under(emission_type, 60200);
  case 41:
    return seed::catalog::emission_type_is_under(emission_type, 110200) && emission_type != 110200;
  case 67:
    return seed::catalog::emission_type_is_under(emission_type, 90900);
  case 70:
    return emission_type == 100100 || emission_type == 100300;
  case 71:
    return seed::catalog::emission_type_is_under(emission_type, 100200);
  default:
    return std::find(leaves.begin(), leaves.end(), emission_type) != leaves.end();
  }
}

FactorIndex index_of(const std::vector<Factor> &factors) {
  FactorIndex index;
  int id = 0;
  for (Factor f : factors) {
    f.id = ++id; // as the caller does when writing them
    index.add(std::move(f));
  }
  return index;
}

json text_or_null(const json &cls, const char *key) {
  return cls.contains(key) ? cls[key] : json(nullptr);
}

seed::Location on_equator(const std::string &key, const std::string &mode, double km,
                          std::optional<std::string> country, std::optional<std::string> iata) {
  return seed::Location{
      key, mode, key, std::move(country), std::move(iata), 0.0, km / 6371.0088 * 180.0 / M_PI};
}

// A payload a builder could draw from one classification object, plus the
// reference rows it needs.
json payload_for(int type, const json &cls, const FactorIndex &index, int year,
                 seed::ReferenceData &ref) {
  switch (type) {
  case 1:
  case 2:
    return {{"fte", 0.8}};
  case 10:
  case 11:
  case 12:
    return {{"equipment_class", cls["equipment_class"]},
            {"sub_class", cls["sub_class"]},
            {"active_usage_hours_per_week", 30},
            {"standby_usage_hours_per_week", 50}};
  case 20: {
    // Airports whose distance falls in the band of this category.
    for (const auto &band : index.haul_bands(year))
      if (band.category == cls["category"]) {
        const double lo = band.min_distance.value_or(0);
        const double hi = band.max_distance.value_or(lo + 2000);
        const double km = std::floor((lo + hi) / 2) - 95;
        const std::string code = "X" + std::to_string(static_cast<int>(km) % 100);
        ref.add_location(on_equator("plane:ORG", "plane", 0, std::nullopt, std::string("ORG")));
        ref.add_location(on_equator("plane:" + code + band.category, "plane", km, std::nullopt,
                                    code + band.category));
        return {{"origin_iata", "ORG"},
                {"destination_iata", code + band.category},
                {"cabin_class", cls["cabin_class"]},
                {"number_of_trips", 1}};
      }
    return json::object();
  }
  case 21: {
    const std::string country = cls["country_code"];
    const std::string c = country == "RoW" ? "JP" : country;
    ref.add_location(on_equator("train:a:" + c, "train", 0, c, std::nullopt));
    ref.add_location(on_equator("train:b:" + c, "train", 80, c, std::nullopt));
    return {{"origin_name", "a"},
            {"destination_name", "b"},
            {"cabin_class", "second"},
            {"origin_natural_key", "train:a:" + c},
            {"destination_natural_key", "train:b:" + c}};
  }
  case 30:
    ref.add_room(seed::Room{"", cls["building_name"], "R100", std::nullopt, 40.0});
    return {{"building_name", cls["building_name"]},
            {"room_name", "R100"},
            {"room_type", cls["room_type"]},
            {"room_allocation_ratio", 0.5}};
  case 31:
    return {{"name", cls["name"]}, {"quantity", 1200.0}};
  case 32:
    return {{"building_name", cls["building_name"]}, {"room_surface_square_meter", 250.0}};
  case 40:
    return {{"service_type", cls["service_type"]},
            {"provider", cls["provider"]},
            {"spent_amount", 300.0},
            {"currency", "eur"}};
  case 41:
    return {{"provider", cls["provider"]},
            {"usage_type", cls["usage_type"].is_null() ? json("chat") : cls["usage_type"]},
            {"requests_per_user_per_day", "20_100"},
            {"fte_count", 3.0}};
  case 50:
    return {{"category", cls["category"]}, {"subcategory", cls["subcategory"]}, {"quantity", 12.0}};
  case 67:
    return {
        {"name", cls["name"]}, {"unit", "kg"}, {"annual_consumption", 50.0}, {"coef_to_kg", 1.0}};
  case 70:
  case 71: {
    // use_unit lives in the factor's values, not in its classification.
    std::string unit;
    for (const Factor *f : index.of_type(type, year))
      if (f->classification == cls)
        unit = f->values["use_unit"];
    json p{{"researchfacility_id", cls["researchfacility_id"]},
           {"researchfacility_name", cls["researchfacility_name"]},
           {"use", 100.0},
           {"use_unit", unit}};
    if (type == 71)
      p["researchfacility_type"] = text_or_null(cls, "researchfacility_type").is_null()
                                       ? json("rat")
                                       : cls["researchfacility_type"];
    return p;
  }
  default: // 60-66
    return {{"name", "item"},
            {"total_spent_amount", 800.0},
            {"currency", "eur"},
            {"purchase_institutional_code", cls["purchase_institutional_code"]},
            {"purchase_additional_code", cls["purchase_additional_code"]}};
  }
}

const char *const regenerate_command =
    "cmake --build build --target unit_tests && build/unit_tests '[.regenerate]'";

std::string sample_sql_path() {
  return std::string(SEED_SOURCE_DIR) + "/sql/sample_factors.sql";
}

std::string read_file(const std::string &path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

std::vector<std::string> lines_of(const std::string &text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

// A tuple line of sample_factors_sql read back: "    (80100, 10, '<json>',
// '<json>', 2023)" with an optional trailing comma. Quotes of the SQL string
// literals are undoubled and the JSON parsed; nullopt when the line is not of
// that form.
std::optional<Factor> parse_tuple(const std::string &line) {
  std::size_t pos = 0;
  auto skip = [&](const std::string &text) {
    if (line.compare(pos, text.size(), text) != 0)
      return false;
    pos += text.size();
    return true;
  };
  auto number = [&]() -> std::optional<int> {
    const std::size_t start = pos;
    while (pos < line.size() && std::isdigit(static_cast<unsigned char>(line[pos])))
      ++pos;
    if (pos == start)
      return std::nullopt;
    return std::stoi(line.substr(start, pos - start));
  };
  auto literal = [&]() -> std::optional<json> {
    if (!skip("'"))
      return std::nullopt;
    std::string text;
    for (;;) {
      if (pos >= line.size())
        return std::nullopt;
      if (line[pos] == '\'') {
        if (pos + 1 < line.size() && line[pos + 1] == '\'') {
          text += '\'';
          pos += 2;
          continue;
        }
        ++pos;
        break;
      }
      text += line[pos++];
    }
    json parsed = json::parse(text, nullptr, false);
    if (parsed.is_discarded())
      return std::nullopt;
    return parsed;
  };
  Factor f;
  if (!skip("    ("))
    return std::nullopt;
  const auto emission_type = number();
  if (!emission_type || !skip(", "))
    return std::nullopt;
  const auto entry_type = number();
  if (!entry_type || !skip(", "))
    return std::nullopt;
  auto classification = literal();
  if (!classification || !skip(", "))
    return std::nullopt;
  auto values = literal();
  if (!values || !skip(", "))
    return std::nullopt;
  const auto year = number();
  if (!year || !skip(")"))
    return std::nullopt;
  skip(",");
  if (pos != line.size())
    return std::nullopt;
  return Factor{0,    *emission_type, *entry_type, std::move(*classification), std::move(*values),
                *year};
}

} // namespace

TEST_CASE("sample_factor_set: every entry type has factors for every year", "[sample_factor_set]") {
  const auto factors = seed::sample_factor_set(years);
  std::map<std::pair<int, int>, int> count;
  for (const auto &f : factors) {
    CHECK(f.id == 0);
    REQUIRE(f.year);
    ++count[{f.data_entry_type_id, *f.year}];
  }
  for (const auto &type : seed::catalog::entry_types())
    for (const int year : years) {
      INFO("entry type " << type.id << " year " << year);
      CHECK(count[{type.id, year}] >= 1);
    }
  CHECK(seed::sample_factor_set({}).empty());
  CHECK(seed::sample_factor_set({2030}).size() == factors.size() / 3);
}

TEST_CASE("sample_factor_set: emission types exist and lie in the right subtree",
          "[sample_factor_set]") {
  for (const auto &f : seed::sample_factor_set(years)) {
    INFO("entry type " << f.data_entry_type_id << " " << f.classification.dump());
    REQUIRE(seed::catalog::find_emission_type(f.emission_type_id) != nullptr);
    CHECK(right_subtree(f.data_entry_type_id, f.emission_type_id));
  }
}

TEST_CASE("sample_factor_set: canonical factor shape", "[sample_factor_set]") {
  for (const auto &f : seed::sample_factor_set(years)) {
    INFO("entry type " << f.data_entry_type_id << " " << f.classification.dump());
    const Shape shape = shape_of(f.data_entry_type_id);
    REQUIRE(f.classification.is_object());
    std::set<std::string> keys;
    for (const auto &[key, value] : f.classification.items()) {
      keys.insert(key);
      CHECK((value.is_string() || value.is_null())); // never converted to numbers
    }
    CHECK(keys == shape.classification);
    REQUIRE(f.values.is_object());
    for (const auto &[key, value] : f.values.items()) {
      CHECK(shape.values.count(key) == 1);
      const bool text_key = key == "energy_type" || key == "use_unit" || key == "translation_key";
      if (text_key)
        CHECK(value.is_string());
      else
        CHECK(value.is_number_float()); // floats, as CSV ingestion stores them
    }
  }
}

TEST_CASE("sample_factor_set: uq_factor_identity holds", "[sample_factor_set]") {
  std::set<std::tuple<int, int, int, std::string>> seen;
  for (const auto &f : seed::sample_factor_set(years))
    CHECK(seen.emplace(f.data_entry_type_id, *f.year, f.emission_type_id, f.classification.dump())
              .second);
}

TEST_CASE("sample_factor_set: payloads drawn from classification values resolve",
          "[sample_factor_set]") {
  const FactorIndex index = index_of(seed::sample_factor_set(years));
  for (const int year : years)
    for (const auto &type : seed::catalog::entry_types()) {
      const auto classifications = index.classification_values(type.id, year);
      REQUIRE_FALSE(classifications.empty());
      for (const auto &cls : classifications) {
        INFO("entry type " << type.id << " year " << year << " " << cls.dump());
        seed::ReferenceData ref;
        json payload = payload_for(type.id, cls, index, year, ref);
        const seed::FactorLink link = index.link(type.id, payload, year);
        if (!seed::kind_fields(type.id).kind.empty() && type.id != 20) {
          REQUIRE(link.outcome == seed::FactorLink::Outcome::linked);
          payload["primary_factor_id"] = *link.factor_id;
        }
        const auto rows = seed::compute_emissions(type.id, payload, year, index, ref);
        CHECK(rows.size() >= 1);
        for (const auto &row : rows)
          CHECK(row.kg_co2eq >= 0);
      }
    }
}

TEST_CASE("sample_factors_sql: sql/sample_factors.sql is sample_factors_sql({2023, 2024, 2025})",
          "[sample_factor_set]") {
  const std::string file = read_file(sample_sql_path());
  const std::string expected = seed::sample_factors_sql({2023, 2024, 2025});
  if (file == expected) {
    SUCCEED();
    return;
  }
  // Say where, without printing both texts whole.
  const auto have = lines_of(file), want = lines_of(expected);
  std::size_t line = 0;
  while (line < have.size() && line < want.size() && have[line] == want[line])
    ++line;
  FAIL("sql/sample_factors.sql is out of date: it is generated from "
       "src/generate/sample_factor_set.cpp.\n"
       "Regenerate it with:  "
       << regenerate_command << "\nfirst difference at line " << line + 1
       << ":\n  file:     " << (line < have.size() ? have[line] : "<end of file>")
       << "\n  expected: " << (line < want.size() ? want[line] : "<end of text>"));
}

TEST_CASE("sample_factors_sql: regenerate sql/sample_factors.sql", "[.regenerate]") {
  const std::string text = seed::sample_factors_sql({2023, 2024, 2025});
  {
    std::ofstream file(sample_sql_path(), std::ios::binary | std::ios::trunc);
    REQUIRE(file.good());
    file << text;
    file.close();
    REQUIRE_FALSE(file.fail());
  }
  CHECK(read_file(sample_sql_path()) == text);
  WARN("wrote " << sample_sql_path() << " (" << text.size() << " bytes)");
}

TEST_CASE("sample_factors_sql: one tuple per factor, in order, that reads back as the factor",
          "[sample_factor_set]") {
  for (const auto &ys : {years, std::vector<int>{2030, 2019}, std::vector<int>{2024}}) {
    const auto factors = seed::sample_factor_set(ys);
    std::vector<Factor> parsed;
    for (const auto &line : lines_of(seed::sample_factors_sql(ys)))
      if (line.rfind("    (", 0) == 0) {
        INFO(line);
        const auto f = parse_tuple(line);
        REQUIRE(f);
        parsed.push_back(*f);
      }
    REQUIRE(parsed.size() == factors.size());
    for (std::size_t i = 0; i < factors.size(); ++i) {
      INFO("row " << i << " " << factors[i].classification.dump());
      CHECK(parsed[i].emission_type_id == factors[i].emission_type_id);
      CHECK(parsed[i].data_entry_type_id == factors[i].data_entry_type_id);
      CHECK(parsed[i].classification == factors[i].classification);
      CHECK(parsed[i].values == factors[i].values);
      CHECK(parsed[i].year == factors[i].year);
    }
  }
}

TEST_CASE("sample_factors_sql: statements", "[sample_factor_set]") {
  const std::vector<int> ys{2030, 2019};
  const std::string sql = seed::sample_factors_sql(ys);
  const auto lines = lines_of(sql);
  REQUIRE_FALSE(lines.empty());
  CHECK(lines.front().rfind("-- ", 0) == 0); // the header comment first
  CHECK(sql.find("do not edit") != std::string::npos);
  CHECK(sql.find(regenerate_command) != std::string::npos);
  CHECK(sql.find("psql -v ON_ERROR_STOP=1 -1 -f sql/sample_factors.sql \"$URL\"") !=
        std::string::npos);

  // Only SET, INSERT ... VALUES, tuples and ON CONFLICT DO NOTHING: no
  // transaction control, no psql meta-commands.
  int set = 0, inserts = 0, conflicts = 0, tuples = 0;
  std::vector<int> insert_years; // from the "-- <year>" comment before each INSERT
  std::string previous;
  for (const auto &line : lines) {
    INFO(line);
    if (line.empty() || line.rfind("--", 0) == 0) {
      previous = line;
      continue;
    }
    if (line.rfind("SET client_encoding = 'UTF8';", 0) == 0) {
      ++set;
      CHECK(inserts == 0);
    } else if (line == "INSERT INTO factors (emission_type_id, data_entry_type_id, classification, "
                       "\"values\", year) VALUES") {
      ++inserts;
      REQUIRE(previous.rfind("-- ", 0) == 0);
      insert_years.push_back(std::stoi(previous.substr(3)));
    } else if (line == "ON CONFLICT DO NOTHING;") {
      ++conflicts;
      CHECK(previous.back() == ')'); // the last tuple has no comma
      CHECK(conflicts == inserts);
    } else {
      REQUIRE(line.rfind("    (", 0) == 0);
      const auto f = parse_tuple(line);
      REQUIRE(f);
      ++tuples;
      REQUIRE_FALSE(insert_years.empty());
      CHECK(f->year == insert_years.back()); // each INSERT holds one year
      CHECK(conflicts == inserts - 1);
    }
    previous = line;
  }
  CHECK(set == 1);
  CHECK(insert_years == ys);
  CHECK(conflicts == inserts);
  CHECK(tuples == static_cast<int>(seed::sample_factor_set(ys).size()));
  CHECK(sql.find('\\') == std::string::npos);
  for (const char *word : {"BEGIN", "COMMIT", "ROLLBACK", "START TRANSACTION"})
    CHECK(sql.find(word) == std::string::npos);

  // Non-ASCII kept as UTF-8, not escaped.
  CHECK(sql.find("-80\xC2\xB0"
                 "C") != std::string::npos);
  CHECK(sql.find("\\u00b0") == std::string::npos);

  // No years, no INSERT.
  const std::string none = seed::sample_factors_sql({});
  CHECK(none.find("SET client_encoding") != std::string::npos);
  CHECK(none.find("INSERT") == std::string::npos);
}

TEST_CASE("sql_json_literal: compact JSON in single quotes, quotes doubled",
          "[sample_factor_set]") {
  CHECK(seed::sql_json_literal(json{{"name", "O'Brien"}, {"sub_class", nullptr}}) ==
        R"('{"name":"O''Brien","sub_class":null}')");
  CHECK(seed::sql_json_literal(json("''")) == R"('"''''"')");
  CHECK(seed::sql_json_literal(json{{"ef", 0.5}, {"w", 450.0}}) == R"('{"ef":0.5,"w":450.0}')");
  CHECK(seed::sql_json_literal(json{{"sub_class", "-80\xC2\xB0"
                                                  "C"}}) == "'{\"sub_class\":\"-80\xC2\xB0"
                                                            "C\"}'");
}
