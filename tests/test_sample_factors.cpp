// seed/sample_factors.hpp: the compiled-in copy of sql/sample_factors.sql.
#include "seed/sample_factors.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

TEST_CASE("sample factors: the compiled-in text is sql/sample_factors.sql", "[sample_factors]") {
  std::ifstream file(std::string(SEED_SOURCE_DIR) + "/sql/sample_factors.sql");
  std::stringstream text;
  text << file.rdbuf();
  CHECK(seed::sample_factors_sql() == text.str());
}

TEST_CASE("sample factors: every equipment type gets its own classes", "[sample_factors]") {
  const auto pool = seed::sample_equipment_pool();
  CHECK(pool.size() == 10);
  for (int type : {10, 11, 12}) {
    INFO("entry type " << type);
    CHECK(pool.for_entry_type(type).size() < pool.size());
  }
  const auto &scientific = pool.for_entry_type(10);
  CHECK(std::find(scientific.begin(), scientific.end(),
                  seed::EquipmentClass{"Centrifuge", std::string("Benchtop")}) != scientific.end());
}
