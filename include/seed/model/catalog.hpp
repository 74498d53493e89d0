// The application's enumerations, written once: data entry types and their
// module, module types, the DTO of each entry type, the 121 emission types
// with scope and parent, statuses, roles and providers (payloads.md §1-§2).
// Generator, validator, tests and docs all read these tables.
#pragma once

#include "seed/model/dto.hpp"

#include <array>
#include <string_view>
#include <vector>

namespace seed::catalog {

// --- Interface ---

enum class ModuleType : int {
  headcount = 1,
  professional_travel = 2,
  buildings = 3,
  equipment = 4,
  purchase = 5,
  research_facilities = 6,
  external_cloud_and_ai = 7,
  process_emissions = 8,
};
inline constexpr int module_type_count = 8;

struct EntryType {
  int id;                // DataEntryTypeEnum value, stored in data_entries.data_entry_type_id
  std::string_view name; // DataEntryTypeEnum name
  ModuleType module;     // owning module (MODULE_TYPE_TO_DATA_ENTRY_TYPES)
  dto::DtoKind dto;      // its create-DTO (DATA_ENTRY_TYPE_TO_DTO)
  std::vector<int> emission_types; // leaf emission types an entry of this type may produce
};

struct Module {
  ModuleType type;
  std::string_view name;
  std::vector<int> entry_type_ids; // in upstream list order
  // The EmissionType roots whose walks make the module's stats, in order
  // (app-state.md §2.2; buildings walks 60300 a second time as a root).
  std::vector<int> stats_roots;
  // The module as the UI spells it in the entry route
  // /v1/modules/{unit}/{year}/{route_name}/{submodule} (app-state.md §5.1).
  std::string_view route_name;
};

struct EmissionType {
  int id;                    // EmissionType value, data_entry_emissions.emission_type_id
  std::string_view name;     // = path
  int scope;                 // 1, 2, 3, or 0 for none (NULL in the database)
  int parent;                // parent id, 0 for a root
  std::string_view category; // empty when none
};

// The 23 entry types in DataEntryTypeEnum order.
[[nodiscard]] const std::vector<EntryType> &entry_types();
// Throws std::out_of_range for an unknown id.
[[nodiscard]] const EntryType &entry_type(int id);

// The 8 module types in ALL_MODULE_TYPE_IDS order (1..8).
[[nodiscard]] const std::array<Module, module_type_count> &modules();
[[nodiscard]] const Module &module(ModuleType type);

// The 121 emission types in declaration order.
[[nodiscard]] const std::vector<EmissionType> &emission_types();
// nullptr for an unknown id.
[[nodiscard]] const EmissionType *find_emission_type(int id);
// True when `id` is `ancestor` or lies below it.
[[nodiscard]] bool emission_type_is_under(int id, int ancestor);

// PostgreSQL enum labels and JSON values.
inline constexpr std::array<std::string_view, 3> data_entry_status_labels{"PENDING", "VALIDATED",
                                                                          "REJECTED"};
// ModuleStatus (carbon_report_modules.status, carbon_reports.overall_status).
enum ModuleStatus : int { not_started = 0, in_progress = 1, validated = 2 };
inline constexpr int module_status_count = 3;
inline constexpr std::string_view provider_label = "DEFAULT"; // user_provider_enum
inline constexpr std::string_view calculator_report_type = "Calculator";

struct Role {
  std::string_view db_label;   // role_name_enum label (unit_users.role)
  std::string_view value;      // RoleName value (users.roles_raw[].role)
  std::string_view scope_kind; // roles_raw[].on.kind as the current application parses it
};
inline constexpr Role role_standard{"CO2_USER_STD", "calco2.user.standard", "own"};
inline constexpr Role role_principal{"CO2_USER_PRINCIPAL", "calco2.user.principal", "unit"};
inline constexpr Role role_backoffice_metier{"CO2_BACKOFFICE_METIER", "calco2.backoffice.metier",
                                             "affiliation"};
inline constexpr Role role_superadmin{"CO2_SUPERADMIN", "calco2.backoffice.admin", "global"};
inline constexpr std::array<std::string_view, 4> backoffice_affiliations{"SB", "STI", "IC", "SV"};

// Every (enum type, label) pair the seeder writes; the preflight checks the
// target database has them all.
struct EnumLabel {
  std::string_view type;
  std::string_view label;
};
[[nodiscard]] std::vector<EnumLabel> database_enum_labels();

} // namespace seed::catalog
