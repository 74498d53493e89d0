// Tests of the application's enumerations (include/seed/model/catalog.hpp,
// src/model/catalog.cpp) against the specification (payloads.md §1-§2). The
// expected tables are written out here: they are the spec, not a copy of the
// code.
#include "seed/model/catalog.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

namespace catalog = seed::catalog;
using catalog::ModuleType;
using seed::dto::DtoKind;

struct ExpectedEntryType {
  int id;
  std::string_view name;
  ModuleType module;
  DtoKind dto;
};

// payloads.md §1.1 (ids, names, owning module) and §2 (create-DTO).
const std::vector<ExpectedEntryType> &spec_entry_types() {
  static const std::vector<ExpectedEntryType> table{
      {1, "member", ModuleType::headcount, DtoKind::head_count},
      {2, "student", ModuleType::headcount, DtoKind::head_count_student},
      {10, "scientific", ModuleType::equipment, DtoKind::equipment},
      {11, "it", ModuleType::equipment, DtoKind::equipment},
      {12, "other", ModuleType::equipment, DtoKind::equipment},
      {20, "plane", ModuleType::professional_travel, DtoKind::plane},
      {21, "train", ModuleType::professional_travel, DtoKind::train},
      {30, "building", ModuleType::buildings, DtoKind::building_room},
      {31, "energy_combustion", ModuleType::buildings, DtoKind::energy_combustion},
      {32, "building_embodied_energy", ModuleType::buildings, DtoKind::building_embodied_energy},
      {40, "external_clouds", ModuleType::external_cloud_and_ai, DtoKind::external_cloud},
      {41, "external_ai", ModuleType::external_cloud_and_ai, DtoKind::external_ai},
      {50, "process_emissions", ModuleType::process_emissions, DtoKind::process_emissions},
      {60, "scientific_equipment", ModuleType::purchase, DtoKind::purchase},
      {61, "it_equipment", ModuleType::purchase, DtoKind::purchase},
      {62, "consumable_accessories", ModuleType::purchase, DtoKind::purchase},
      {63, "biological_chemical_gaseous_product", ModuleType::purchase, DtoKind::purchase},
      {64, "services", ModuleType::purchase, DtoKind::purchase},
      {65, "vehicles", ModuleType::purchase, DtoKind::purchase},
      {66, "other_purchases", ModuleType::purchase, DtoKind::purchase},
      {67, "additional_purchases", ModuleType::purchase, DtoKind::purchase_additional},
      {70, "research_facilities", ModuleType::research_facilities,
       DtoKind::research_facilities_common},
      {71, "mice_and_fish_animal_facilities", ModuleType::research_facilities,
       DtoKind::research_facilities_animal},
  };
  return table;
}

struct ExpectedModule {
  ModuleType type;
  int id;
  std::string_view name;
  std::vector<int> entry_type_ids;
};

// payloads.md §1.3 (ids, names) and §1.4 (entry types in list order).
const std::vector<ExpectedModule> &spec_modules() {
  static const std::vector<ExpectedModule> table{
      {ModuleType::headcount, 1, "headcount", {1, 2}},
      {ModuleType::professional_travel, 2, "professional_travel", {20, 21}},
      {ModuleType::buildings, 3, "buildings", {30, 31, 32}},
      {ModuleType::equipment, 4, "equipment", {10, 11, 12}},
      {ModuleType::purchase, 5, "purchase", {60, 61, 62, 63, 64, 65, 66, 67}},
      {ModuleType::research_facilities, 6, "research_facilities", {70, 71}},
      {ModuleType::external_cloud_and_ai, 7, "external_cloud_and_ai", {40, 41}},
      {ModuleType::process_emissions, 8, "process_emissions", {50}},
  };
  return table;
}

// Roots an entry type's emissions must lie under, by module (headcount
// entries produce food, waste and commuting emissions).
std::vector<int> module_roots(ModuleType module) {
  switch (module) {
  case ModuleType::headcount:
    return {10000, 20000, 30000};
  case ModuleType::professional_travel:
    return {50000};
  case ModuleType::buildings:
    return {60000};
  case ModuleType::equipment:
    return {80000};
  case ModuleType::purchase:
    return {90000};
  case ModuleType::research_facilities:
    return {100000};
  case ModuleType::external_cloud_and_ai:
    return {110000};
  case ModuleType::process_emissions:
    return {70000};
  }
  return {};
}

bool has_children(int id) {
  const auto &all = catalog::emission_types();
  return std::any_of(all.begin(), all.end(), [&](const auto &t) { return t.parent == id; });
}

} // namespace

TEST_CASE("catalog: the 23 entry types of §1.1 in enum order", "[catalog]") {
  const auto &actual = catalog::entry_types();
  const auto &expected = spec_entry_types();
  REQUIRE(actual.size() == 23);
  REQUIRE(expected.size() == 23);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO("entry type " << expected[i].id << " " << expected[i].name);
    CHECK(actual[i].id == expected[i].id);
    CHECK(actual[i].name == expected[i].name);
    CHECK(actual[i].module == expected[i].module);
  }
}

TEST_CASE("catalog: entry_type looks up by id", "[catalog]") {
  for (const auto &expected : spec_entry_types()) {
    const auto &type = catalog::entry_type(expected.id);
    CHECK(type.id == expected.id);
    CHECK(type.name == expected.name);
    CHECK(&type == &*std::find_if(catalog::entry_types().begin(), catalog::entry_types().end(),
                                  [&](const auto &t) { return t.id == expected.id; }));
  }
}

TEST_CASE("catalog: entry_type of an unknown id throws", "[catalog]") {
  CHECK_THROWS_AS(catalog::entry_type(999), std::out_of_range);
  CHECK_THROWS_AS(catalog::entry_type(0), std::out_of_range);
  CHECK_THROWS_AS(catalog::entry_type(3), std::out_of_range);
  CHECK_THROWS_AS(catalog::entry_type(-1), std::out_of_range);
}

TEST_CASE("catalog: entry type to DTO map of §2", "[catalog]") {
  std::set<DtoKind> used;
  for (const auto &expected : spec_entry_types()) {
    INFO("entry type " << expected.id << " " << expected.name);
    CHECK(catalog::entry_type(expected.id).dto == expected.dto);
    used.insert(catalog::entry_type(expected.id).dto);
  }
  // 23 entry types -> 15 distinct DTOs, every DTO kind used.
  CHECK(used.size() == 15);
  CHECK(used.size() == seed::dto::dto_kind_count);
}

TEST_CASE("catalog: the 8 modules with ids 1..8 in order", "[catalog]") {
  const auto &modules = catalog::modules();
  REQUIRE(modules.size() == 8);
  CHECK(catalog::module_type_count == 8);
  const auto &expected = spec_modules();
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO("module " << expected[i].name);
    CHECK(static_cast<int>(modules[i].type) == static_cast<int>(i) + 1);
    CHECK(static_cast<int>(expected[i].type) == expected[i].id);
    CHECK(modules[i].type == expected[i].type);
    CHECK(modules[i].name == expected[i].name);
    CHECK(modules[i].entry_type_ids == expected[i].entry_type_ids);
    CHECK(&catalog::module(expected[i].type) == &modules[i]);
  }
}

TEST_CASE("catalog: module of an unknown type throws", "[catalog]") {
  CHECK_THROWS_AS(catalog::module(static_cast<ModuleType>(0)), std::out_of_range);
  CHECK_THROWS_AS(catalog::module(static_cast<ModuleType>(9)), std::out_of_range);
}

TEST_CASE("catalog: every entry type is in exactly one module list, its own", "[catalog]") {
  std::map<int, int> occurrences;
  for (const auto &module : catalog::modules())
    for (int id : module.entry_type_ids) {
      ++occurrences[id];
      INFO("entry type " << id << " in module " << module.name);
      CHECK(catalog::entry_type(id).module == module.type);
    }
  CHECK(occurrences.size() == 23);
  for (const auto &type : catalog::entry_types()) {
    INFO("entry type " << type.id);
    CHECK(occurrences[type.id] == 1);
  }
}

TEST_CASE("catalog: 121 emission types with unique ids", "[catalog]") {
  const auto &all = catalog::emission_types();
  REQUIRE(all.size() == 121);
  std::set<int> ids;
  std::set<std::string_view> names;
  for (const auto &type : all) {
    CHECK(ids.insert(type.id).second);
    CHECK(names.insert(type.name).second);
    CHECK(type.id > 0);
  }
}

TEST_CASE("catalog: emission type scope counts of §1.6", "[catalog]") {
  std::map<int, int> by_scope;
  std::vector<std::string_view> without_scope;
  for (const auto &type : catalog::emission_types()) {
    ++by_scope[type.scope];
    if (type.scope == 0)
      without_scope.push_back(type.name);
  }
  CHECK(by_scope.size() == 4);
  CHECK(by_scope[1] == 20);
  CHECK(by_scope[2] == 31);
  CHECK(by_scope[3] == 57);
  CHECK(by_scope[0] == 13);
  CHECK(without_scope == std::vector<std::string_view>{
                             "headcount", "professional_travel", "professional_travel__train",
                             "professional_travel__plane", "buildings", "buildings__rooms",
                             "process_emissions", "equipment", "purchases", "research_facilities",
                             "external", "external__clouds", "external__ai"});
}

TEST_CASE("catalog: emission type categories", "[catalog]") {
  const std::set<std::string_view> categories{"process_emissions",
                                              "buildings_energy_combustion",
                                              "buildings_room",
                                              "equipment",
                                              "external_cloud_and_ai",
                                              "purchases",
                                              "research_facilities",
                                              "professional_travel",
                                              "commuting",
                                              "food",
                                              "waste",
                                              "embodied_energy"};
  for (const auto &type : catalog::emission_types()) {
    INFO(type.name);
    // A member absent from the scope map has no category, and vice versa.
    if (type.scope == 0)
      CHECK(type.category.empty());
    else
      CHECK(categories.count(type.category) == 1);
  }
}

TEST_CASE("catalog: the 11 emission type roots of §1.6", "[catalog]") {
  std::vector<std::pair<int, std::string_view>> roots;
  for (const auto &type : catalog::emission_types())
    if (type.parent == 0)
      roots.emplace_back(type.id, type.name);
  CHECK(roots == std::vector<std::pair<int, std::string_view>>{{10000, "food"},
                                                               {20000, "waste"},
                                                               {30000, "commuting"},
                                                               {40000, "headcount"},
                                                               {50000, "professional_travel"},
                                                               {60000, "buildings"},
                                                               {70000, "process_emissions"},
                                                               {80000, "equipment"},
                                                               {90000, "purchases"},
                                                               {100000, "research_facilities"},
                                                               {110000, "external"}});
  // food, waste and commuting are roots with scope 3.
  CHECK(catalog::find_emission_type(10000)->scope == 3);
  CHECK(catalog::find_emission_type(20000)->scope == 3);
  CHECK(catalog::find_emission_type(30000)->scope == 3);
}

TEST_CASE("catalog: every non-root's parent exists and prefixes its path", "[catalog]") {
  for (const auto &type : catalog::emission_types()) {
    if (type.parent == 0)
      continue;
    INFO(type.name << " (" << type.id << ")");
    const auto *parent = catalog::find_emission_type(type.parent);
    REQUIRE(parent != nullptr);
    CHECK(parent->id != type.id);
    // The name is the path: parent's name + "__" + own part.
    const std::string prefix = std::string(parent->name) + "__";
    CHECK(type.name.substr(0, prefix.size()) == prefix);
    CHECK(type.name.size() > prefix.size());
  }
}

TEST_CASE("catalog: spot checks of the §1.6 table", "[catalog]") {
  struct Row {
    int id;
    std::string_view name;
    int scope;
    int parent;
    std::string_view category;
  };
  const std::vector<Row> rows{
      {2000413, "waste__recycling__inert_waste", 3, 20004, "waste"},
      {50101, "professional_travel__train__class_1", 3, 50100, "professional_travel"},
      {6010506, "buildings__rooms__heating_thermal__miscellaneous", 1, 60105,
       "buildings_energy_combustion"},
      {6010406, "buildings__rooms__heating_elec__miscellaneous", 2, 60104, "buildings_room"},
      {60300, "buildings__construction_and_renovation", 3, 60000, "embodied_energy"},
      {90900, "purchases__additional", 1, 90000, "purchases"},
      {90901, "purchases__additional__ln2", 1, 90900, "purchases"},
      {10020002, "research_facilities__animal__fish", 3, 100200, "research_facilities"},
      {110206, "external__ai__provider_others", 3, 110200, "external_cloud_and_ai"},
      {40000, "headcount", 0, 0, ""},
  };
  for (const auto &row : rows) {
    INFO(row.name);
    const auto *type = catalog::find_emission_type(row.id);
    REQUIRE(type != nullptr);
    CHECK(type->id == row.id);
    CHECK(type->name == row.name);
    CHECK(type->scope == row.scope);
    CHECK(type->parent == row.parent);
    CHECK(type->category == row.category);
  }
  // Declaration order: first and last members.
  CHECK(catalog::emission_types().front().id == 10000);
  CHECK(catalog::emission_types().back().id == 110206);
}

TEST_CASE("catalog: find_emission_type", "[catalog]") {
  for (const auto &type : catalog::emission_types())
    REQUIRE(catalog::find_emission_type(type.id) == &type);
  CHECK(catalog::find_emission_type(999) == nullptr);
  CHECK(catalog::find_emission_type(0) == nullptr);
  CHECK(catalog::find_emission_type(-10000) == nullptr);
  CHECK(catalog::find_emission_type(80400) == nullptr);
}

TEST_CASE("catalog: emission_type_is_under", "[catalog]") {
  // Itself.
  CHECK(catalog::emission_type_is_under(80100, 80100));
  CHECK(catalog::emission_type_is_under(10000, 10000));
  // Parent and grand-parents.
  CHECK(catalog::emission_type_is_under(80100, 80000));
  CHECK(catalog::emission_type_is_under(6010101, 60101));
  CHECK(catalog::emission_type_is_under(6010101, 60100));
  CHECK(catalog::emission_type_is_under(6010101, 60000));
  CHECK(catalog::emission_type_is_under(10020001, 100000));
  CHECK(catalog::emission_type_is_under(2000301, 20000));
  // Not the other way round, not siblings, not other roots.
  CHECK_FALSE(catalog::emission_type_is_under(80000, 80100));
  CHECK_FALSE(catalog::emission_type_is_under(80100, 80200));
  CHECK_FALSE(catalog::emission_type_is_under(6010101, 60102));
  CHECK_FALSE(catalog::emission_type_is_under(10001, 20000));
  CHECK_FALSE(catalog::emission_type_is_under(10020001, 100100));
  // Unknown ids, and 0 (the "no parent" marker) is nobody's ancestor.
  CHECK_FALSE(catalog::emission_type_is_under(999, 999));
  CHECK_FALSE(catalog::emission_type_is_under(999, 10000));
  CHECK_FALSE(catalog::emission_type_is_under(10000, 999));
  CHECK_FALSE(catalog::emission_type_is_under(10000, 0));
  CHECK_FALSE(catalog::emission_type_is_under(80100, 0));
}

TEST_CASE("catalog: entry types produce existing scoped leaves under their module root",
          "[catalog]") {
  for (const auto &type : catalog::entry_types()) {
    INFO("entry type " << type.id << " " << type.name);
    REQUIRE_FALSE(type.emission_types.empty());
    std::set<int> unique(type.emission_types.begin(), type.emission_types.end());
    CHECK(unique.size() == type.emission_types.size());
    const auto roots = module_roots(type.module);
    for (int id : type.emission_types) {
      INFO("emission type " << id);
      const auto *emission = catalog::find_emission_type(id);
      REQUIRE(emission != nullptr);
      CHECK(emission->scope != 0);
      CHECK_FALSE(has_children(id));
      CHECK(std::any_of(roots.begin(), roots.end(),
                        [&](int root) { return catalog::emission_type_is_under(id, root); }));
    }
  }
}

TEST_CASE("catalog: entry type emission lists, exact where small", "[catalog]") {
  CHECK(catalog::entry_type(10).emission_types == std::vector<int>{80100});
  CHECK(catalog::entry_type(11).emission_types == std::vector<int>{80200});
  CHECK(catalog::entry_type(12).emission_types == std::vector<int>{80300});
  CHECK(catalog::entry_type(20).emission_types == std::vector<int>{50201, 50202, 50203});
  CHECK(catalog::entry_type(21).emission_types == std::vector<int>{50101, 50102});
  CHECK(catalog::entry_type(50).emission_types == std::vector<int>{70100, 70200, 70300, 70400});
  CHECK(catalog::entry_type(67).emission_types == std::vector<int>{90901});
  CHECK(catalog::entry_type(71).emission_types == std::vector<int>{10020001, 10020002});
  // Headcount: 2 food + 2 plain waste + 2 biogas + 13 recycling + 5 commuting.
  CHECK(catalog::entry_type(1).emission_types.size() == 24);
  CHECK(catalog::entry_type(2).emission_types == catalog::entry_type(1).emission_types);
  // Building rooms: 5 energies x 6 room types.
  CHECK(catalog::entry_type(30).emission_types.size() == 30);
  CHECK(catalog::entry_type(31).emission_types.size() == 6);
}

TEST_CASE("catalog: role constants of §1.7", "[catalog]") {
  CHECK(catalog::role_standard.db_label == "CO2_USER_STD");
  CHECK(catalog::role_standard.value == "calco2.user.standard");
  CHECK(catalog::role_standard.scope_kind == "own");

  CHECK(catalog::role_principal.db_label == "CO2_USER_PRINCIPAL");
  CHECK(catalog::role_principal.value == "calco2.user.principal");
  CHECK(catalog::role_principal.scope_kind == "unit");

  CHECK(catalog::role_backoffice_metier.db_label == "CO2_BACKOFFICE_METIER");
  CHECK(catalog::role_backoffice_metier.value == "calco2.backoffice.metier");
  CHECK(catalog::role_backoffice_metier.scope_kind == "affiliation");

  CHECK(catalog::role_superadmin.db_label == "CO2_SUPERADMIN");
  CHECK(catalog::role_superadmin.value == "calco2.backoffice.admin");
  CHECK(catalog::role_superadmin.scope_kind == "global");
}

TEST_CASE("catalog: other constants of §1", "[catalog]") {
  CHECK(catalog::data_entry_status_labels[0] == "PENDING");
  CHECK(catalog::data_entry_status_labels[1] == "VALIDATED");
  CHECK(catalog::data_entry_status_labels[2] == "REJECTED");
  CHECK(catalog::module_status_count == 3);
  CHECK(catalog::provider_label == "DEFAULT");
  CHECK(catalog::calculator_report_type == "Calculator");
  CHECK(catalog::backoffice_affiliations ==
        std::array<std::string_view, 4>{"SB", "STI", "IC", "SV"});
}
