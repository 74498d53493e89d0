#include "seed/model/catalog.hpp"

#include <stdexcept>
#include <string>
#include <unordered_map>

namespace seed::catalog {
namespace {

using dto::DtoKind;
using M = ModuleType;

std::vector<int> range(int first, int last) {
  std::vector<int> ids;
  for (int id = first; id <= last; ++id)
    ids.push_back(id);
  return ids;
}

std::vector<int> concat(std::initializer_list<std::vector<int>> parts) {
  std::vector<int> all;
  for (const auto &part : parts)
    all.insert(all.end(), part.begin(), part.end());
  return all;
}

// Leaves a headcount entry can produce: food, waste and commuting leaves
// (emissions.md §1.1).
std::vector<int> headcount_leaves() {
  return concat({{10001, 10002, 20001, 20002, 2000301, 2000302},
                 range(2000401, 2000413),
                 range(30001, 30005)});
}

// The five energy leaves of every room type (60101xx .. 60105xx).
std::vector<int> building_room_leaves() {
  std::vector<int> ids;
  for (int energy = 1; energy <= 5; ++energy)
    for (int room = 1; room <= 6; ++room)
      ids.push_back((60100 + energy) * 100 + room);
  return ids;
}

} // namespace

const std::vector<EntryType> &entry_types() {
  static const std::vector<EntryType> table{
      {1, "member", M::headcount, DtoKind::head_count, headcount_leaves()},
      {2, "student", M::headcount, DtoKind::head_count_student, headcount_leaves()},
      {10, "scientific", M::equipment, DtoKind::equipment, {80100}},
      {11, "it", M::equipment, DtoKind::equipment, {80200}},
      {12, "other", M::equipment, DtoKind::equipment, {80300}},
      {20, "plane", M::professional_travel, DtoKind::plane, {50201, 50202, 50203}},
      {21, "train", M::professional_travel, DtoKind::train, {50101, 50102}},
      {30, "building", M::buildings, DtoKind::building_room, building_room_leaves()},
      {31, "energy_combustion", M::buildings, DtoKind::energy_combustion, range(60201, 60206)},
      {32, "building_embodied_energy", M::buildings, DtoKind::building_embodied_energy, {60300}},
      {40, "external_clouds", M::external_cloud_and_ai, DtoKind::external_cloud,
       range(110101, 110103)},
      {41, "external_ai", M::external_cloud_and_ai, DtoKind::external_ai, range(110201, 110206)},
      {50,
       "process_emissions",
       M::process_emissions,
       DtoKind::process_emissions,
       {70100, 70200, 70300, 70400}},
      {60, "scientific_equipment", M::purchase, DtoKind::purchase, {90200}},
      {61, "it_equipment", M::purchase, DtoKind::purchase, {90300}},
      {62, "consumable_accessories", M::purchase, DtoKind::purchase, {90400}},
      {63, "biological_chemical_gaseous_product", M::purchase, DtoKind::purchase, {90500}},
      {64, "services", M::purchase, DtoKind::purchase, {90600}},
      {65, "vehicles", M::purchase, DtoKind::purchase, {90700}},
      {66, "other_purchases", M::purchase, DtoKind::purchase, {90800}},
      {67, "additional_purchases", M::purchase, DtoKind::purchase_additional, {90901}},
      {70,
       "research_facilities",
       M::research_facilities,
       DtoKind::research_facilities_common,
       {100100, 100300}},
      {71,
       "mice_and_fish_animal_facilities",
       M::research_facilities,
       DtoKind::research_facilities_animal,
       {10020001, 10020002}},
  };
  return table;
}

const EntryType &entry_type(int id) {
  for (const auto &type : entry_types())
    if (type.id == id)
      return type;
  throw std::out_of_range("unknown data entry type id " + std::to_string(id));
}

const std::array<Module, module_type_count> &modules() {
  static const std::array<Module, module_type_count> table{{
      {M::headcount, "headcount", {1, 2}, {10000, 20000, 30000}, "headcount"},
      {M::professional_travel, "professional_travel", {20, 21}, {50000}, "professional-travel"},
      {M::buildings, "buildings", {30, 31, 32}, {60000, 60300}, "buildings"},
      {M::equipment, "equipment", {10, 11, 12}, {80000}, "equipment"},
      {M::purchase, "purchase", {60, 61, 62, 63, 64, 65, 66, 67}, {90000}, "purchase"},
      {M::research_facilities, "research_facilities", {70, 71}, {100000}, "research-facilities"},
      {M::external_cloud_and_ai,
       "external_cloud_and_ai",
       {40, 41},
       {110000},
       "external-cloud-and-ai"},
      {M::process_emissions, "process_emissions", {50}, {70000}, "process-emissions"},
  }};
  return table;
}

const Module &module(ModuleType type) {
  return modules().at(static_cast<std::size_t>(static_cast<int>(type) - 1));
}

const std::vector<EmissionType> &emission_types() {
  // payloads.md §1.6: {value, name, scope (0 = none), parent (0 = root), category}.
  static const std::vector<EmissionType> table{
      {10000, "food", 3, 0, "food"},
      {10001, "food__vegetarian", 3, 10000, "food"},
      {10002, "food__non_vegetarian", 3, 10000, "food"},
      {20000, "waste", 3, 0, "waste"},
      {20001, "waste__incineration", 3, 20000, "waste"},
      {20002, "waste__composting", 3, 20000, "waste"},
      {20003, "waste__biogas", 3, 20000, "waste"},
      {2000301, "waste__biogas__organic_waste_food_leftovers", 3, 20003, "waste"},
      {2000302, "waste__biogas__cooking_vegetable_oil", 3, 20003, "waste"},
      {20004, "waste__recycling", 3, 20000, "waste"},
      {2000401, "waste__recycling__paper", 3, 20004, "waste"},
      {2000402, "waste__recycling__cardboard", 3, 20004, "waste"},
      {2000403, "waste__recycling__plastics", 3, 20004, "waste"},
      {2000404, "waste__recycling__glass", 3, 20004, "waste"},
      {2000405, "waste__recycling__ferrous_metals", 3, 20004, "waste"},
      {2000406, "waste__recycling__non_ferrous_metals", 3, 20004, "waste"},
      {2000407, "waste__recycling__electronics", 3, 20004, "waste"},
      {2000408, "waste__recycling__wood", 3, 20004, "waste"},
      {2000409, "waste__recycling__pet", 3, 20004, "waste"},
      {2000410, "waste__recycling__aluminum", 3, 20004, "waste"},
      {2000411, "waste__recycling__textile", 3, 20004, "waste"},
      {2000412, "waste__recycling__toner_and_ink_cartridges", 3, 20004, "waste"},
      {2000413, "waste__recycling__inert_waste", 3, 20004, "waste"},
      {30000, "commuting", 3, 0, "commuting"},
      {30001, "commuting__walking", 3, 30000, "commuting"},
      {30002, "commuting__cycling", 3, 30000, "commuting"},
      {30003, "commuting__powered_two_wheeler", 3, 30000, "commuting"},
      {30004, "commuting__public_transport", 3, 30000, "commuting"},
      {30005, "commuting__car", 3, 30000, "commuting"},
      {40000, "headcount", 0, 0, ""},
      {50000, "professional_travel", 0, 0, ""},
      {50100, "professional_travel__train", 0, 50000, ""},
      {50101, "professional_travel__train__class_1", 3, 50100, "professional_travel"},
      {50102, "professional_travel__train__class_2", 3, 50100, "professional_travel"},
      {50200, "professional_travel__plane", 0, 50000, ""},
      {50201, "professional_travel__plane__first", 3, 50200, "professional_travel"},
      {50202, "professional_travel__plane__business", 3, 50200, "professional_travel"},
      {50203, "professional_travel__plane__eco", 3, 50200, "professional_travel"},
      {60000, "buildings", 0, 0, ""},
      {60100, "buildings__rooms", 0, 60000, ""},
      {60101, "buildings__rooms__lighting", 2, 60100, "buildings_room"},
      {6010101, "buildings__rooms__lighting__office", 2, 60101, "buildings_room"},
      {6010102, "buildings__rooms__lighting__laboratories", 2, 60101, "buildings_room"},
      {6010103, "buildings__rooms__lighting__archives", 2, 60101, "buildings_room"},
      {6010104, "buildings__rooms__lighting__libraries", 2, 60101, "buildings_room"},
      {6010105, "buildings__rooms__lighting__auditoriums", 2, 60101, "buildings_room"},
      {6010106, "buildings__rooms__lighting__miscellaneous", 2, 60101, "buildings_room"},
      {60102, "buildings__rooms__cooling", 2, 60100, "buildings_room"},
      {6010201, "buildings__rooms__cooling__office", 2, 60102, "buildings_room"},
      {6010202, "buildings__rooms__cooling__laboratories", 2, 60102, "buildings_room"},
      {6010203, "buildings__rooms__cooling__archives", 2, 60102, "buildings_room"},
      {6010204, "buildings__rooms__cooling__libraries", 2, 60102, "buildings_room"},
      {6010205, "buildings__rooms__cooling__auditoriums", 2, 60102, "buildings_room"},
      {6010206, "buildings__rooms__cooling__miscellaneous", 2, 60102, "buildings_room"},
      {60103, "buildings__rooms__ventilation", 2, 60100, "buildings_room"},
      {6010301, "buildings__rooms__ventilation__office", 2, 60103, "buildings_room"},
      {6010302, "buildings__rooms__ventilation__laboratories", 2, 60103, "buildings_room"},
      {6010303, "buildings__rooms__ventilation__archives", 2, 60103, "buildings_room"},
      {6010304, "buildings__rooms__ventilation__libraries", 2, 60103, "buildings_room"},
      {6010305, "buildings__rooms__ventilation__auditoriums", 2, 60103, "buildings_room"},
      {6010306, "buildings__rooms__ventilation__miscellaneous", 2, 60103, "buildings_room"},
      {60104, "buildings__rooms__heating_elec", 2, 60100, "buildings_room"},
      {6010401, "buildings__rooms__heating_elec__office", 2, 60104, "buildings_room"},
      {6010402, "buildings__rooms__heating_elec__laboratories", 2, 60104, "buildings_room"},
      {6010403, "buildings__rooms__heating_elec__archives", 2, 60104, "buildings_room"},
      {6010404, "buildings__rooms__heating_elec__libraries", 2, 60104, "buildings_room"},
      {6010405, "buildings__rooms__heating_elec__auditoriums", 2, 60104, "buildings_room"},
      {6010406, "buildings__rooms__heating_elec__miscellaneous", 2, 60104, "buildings_room"},
      {60105, "buildings__rooms__heating_thermal", 1, 60100, "buildings_energy_combustion"},
      {6010501, "buildings__rooms__heating_thermal__office", 1, 60105,
       "buildings_energy_combustion"},
      {6010502, "buildings__rooms__heating_thermal__laboratories", 1, 60105,
       "buildings_energy_combustion"},
      {6010503, "buildings__rooms__heating_thermal__archives", 1, 60105,
       "buildings_energy_combustion"},
      {6010504, "buildings__rooms__heating_thermal__libraries", 1, 60105,
       "buildings_energy_combustion"},
      {6010505, "buildings__rooms__heating_thermal__auditoriums", 1, 60105,
       "buildings_energy_combustion"},
      {6010506, "buildings__rooms__heating_thermal__miscellaneous", 1, 60105,
       "buildings_energy_combustion"},
      {60200, "buildings__combustion", 1, 60000, "buildings_energy_combustion"},
      {60201, "buildings__combustion__natural_gas", 1, 60200, "buildings_energy_combustion"},
      {60202, "buildings__combustion__heating_oil", 1, 60200, "buildings_energy_combustion"},
      {60203, "buildings__combustion__biomethane", 1, 60200, "buildings_energy_combustion"},
      {60204, "buildings__combustion__pellets", 1, 60200, "buildings_energy_combustion"},
      {60205, "buildings__combustion__forest_chips", 1, 60200, "buildings_energy_combustion"},
      {60206, "buildings__combustion__wood_logs", 1, 60200, "buildings_energy_combustion"},
      {60300, "buildings__construction_and_renovation", 3, 60000, "embodied_energy"},
      {70000, "process_emissions", 0, 0, ""},
      {70100, "process_emissions__ch4", 1, 70000, "process_emissions"},
      {70200, "process_emissions__co2", 1, 70000, "process_emissions"},
      {70300, "process_emissions__n2o", 1, 70000, "process_emissions"},
      {70400, "process_emissions__refrigerants", 1, 70000, "process_emissions"},
      {80000, "equipment", 0, 0, ""},
      {80100, "equipment__scientific", 2, 80000, "equipment"},
      {80200, "equipment__it", 2, 80000, "equipment"},
      {80300, "equipment__other", 2, 80000, "equipment"},
      {90000, "purchases", 0, 0, ""},
      {90100, "purchases__goods_and_services", 3, 90000, "purchases"},
      {90200, "purchases__scientific_equipment", 3, 90000, "purchases"},
      {90300, "purchases__it_equipment", 3, 90000, "purchases"},
      {90400, "purchases__consumable_accessories", 3, 90000, "purchases"},
      {90500, "purchases__biological_chemical_gaseous", 3, 90000, "purchases"},
      {90600, "purchases__services", 3, 90000, "purchases"},
      {90700, "purchases__vehicles", 3, 90000, "purchases"},
      {90800, "purchases__other", 3, 90000, "purchases"},
      {90900, "purchases__additional", 1, 90000, "purchases"},
      {90901, "purchases__additional__ln2", 1, 90900, "purchases"},
      {100000, "research_facilities", 0, 0, ""},
      {100100, "research_facilities__facilities", 3, 100000, "research_facilities"},
      {100200, "research_facilities__animal", 3, 100000, "research_facilities"},
      {10020001, "research_facilities__animal__mice", 3, 100200, "research_facilities"},
      {10020002, "research_facilities__animal__fish", 3, 100200, "research_facilities"},
      {100300, "research_facilities__it_facilities", 3, 100000, "research_facilities"},
      {110000, "external", 0, 0, ""},
      {110100, "external__clouds", 0, 110000, ""},
      {110101, "external__clouds__virtualisation", 3, 110100, "external_cloud_and_ai"},
      {110102, "external__clouds__calcul", 3, 110100, "external_cloud_and_ai"},
      {110103, "external__clouds__stockage", 3, 110100, "external_cloud_and_ai"},
      {110200, "external__ai", 0, 110000, ""},
      {110201, "external__ai__provider_google", 3, 110200, "external_cloud_and_ai"},
      {110202, "external__ai__provider_mistral_ai", 3, 110200, "external_cloud_and_ai"},
      {110203, "external__ai__provider_anthropic", 3, 110200, "external_cloud_and_ai"},
      {110204, "external__ai__provider_openai", 3, 110200, "external_cloud_and_ai"},
      {110205, "external__ai__provider_cohere", 3, 110200, "external_cloud_and_ai"},
      {110206, "external__ai__provider_others", 3, 110200, "external_cloud_and_ai"},
  };
  return table;
}

const EmissionType *find_emission_type(int id) {
  static const auto index = [] {
    std::unordered_map<int, const EmissionType *> map;
    for (const auto &type : emission_types())
      map.emplace(type.id, &type);
    return map;
  }();
  const auto it = index.find(id);
  return it == index.end() ? nullptr : it->second;
}

bool emission_type_is_under(int id, int ancestor) {
  for (const EmissionType *type = find_emission_type(id); type != nullptr;
       type = find_emission_type(type->parent))
    if (type->id == ancestor)
      return true;
  return false;
}

std::vector<EnumLabel> database_enum_labels() {
  std::vector<EnumLabel> labels{{"user_provider_enum", provider_label},
                                {"carbon_report_type_enum", calculator_report_type}};
  for (const auto *role :
       {&role_standard, &role_principal, &role_backoffice_metier, &role_superadmin})
    labels.push_back({"role_name_enum", role->db_label});
  for (const auto label : data_entry_status_labels)
    labels.push_back({"dataentrystatusenum", label});
  return labels;
}

} // namespace seed::catalog
