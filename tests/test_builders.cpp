// seed/builders.hpp: the seed document's regression net in C++ (every
// builder's payloads validate, every reachable entry type has a DTO and a
// builder), plus the rules §7 asks for: dates inside the report year, real
// airports and stations, users of the entry's own unit, the factor pool.
#include "seed/builders.hpp"
#include "seed/catalog.hpp"
#include "seed/fake.hpp"
#include "seed/naming.hpp"

#include <catch2/catch.hpp>

#include <set>

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
