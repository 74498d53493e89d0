// seed/builders.hpp: the seed document's regression net in C++ (every
// builder's payloads validate, every reachable entry type has a DTO and a
// builder), plus the rules §7 asks for: dates inside the report year, real
// airports and stations, users of the entry's own unit, the factor pool; and
// computed emissions (emissions.md §2.3): with a factor pool, payloads link to
// a factor of their type and year and carry what the formulas read.
#include "seed/generate/builders.hpp"
#include "seed/generate/fake.hpp"
#include "seed/generate/run_inputs.hpp"
#include "seed/model/catalog.hpp"
#include "seed/model/naming.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

using namespace seed;
using namespace seed::builders;

namespace {

BuildContext context_for(int year, const EquipmentPool *pool = nullptr) {
  BuildContext context;
  context.year = year;
  context.first_user_number = 100;
  context.user_count = 7;
  context.equipment_pool = pool;
  return context;
}

template <class Payload> const Payload &as(const dto::Payload &payload) {
  return std::get<Payload>(payload);
}

std::set<std::string> unit_user_ids(const BuildContext &context) {
  std::set<std::string> ids;
  for (auto n = context.first_user_number; n < context.first_user_number + context.user_count; ++n)
    ids.insert(naming::user_institutional_id(n));
  return ids;
}

} // namespace

TEST_CASE("50 payloads of every entry type's builder validate against its DTO", "[builders]") {
  const auto context = context_for(2024);
  for (const auto &type : catalog::entry_types()) {
    for (std::uint64_t i = 0; i < 50; ++i) {
      auto rng = Rng::keyed(2024, Stream::entries, i);
      const auto payload = build(type.id, rng, context);
      INFO(type.name << " #" << i << ": " << dto::to_json(payload).dump());
      CHECK(dto::kind_of(payload) == type.dto);
      CHECK(dto::validate(payload).empty());
      std::string text;
      dto::write_json(payload, text);
      CHECK(text == dto::to_json(payload).dump());
    }
  }
}

TEST_CASE("every reachable entry type has a DTO and every DTO a builder", "[builders][catalog]") {
  std::set<int> reachable;
  for (const auto &module : catalog::modules())
    reachable.insert(module.entry_type_ids.begin(), module.entry_type_ids.end());
  CHECK(reachable.size() == 23);
  std::set<dto::DtoKind> kinds_built;
  const auto context = context_for(2023);
  for (int id : reachable) {
    INFO("entry type " << id);
    const auto &type = catalog::entry_type(id); // throws if unmapped
    auto rng = Rng(static_cast<std::uint64_t>(id));
    kinds_built.insert(dto::kind_of(build(id, rng, context)));
    CHECK(dto::kind_of(build(id, rng, context)) == type.dto);
  }
  CHECK(kinds_built.size() == dto::dto_kind_count);
}

TEST_CASE("builders are deterministic", "[builders]") {
  const auto context = context_for(2025);
  for (const auto &type : catalog::entry_types()) {
    auto a = Rng::keyed(5, Stream::entries, 17);
    auto b = Rng::keyed(5, Stream::entries, 17);
    CHECK(dto::to_json(build(type.id, a, context)) == dto::to_json(build(type.id, b, context)));
  }
}

TEST_CASE("travel payloads: dates in the report year, real places, users of the unit",
          "[builders]") {
  std::set<std::string_view> iata, stations;
  for (const auto &airport : fake::airports())
    iata.insert(airport.iata);
  std::map<std::string_view, std::string_view> station_country;
  for (const auto &station : fake::stations())
    station_country[station.name] = station.country_code;

  for (int year : {2023, 2024}) {
    const auto context = context_for(year);
    const auto users = unit_user_ids(context);
    for (std::uint64_t i = 0; i < 300; ++i) {
      auto rng = Rng::keyed(year, Stream::entries, i);
      const auto plane = build_plane_travel(rng, context);
      CHECK(plane.departure_date->substr(0, 5) == std::to_string(year) + "-");
      CHECK(iata.count(plane.origin_iata) == 1);
      CHECK(iata.count(plane.destination_iata) == 1);
      CHECK(plane.origin_iata != plane.destination_iata);
      CHECK(users.count(plane.user_institutional_id) == 1);

      const auto train = build_train_travel(rng, context);
      CHECK(train.departure_date->substr(0, 5) == std::to_string(year) + "-");
      CHECK(station_country.at(train.origin_name) == train.origin_country_code);
      CHECK(station_country.at(train.destination_name) == train.destination_country_code);
      CHECK(train.origin_name != train.destination_name);
      CHECK(users.count(train.user_institutional_id) == 1);

      CHECK(users.count(build_head_count(rng, context).user_institutional_id) == 1);
    }
  }
}

TEST_CASE("departure dates cover the whole year, leap days included", "[builders]") {
  const auto context = context_for(2024);
  std::set<std::string> dates;
  for (std::uint64_t i = 0; i < 20000; ++i) {
    auto rng = Rng::keyed(1, Stream::entries, i);
    dates.insert(*build_plane_travel(rng, context).departure_date);
  }
  CHECK(dates.size() == 366);
  CHECK(dates.count("2024-02-29") == 1);
  CHECK(*dates.begin() == "2024-01-01");
  CHECK(*dates.rbegin() == "2024-12-31");
}

TEST_CASE("animal facilities use only types the emission tree knows", "[builders]") {
  const auto context = context_for(2023);
  std::set<std::string> types;
  for (std::uint64_t i = 0; i < 200; ++i) {
    auto rng = Rng(i);
    types.insert(build_research_facility_animal(rng, context).researchfacility_type);
  }
  CHECK(types == std::set<std::string>{"mice", "fish"});
}

TEST_CASE("equipment hours never exceed a week", "[builders]") {
  const auto context = context_for(2023);
  for (std::uint64_t i = 0; i < 2000; ++i) {
    auto rng = Rng(i);
    const auto p = build_equipment(10, rng, context);
    CHECK(*p.active_usage_hours_per_week + *p.standby_usage_hours_per_week <= 168);
  }
}

TEST_CASE("the equipment builder draws from the pool when it is populated", "[builders]") {
  EquipmentPool pool;
  pool.add_factor_row(10, 80100, R"({"equipment_class": "Centrifuge", "sub_class": "Benchtop"})");
  pool.add_factor_row(11, 80200, R"({"equipment_class": "Laptop", "sub_class": null})");
  const auto context = context_for(2023, &pool);
  std::set<std::string> scientific, other;
  for (std::uint64_t i = 0; i < 100; ++i) {
    auto rng = Rng(i);
    const auto p = build_equipment(10, rng, context);
    scientific.insert(p.equipment_class);
    if (p.equipment_class == "Centrifuge")
      CHECK(p.sub_class == std::optional<std::string>("Benchtop"));
    other.insert(build_equipment(12, rng, context).equipment_class);
  }
  CHECK(scientific == std::set<std::string>{"Centrifuge"});
  // Type 12 has no factors of its own: it draws from the whole pool.
  CHECK(other == std::set<std::string>{"Centrifuge", "Laptop"});

  SECTION("an empty pool falls back to generated words") {
    const EquipmentPool empty;
    const auto fallback = context_for(2023, &empty);
    auto rng = Rng(1);
    const auto p = build_equipment(10, rng, fallback);
    CHECK_FALSE(p.equipment_class.empty());
    CHECK(p.equipment_class != "Centrifuge");
  }
}

// --- Computed emissions: a factor pool and reference rows in the context ---

namespace {

// The sample factors of 2024 (ids from 1) and the built-in reference rows.
const BundledInputs &bundled() {
  static const BundledInputs inputs({2024});
  return inputs;
}

BuildContext computed_context(const BundledInputs &inputs = bundled(), int year = 2024) {
  auto context = context_for(year, &inputs.equipment_pool);
  context.factors = &inputs.factor_pool;
  context.reference = &inputs.reference;
  return context;
}

// Entry types whose factor is found by the link (emissions.md §2.3, Strategy A).
std::vector<int> strategy_a() {
  return {10, 11, 12, 30, 31, 40, 41, 50, 60, 61, 62, 63, 64, 65, 66, 67, 70, 71};
}

std::optional<std::string> text_at(const nlohmann::ordered_json &data, std::string_view key) {
  const auto it = data.find(std::string(key));
  if (it == data.end() || it->is_null())
    return std::nullopt;
  return it->is_string() ? it->get<std::string>() : it->dump();
}

const Room *room_named(const ReferenceData &reference, const std::string &name) {
  for (const auto &room : reference.rooms())
    if (room.room_name == name)
      return &room;
  return nullptr;
}

} // namespace

TEST_CASE("computed: Strategy-A payloads link to a factor of their type and year",
          "[builders][computed]") {
  const auto &inputs = bundled();
  const auto context = computed_context();
  for (const int type : strategy_a()) {
    const auto kinds = kind_fields(type);
    REQUIRE_FALSE(kinds.kind.empty());
    std::set<int> linked_ids;
    std::set<std::string> kind_values;
    for (std::uint64_t i = 0; i < 400; ++i) {
      auto rng = Rng::keyed(11, Stream::entries, i);
      const auto payload = build(type, rng, context);
      const auto data = dto::to_json(payload);
      INFO("entry type " << type << " #" << i << ": " << data.dump());
      REQUIRE(dto::validate(payload).empty());
      const auto link = inputs.factors.link(type, data, 2024);
      INFO(link.reason);
      REQUIRE(link.outcome == FactorLink::Outcome::linked);
      const Factor *factor = inputs.factors.by_id(*link.factor_id);
      REQUIRE(factor != nullptr);
      CHECK(factor->data_entry_type_id == type);
      CHECK(factor->year == std::optional<int>(2024));
      linked_ids.insert(factor->id);

      // The kind value is the factor's, byte for byte (no case change, no trim).
      const auto kind = text_at(data, kinds.kind);
      REQUIRE(kind);
      CHECK(kind == json_text(factor->classification, kinds.kind));
      kind_values.insert(*kind);
      // A factor that names a subkind or alternate key is matched on it too.
      for (const auto key : {kinds.subkind, kinds.alternate})
        if (!key.empty())
          if (const auto value = json_text(factor->classification, key))
            CHECK(text_at(data, key) == value);
    }
    // Draws cover the whole pool: every factor of the type is linked once in a while.
    INFO("entry type " << type);
    std::set<int> pool_ids;
    std::set<std::string> pool_kinds;
    for (const Factor *f : inputs.factor_pool.of(type, 2024)) {
      pool_ids.insert(f->id);
      pool_kinds.insert(*json_text(f->classification, kinds.kind));
    }
    CHECK(linked_ids == pool_ids);
    CHECK(kind_values == pool_kinds);
  }
}

TEST_CASE("computed: equipment, process and purchase payloads copy the whole classification",
          "[builders][computed]") {
  // Sub-class, subcategory and additional code are copied as they are,
  // null included (a null sub-class links the factor that has none).
  const auto &inputs = bundled();
  const auto context = computed_context();
  const std::vector<std::pair<int, std::vector<std::string_view>>> copied{
      {10, {"equipment_class", "sub_class"}},
      {11, {"equipment_class", "sub_class"}},
      {12, {"equipment_class", "sub_class"}},
      {40, {"provider", "service_type"}},
      {50, {"category", "subcategory"}},
      {60, {"purchase_institutional_code", "purchase_additional_code"}},
      {64, {"purchase_institutional_code", "purchase_additional_code"}},
  };
  for (const auto &[type, keys] : copied) {
    std::set<bool> null_seen;
    for (std::uint64_t i = 0; i < 300; ++i) {
      auto rng = Rng::keyed(12, Stream::entries, i);
      const auto data = dto::to_json(build(type, rng, context));
      INFO("entry type " << type << ": " << data.dump());
      const auto link = inputs.factors.link(type, data, 2024);
      REQUIRE(link.outcome == FactorLink::Outcome::linked);
      const Factor &factor = *inputs.factors.by_id(*link.factor_id);
      for (const auto key : keys) {
        CHECK(text_at(data, key) == json_text(factor.classification, key));
        CHECK(data.at(std::string(key)).is_null() == !json_text(factor.classification, key));
      }
      null_seen.insert(data.at(std::string(keys[1])).is_null());
    }
    if (type != 40) {
      INFO("entry type " << type << ": the sample set has factors with and without the key");
      CHECK(null_seen == std::set<bool>{false, true});
    }
  }
}

TEST_CASE("computed: plane airports come from the reference rows", "[builders][computed]") {
  const auto &inputs = bundled();
  auto context = computed_context();
  // seed-doc: any pair of airports; realistic: trips leave from a Swiss airport.
  const bool seed_doc = GENERATE(true, false);
  context.values = seed_doc ? ValueSet::seed_doc : ValueSet::realistic;
  std::set<std::string> reference_iata;
  for (const auto &airport : inputs.reference.airports())
    reference_iata.insert(*airport.iata_code);
  REQUIRE(reference_iata.size() >= 2);
  std::set<std::string> used;
  for (std::uint64_t i = 0; i < 500; ++i) {
    auto rng = Rng::keyed(13, Stream::entries, i);
    const auto p = build_plane_travel(rng, context);
    INFO(p.origin_iata << " -> " << p.destination_iata);
    CHECK(dto::validate(dto::Payload{p}).empty());
    CHECK(reference_iata.count(p.origin_iata) == 1);
    CHECK(reference_iata.count(p.destination_iata) == 1);
    CHECK(p.origin_iata != p.destination_iata);
    CHECK(inputs.reference.airport(p.origin_iata) != nullptr);
    if (!seed_doc)
      CHECK(inputs.reference.airport(p.origin_iata)->country_code ==
            std::optional<std::string>("CH"));
    used.insert(seed_doc ? p.origin_iata : p.destination_iata);
    // The application computes a row for it (band and cabin class resolve).
    CHECK(compute_emissions(20, dto::to_json(p), 2024, inputs.factors, inputs.reference).size() ==
          1);
  }
  CHECK(used.size() > 10);
}

TEST_CASE("computed: train payloads carry natural keys of reference stations",
          "[builders][computed]") {
  const auto &inputs = bundled();
  const auto context = computed_context();
  for (std::uint64_t i = 0; i < 500; ++i) {
    auto rng = Rng::keyed(14, Stream::entries, i);
    const auto p = build_train_travel(rng, context);
    INFO(dto::to_json(p).dump());
    CHECK(dto::validate(dto::Payload{p}).empty());
    REQUIRE(p.origin_natural_key);
    REQUIRE(p.destination_natural_key);
    CHECK(*p.origin_natural_key != *p.destination_natural_key);
    const Location *origin = inputs.reference.by_natural_key(*p.origin_natural_key);
    const Location *destination = inputs.reference.by_natural_key(*p.destination_natural_key);
    REQUIRE(origin != nullptr);
    REQUIRE(destination != nullptr);
    CHECK(origin->transport_mode == "train");
    CHECK(destination->transport_mode == "train");
    // The names and countries shown are those of the stations the keys name.
    CHECK(origin->name == p.origin_name);
    CHECK(origin->country_code.value_or("") == p.origin_country_code);
    CHECK(destination->name == p.destination_name);
    CHECK(destination->country_code.value_or("") == p.destination_country_code);
    CHECK(compute_emissions(21, dto::to_json(p), 2024, inputs.factors, inputs.reference).size() ==
          1);
  }
}

TEST_CASE("computed: building rooms are reference rooms of their building",
          "[builders][computed]") {
  const auto &inputs = bundled();
  const auto context = computed_context();
  std::set<std::string> buildings;
  for (std::uint64_t i = 0; i < 300; ++i) {
    auto rng = Rng::keyed(15, Stream::entries, i);
    const auto p = build_building_room(rng, context);
    INFO(dto::to_json(p).dump());
    CHECK(dto::validate(dto::Payload{p}).empty());
    const Room *room = room_named(inputs.reference, p.room_name);
    REQUIRE(room != nullptr);
    CHECK(p.building_name == room->building_name);
    CHECK(room->room_type == std::optional<std::string>(p.room_type));
    buildings.insert(p.building_name);
  }
  const auto expected = factor_buildings(inputs.factors, {2024});
  CHECK(buildings == std::set<std::string>(expected.begin(), expected.end()));
}

TEST_CASE("computed: embodied energy carries its room's surface (seed-doc) or the lab's share "
          "of its building (realistic)",
          "[builders][computed]") {
  const auto &inputs = bundled();
  auto context = computed_context();
  const bool seed_doc = GENERATE(true, false);
  context.values = seed_doc ? ValueSet::seed_doc : ValueSet::realistic;
  for (std::uint64_t i = 0; i < 300; ++i) {
    auto rng = Rng::keyed(16, Stream::entries, i);
    const auto p = build_building_embodied_energy(rng, context);
    INFO(dto::to_json(p).dump());
    CHECK(dto::validate(dto::Payload{p}).empty());
    REQUIRE(p.room_surface_square_meter);
    CHECK(*p.room_surface_square_meter > 0);
    const auto &rooms = inputs.reference.rooms();
    CHECK(std::any_of(rooms.begin(), rooms.end(), [&](const Room &room) {
      return room.building_name == p.building_name &&
             (!seed_doc || room.surface_square_meter == p.room_surface_square_meter);
    }));
    // The formula reads it: one row per factor of the building (or of `default`).
    CHECK_FALSE(
        compute_emissions(32, dto::to_json(p), 2024, inputs.factors, inputs.reference).empty());
  }
}

TEST_CASE("computed: cloud and purchase amounts are in EUR", "[builders][computed]") {
  const auto context = computed_context();
  for (std::uint64_t i = 0; i < 200; ++i) {
    auto rng = Rng::keyed(17, Stream::entries, i);
    CHECK(build_external_cloud(rng, context).currency == std::optional<std::string>("eur"));
    for (int type = 60; type <= 66; ++type) {
      INFO("entry type " << type);
      CHECK(build_purchase(type, rng, context).currency == std::optional<std::string>("eur"));
    }
  }
}

TEST_CASE("computed: facility use_unit is the linked factor's", "[builders][computed]") {
  const auto &inputs = bundled();
  const auto context = computed_context();
  for (const int type : {70, 71}) {
    std::set<std::string> units;
    for (std::uint64_t i = 0; i < 200; ++i) {
      auto rng = Rng::keyed(18, Stream::entries, i);
      const auto data = dto::to_json(build(type, rng, context));
      INFO("entry type " << type << ": " << data.dump());
      const auto link = inputs.factors.link(type, data, 2024);
      REQUIRE(link.outcome == FactorLink::Outcome::linked);
      const Factor &factor = *inputs.factors.by_id(*link.factor_id);
      const auto use_unit = json_text(factor.values, "use_unit");
      REQUIRE(use_unit);
      CHECK(data.at("use_unit") == *use_unit);
      CHECK(text_at(data, "researchfacility_name") ==
            json_text(factor.classification, "researchfacility_name"));
      units.insert(*use_unit);
    }
    if (type == 70)
      CHECK(units.size() > 1);
  }
}

TEST_CASE("computed: every payload of every entry type validates and computes rows",
          "[builders][computed]") {
  const auto &inputs = bundled();
  const auto context = computed_context();
  for (const auto &type : catalog::entry_types()) {
    for (std::uint64_t i = 0; i < 100; ++i) {
      auto rng = Rng::keyed(19, Stream::entries, i);
      const auto payload = build(type.id, rng, context);
      auto data = dto::to_json(payload);
      INFO(type.name << " #" << i << ": " << data.dump());
      CHECK(dto::kind_of(payload) == type.dto);
      REQUIRE(dto::validate(payload).empty());
      std::string text;
      dto::write_json(payload, text);
      CHECK(text == data.dump());
      if (const auto link = inputs.factors.link(type.id, data, 2024);
          link.outcome == FactorLink::Outcome::linked)
        data["primary_factor_id"] = *link.factor_id;
      CHECK_FALSE(compute_emissions(type.id, data, 2024, inputs.factors, inputs.reference).empty());
    }
  }
}

TEST_CASE("computed: builders are deterministic", "[builders][computed]") {
  const auto context = computed_context();
  for (const auto &type : catalog::entry_types()) {
    auto a = Rng::keyed(5, Stream::entries, 17);
    auto b = Rng::keyed(5, Stream::entries, 17);
    CHECK(dto::to_json(build(type.id, a, context)) == dto::to_json(build(type.id, b, context)));
  }
}

TEST_CASE("without a factor pool the old draws are kept", "[builders][computed]") {
  const auto &inputs = bundled();
  auto with_reference = context_for(2024, &inputs.equipment_pool);
  with_reference.reference = &inputs.reference; // ignored without factors
  const auto plain = context_for(2024, &inputs.equipment_pool);
  REQUIRE(with_reference.factors == nullptr);

  std::set<std::string> currencies;
  for (std::uint64_t i = 0; i < 300; ++i) {
    for (const auto &type : catalog::entry_types()) {
      auto a = Rng::keyed(20, Stream::entries, i);
      auto b = Rng::keyed(20, Stream::entries, i);
      const auto payload = build(type.id, a, with_reference);
      INFO(type.name << " #" << i << ": " << dto::to_json(payload).dump());
      CHECK(dto::to_json(payload) == dto::to_json(build(type.id, b, plain)));
      CHECK(a.next_u64() == b.next_u64()); // the same number of draws
    }
    auto rng = Rng::keyed(21, Stream::entries, i);
    const auto cloud = build_external_cloud(rng, with_reference);
    REQUIRE(cloud.currency);
    currencies.insert(*cloud.currency);
    const auto purchase = build_purchase(60, rng, with_reference);
    REQUIRE(purchase.currency);
    currencies.insert(*purchase.currency);
    const auto train = build_train_travel(rng, with_reference);
    CHECK_FALSE(train.origin_natural_key);
    CHECK_FALSE(train.destination_natural_key);
    CHECK_FALSE(build_building_embodied_energy(rng, with_reference).room_surface_square_meter);
    const auto room = build_building_room(rng, with_reference);
    CHECK(room_named(inputs.reference, room.room_name) == nullptr);
  }
  CHECK(currencies == std::set<std::string>(builder_currencies.begin(), builder_currencies.end()));
}

TEST_CASE("computed: a year without factors falls back to drawn values", "[builders][computed]") {
  // The pool holds 2024 only; the report year is 2025.
  const auto &inputs = bundled();
  const auto context = computed_context(inputs, 2025);
  REQUIRE(inputs.factor_pool.entry_types(2025).empty());
  for (const int type : strategy_a()) {
    const auto kind = kind_fields(type).kind;
    for (std::uint64_t i = 0; i < 100; ++i) {
      auto rng = Rng::keyed(22, Stream::entries, i);
      const auto payload = build(type, rng, context);
      const auto data = dto::to_json(payload);
      INFO("entry type " << type << " #" << i << ": " << data.dump());
      CHECK(dto::validate(payload).empty());
      const auto kind_value = text_at(data, kind);
      REQUIRE(kind_value);
      CHECK(kind_value->find_first_not_of(" \t") != std::string::npos);
      CHECK(inputs.factors.link(type, data, 2025).outcome != FactorLink::Outcome::linked);
    }
  }
  // Computed-mode choices that do not depend on factors are kept.
  for (std::uint64_t i = 0; i < 50; ++i) {
    auto rng = Rng::keyed(23, Stream::entries, i);
    CHECK(build_external_cloud(rng, context).currency == std::optional<std::string>("eur"));
    CHECK(build_purchase(61, rng, context).currency == std::optional<std::string>("eur"));
    CHECK(build_train_travel(rng, context).origin_natural_key);
    CHECK(build_building_embodied_energy(rng, context).room_surface_square_meter);
    CHECK(inputs.reference.airport(build_plane_travel(rng, context).origin_iata) != nullptr);
  }
}

TEST_CASE("computed: a pool without a type falls back for that type only", "[builders][computed]") {
  // The 2024 sample factors without those of the combustion type (31).
  FactorIndex partial;
  for (const auto &f : bundled().rows.factors)
    if (f.data_entry_type_id != 31)
      partial.add(f);
  const FactorPool pool(partial, {2024});
  auto context = computed_context();
  context.factors = &pool;
  for (std::uint64_t i = 0; i < 100; ++i) {
    auto rng = Rng::keyed(24, Stream::entries, i);
    const auto combustion = build(31, rng, context);
    INFO(dto::to_json(combustion).dump());
    CHECK(dto::validate(combustion).empty());
    CHECK_FALSE(std::get<dto::EnergyCombustionHandlerCreate>(combustion).name.empty());
    CHECK(partial.link(31, dto::to_json(combustion), 2024).outcome ==
          FactorLink::Outcome::no_match);
    const auto process = build(50, rng, context);
    CHECK(partial.link(50, dto::to_json(process), 2024).outcome == FactorLink::Outcome::linked);
  }
}

TEST_CASE("computed: a factor with a blank kind value is not copied", "[builders][computed]") {
  using nlohmann::json;
  FactorIndex index;
  int id = 0;
  const auto add = [&](int type, int emission_type, json classification, json values = {}) {
    Factor f;
    f.id = ++id;
    f.data_entry_type_id = type;
    f.emission_type_id = emission_type;
    f.classification = std::move(classification);
    f.values = values.is_null() ? json::object() : std::move(values);
    f.year = 2024;
    index.add(std::move(f));
  };
  add(10, 80100, {{"equipment_class", " "}, {"sub_class", "Benchtop"}});
  add(31, 60200, {{"unit", "kWh"}, {"name", "\u00a0"}}); // blank as the DTO sees it
  add(40, 110102, {{"service_type", "compute"}, {"provider", "\t"}, {"currency", "eur"}});
  add(41, 110206, {{"provider", "  "}, {"usage_type", nullptr}});
  add(50, 70200, {{"category", ""}, {"subcategory", "industrial"}, {"unit", "kg"}});
  add(60, 90200,
      {{"purchase_institutional_code", " "},
       {"purchase_additional_code", "LA05"},
       {"currency", "eur"}});
  add(67, 90900, {{"name", "\v\u2003"}});
  add(70, 100100, {{"researchfacility_id", ""}, {"researchfacility_name", "Hidden"}},
      {{"use_unit", "blank_units"}, {"total_use", 10.0}, {"kg_co2eq_sum", 5.0}});
  add(71, 100200,
      {{"researchfacility_id", " "},
       {"researchfacility_name", "Hidden"},
       {"researchfacility_type", nullptr}},
      {{"use_unit", "blank_units"}, {"total_use", 10.0}});
  const FactorPool pool(index, {2024});
  auto context = context_for(2024);
  context.factors = &pool;
  const ReferenceData no_rows;
  context.reference = &no_rows;

  for (const int type : {10, 31, 40, 41, 50, 60, 67, 70, 71}) {
    REQUIRE(pool.of(type, 2024).size() == 1);
    const auto kind = kind_fields(type).kind;
    const auto blank = *json_text(pool.of(type, 2024).front()->classification, kind);
    for (std::uint64_t i = 0; i < 50; ++i) {
      auto rng = Rng::keyed(25, Stream::entries, i);
      const auto payload = build(type, rng, context);
      const auto data = dto::to_json(payload);
      INFO("entry type " << type << ": " << data.dump());
      CHECK(dto::validate(payload).empty());
      const auto value = text_at(data, kind);
      REQUIRE(value);
      CHECK(*value != blank);
      CHECK(value->find_first_not_of(" \t\n") != std::string::npos);
      CHECK(index.link(type, data, 2024).outcome != FactorLink::Outcome::linked);
      // Nothing else of the factor is taken either.
      if (type == 10)
        CHECK(data.at("sub_class") != "Benchtop");
      if (type == 50)
        CHECK(data.at("subcategory") != "industrial");
      if (type == 60)
        CHECK(data.at("purchase_additional_code") != "LA05");
      if (type == 70 || type == 71) {
        CHECK(data.at("use_unit") != "blank_units");
        CHECK(data.at("researchfacility_name") != "Hidden");
      }
    }
  }
}

TEST_CASE("computed: without usable reference rows travel and rooms fall back",
          "[builders][computed]") {
  std::set<std::string_view> builtin_iata;
  for (const auto &airport : fake::airports())
    builtin_iata.insert(airport.iata);

  ReferenceData one_of_each;
  Location airport;
  airport.transport_mode = "plane";
  airport.name = "Lonely Airport";
  airport.iata_code = "ZZZ";
  airport.natural_key = "plane:ZZZ";
  one_of_each.add_location(airport);
  Location station;
  station.transport_mode = "train";
  station.name = "Lonely Station";
  station.country_code = "CH";
  station.natural_key = "train:ch:lonely station:0.0:0.0";
  one_of_each.add_location(station);
  const ReferenceData empty;

  const std::vector<const ReferenceData *> references{&empty, &one_of_each, nullptr};
  for (const ReferenceData *reference : references) {
    auto context = computed_context();
    context.reference = reference;
    for (std::uint64_t i = 0; i < 100; ++i) {
      auto rng = Rng::keyed(26, Stream::entries, i);
      // Two distinct airports / stations are needed: one is not enough.
      const auto plane = build_plane_travel(rng, context);
      CHECK(builtin_iata.count(plane.origin_iata) == 1);
      CHECK(builtin_iata.count(plane.destination_iata) == 1);
      const auto train = build_train_travel(rng, context);
      CHECK_FALSE(train.origin_natural_key);
      CHECK(train.origin_name != "Lonely Station");
      const auto room = build_building_room(rng, context);
      CHECK(dto::validate(dto::Payload{room}).empty());
      CHECK(room.building_name.size() > 5);
      CHECK(room.building_name.substr(room.building_name.size() - 5) == " Hall");
      // Computed mode still gives the embodied formula a surface.
      const auto embodied = build_building_embodied_energy(rng, context);
      REQUIRE(embodied.room_surface_square_meter);
      CHECK(*embodied.room_surface_square_meter >= 20);
      CHECK(*embodied.room_surface_square_meter <= 2000);
    }
  }
}

TEST_CASE("seed-doc values keep the seed document's flat ranges; realistic ones scale with "
          "the unit's headcount",
          "[builders][values]") {
  const auto &inputs = bundled();
  auto seed_doc = computed_context(inputs);
  seed_doc.values = ValueSet::seed_doc;
  auto small = computed_context(inputs);
  small.headcount = 8;
  auto large = small;
  large.headcount = 60;
  double doc_max = 0, small_sum = 0, large_sum = 0;
  for (std::uint64_t i = 0; i < 400; ++i) {
    auto a = Rng::keyed(21, Stream::entries, i);
    const auto doc = build_purchase(60, a, seed_doc);
    CHECK(doc.total_spent_amount >= 100);
    CHECK(doc.total_spent_amount <= 10000);
    doc_max = std::max(doc_max, doc.total_spent_amount);
    auto b = Rng::keyed(21, Stream::entries, i);
    auto c = Rng::keyed(21, Stream::entries, i);
    const auto s = build_purchase(60, b, small);
    const auto l = build_purchase(60, c, large);
    CHECK(dto::validate(dto::Payload{l}).empty());
    small_sum += s.total_spent_amount;
    large_sum += l.total_spent_amount;
  }
  CHECK(doc_max > 9000); // the whole U[100, 10000]
  CHECK(large_sum / small_sum == Approx(60.0 / 8).epsilon(0.02));
}
