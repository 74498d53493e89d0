// seed/run_inputs.hpp: the buildings the factors name (factor_buildings) and
// the bundled inputs of a run without a database (sample factors with ids
// from 1, equipment pool, built-in reference rows, factor pool).
#include "seed/generate/run_inputs.hpp"

#include "seed/generate/reference_rows.hpp"
#include "seed/generate/sample_factor_set.hpp"
#include "seed/model/catalog.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

using namespace seed;
using nlohmann::json;

namespace {

Factor building_factor(int id, int data_entry_type_id, int year, json building_name) {
  Factor f;
  f.id = id;
  f.data_entry_type_id = data_entry_type_id;
  f.emission_type_id = data_entry_type_id == 32 ? 60300 : 60100;
  f.classification = json{{"building_name", std::move(building_name)}, {"room_type", "office"}};
  f.year = year;
  return f;
}

bool same_factor(const Factor &a, const Factor &b) {
  return a.id == b.id && a.emission_type_id == b.emission_type_id &&
         a.data_entry_type_id == b.data_entry_type_id && a.classification == b.classification &&
         a.values == b.values && a.year == b.year;
}

bool same_location(const Location &a, const Location &b) {
  return a.natural_key == b.natural_key && a.transport_mode == b.transport_mode &&
         a.name == b.name && a.country_code == b.country_code && a.iata_code == b.iata_code &&
         a.latitude == b.latitude && a.longitude == b.longitude &&
         a.municipality == b.municipality && a.continent == b.continent;
}

bool same_room(const Room &a, const Room &b) {
  return a.building_location == b.building_location && a.building_name == b.building_name &&
         a.room_name == b.room_name && a.room_type == b.room_type &&
         a.surface_square_meter == b.surface_square_meter;
}

template <class T, class Same>
void check_same_list(const std::vector<T> &actual, const std::vector<T> &expected, Same same) {
  REQUIRE(actual.size() == expected.size());
  for (std::size_t i = 0; i < actual.size(); ++i) {
    INFO("item " << i);
    CHECK(same(actual[i], expected[i]));
  }
}

std::vector<int> all_entry_type_ids() {
  std::vector<int> ids;
  for (const auto &type : catalog::entry_types())
    ids.push_back(type.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

} // namespace

// --- factor_buildings ---

TEST_CASE("run_inputs: factor_buildings of no factors is empty", "[run_inputs]") {
  const FactorIndex none;
  CHECK(factor_buildings(none, {2024}).empty());
  FactorIndex some;
  some.add(building_factor(1, 30, 2024, "Alpha Hall"));
  CHECK(factor_buildings(some, {}).empty());
}

TEST_CASE("run_inputs: factor_buildings in first-seen order, each once", "[run_inputs]") {
  FactorIndex index;
  index.add(building_factor(1, 30, 2024, "Zeta Hall"));
  index.add(building_factor(2, 30, 2024, "Alpha Hall"));
  index.add(building_factor(3, 30, 2024, "Zeta Hall"));  // duplicate
  index.add(building_factor(4, 32, 2024, "Alpha Hall")); // duplicate across types
  index.add(building_factor(5, 32, 2024, "Mu Hall"));
  CHECK(factor_buildings(index, {2024}) ==
        std::vector<std::string>{"Zeta Hall", "Alpha Hall", "Mu Hall"});
}

TEST_CASE("run_inputs: factor_buildings skips the embodied `default` fallback", "[run_inputs]") {
  FactorIndex index;
  index.add(building_factor(1, 32, 2024, "default"));
  index.add(building_factor(2, 32, 2024, "Beta Hall"));
  index.add(building_factor(3, 30, 2024, "default")); // not a building either
  CHECK(factor_buildings(index, {2024}) == std::vector<std::string>{"Beta Hall"});

  FactorIndex only_default;
  only_default.add(building_factor(1, 32, 2024, "default"));
  CHECK(factor_buildings(only_default, {2024}).empty());
}

TEST_CASE("run_inputs: factor_buildings reads entry types 30 and 32 only", "[run_inputs]") {
  FactorIndex index;
  // Other entry types carrying a building_name key are not buildings.
  index.add(building_factor(1, 31, 2024, "Combustion Hall"));
  index.add(building_factor(2, 10, 2024, "Equipment Hall"));
  index.add(building_factor(3, 70, 2024, "Facility Hall"));
  index.add(building_factor(4, 32, 2024, "Embodied Hall"));
  index.add(building_factor(5, 30, 2024, "Room Hall"));
  const auto names = factor_buildings(index, {2024});
  CHECK(std::set<std::string>(names.begin(), names.end()) ==
        std::set<std::string>{"Embodied Hall", "Room Hall"});
  CHECK(names.size() == 2);
}

TEST_CASE("run_inputs: factor_buildings skips a null or missing building_name", "[run_inputs]") {
  FactorIndex index;
  index.add(building_factor(1, 30, 2024, nullptr));
  Factor missing = building_factor(2, 32, 2024, "x");
  missing.classification = json{{"category", "new-tech"}};
  index.add(missing);
  Factor null_classification = building_factor(3, 30, 2024, "x");
  null_classification.classification = nullptr;
  index.add(null_classification);
  index.add(building_factor(4, 30, 2024, "Kept Hall"));
  CHECK(factor_buildings(index, {2024}) == std::vector<std::string>{"Kept Hall"});
}

TEST_CASE("run_inputs: factor_buildings reads the given years only, in their order",
          "[run_inputs]") {
  FactorIndex index;
  index.add(building_factor(1, 30, 2023, "Old Hall"));
  index.add(building_factor(2, 30, 2024, "Mid Hall"));
  index.add(building_factor(3, 30, 2025, "New Hall"));
  CHECK(factor_buildings(index, {2024}) == std::vector<std::string>{"Mid Hall"});
  CHECK(factor_buildings(index, {2025, 2023}) == std::vector<std::string>{"New Hall", "Old Hall"});
  CHECK(factor_buildings(index, {2022}).empty());
}

TEST_CASE("run_inputs: factor_buildings of the sample set", "[run_inputs]") {
  const std::vector<int> years{2023, 2024, 2025};
  FactorIndex index;
  int id = 0;
  // Expected: the building names of entry types 30 and 32, default excluded,
  // in the order of the set (its building rows come before its embodied rows).
  std::vector<std::string> expected;
  for (auto f : sample_factor_set(years)) {
    f.id = ++id;
    if (f.data_entry_type_id == 30 || f.data_entry_type_id == 32) {
      const auto name = f.classification.at("building_name").get<std::string>();
      if (name != "default" && std::find(expected.begin(), expected.end(), name) == expected.end())
        expected.push_back(name);
    }
    index.add(f);
  }
  REQUIRE_FALSE(expected.empty());
  CHECK(factor_buildings(index, years) == expected);
}

// --- BundledInputs ---

TEST_CASE("run_inputs: BundledInputs is neither copyable nor movable", "[run_inputs]") {
  STATIC_REQUIRE_FALSE(std::is_copy_constructible_v<BundledInputs>);
  STATIC_REQUIRE_FALSE(std::is_copy_assignable_v<BundledInputs>);
  STATIC_REQUIRE_FALSE(std::is_move_constructible_v<BundledInputs>);
  STATIC_REQUIRE_FALSE(std::is_move_assignable_v<BundledInputs>);
}

TEST_CASE("run_inputs: BundledInputs factors are the sample set with ids 1..N", "[run_inputs]") {
  for (const std::vector<int> &years : {std::vector<int>{2024}, std::vector<int>{2025, 2023}}) {
    const BundledInputs inputs(years);
    auto expected = sample_factor_set(years);
    REQUIRE_FALSE(expected.empty());
    for (std::size_t i = 0; i < expected.size(); ++i)
      expected[i].id = static_cast<int>(i) + 1;
    check_same_list(inputs.rows.factors, expected, same_factor);

    // Every factor is in the index, by id, in the same order.
    REQUIRE(inputs.factors.size() == expected.size());
    check_same_list(inputs.factors.all(), expected, same_factor);
    for (const auto &f : expected) {
      INFO("factor " << f.id);
      const Factor *found = inputs.factors.by_id(f.id);
      REQUIRE(found != nullptr);
      CHECK(same_factor(*found, f));
    }
    CHECK(inputs.factors.by_id(0) == nullptr);
    CHECK(inputs.factors.by_id(static_cast<int>(expected.size()) + 1) == nullptr);
  }
}

TEST_CASE("run_inputs: BundledInputs equipment pool holds the equipment factors", "[run_inputs]") {
  const BundledInputs inputs({2024});
  REQUIRE_FALSE(inputs.equipment_pool.empty());
  std::size_t distinct = 0;
  std::vector<EquipmentClass> every;
  for (const int type : {10, 11, 12}) {
    INFO("entry type " << type);
    std::vector<EquipmentClass> expected;
    for (const auto &f : inputs.rows.factors)
      if (f.data_entry_type_id == type) {
        EquipmentClass pair{f.classification.at("equipment_class").get<std::string>(),
                            std::nullopt};
        if (f.classification.at("sub_class").is_string())
          pair.sub_class = f.classification.at("sub_class").get<std::string>();
        if (std::find(expected.begin(), expected.end(), pair) == expected.end())
          expected.push_back(pair);
      }
    REQUIRE_FALSE(expected.empty());
    CHECK(inputs.equipment_pool.for_entry_type(type) == expected);
    distinct += expected.size();
    every.insert(every.end(), expected.begin(), expected.end());
  }
  CHECK(inputs.equipment_pool.size() == distinct);
  // A type without equipment factors draws from all of them.
  CHECK(inputs.equipment_pool.for_entry_type(60) == every);
}

TEST_CASE("run_inputs: BundledInputs reference rows: built-in locations, rooms of the factor "
          "buildings",
          "[run_inputs]") {
  const std::vector<int> years{2024};
  const BundledInputs inputs(years);
  check_same_list(inputs.rows.locations, builtin_locations(), same_location);
  const auto buildings = factor_buildings(inputs.factors, years);
  REQUIRE_FALSE(buildings.empty());
  check_same_list(inputs.rows.rooms, builtin_rooms(buildings), same_room);

  // Rooms exist for exactly the factor buildings.
  std::set<std::string> room_buildings;
  for (const auto &room : inputs.rows.rooms)
    room_buildings.insert(room.building_name);
  CHECK(room_buildings == std::set<std::string>(buildings.begin(), buildings.end()));
}

TEST_CASE("run_inputs: BundledInputs reference holds the rows it writes", "[run_inputs]") {
  const BundledInputs inputs({2024});
  const auto &reference = inputs.reference;
  CHECK(reference.has_locations());
  CHECK(reference.has_rooms());

  std::vector<Location> planes, trains;
  std::set<std::string> iata_seen;
  for (const auto &l : inputs.rows.locations) {
    INFO(l.natural_key);
    const Location *found = reference.by_natural_key(l.natural_key);
    REQUIRE(found != nullptr);
    CHECK(same_location(*found, l));
    if (l.transport_mode == "plane" && l.iata_code && !l.iata_code->empty() &&
        iata_seen.insert(*l.iata_code).second)
      planes.push_back(l);
    if (l.transport_mode == "train")
      trains.push_back(l);
  }
  REQUIRE(planes.size() >= 2);
  REQUIRE(trains.size() >= 2);
  check_same_list(reference.airports(), planes, same_location);
  check_same_list(reference.stations(), trains, same_location);
  check_same_list(reference.rooms(), inputs.rows.rooms, same_room);
  for (const auto &room : inputs.rows.rooms) {
    INFO(room.room_name);
    CHECK(reference.room_surface(room.room_name) == room.surface_square_meter);
  }
}

TEST_CASE("run_inputs: BundledInputs factor pool is the factors of the years", "[run_inputs]") {
  const std::vector<int> years{2023, 2025};
  const BundledInputs inputs(years);
  const auto all_types = all_entry_type_ids();
  CHECK_FALSE(inputs.factor_pool.empty());
  for (const int year : years) {
    INFO("year " << year);
    CHECK(inputs.factor_pool.entry_types(year) == all_types);
    for (const int type : all_types) {
      INFO("entry type " << type);
      const auto &pooled = inputs.factor_pool.of(type, year);
      const auto indexed = inputs.factors.of_type(type, year);
      CHECK(pooled == indexed); // the same factors of the index, in id order
      REQUIRE_FALSE(pooled.empty());
      for (const Factor *f : pooled) {
        CHECK(f->data_entry_type_id == type);
        CHECK(f->year == year);
        CHECK(f == inputs.factors.by_id(f->id));
      }
    }
  }
  CHECK(inputs.factor_pool.entry_types(2024).empty());
}

TEST_CASE("run_inputs: BundledInputs of no years: no factors, no rooms, built-in locations",
          "[run_inputs]") {
  const BundledInputs inputs({});
  CHECK(inputs.factors.empty());
  CHECK(inputs.rows.factors.empty());
  CHECK(inputs.equipment_pool.empty());
  CHECK(inputs.factor_pool.empty());
  CHECK(inputs.rows.rooms.empty());
  CHECK_FALSE(inputs.reference.has_rooms());
  CHECK(inputs.rows.locations.size() == builtin_locations().size());
  CHECK(inputs.reference.has_locations());
}

TEST_CASE("run_inputs: attach points the context's inputs at the bundle", "[run_inputs]") {
  const BundledInputs inputs({2024});
  const Plan plan = Plan::make(Options{});
  rows::RunContext context;
  context.plan = &plan;
  context.ids.entry = 41;
  context.now_utc = "2025-01-02 03:04:05.000006";
  context.formula_version = "v1";
  bool tampered = false;
  context.tamper = [&](int, dto::Payload &) { tampered = true; };

  inputs.attach(context);
  CHECK(context.equipment_pool == &inputs.equipment_pool);
  CHECK(context.factors == &inputs.factors);
  CHECK(context.factor_pool == &inputs.factor_pool);
  CHECK(context.reference == &inputs.reference);
  // Not its plan, ids, clock, version or hook.
  CHECK(context.plan == &plan);
  CHECK(context.ids.entry == 41);
  CHECK(context.now_utc == "2025-01-02 03:04:05.000006");
  CHECK(context.formula_version == "v1");
  REQUIRE(context.tamper);
  dto::Payload payload = dto::HeadCountStudentCreate{0.5};
  context.tamper(1, payload);
  CHECK(tampered);

  // Attaching replaces whatever the context pointed at before.
  const BundledInputs other({2025});
  other.attach(context);
  CHECK(context.factors == &other.factors);
  CHECK(context.factor_pool == &other.factor_pool);
  CHECK(context.reference == &other.reference);
  CHECK(context.equipment_pool == &other.equipment_pool);
}
