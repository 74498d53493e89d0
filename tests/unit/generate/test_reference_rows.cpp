// Tests of the reference-table rows (include/seed/generate/reference_rows.hpp,
// src/generate/reference_rows.cpp) and of ReferenceData's accessors for payload
// builders (include/seed/rules/emissions.hpp).
#include "seed/generate/reference_rows.hpp"

#include "seed/generate/fake.hpp"
#include "seed/model/dto.hpp"
#include "seed/rules/emissions.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace {

using seed::Location;
using seed::python_float_repr;
using seed::ReferenceData;
using seed::Room;

Location plane_location(std::string iata, std::string name, double lat = 46.0, double lon = 6.0) {
  Location l;
  l.transport_mode = "plane";
  l.name = std::move(name);
  l.country_code = "CH";
  l.iata_code = std::move(iata);
  l.latitude = lat;
  l.longitude = lon;
  l.natural_key = seed::location_natural_key(l);
  return l;
}

Location train_location(std::string name, std::string country, double lat, double lon) {
  Location l;
  l.transport_mode = "train";
  l.name = std::move(name);
  l.country_code = std::move(country);
  l.latitude = lat;
  l.longitude = lon;
  l.natural_key = seed::location_natural_key(l);
  return l;
}

const std::map<std::string, std::pair<double, double>> surface_bounds{
    {"office", {12, 30}},     {"laboratories", {30, 120}}, {"archives", {10, 60}},
    {"libraries", {80, 400}}, {"auditoriums", {100, 500}}, {"miscellaneous", {5, 40}}};

} // namespace

// --- python_float_repr ---

TEST_CASE("reference_rows: python_float_repr, cases from the brief", "[reference_rows]") {
  CHECK(python_float_repr(46.5167) == "46.5167");
  CHECK(python_float_repr(7.0) == "7.0");
  CHECK(python_float_repr(-0.0) == "-0.0");
  CHECK(python_float_repr(0.0) == "0.0");
  CHECK(python_float_repr(0.1 + 0.2) == "0.30000000000000004");
  CHECK(python_float_repr(1e-05) == "1e-05");
  CHECK(python_float_repr(0.0001) == "0.0001");
  CHECK(python_float_repr(1e16) == "1e+16");
  CHECK(python_float_repr(123456789012345.0) == "123456789012345.0");
  CHECK(python_float_repr(1.5e-7) == "1.5e-07");
}

TEST_CASE("reference_rows: python_float_repr, more values checked against CPython",
          "[reference_rows]") {
  // Expected strings printed by python3 -c 'print(repr(v))'.
  CHECK(python_float_repr(1234567890123456.0) == "1234567890123456.0");
  CHECK(python_float_repr(9999999999999998.0) == "9999999999999998.0");
  CHECK(python_float_repr(0.00012345) == "0.00012345");
  CHECK(python_float_repr(-6.6322) == "-6.6322");
  CHECK(python_float_repr(5e-324) == "5e-324");
  CHECK(python_float_repr(1.7976931348623157e308) == "1.7976931348623157e+308");
  CHECK(python_float_repr(100.0) == "100.0");
  CHECK(python_float_repr(2.5e-05) == "2.5e-05");
  CHECK(python_float_repr(-1.5e16) == "-1.5e+16");
  CHECK(python_float_repr(0.5) == "0.5");
  CHECK(python_float_repr(1e22) == "1e+22");
  CHECK(python_float_repr(12345.678) == "12345.678");
}

TEST_CASE("reference_rows: python_float_repr, nan and infinities", "[reference_rows]") {
  CHECK(python_float_repr(std::numeric_limits<double>::quiet_NaN()) == "nan");
  CHECK(python_float_repr(-std::numeric_limits<double>::quiet_NaN()) == "nan");
  CHECK(python_float_repr(std::numeric_limits<double>::infinity()) == "inf");
  CHECK(python_float_repr(-std::numeric_limits<double>::infinity()) == "-inf");
}

TEST_CASE("reference_rows: python_float_repr round-trips", "[reference_rows]") {
  for (const double v : {46.5167, 6.6322, -33.9461, 151.1772, 0.1, 1.0 / 3, 2.0 / 3 * 1e-6}) {
    const std::string text = python_float_repr(v);
    CHECK(std::stod(text) == v);
  }
}

// --- Natural keys ---

TEST_CASE("reference_rows: natural key of a plane with an IATA code", "[reference_rows]") {
  CHECK(seed::location_natural_key("plane", "Geneva Airport", std::string("CH"), std::string("GVA"),
                                   46.2381, 6.109) == "plane:GVA");
  // The code as given, not re-cased.
  CHECK(seed::location_natural_key("plane", "X", std::nullopt, std::string("gva"), 1, 2) ==
        "plane:gva");
}

TEST_CASE("reference_rows: natural key of a train station", "[reference_rows]") {
  CHECK(seed::location_natural_key("train", "  Lausanne   Gare ", std::string("CH"), std::nullopt,
                                   46.5167, 6.6322) == "train:ch:lausanne gare:46.5167:6.6322");
  CHECK(seed::location_natural_key("train", "\tZürich\n HB", std::string("CH"), std::nullopt,
                                   47.3782, 8.5402) == "train:ch:zürich hb:47.3782:8.5402");
  // An IATA code does not matter for a train.
  CHECK(seed::location_natural_key("train", "Bern", std::string("CH"), std::string("ZLP"), 46.949,
                                   7.4391) == "train:ch:bern:46.949:7.4391");
}

TEST_CASE("reference_rows: natural key renders integral coordinates with .0", "[reference_rows]") {
  CHECK(seed::location_natural_key("train", "Somewhere", std::string("FR"), std::nullopt, 7.0,
                                   -0.0) == "train:fr:somewhere:7.0:-0.0");
}

TEST_CASE("reference_rows: natural key of a plane without an IATA code", "[reference_rows]") {
  CHECK(seed::location_natural_key("plane", "Private  Strip", std::string("DE"), std::nullopt, 50.5,
                                   8.25) == "plane:de:private strip:50.5:8.25");
  CHECK(seed::location_natural_key("plane", "Private Strip", std::nullopt, std::string(""), 50.5,
                                   8.25) == "plane::private strip:50.5:8.25");
}

TEST_CASE("reference_rows: Location overload matches the field overload", "[reference_rows]") {
  Location l = train_location("Genève", "CH", 46.2102, 6.1424);
  l.natural_key = "ignored";
  CHECK(seed::location_natural_key(l) == "train:ch:genève:46.2102:6.1424");
  CHECK(seed::location_natural_key(plane_location("ZRH", "Zurich Airport")) == "plane:ZRH");
}

// --- builtin_locations ---

TEST_CASE("reference_rows: builtin_locations", "[reference_rows]") {
  const auto rows = seed::builtin_locations();
  const auto &airports = seed::fake::airports();
  const auto &stations = seed::fake::stations();
  REQUIRE(rows.size() == airports.size() + stations.size());
  REQUIRE_FALSE(airports.empty());
  REQUIRE_FALSE(stations.empty());

  std::set<std::string> keys;
  for (const auto &row : rows) {
    CHECK(keys.insert(row.natural_key).second);
    CHECK(row.natural_key == seed::location_natural_key(row));
  }
  for (std::size_t i = 0; i < airports.size(); ++i) {
    const Location &row = rows[i];
    REQUIRE(row.transport_mode == "plane");
    REQUIRE(row.iata_code.has_value());
    CHECK(row.iata_code->size() == 3);
    CHECK(*row.iata_code == airports[i].iata);
    CHECK(row.natural_key == "plane:" + *row.iata_code);
    CHECK(row.name == airports[i].name);
    CHECK(row.country_code == std::string(airports[i].country_code));
    CHECK(row.municipality == std::string(airports[i].municipality));
    CHECK(row.continent == std::string(airports[i].continent));
    CHECK(row.latitude == airports[i].latitude);
    CHECK(row.longitude == airports[i].longitude);
  }
  for (std::size_t i = 0; i < stations.size(); ++i) {
    const Location &row = rows[airports.size() + i];
    REQUIRE(row.transport_mode == "train");
    CHECK(row.name == stations[i].name);
    CHECK(row.country_code == std::string(stations[i].country_code));
    CHECK_FALSE(row.iata_code.has_value());
    CHECK(row.latitude == stations[i].latitude);
    CHECK(row.longitude == stations[i].longitude);
    CHECK(row.natural_key.rfind("train:", 0) == 0);
  }
  // A known station, fully.
  bool found = false;
  for (const auto &row : rows)
    if (row.transport_mode == "train" && row.name == "Zürich HB") {
      found = true;
      CHECK(row.natural_key == "train:ch:zürich hb:47.3782:8.5402");
    }
  CHECK(found);
}

TEST_CASE("reference_rows: builtin_locations feed ReferenceData", "[reference_rows]") {
  ReferenceData ref;
  for (auto &row : seed::builtin_locations())
    ref.add_location(row);
  CHECK(ref.airports().size() == seed::fake::airports().size());
  CHECK(ref.stations().size() == seed::fake::stations().size());
  REQUIRE(ref.airport("GVA") != nullptr);
  CHECK(ref.airport("GVA")->municipality == std::optional<std::string>("Geneva"));
}

// --- builtin_rooms ---

TEST_CASE("reference_rows: builtin_rooms, empty in -> empty out", "[reference_rows]") {
  CHECK(seed::builtin_rooms({}).empty());
}

TEST_CASE("reference_rows: builtin_rooms cover all types with plausible surfaces",
          "[reference_rows]") {
  const std::vector<std::string> buildings{"Aurora Hall", "Birch Hall", "Cedar Hall", "Smith Hall"};
  const auto rooms = seed::builtin_rooms(buildings);
  REQUIRE(rooms.size() == 24 * buildings.size());

  std::set<std::string> names;
  std::map<std::string, std::set<std::string>> types_of;
  std::map<std::string, std::set<std::string>> location_of;
  for (const auto &room : rooms) {
    CHECK(names.insert(room.room_name).second);
    REQUIRE(room.room_type.has_value());
    REQUIRE(room.surface_square_meter.has_value());
    const auto bounds = surface_bounds.find(*room.room_type);
    REQUIRE(bounds != surface_bounds.end());
    const double s = *room.surface_square_meter;
    CHECK(s >= bounds->second.first);
    CHECK(s <= bounds->second.second);
    CHECK(std::round(s * 10) / 10 == s); // one decimal
    CHECK_FALSE(room.building_location.empty());
    types_of[room.building_name].insert(*room.room_type);
    location_of[room.building_name].insert(room.building_location);
  }
  REQUIRE(types_of.size() == buildings.size());
  for (const auto &building : buildings) {
    CHECK(types_of[building].size() == seed::dto::room_types.size());
    for (const auto type : seed::dto::room_types)
      CHECK(types_of[building].count(std::string(type)) == 1);
    CHECK(location_of[building].size() == 1); // one location per building
  }
  CHECK(rooms.front().room_name == "AH 0.01");
  CHECK(rooms[11].room_name == "AH 1.06");
  CHECK(rooms[24].room_name == "BH 0.01");
}

TEST_CASE("reference_rows: builtin_rooms names are unique when initials collide",
          "[reference_rows]") {
  const std::vector<std::string> buildings{"Aurora Hall", "Ash House", "Aurora Hall 2",
                                           "Alpine Hall", "",          "   "};
  const auto rooms = seed::builtin_rooms(buildings);
  REQUIRE(rooms.size() == 24 * buildings.size());
  std::set<std::string> names;
  std::map<std::string, std::set<std::string>> prefixes;
  for (const auto &room : rooms) {
    CHECK(names.insert(room.room_name).second);
    prefixes[room.building_name].insert(room.room_name.substr(0, room.room_name.find(' ')));
  }
  std::set<std::string> all_prefixes;
  for (const auto &[building, set] : prefixes) {
    CHECK(set.size() == 1);
    all_prefixes.insert(*set.begin());
  }
  CHECK(all_prefixes.size() == buildings.size());
}

TEST_CASE("reference_rows: builtin_rooms is deterministic, duplicates used once",
          "[reference_rows]") {
  const std::vector<std::string> buildings{"Cedar Hall", "Birch Hall"};
  const auto first = seed::builtin_rooms(buildings);
  const auto second = seed::builtin_rooms(buildings);
  REQUIRE(first.size() == second.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    CHECK(first[i].building_location == second[i].building_location);
    CHECK(first[i].building_name == second[i].building_name);
    CHECK(first[i].room_name == second[i].room_name);
    CHECK(first[i].room_type == second[i].room_type);
    CHECK(first[i].surface_square_meter == second[i].surface_square_meter);
  }

  const auto doubled =
      seed::builtin_rooms({"Cedar Hall", "Birch Hall", "Cedar Hall", "Birch Hall"});
  REQUIRE(doubled.size() == first.size());
  for (std::size_t i = 0; i < first.size(); ++i)
    CHECK(doubled[i].room_name == first[i].room_name);

  // Surfaces vary between rooms and between buildings.
  std::set<double> surfaces;
  for (const auto &room : first)
    surfaces.insert(*room.surface_square_meter);
  CHECK(surfaces.size() > first.size() / 2);
}

// --- ReferenceData accessors ---

TEST_CASE("reference_rows: ReferenceData starts empty", "[reference_rows]") {
  const ReferenceData ref;
  CHECK_FALSE(ref.has_locations());
  CHECK_FALSE(ref.has_rooms());
  CHECK(ref.airports().empty());
  CHECK(ref.stations().empty());
  CHECK(ref.rooms().empty());
}

TEST_CASE("reference_rows: ReferenceData airports, first per IATA code", "[reference_rows]") {
  ReferenceData ref;
  ref.add_location(plane_location("GVA", "Geneva Airport"));
  ref.add_location(train_location("Lausanne", "CH", 46.5169, 6.6291));
  Location duplicate = plane_location("GVA", "Geneva Cointrin (duplicate)");
  duplicate.natural_key = "plane:GVA#2";
  ref.add_location(duplicate);
  ref.add_location(plane_location("", "No code strip"));
  Location no_code = plane_location("ZRH", "Unnamed", 1, 2);
  no_code.iata_code.reset();
  no_code.natural_key = seed::location_natural_key(no_code);
  ref.add_location(no_code);
  ref.add_location(plane_location("ZRH", "Zurich Airport"));

  CHECK(ref.has_locations());
  CHECK_FALSE(ref.has_rooms());
  REQUIRE(ref.airports().size() == 2);
  CHECK(ref.airports()[0].name == "Geneva Airport");
  CHECK(ref.airports()[1].name == "Zurich Airport");
  REQUIRE(ref.airport("GVA") != nullptr);
  CHECK(ref.airport("GVA")->name == "Geneva Airport");
}

TEST_CASE("reference_rows: ReferenceData stations in order of addition", "[reference_rows]") {
  ReferenceData ref;
  ref.add_location(train_location("Lausanne", "CH", 46.5169, 6.6291));
  ref.add_location(plane_location("GVA", "Geneva Airport"));
  ref.add_location(train_location("Genève", "CH", 46.2102, 6.1424));
  ref.add_location(train_location("Lyon Part-Dieu", "FR", 45.7606, 4.8593));
  REQUIRE(ref.stations().size() == 3);
  CHECK(ref.stations()[0].name == "Lausanne");
  CHECK(ref.stations()[1].name == "Genève");
  CHECK(ref.stations()[2].name == "Lyon Part-Dieu");
  CHECK(ref.airports().size() == 1);
}

TEST_CASE("reference_rows: ReferenceData rooms in order, surface first wins", "[reference_rows]") {
  ReferenceData ref;
  ref.add_room(Room{"Lausanne", "B1", "001", "office", 10.0});
  ref.add_room(Room{"Geneva", "B2", "001", "archives", 99.0});
  ref.add_room(Room{"Geneva", "B2", "002", std::nullopt, std::nullopt});
  ref.add_room(Room{"Geneva", "B2", "003", "libraries", 120.5});

  CHECK(ref.has_rooms());
  CHECK_FALSE(ref.has_locations());
  REQUIRE(ref.rooms().size() == 4);
  CHECK(ref.rooms()[0].building_name == "B1");
  CHECK(ref.rooms()[1].building_name == "B2");
  CHECK(ref.rooms()[1].room_type == std::optional<std::string>("archives"));
  CHECK(ref.rooms()[2].room_name == "002");
  CHECK(ref.rooms()[3].building_location == "Geneva");

  CHECK(ref.room_surface("001") == std::optional<double>(10.0));
  CHECK_FALSE(ref.room_surface("002").has_value());
  CHECK(ref.room_surface("003") == std::optional<double>(120.5));
  CHECK_FALSE(ref.room_surface("004").has_value());
}

TEST_CASE("reference_rows: builtin_rooms feed ReferenceData", "[reference_rows]") {
  ReferenceData ref;
  const auto rooms = seed::builtin_rooms({"Aurora Hall"});
  for (const auto &room : rooms)
    ref.add_room(room);
  REQUIRE(ref.rooms().size() == rooms.size());
  for (const auto &room : rooms)
    CHECK(ref.room_surface(room.room_name) == room.surface_square_meter);
}
