// Tests of the factor index (include/seed/rules/factors.hpp, src/rules/factors.cpp):
// the lookups of emissions.md §2.3-§2.4.
#include "seed/rules/factors.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace {

using nlohmann::json;
using seed::Factor;
using seed::FactorIndex;
using seed::FactorLink;
using Outcome = seed::FactorLink::Outcome;

Factor lookup_factor(int id, int entry_type, int emission_type, json classification, json values,
                     std::optional<int> year = 2025) {
  return Factor{id, emission_type, entry_type, std::move(classification), std::move(values), year};
}

std::vector<int> ids(const std::vector<const Factor *> &factors) {
  std::vector<int> out;
  for (const Factor *f : factors)
    out.push_back(f->id);
  return out;
}

} // namespace

TEST_CASE("factors: json_text reads like ->>", "[factors]") {
  const json c = json::parse(R"({"s":"AWS","n":40.0,"i":7,"z":null,"b":true})");
  CHECK(seed::json_text(c, "s") == "AWS");
  CHECK(seed::json_text(c, "n") == "40.0");
  CHECK(seed::json_text(c, "i") == "7");
  CHECK(seed::json_text(c, "b") == "true");
  CHECK_FALSE(seed::json_text(c, "z"));
  CHECK_FALSE(seed::json_text(c, "missing"));
  CHECK_FALSE(seed::json_text(json(nullptr), "s"));
}

TEST_CASE("factors: rows from database text", "[factors]") {
  FactorIndex index;
  index.add_row(7, 80200, 11, R"({"equipment_class": "Laptop", "sub_class": null})",
                R"({"active_power_w": 45.0})", 2024);
  index.add_row(8, 80200, 11, std::nullopt, std::nullopt, std::nullopt);
  REQUIRE(index.size() == 2);
  const Factor *f = index.by_id(7);
  REQUIRE(f != nullptr);
  CHECK(f->classification["equipment_class"] == "Laptop");
  CHECK(f->values["active_power_w"] == 45.0);
  CHECK(f->year == 2024);
  CHECK(index.by_id(8)->classification.is_null());
  CHECK_THROWS_AS(index.add_row(9, 1, 1, "{not json", "{}", 2024), std::invalid_argument);
  CHECK_THROWS_AS(index.add_row(10, 1, 1, "[1,2]", "{}", 2024), std::invalid_argument);
  CHECK_THROWS_AS(index.add_row(7, 1, 1, "{}", "{}", 2024), std::invalid_argument); // id twice
  CHECK(index.by_id(99) == nullptr);
}

TEST_CASE("factors: Strategy A checks the year, not the entry or emission type", "[factors]") {
  FactorIndex index;
  index.add(lookup_factor(1, 11, 80200, {{"equipment_class", "Laptop"}}, json::object(), 2024));
  index.add(
      lookup_factor(2, 11, 80200, {{"equipment_class", "Laptop"}}, json::object(), std::nullopt));
  CHECK(index.linked(1, 2024) == index.by_id(1));
  CHECK(index.linked(1, 2025) == nullptr);
  CHECK(index.linked(2, 2024) == nullptr); // NULL year never equals the report year
  CHECK(index.linked(3, 2024) == nullptr);
}

TEST_CASE("factors: headcount takes leaves under the root only (§6 item 6)", "[factors]") {
  FactorIndex index;
  index.add(lookup_factor(5, 1, 10002, json::object(), json::object()));
  index.add(lookup_factor(3, 1, 10001, json::object(), json::object()));
  index.add(lookup_factor(4, 1, 10000, json::object(), json::object())); // root: never used
  index.add(lookup_factor(6, 1, 20004, json::object(), json::object())); // intermediate: never used
  index.add(lookup_factor(7, 1, 2000401, json::object(), json::object())); // leaf under 20004
  index.add(lookup_factor(8, 2, 10001, json::object(), json::object()));   // student
  index.add(lookup_factor(9, 1, 10001, json::object(), json::object(), 2024));
  CHECK(ids(index.headcount(1, 2025, 10000)) == std::vector<int>{3, 5});
  CHECK(ids(index.headcount(1, 2025, 20000)) == std::vector<int>{7});
  CHECK(index.headcount(1, 2025, 30000).empty());
  CHECK(ids(index.headcount(2, 2025, 10000)) == std::vector<int>{8});
  CHECK(ids(index.headcount(1, 2024, 10000)) == std::vector<int>{9});
}

TEST_CASE("factors: plane bands sorted by name, first factor read per category", "[factors]") {
  FactorIndex index;
  auto band = [](double min, double max) {
    return json{{"ef_kg_co2eq_per_km", 0.1}, {"min_distance", min}, {"max_distance", max}};
  };
  index.add(lookup_factor(2, 20, 50200, {{"category", "short"}, {"cabin_class", "economy"}},
                          band(0, 1500)));
  // Overlaps "short" but sorts first: wins for distances in both (§6 item 8).
  index.add(lookup_factor(3, 20, 50200, {{"category", "long"}, {"cabin_class", "economy"}},
                          band(1000, 20000)));
  // Same category, larger id: its bounds are ignored.
  index.add(lookup_factor(4, 20, 50200, {{"category", "short"}, {"cabin_class", "business"}},
                          band(0, 99)));
  // Smaller id added later: the first row read is the smallest id.
  index.add(lookup_factor(1, 20, 50200, {{"category", "tiny"}, {"cabin_class", "economy"}},
                          json{{"max_distance", 300.0}}));
  const auto bands = index.haul_bands(2025);
  REQUIRE(bands.size() == 3);
  CHECK(bands[0].category == "long");
  CHECK(bands[1].category == "short");
  CHECK(*bands[1].max_distance == 1500);
  CHECK_FALSE(bands[2].min_distance); // open
  CHECK(index.haul_band(2025, 1200) == "long");
  CHECK(index.haul_band(2025, 999) == "short");
  CHECK(index.haul_band(2025, 1000) == "long");        // min inclusive
  CHECK(index.haul_band(2025, 20000) == std::nullopt); // max exclusive, no other band
  CHECK(index.haul_band(2025, 100) == "short");
  CHECK(index.haul_band(2024, 100) == std::nullopt);
  CHECK(ids(index.plane(2025, "short", "economy")) == std::vector<int>{2});
  CHECK(index.plane(2025, "short", "Economy").empty()); // exact
}

TEST_CASE("factors: train country with RoW fallback", "[factors]") {
  FactorIndex index;
  index.add(lookup_factor(1, 21, 50100, {{"country_code", "CH"}}, {{"ef_kg_co2eq_per_km", 0.007}}));
  index.add(lookup_factor(2, 21, 50100, {{"country_code", "RoW"}}, {{"ef_kg_co2eq_per_km", 0.03}}));
  CHECK(ids(index.train(2025, std::string("CH"))) == std::vector<int>{1});
  CHECK(ids(index.train(2025, std::string("FR"))) == std::vector<int>{2});
  CHECK(ids(index.train(2025, std::nullopt)) == std::vector<int>{2});
  CHECK(index.train(2024, std::string("CH")).empty());
}

TEST_CASE("factors: embodied energy with the default fallback", "[factors]") {
  FactorIndex index;
  index.add(
      lookup_factor(3, 32, 60300, {{"building_name", "default"}, {"category", "new-env"}}, {}));
  index.add(
      lookup_factor(2, 32, 60300, {{"building_name", "default"}, {"category", "new-tech"}}, {}));
  index.add(lookup_factor(5, 32, 60300, {{"building_name", "BC"}, {"category", "new-tech"}}, {}));
  CHECK(ids(index.embodied_energy(2025, std::string("BC"))) == std::vector<int>{5});
  CHECK(ids(index.embodied_energy(2025, std::string("XY"))) == std::vector<int>{2, 3});
  CHECK(ids(index.embodied_energy(2025, std::nullopt)) == std::vector<int>{2, 3});
}

TEST_CASE("factors: link by kind and subkind, then kind with null subkind", "[factors]") {
  FactorIndex index;
  index.add(
      lookup_factor(1, 11, 80200, {{"equipment_class", "Laptop"}, {"sub_class", nullptr}}, {}));
  index.add(lookup_factor(2, 11, 80200, {{"equipment_class", "Laptop"}, {"sub_class", "Pro"}}, {}));
  index.add(lookup_factor(3, 11, 80200,
                          {{"equipment_class", "Laptop"}, {"sub_class", "Pro"}, {"x", 1}}, {}));
  index.add(
      lookup_factor(4, 11, 80200, {{"equipment_class", "Server"}, {"sub_class", "Rack"}}, {}));
  auto link = [&](json data, int year = 2025) { return index.link(11, data, year); };

  CHECK(link({{"equipment_class", "Laptop"}, {"sub_class", "Pro"}}).factor_id == 2); // first read
  CHECK(link({{"equipment_class", "Laptop"}, {"sub_class", "Air"}}).factor_id == 1);
  CHECK(link({{"equipment_class", "Laptop"}, {"sub_class", nullptr}}).factor_id == 1);
  CHECK(link({{"equipment_class", "Laptop"}, {"sub_class", ""}}).factor_id == 1);
  const FactorLink miss = link({{"equipment_class", "Server"}, {"sub_class", "Tower"}});
  CHECK(miss.outcome == Outcome::no_match); // no (Server, null) row
  CHECK_FALSE(miss.factor_id);
  CHECK(link({{"equipment_class", "laptop"}}).outcome == Outcome::no_match); // exact case
  CHECK(link({{"equipment_class", "Laptop"}}, 2024).outcome == Outcome::no_match);
  CHECK(link({{"name", "Laptop"}}).outcome == Outcome::not_applicable); // no kind key
  CHECK(index.link(1, json{{"fte", 1.0}}, 2025).outcome == Outcome::not_applicable);
  CHECK(link({{"equipment_class", "Laptop"}}).outcome == Outcome::linked);
  // Key order of the payload does not matter.
  const auto ordered =
      nlohmann::ordered_json::parse(R"({"sub_class":"Pro","equipment_class":"Laptop"})");
  CHECK(index.link(11, ordered, 2025).factor_id == 2);
}

TEST_CASE("factors: link for handlers without subkind", "[factors]") {
  FactorIndex index;
  index.add(lookup_factor(1, 31, 60201, {{"unit", "kWh"}, {"name", "Natural gas"}}, {}));
  index.add(lookup_factor(
      2, 70, 100300, {{"researchfacility_id", "RF-1"}, {"researchfacility_name", "SCITAS"}}, {}));
  CHECK(index.link(31, json{{"name", "Natural gas"}}, 2025).factor_id == 1);
  CHECK(index.link(31, json{{"name", "natural gas"}}, 2025).outcome == Outcome::no_match);
  CHECK(index.link(70, json{{"researchfacility_id", "RF-1"}}, 2025).factor_id == 2);
}

TEST_CASE("factors: purchase factor choice (emissions.md §3.3 fixture)", "[factors]") {
  // purchases_common_factors_smoke.csv: 51100000 + LA05 -> 0.41; 51100000 alone
  // -> 0.455 (the row without additional code); 91111500 (only row has AA66) -> 0.21.
  FactorIndex index;
  auto row = [](const char *code, const char *additional) {
    return json{{"purchase_institutional_code", code},
                {"purchase_additional_code", additional ? json(additional) : json(nullptr)},
                {"currency", "eur"}};
  };
  index.add(
      lookup_factor(1, 60, 90200, row("51100000", "LA05"), {{"ef_kg_co2eq_per_currency", 0.41}}));
  index.add(
      lookup_factor(2, 60, 90200, row("51100000", nullptr), {{"ef_kg_co2eq_per_currency", 0.455}}));
  index.add(
      lookup_factor(3, 60, 90200, row("91111500", "AA66"), {{"ef_kg_co2eq_per_currency", 0.21}}));
  auto ef_of = [&](const json &data) {
    const FactorLink link = index.link(60, data, 2025);
    REQUIRE(link.outcome == Outcome::linked);
    return index.by_id(*link.factor_id)->values["ef_kg_co2eq_per_currency"].get<double>();
  };
  CHECK(ef_of({{"purchase_institutional_code", "51100000"},
               {"purchase_additional_code", "LA05"}}) == 0.41);
  CHECK(ef_of({{"purchase_institutional_code", "51100000"},
               {"purchase_additional_code", nullptr}}) == 0.455);
  CHECK(ef_of({{"purchase_institutional_code", "91111500"}}) == 0.21);
  // Unknown additional code: falls back to the institutional code.
  CHECK(ef_of({{"purchase_institutional_code", "51100000"},
               {"purchase_additional_code", "ZZ99"}}) == 0.455);
  CHECK(index.link(60, json{{"purchase_institutional_code", "00000000"}}, 2025).outcome ==
        Outcome::no_match);
  CHECK(index.link(60, json{{"purchase_institutional_code", ""}}, 2025).outcome == Outcome::error);
}

TEST_CASE("factors: purchase ambiguity is an error", "[factors]") {
  FactorIndex index;
  auto row = [](const char *code, const char *additional) {
    return json{{"purchase_institutional_code", code},
                {"purchase_additional_code", additional ? json(additional) : json(nullptr)},
                {"currency", "eur"}};
  };
  index.add(lookup_factor(1, 61, 90300, row("A", "X1"), {}));
  index.add(lookup_factor(2, 61, 90300, row("A", "X2"), {}));
  index.add(lookup_factor(3, 61, 90300, row("B", "X1"), {}));
  index.add(lookup_factor(4, 61, 90300, row("C", "X3"), {}));
  index.add(
      lookup_factor(5, 61, 90300, row("C", "X3"), json{{"v", 1}})); // same identity, other values
  // Several rows carry the institutional code, none without additional code.
  CHECK(index.link(61, json{{"purchase_institutional_code", "A"}}, 2025).outcome == Outcome::error);
  // Additional code shared by two codes: narrowed by the institutional code.
  CHECK(index
            .link(61,
                  json{{"purchase_institutional_code", "B"}, {"purchase_additional_code", "X1"}},
                  2025)
            .factor_id == 3);
  CHECK(index
            .link(61,
                  json{{"purchase_institutional_code", "Z"}, {"purchase_additional_code", "X1"}},
                  2025)
            .outcome == Outcome::error);
  CHECK(index
            .link(61,
                  json{{"purchase_institutional_code", "C"}, {"purchase_additional_code", "X3"}},
                  2025)
            .outcome == Outcome::error);
}

TEST_CASE("factors: classification values are distinct and in id order", "[factors]") {
  FactorIndex index;
  index.add(lookup_factor(2, 40, 110102, {{"service_type", "compute"}, {"provider", "AWS"}}, {}));
  index.add(
      lookup_factor(1, 40, 110101, {{"service_type", "virtualisation"}, {"provider", "AWS"}}, {}));
  index.add(
      lookup_factor(3, 40, 110102, {{"provider", "AWS"}, {"service_type", "compute"}}, {{"a", 1}}));
  index.add(
      lookup_factor(4, 40, 110102, {{"service_type", "compute"}, {"provider", "GCP"}}, {}, 2024));
  const auto values = index.classification_values(40, 2025);
  REQUIRE(values.size() == 2);
  CHECK(values[0]["service_type"] == "virtualisation");
  CHECK(values[1]["service_type"] == "compute");
  CHECK(index.classification_values(40, 2024).size() == 1);
  CHECK(index.classification_values(41, 2025).empty());
  CHECK(index.of_type(40, 2025).size() == 3);
}

TEST_CASE("factors: used_entry is the factors_used item, built once", "[factors]") {
  FactorIndex index;
  index.add(
      lookup_factor(7, 31, 60201, {{"name", "Natural gas"}}, {{"ef_kg_co2eq_per_unit", 0.2}}));
  CHECK(index.used_entry(*index.by_id(7)).dump() ==
        R"({"id":7,"values":{"ef_kg_co2eq_per_unit":0.2}})");
  const Factor outsider = lookup_factor(7, 31, 60201, json::object(), json::object());
  CHECK_THROWS_AS(index.used_entry(outsider), std::invalid_argument);
}

TEST_CASE("writes_factor_link: the entry types whose handler has a kind field", "[factors]") {
  CHECK_FALSE(seed::writes_factor_link(1));  // member
  CHECK_FALSE(seed::writes_factor_link(21)); // train
  CHECK(seed::writes_factor_link(10));       // scientific equipment
  CHECK(seed::writes_factor_link(60));       // purchases
}

TEST_CASE("FactorLink::stored_id: the id only when linked", "[factors]") {
  CHECK(FactorLink{Outcome::linked, 7, ""}.stored_id() == 7);
  CHECK_FALSE(FactorLink{Outcome::no_match, std::nullopt, ""}.stored_id());
  CHECK_FALSE(FactorLink{Outcome::error, 7, "ambiguous"}.stored_id());
  CHECK_FALSE(FactorLink{}.stored_id());
}
