// The application's 15 create-DTOs (payloads.md §3), one struct each.
//
// A struct holds exactly the fields its DTO declares; `validate` applies every
// rule of the DTO (bounds, enum sets, cross-field rules) and reports each
// violation as field + value + reason; `to_json` writes the persisted `data`
// object with the keys in the builder order of payloads.md; `parse` reads such
// an object back (pydantic's lax rules: numeric strings coerced, ints accepted
// for floats, integral floats for ints) and reports type errors the same way.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace seed::dto {

// --- Interface ---

struct FieldError {
  std::string field;  // payload key, e.g. "fte"
  std::string value;  // the offending value as JSON text, e.g. "1.5" or "\"ECO\""
  std::string reason; // e.g. "must be <= 1"
};
using Errors = std::vector<FieldError>;

// Value sets used by the validators (payloads.md §1.9). The builders draw from
// the same arrays, so a builder cannot produce a value its validator refuses.
inline constexpr std::array<std::string_view, 8> sius_codes{"51", "52", "53", "54",
                                                            "56", "57", "58", "59"};
inline constexpr std::array<std::string_view, 4> requests_frequency_options{"1_5", "5_20", "20_100",
                                                                            "gt_100"};
inline constexpr std::array<std::string_view, 6> room_types{
    "office", "miscellaneous", "laboratories", "archives", "libraries", "auditoriums"};
inline constexpr std::array<std::string_view, 3> cloud_currencies{"chf", "eur", "usd"};
inline constexpr std::array<std::string_view, 9> purchase_currencies{
    "aud", "cad", "chf", "cny", "eur", "gbp", "jpy", "sek", "usd"};
inline constexpr std::array<std::string_view, 3> plane_cabin_classes{"first", "business",
                                                                     "economy"};
inline constexpr std::array<std::string_view, 2> train_cabin_classes{"first", "second"};
inline constexpr int max_weekly_usage_hours = 168;

using OptString = std::optional<std::string>;

// §3.1 member (1)
struct HeadCountCreate {
  std::string name;
  std::string sius_code;
  double fte = 0;
  std::string user_institutional_id;
  OptString note;
};

// §3.2 student (2)
struct HeadCountStudentCreate {
  double fte = 0;
};

// §3.3 plane (20). departure_date is an ISO "YYYY-MM-DD" string or null.
struct ProfessionalTravelPlaneHandlerCreate {
  std::string user_institutional_id;
  std::string origin_iata;
  std::string destination_iata;
  std::string cabin_class;
  OptString departure_date;
  long long number_of_trips = 1;
  OptString note;
};

// §3.4 train (21)
struct ProfessionalTravelTrainHandlerCreate {
  std::string user_institutional_id;
  std::string origin_name;
  std::string origin_country_code;
  std::string destination_name;
  std::string destination_country_code;
  std::string cabin_class;
  OptString departure_date;
  long long number_of_trips = 1;
  OptString note;
  OptString origin_natural_key;      // written only when set (not in the builder order)
  OptString destination_natural_key; // idem
};

// §3.5 scientific (10), it (11), other (12)
struct EquipmentHandlerCreate {
  std::string equipment_id;
  std::string name;
  std::string equipment_class;
  OptString sub_class;
  std::optional<long long> active_usage_hours_per_week;
  std::optional<long long> standby_usage_hours_per_week;
  OptString note;
};

// §3.6 external_clouds (40)
struct ExternalCloudHandlerCreate {
  std::string service_type;
  std::string provider;
  double spent_amount = 0;
  OptString currency; // null/blank -> "eur" is injected before validation
  OptString note;
};

// §3.7 external_ai (41)
struct ExternalAIHandlerCreate {
  std::string provider;
  std::string usage_type;
  std::string requests_per_user_per_day;
  double fte_count = 0;
  OptString note;
};

// §3.8 purchase types 60-66
struct PurchaseHandlerCreate {
  std::string name;
  OptString supplier;
  std::optional<double> quantity;
  double total_spent_amount = 0;
  OptString currency; // null/blank -> "chf" is injected before validation
  std::string purchase_institutional_code;
  OptString purchase_institutional_description; // written only when set
  OptString purchase_additional_code;
  OptString note;
};

// §3.9 additional_purchases (67)
struct PurchaseAdditionalHandlerCreate {
  std::string name;
  std::string unit;
  double annual_consumption = 0;
  double coef_to_kg = 0;
  OptString note;
};

// §3.10 building (30)
struct BuildingRoomHandlerCreate {
  std::string building_name;
  std::string room_name;
  std::string room_type;
  std::optional<double> room_allocation_ratio;
  OptString note;
};

// §3.11 energy_combustion (31)
struct EnergyCombustionHandlerCreate {
  std::string name;
  double quantity = 0;
  OptString note;
};

// §3.12 building_embodied_energy (32)
struct BuildingEmbodiedEnergyHandlerCreate {
  std::string building_name;
  // Not declared by the DTO (kept in `data` as an unknown key): the surface
  // the application's own embodied entries carry and its formula reads
  // (emissions.md §3.2). Written only when set.
  std::optional<double> room_surface_square_meter;
};

// §3.13 process_emissions (50)
struct ProcessEmissionsHandlerCreate {
  std::string category;
  OptString subcategory;
  double quantity = 0;
  OptString note;
};

// §3.14 research_facilities (70)
struct ResearchFacilitiesCommonHandlerCreate {
  std::string researchfacility_id;
  std::string researchfacility_name;
  double use = 0;
  std::string use_unit;
  OptString note;
  std::optional<double> kg_co2eq; // written only when set
};

// §3.15 mice_and_fish_animal_facilities (71)
struct ResearchFacilitiesAnimalHandlerCreate {
  std::string researchfacility_id;
  std::string researchfacility_name;
  double use = 0;
  std::string use_unit;
  OptString note;
  std::string researchfacility_type;
};

// Any one payload. The index of the alternative is the DtoKind.
using Payload =
    std::variant<HeadCountCreate, HeadCountStudentCreate, ProfessionalTravelPlaneHandlerCreate,
                 ProfessionalTravelTrainHandlerCreate, EquipmentHandlerCreate,
                 ExternalCloudHandlerCreate, ExternalAIHandlerCreate, PurchaseHandlerCreate,
                 PurchaseAdditionalHandlerCreate, BuildingRoomHandlerCreate,
                 EnergyCombustionHandlerCreate, BuildingEmbodiedEnergyHandlerCreate,
                 ProcessEmissionsHandlerCreate, ResearchFacilitiesCommonHandlerCreate,
                 ResearchFacilitiesAnimalHandlerCreate>;

enum class DtoKind : std::size_t {
  head_count = 0,
  head_count_student,
  plane,
  train,
  equipment,
  external_cloud,
  external_ai,
  purchase,
  purchase_additional,
  building_room,
  energy_combustion,
  building_embodied_energy,
  process_emissions,
  research_facilities_common,
  research_facilities_animal,
};
inline constexpr std::size_t dto_kind_count = std::variant_size_v<Payload>;

// The upstream class name, e.g. "HeadCountCreate".
[[nodiscard]] std::string_view dto_name(DtoKind kind);
[[nodiscard]] inline DtoKind kind_of(const Payload &p) {
  return static_cast<DtoKind>(p.index());
}

// Every rule of the DTO. Empty means valid.
[[nodiscard]] Errors validate(const Payload &payload);

// The key the application adds to the `data` of a Strategy A entry when it
// links the entry to its factor (emissions.md §2.3): `primary_factor_id`,
// after the DTO's fields, null when no factor matched.
struct FactorLinkKey {
  std::optional<int> primary_factor_id;
};

// The persisted `data` object: keys in builder order, optional keys present
// with null (except the few marked "written only when set"), then the link
// key when given.
[[nodiscard]] nlohmann::ordered_json to_json(const Payload &payload,
                                             const std::optional<FactorLinkKey> &link = {});

// The same object as to_json(payload) (no link), unordered: the form a JSON
// Schema validator reads.
[[nodiscard]] nlohmann::json to_json_value(const Payload &payload);

// Our contract for the DTO of `kind`, shaped as pydantic's
// Model.model_json_schema() writes it: properties (type, "format": "date",
// "enum" for the closed value sets the validators enforce, anyOf with null
// for optionals, defaults), required, title. Generated from the same field
// table as to_json and parse; keys `data` keeps without the DTO declaring
// them (e.g. room_surface_square_meter) are not part of it.
[[nodiscard]] nlohmann::ordered_json json_schema(DtoKind kind);

// Adds the link key to a `data` object built by to_json(payload), as
// to_json(payload, link) would have written it.
void add_link(nlohmann::ordered_json &data, const FactorLinkKey &link);

// How write_json spells the object (the keys are the same in all three):
enum class JsonStyle {
  compact,     // to_json(...).dump(): what seed-random stores in data_entries.data
  application, // the application's own text: ", " / ": ", keys in builder order
  canonical,   // the audit hash's input: keys sorted, ASCII only (app_json.hpp)
};

// Appends to_json(payload, link) in `style` to `out` without building a JSON
// tree (the hot path of a run).
void write_json(const Payload &payload, std::string &out,
                const std::optional<FactorLinkKey> &link = {},
                JsonStyle style = JsonStyle::compact);

// The object as the UI posts it (the audit document's route_payload body):
// application text, no link key, blank-defaulted fields as drawn (the API
// injects their default after the request is recorded).
void write_posted_json(const Payload &payload, std::string &out);

// Reads a `data` object back into the DTO of `kind`. Type errors (missing
// required key, wrong JSON type, unparsable numeric string) are reported in
// `errors`; `payload` is set only when there are none. Does not run
// `validate`.
struct Parsed {
  std::optional<Payload> payload;
  Errors errors;
};
[[nodiscard]] Parsed parse(DtoKind kind, const nlohmann::json &data);

// Blank as the DTOs' "not empty or whitespace-only" rules see it: Python's
// str.strip() leaves nothing (Unicode white space included).
[[nodiscard]] bool is_blank(std::string_view text);
// Python's str.strip(): `text` without surrounding (Unicode) white space, as
// the member create path compares user_institutional_id (app-state.md §4.1).
[[nodiscard]] std::string_view strip(std::string_view text);

// "field=value: reason; field=value: reason" — for one-line error messages.
[[nodiscard]] std::string describe(const Errors &errors);

} // namespace seed::dto
