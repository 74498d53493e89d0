// One builder per create-DTO: draws a realistic payload from an Rng.
//
// Builders return the DTO struct (never JSON); the caller validates it. What a
// payload may refer to comes in through BuildContext: the report year (dates
// fall inside it), the users of the entry's unit (user_institutional_id), the
// equipment class pool, and for computed emissions the factor pool and the
// reference rows (airports, stations, building rooms).
//
// With a factor pool, a builder whose entry type has factors in the report
// year copies one factor's classification values verbatim (so that the
// application links the entry to it), takes airports, stations and rooms
// from the reference rows (so that distances and surfaces resolve), and
// writes cloud and purchase amounts in EUR (any other currency needs the
// ECB rate of the report year, fetched over the network by the application).
// Without one, values are drawn as the seed document's seeder draws them.
//
// Quantities (FTE, km, hours, EUR, kWh, kg, m2, uses) come from the value
// models of value_models.hpp (ValueSet::realistic, scaled by the unit's
// headcount) or from the seed document's flat ranges (ValueSet::seed_doc,
// which reproduces the earlier payloads bit for bit).
#pragma once

#include "seed/generate/equipment_pool.hpp"
#include "seed/generate/factor_pool.hpp"
#include "seed/generate/plan.hpp"
#include "seed/generate/rng.hpp"
#include "seed/generate/roster.hpp"
#include "seed/model/dto.hpp"
#include "seed/rules/emissions.hpp"

#include <cstdint>

namespace seed::builders {

// --- Interface ---

struct BuildContext {
  int year = 2024;                               // the report year of the entry's module
  std::int64_t first_user_number = 0;            // the unit's regular users are numbers
  std::int64_t user_count = 1;                   //   [first_user_number, + user_count)
  const EquipmentPool *equipment_pool = nullptr; // may be null or empty
  const FactorPool *factors = nullptr;           // computed emissions; may be empty
  const ReferenceData *reference = nullptr;      // with `factors`; may be empty
  // The person a member (type 1) entry describes, drawn by the caller from
  // the unit's roster; null: a user of the unit, drawn by the builder.
  const roster::Person *member = nullptr;
  ValueSet values = ValueSet::realistic;
  double headcount = 0; // the unit's FTE (values::unit_headcount); 0: 2.5 x user_count
};

// The payload of an entry of `data_entry_type_id`, built by the builder of
// that type's DTO (catalog::entry_type(id).dto).
[[nodiscard]] dto::Payload build(int data_entry_type_id, Rng &rng, const BuildContext &context);

[[nodiscard]] dto::HeadCountCreate build_head_count(Rng &rng, const BuildContext &context);
[[nodiscard]] dto::HeadCountStudentCreate build_student(Rng &rng, const BuildContext &context);
[[nodiscard]] dto::ProfessionalTravelPlaneHandlerCreate
build_plane_travel(Rng &rng, const BuildContext &context);
[[nodiscard]] dto::ProfessionalTravelTrainHandlerCreate
build_train_travel(Rng &rng, const BuildContext &context);
[[nodiscard]] dto::EquipmentHandlerCreate build_equipment(int data_entry_type_id, Rng &rng,
                                                          const BuildContext &context);
[[nodiscard]] dto::ExternalCloudHandlerCreate build_external_cloud(Rng &rng,
                                                                   const BuildContext &context);
[[nodiscard]] dto::ExternalAIHandlerCreate build_external_ai(Rng &rng, const BuildContext &context);
[[nodiscard]] dto::PurchaseHandlerCreate build_purchase(int data_entry_type_id, Rng &rng,
                                                        const BuildContext &context);
[[nodiscard]] dto::PurchaseAdditionalHandlerCreate
build_purchase_additional(Rng &rng, const BuildContext &context);
[[nodiscard]] dto::BuildingRoomHandlerCreate build_building_room(Rng &rng,
                                                                 const BuildContext &context);
[[nodiscard]] dto::EnergyCombustionHandlerCreate
build_energy_combustion(Rng &rng, const BuildContext &context);
[[nodiscard]] dto::BuildingEmbodiedEnergyHandlerCreate
build_building_embodied_energy(Rng &rng, const BuildContext &context);
[[nodiscard]] dto::ProcessEmissionsHandlerCreate
build_process_emissions(Rng &rng, const BuildContext &context);
[[nodiscard]] dto::ResearchFacilitiesCommonHandlerCreate
build_research_facility_common(Rng &rng, const BuildContext &context);
[[nodiscard]] dto::ResearchFacilitiesAnimalHandlerCreate
build_research_facility_animal(Rng &rng, const BuildContext &context);

// Values the builders draw from (documented in docs/seed-data.md).
inline constexpr std::array<std::string_view, 3> builder_currencies{"chf", "eur", "usd"};
inline constexpr std::array<std::string_view, 2> animal_facility_types{"mice", "fish"};

} // namespace seed::builders
