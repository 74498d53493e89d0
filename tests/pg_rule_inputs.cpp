// seed/io/rule_inputs.hpp against a real server: factors by year, reference
// rows, missing tables.
#include "seed/io/rule_inputs.hpp"
#include "support/cluster.hpp"

#include <catch2/catch.hpp>

using namespace seed;
using seed::testing::Cluster;

TEST_CASE("read_factors: the factors of the years asked for, or all", "[pg][rule_inputs]") {
  pg::Connection db(Cluster::instance().fresh_database(true));
  const auto total = std::stoul(db.query_value("SELECT count(*) FROM factors"));
  const auto of_2024 = std::stoul(db.query_value("SELECT count(*) FROM factors WHERE year = 2024"));
  REQUIRE(of_2024 > 0);
  FactorIndex all, some;
  pg::read_factors(db, std::nullopt, all);
  pg::read_factors(db, std::vector<int>{2024}, some);
  CHECK(all.size() == total);
  CHECK(some.size() == of_2024);
  for (const auto &factor : some.all())
    CHECK(factor.year == 2024);
}

TEST_CASE("read_reference: locations and rooms in id order; missing tables", "[pg][rule_inputs]") {
  pg::Connection db(Cluster::instance().fresh_database(false));
  db.exec("INSERT INTO locations (transport_mode, name, latitude, longitude, country_code, "
          "iata_code, natural_key) VALUES ('plane', 'Geneva', 46.2, 6.1, 'CH', 'GVA', 'gva'), "
          "('train', 'Bern', 46.9, 7.4, 'CH', NULL, 'bern')");
  db.exec("INSERT INTO building_rooms (building_location, building_name, room_name, "
          "room_surface_square_meter) VALUES ('L', 'B', 'R1', 12.5), ('L', 'B', 'R2', NULL)");
  ReferenceData reference;
  const auto found = pg::read_reference(db, reference);
  CHECK(found.has_locations);
  CHECK(found.has_rooms);
  CHECK(found.locations == 2);
  CHECK(found.rooms == 2);
  REQUIRE(reference.airport("GVA") != nullptr);
  CHECK(reference.by_natural_key("bern")->name == "Bern");
  CHECK(reference.room_surface("R1") == 12.5);
  CHECK_FALSE(reference.room_surface("R2"));

  db.exec("DROP TABLE building_rooms");
  db.exec("DROP TABLE locations CASCADE");
  CHECK_FALSE(pg::table_exists(db, "locations"));
  ReferenceData none;
  const auto missing = pg::read_reference(db, none);
  CHECK_FALSE(missing.has_locations);
  CHECK_FALSE(missing.has_rooms);
  CHECK_FALSE(none.has_locations());
}
