// Tests of the equipment class pool (include/seed/generate/equipment_pool.hpp,
// src/generate/equipment_pool.cpp).
#include "seed/generate/equipment_pool.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace {

using seed::EquipmentClass;
using seed::EquipmentPool;

EquipmentClass equip(std::string cls, std::optional<std::string> sub = std::nullopt) {
  return EquipmentClass{std::move(cls), std::move(sub)};
}

} // namespace

TEST_CASE("equipment_pool: a new pool is empty", "[equipment_pool]") {
  const EquipmentPool pool;
  CHECK(pool.empty());
  CHECK(pool.size() == 0);
  CHECK(pool.for_entry_type(10).empty());
  CHECK(pool.for_entry_type(11).empty());
  CHECK(pool.for_entry_type(12).empty());
}

TEST_CASE("equipment_pool: current layout goes to entry types 10/11/12", "[equipment_pool]") {
  EquipmentPool pool;
  pool.add_factor_row(10, 80100, R"({"equipment_class":"Microscope","sub_class":"Optical"})");
  pool.add_factor_row(11, 80200, R"({"equipment_class":"Laptop","sub_class":"15 inch"})");
  pool.add_factor_row(12, 80300, R"({"equipment_class":"Fridge","sub_class":"-80C"})");
  CHECK_FALSE(pool.empty());
  CHECK(pool.size() == 3);
  CHECK(pool.for_entry_type(10) == std::vector<EquipmentClass>{equip("Microscope", "Optical")});
  CHECK(pool.for_entry_type(11) == std::vector<EquipmentClass>{equip("Laptop", "15 inch")});
  CHECK(pool.for_entry_type(12) == std::vector<EquipmentClass>{equip("Fridge", "-80C")});
}

TEST_CASE("equipment_pool: current layout is keyed by its emission type", "[equipment_pool]") {
  // The emission type names the equipment kind; the row's entry type column
  // (here 0, as for a factor without one) does not matter.
  EquipmentPool pool;
  pool.add_factor_row(0, 80200, R"({"equipment_class":"Server"})");
  CHECK(pool.size() == 1);
  CHECK(pool.for_entry_type(11) == std::vector<EquipmentClass>{equip("Server")});
  // 10 has no own pairs, so it falls back to the whole pool; 0 is not an
  // equipment entry type and got nothing of its own either.
  CHECK(pool.for_entry_type(0) == pool.for_entry_type(10));
}

TEST_CASE("equipment_pool: older layout goes to the row's entry type", "[equipment_pool]") {
  EquipmentPool pool;
  pool.add_factor_row(10, 80000, R"({"class":"Centrifuge","sub_class":"Benchtop"})");
  pool.add_factor_row(11, 80000, R"({"class":"Desktop"})");
  pool.add_factor_row(12, 80000, R"({"class":"Printer","sub_class":null})");
  CHECK(pool.size() == 3);
  CHECK(pool.for_entry_type(10) == std::vector<EquipmentClass>{equip("Centrifuge", "Benchtop")});
  CHECK(pool.for_entry_type(11) == std::vector<EquipmentClass>{equip("Desktop")});
  CHECK(pool.for_entry_type(12) == std::vector<EquipmentClass>{equip("Printer")});
}

TEST_CASE("equipment_pool: each layout reads its own class key", "[equipment_pool]") {
  EquipmentPool pool;
  // Current layout with the older key, older layout with the current key: no class.
  pool.add_factor_row(10, 80100, R"({"class":"Microscope"})");
  pool.add_factor_row(10, 80000, R"({"equipment_class":"Microscope"})");
  CHECK(pool.empty());
}

TEST_CASE("equipment_pool: missing or null sub_class gives nullopt", "[equipment_pool]") {
  EquipmentPool pool;
  pool.add_factor_row(10, 80100, R"({"equipment_class":"A"})");
  pool.add_factor_row(10, 80100, R"({"equipment_class":"B","sub_class":null})");
  pool.add_factor_row(10, 80100, R"({"equipment_class":"C","sub_class":""})");
  const auto &pairs = pool.for_entry_type(10);
  REQUIRE(pairs.size() == 3);
  CHECK_FALSE(pairs[0].sub_class.has_value());
  CHECK_FALSE(pairs[1].sub_class.has_value());
  // An empty sub_class is a value, not a missing one.
  REQUIRE(pairs[2].sub_class.has_value());
  CHECK(*pairs[2].sub_class == "");
}

TEST_CASE("equipment_pool: extra keys are ignored and text is kept as is", "[equipment_pool]") {
  EquipmentPool pool;
  pool.add_factor_row(
      10, 80100,
      R"({"unit":"kWh","equipment_class":" Mass spectrometer ","sub_class":"LC-MS \u00e9","x":1})");
  REQUIRE(pool.size() == 1);
  CHECK(pool.for_entry_type(10).front() == equip(" Mass spectrometer ", "LC-MS \xc3\xa9"));
}

TEST_CASE("equipment_pool: duplicates collapse", "[equipment_pool]") {
  EquipmentPool pool;
  pool.add_factor_row(10, 80100, R"({"equipment_class":"A","sub_class":"x"})");
  pool.add_factor_row(10, 80100, R"({"sub_class":"x","equipment_class":"A"})");
  pool.add_factor_row(10, 80000, R"({"class":"A","sub_class":"x"})");
  CHECK(pool.size() == 1);
  CHECK(pool.for_entry_type(10).size() == 1);

  // The same pair under two entry types: once in the pool, once per type.
  pool.add_factor_row(11, 80200, R"({"equipment_class":"A","sub_class":"x"})");
  CHECK(pool.size() == 1);
  CHECK(pool.for_entry_type(11) == std::vector<EquipmentClass>{equip("A", "x")});

  // Same class, different sub_class (or none): distinct pairs.
  pool.add_factor_row(10, 80100, R"({"equipment_class":"A","sub_class":"y"})");
  pool.add_factor_row(10, 80100, R"({"equipment_class":"A"})");
  CHECK(pool.size() == 3);
  CHECK(pool.for_entry_type(10).size() == 3);
}

TEST_CASE("equipment_pool: pairs keep insertion order", "[equipment_pool]") {
  EquipmentPool pool;
  pool.add_factor_row(10, 80100, R"({"equipment_class":"Zeta"})");
  pool.add_factor_row(10, 80100, R"({"equipment_class":"Alpha"})");
  pool.add_factor_row(10, 80100, R"({"equipment_class":"Mu"})");
  CHECK(pool.for_entry_type(10) ==
        std::vector<EquipmentClass>{equip("Zeta"), equip("Alpha"), equip("Mu")});
}

TEST_CASE("equipment_pool: rows of other emission types are ignored", "[equipment_pool]") {
  EquipmentPool pool;
  for (int emission_type : {0, 10000, 80001, 80400, 90200, 6010101})
    CHECK_NOTHROW(pool.add_factor_row(10, emission_type, R"({"equipment_class":"A","class":"B"})"));
  CHECK(pool.empty());
  // They are not even parsed.
  CHECK_NOTHROW(pool.add_factor_row(10, 90200, "not json"));
  CHECK(pool.empty());
}

TEST_CASE("equipment_pool: rows without the class key are ignored", "[equipment_pool]") {
  EquipmentPool pool;
  pool.add_factor_row(10, 80100, R"({})");
  pool.add_factor_row(10, 80100, R"({"sub_class":"x"})");
  pool.add_factor_row(11, 80000, R"({"sub_class":"x"})");
  CHECK(pool.empty());
  CHECK(pool.size() == 0);
}

TEST_CASE("equipment_pool: an empty class throws", "[equipment_pool]") {
  EquipmentPool pool;
  CHECK_THROWS_AS(pool.add_factor_row(10, 80100, R"({"equipment_class":""})"),
                  std::invalid_argument);
  CHECK_THROWS_AS(pool.add_factor_row(10, 80100, R"({"equipment_class":"   "})"),
                  std::invalid_argument);
  CHECK_THROWS_AS(pool.add_factor_row(10, 80100, R"({"equipment_class":" \t\r\n"})"),
                  std::invalid_argument);
  // Blank as the DTO sees it: Unicode white space too (no-break space, \v).
  CHECK_THROWS_AS(pool.add_factor_row(10, 80100, R"({"equipment_class":"\u00a0"})"),
                  std::invalid_argument);
  CHECK_THROWS_AS(pool.add_factor_row(10, 80100, R"({"equipment_class":"\u000b "})"),
                  std::invalid_argument);
  CHECK_THROWS_AS(pool.add_factor_row(10, 80000, R"({"class":""})"), std::invalid_argument);
  CHECK_THROWS_AS(pool.add_factor_row(10, 80000, R"({"class":"  "})"), std::invalid_argument);
  CHECK(pool.empty());
}

TEST_CASE("equipment_pool: a non-string class throws", "[equipment_pool]") {
  EquipmentPool pool;
  for (const char *json :
       {R"({"equipment_class":42})", R"({"equipment_class":true})", R"({"equipment_class":["A"]})",
        R"({"equipment_class":{"a":"b"}})", R"({"equipment_class":1.5})"}) {
    INFO(json);
    CHECK_THROWS_AS(pool.add_factor_row(10, 80100, json), std::invalid_argument);
  }
  CHECK_THROWS_AS(pool.add_factor_row(10, 80000, R"({"class":7})"), std::invalid_argument);
  CHECK(pool.empty());
}

TEST_CASE("equipment_pool: the error message names the key and the row", "[equipment_pool]") {
  EquipmentPool pool;
  try {
    pool.add_factor_row(10, 80000, R"({"class":""})");
    FAIL("no exception");
  } catch (const std::invalid_argument &e) {
    const std::string message = e.what();
    CHECK_THAT(message, Catch::Contains("class"));
    CHECK_THAT(message, Catch::Contains(R"({"class":""})"));
  }
}

TEST_CASE("equipment_pool: malformed JSON throws", "[equipment_pool]") {
  EquipmentPool pool;
  for (const char *json : {"", "{", "not json", R"({"equipment_class":"A")", "{'a': 1}"}) {
    INFO(json);
    CHECK_THROWS_AS(pool.add_factor_row(10, 80100, json), std::invalid_argument);
    CHECK_THROWS_AS(pool.add_factor_row(10, 80000, json), std::invalid_argument);
  }
  // Valid JSON that is not an object.
  for (const char *json : {"null", "[]", R"("Microscope")", "42"}) {
    INFO(json);
    CHECK_THROWS_AS(pool.add_factor_row(10, 80100, json), std::invalid_argument);
  }
  CHECK(pool.empty());
}

TEST_CASE("equipment_pool: a refused row leaves the pool unchanged", "[equipment_pool]") {
  EquipmentPool pool;
  pool.add_factor_row(10, 80100, R"({"equipment_class":"A"})");
  CHECK_THROWS(pool.add_factor_row(11, 80200, R"({"equipment_class":""})"));
  CHECK_THROWS(pool.add_factor_row(11, 80200, "{"));
  CHECK(pool.size() == 1);
  CHECK(pool.for_entry_type(10) == std::vector<EquipmentClass>{equip("A")});
}

TEST_CASE("equipment_pool: for_entry_type falls back to every pair", "[equipment_pool]") {
  EquipmentPool pool;
  pool.add_factor_row(10, 80100, R"({"equipment_class":"Microscope"})");
  pool.add_factor_row(10, 80100, R"({"equipment_class":"Centrifuge"})");
  pool.add_factor_row(11, 80200, R"({"equipment_class":"Laptop"})");
  REQUIRE(pool.size() == 3);
  // Own pairs only, when there are some.
  CHECK(pool.for_entry_type(10) ==
        std::vector<EquipmentClass>{equip("Microscope"), equip("Centrifuge")});
  CHECK(pool.for_entry_type(11) == std::vector<EquipmentClass>{equip("Laptop")});
  // None of its own: the whole pool, in insertion order.
  const std::vector<EquipmentClass> all{equip("Microscope"), equip("Centrifuge"), equip("Laptop")};
  CHECK(pool.for_entry_type(12) == all);
  CHECK(pool.for_entry_type(99) == all);
}
