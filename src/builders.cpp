#include "seed/builders.hpp"

#include "seed/catalog.hpp"
#include "seed/fake.hpp"
#include "seed/naming.hpp"

#include <fmt/format.h>

#include <cctype>
#include <stdexcept>

namespace seed::builders {
namespace {

using dto::OptString;

// The Python seeder's maybe(): the key is always written, null half the time.
template <class Make> auto maybe(Rng &rng, Make make) -> std::optional<decltype(make())> {
  if (rng.chance(0.5))
    return make();
  return std::nullopt;
}

OptString maybe_note(Rng &rng, int words) {
  return maybe(rng, [&] { return fake::sentence(rng, words); });
}

// '#' -> digit, '?' -> letter a-z/A-Z, anything else literal (Faker's bothify).
std::string bothify(Rng &rng, std::string_view pattern) {
  static constexpr std::string_view letters =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::string out(pattern);
  for (char &c : out) {
    if (c == '#')
      c = static_cast<char>('0' + rng.below(10));
    else if (c == '?')
      c = letters[rng.below(letters.size())];
  }
  return out;
}

std::string capitalised(std::string_view word) {
  std::string out(word);
  if (!out.empty())
    out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

// A user of the entry's own unit.
std::string unit_user(Rng &rng, const BuildContext &context) {
  const auto offset = rng.below(static_cast<std::uint64_t>(context.user_count));
  return naming::user_institutional_id(context.first_user_number +
                                       static_cast<std::int64_t>(offset));
}

bool is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

// A day of the report year, ISO "YYYY-MM-DD".
std::string date_in_year(Rng &rng, int year) {
  static constexpr std::array<int, 12> month_days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  auto day = static_cast<int>(rng.below(is_leap(year) ? 366 : 365));
  int month = 0;
  for (;; ++month) {
    const int length = month_days[static_cast<std::size_t>(month)] + (month == 1 && is_leap(year));
    if (day < length)
      break;
    day -= length;
  }
  return fmt::format("{:04d}-{:02d}-{:02d}", year, month + 1, day + 1);
}

// Index of an item by cumulative weights in percent (they sum to 100).
template <std::size_t N> std::size_t weighted(Rng &rng, const std::array<int, N> &percent) {
  auto roll = static_cast<int>(rng.below(100));
  for (std::size_t i = 0; i < N; ++i) {
    if (roll < percent[i])
      return i;
    roll -= percent[i];
  }
  return N - 1;
}

// Two different items of a list.
template <class List> std::pair<std::size_t, std::size_t> two_distinct(Rng &rng, const List &list) {
  const auto first = rng.below(list.size());
  auto second = rng.below(list.size() - 1);
  if (second >= first)
    ++second;
  return {first, second};
}

constexpr std::array<std::string_view, 3> cabin_by_frequency{"economy", "business", "first"};
constexpr std::array<int, 3> plane_cabin_percent{70, 25, 5};
constexpr std::array<std::string_view, 2> train_cabins{"second", "first"};
constexpr std::array<int, 2> train_cabin_percent{75, 25};
constexpr std::array<std::string_view, 4> cloud_providers{"AWS", "Azure", "GCP", "Switch Engines"};
constexpr std::array<std::string_view, 3> cloud_services{"virtualisation", "compute", "storage"};
constexpr std::array<std::string_view, 6> ai_providers{"OpenAI", "Anthropic", "Mistral AI",
                                                       "Google", "Cohere",    "Others"};
constexpr std::array<std::string_view, 6> ai_usages{"Code assistance", "Text generation",
                                                    "Translation",     "Data analysis",
                                                    "Summarisation",   "Image generation"};
constexpr std::array<std::string_view, 4> additional_purchases{"ln2", "Liquid helium", "Dry ice",
                                                               "Compressed argon"};
constexpr std::array<std::string_view, 3> additional_units{"kg", "liter", "piece"};
constexpr std::array<std::string_view, 6> combustion_fuels{
    "Natural gas", "Heating oil", "Biomethane", "Pellets", "Forest chips", "Wood logs"};
constexpr std::array<std::string_view, 4> process_gases{"ch4", "co2", "n2o", "refrigerants"};
constexpr std::array<std::string_view, 5> refrigerants{"R134a", "R404A", "R410A", "R32", "R1234yf"};
constexpr std::array<std::string_view, 3> facility_use_units{"kg", "liter", "hour"};
constexpr std::array<std::string_view, 8> facility_names{"SCITAS",
                                                         "RCP",
                                                         "Cleanroom",
                                                         "NMR platform",
                                                         "Cryo-EM centre",
                                                         "Mass spectrometry core",
                                                         "Flow cytometry core",
                                                         "Wind tunnel"};

} // namespace

dto::HeadCountCreate build_head_count(Rng &rng, const BuildContext &context) {
  dto::HeadCountCreate p;
  p.name = fake::person(rng).display_name;
  p.sius_code = std::string(rng.pick(dto::sius_codes));
  p.fte = rng.decimal(0.1, 1.0, 2);
  p.user_institutional_id = unit_user(rng, context);
  p.note = maybe_note(rng, 6);
  return p;
}

dto::HeadCountStudentCreate build_student(Rng &rng, const BuildContext &) {
  return {rng.decimal(0.1, 1.0, 2)};
}

dto::ProfessionalTravelPlaneHandlerCreate build_plane_travel(Rng &rng,
                                                             const BuildContext &context) {
  dto::ProfessionalTravelPlaneHandlerCreate p;
  p.user_institutional_id = unit_user(rng, context);
  const auto &airports = fake::airports();
  const auto [from, to] = two_distinct(rng, airports);
  p.origin_iata = std::string(airports[from].iata);
  p.destination_iata = std::string(airports[to].iata);
  p.cabin_class = std::string(cabin_by_frequency[weighted(rng, plane_cabin_percent)]);
  p.departure_date = date_in_year(rng, context.year);
  p.number_of_trips = rng.between(1, 4);
  p.note = maybe_note(rng, 6);
  return p;
}

dto::ProfessionalTravelTrainHandlerCreate build_train_travel(Rng &rng,
                                                             const BuildContext &context) {
  dto::ProfessionalTravelTrainHandlerCreate p;
  p.user_institutional_id = unit_user(rng, context);
  const auto &stations = fake::stations();
  const auto [from, to] = two_distinct(rng, stations);
  p.origin_name = std::string(stations[from].name);
  p.origin_country_code = std::string(stations[from].country_code);
  p.destination_name = std::string(stations[to].name);
  p.destination_country_code = std::string(stations[to].country_code);
  p.cabin_class = std::string(train_cabins[weighted(rng, train_cabin_percent)]);
  p.departure_date = date_in_year(rng, context.year);
  p.number_of_trips = rng.between(1, 4);
  p.note = maybe_note(rng, 6);
  return p;
}

dto::EquipmentHandlerCreate build_equipment(int data_entry_type_id, Rng &rng,
                                            const BuildContext &context) {
  dto::EquipmentHandlerCreate p;
  p.equipment_id = bothify(rng, "INV-#####");
  if (context.equipment_pool != nullptr && !context.equipment_pool->empty()) {
    const auto &pair = rng.pick(context.equipment_pool->for_entry_type(data_entry_type_id));
    p.equipment_class = pair.equipment_class;
    p.sub_class = pair.sub_class;
  } else {
    p.equipment_class = capitalised(fake::word(rng));
    p.sub_class = maybe(rng, [&] { return std::string(fake::word(rng)); });
  }
  p.name = fmt::format("{} {}", p.equipment_class, bothify(rng, "?\?-###"));
  const auto active = rng.between(0, 80);
  p.active_usage_hours_per_week = active;
  p.standby_usage_hours_per_week = rng.between(0, dto::max_weekly_usage_hours - active);
  p.note = maybe_note(rng, 6);
  return p;
}

dto::ExternalCloudHandlerCreate build_external_cloud(Rng &rng, const BuildContext &) {
  dto::ExternalCloudHandlerCreate p;
  p.service_type = std::string(rng.pick(cloud_services));
  p.provider = std::string(rng.pick(cloud_providers));
  p.spent_amount = rng.decimal(0, 5000, 2);
  p.currency = std::string(rng.pick(builder_currencies));
  p.note = maybe_note(rng, 6);
  return p;
}

dto::ExternalAIHandlerCreate build_external_ai(Rng &rng, const BuildContext &) {
  dto::ExternalAIHandlerCreate p;
  p.provider = std::string(rng.pick(ai_providers));
  p.usage_type = std::string(rng.pick(ai_usages));
  p.requests_per_user_per_day = std::string(rng.pick(dto::requests_frequency_options));
  p.fte_count = rng.decimal(0.1, 50.0, 2);
  p.note = maybe_note(rng, 6);
  return p;
}

dto::PurchaseHandlerCreate build_purchase(Rng &rng, const BuildContext &) {
  dto::PurchaseHandlerCreate p;
  p.name = capitalised(fake::word(rng));
  p.supplier = maybe(rng, [&] { return fake::company(rng); });
  p.quantity = maybe(rng, [&] { return rng.decimal(1, 100, 2); });
  p.total_spent_amount = rng.decimal(100, 10000, 2);
  p.currency = std::string(rng.pick(builder_currencies));
  p.purchase_institutional_code = bothify(rng, "??\?-#####");
  p.purchase_additional_code = maybe(rng, [&] { return bothify(rng, "??\?-#####"); });
  p.note = maybe_note(rng, 10);
  return p;
}

dto::PurchaseAdditionalHandlerCreate build_purchase_additional(Rng &rng, const BuildContext &) {
  dto::PurchaseAdditionalHandlerCreate p;
  p.name = std::string(rng.pick(additional_purchases));
  p.unit = std::string(rng.pick(additional_units));
  p.annual_consumption = rng.decimal(0, 5000, 2);
  p.coef_to_kg = rng.decimal(0.01, 10.0, 3);
  p.note = maybe_note(rng, 6);
  return p;
}

dto::BuildingRoomHandlerCreate build_building_room(Rng &rng, const BuildContext &) {
  dto::BuildingRoomHandlerCreate p;
  p.building_name = fmt::format("{} Hall", fake::last_name(rng));
  p.room_name = fmt::format("R{}", rng.between(100, 999));
  p.room_type = std::string(rng.pick(dto::room_types));
  p.room_allocation_ratio = rng.decimal(0, 1, 2);
  p.note = maybe_note(rng, 6);
  return p;
}

dto::EnergyCombustionHandlerCreate build_energy_combustion(Rng &rng, const BuildContext &) {
  dto::EnergyCombustionHandlerCreate p;
  p.name = std::string(rng.pick(combustion_fuels));
  p.quantity = rng.decimal(0, 5000, 2);
  p.note = maybe_note(rng, 6);
  return p;
}

dto::BuildingEmbodiedEnergyHandlerCreate build_building_embodied_energy(Rng &rng,
                                                                        const BuildContext &) {
  return {fmt::format("{} Hall", fake::last_name(rng))};
}

dto::ProcessEmissionsHandlerCreate build_process_emissions(Rng &rng, const BuildContext &) {
  dto::ProcessEmissionsHandlerCreate p;
  p.category = std::string(rng.pick(process_gases));
  p.subcategory = p.category == "refrigerants"
                      ? OptString(std::string(rng.pick(refrigerants)))
                      : maybe(rng, [&] { return std::string(fake::word(rng)); });
  p.quantity = rng.decimal(0, 5000, 2);
  p.note = maybe_note(rng, 6);
  return p;
}

dto::ResearchFacilitiesCommonHandlerCreate build_research_facility_common(Rng &rng,
                                                                          const BuildContext &) {
  dto::ResearchFacilitiesCommonHandlerCreate p;
  p.researchfacility_id = bothify(rng, "RF-#####");
  p.researchfacility_name = std::string(rng.pick(facility_names));
  p.use = rng.decimal(0, 1000, 2);
  p.use_unit = std::string(rng.pick(facility_use_units));
  p.note = maybe_note(rng, 6);
  return p;
}

dto::ResearchFacilitiesAnimalHandlerCreate
build_research_facility_animal(Rng &rng, const BuildContext &context) {
  const auto common = build_research_facility_common(rng, context);
  dto::ResearchFacilitiesAnimalHandlerCreate p;
  p.researchfacility_id = common.researchfacility_id;
  p.researchfacility_name = fmt::format("Animal facility {}", rng.between(1, 9));
  p.use = common.use;
  p.use_unit = common.use_unit;
  p.note = common.note;
  p.researchfacility_type = std::string(rng.pick(animal_facility_types));
  return p;
}

dto::Payload build(int data_entry_type_id, Rng &rng, const BuildContext &context) {
  using dto::DtoKind;
  switch (catalog::entry_type(data_entry_type_id).dto) {
  case DtoKind::head_count:
    return build_head_count(rng, context);
  case DtoKind::head_count_student:
    return build_student(rng, context);
  case DtoKind::plane:
    return build_plane_travel(rng, context);
  case DtoKind::train:
    return build_train_travel(rng, context);
  case DtoKind::equipment:
    return build_equipment(data_entry_type_id, rng, context);
  case DtoKind::external_cloud:
    return build_external_cloud(rng, context);
  case DtoKind::external_ai:
    return build_external_ai(rng, context);
  case DtoKind::purchase:
    return build_purchase(rng, context);
  case DtoKind::purchase_additional:
    return build_purchase_additional(rng, context);
  case DtoKind::building_room:
    return build_building_room(rng, context);
  case DtoKind::energy_combustion:
    return build_energy_combustion(rng, context);
  case DtoKind::building_embodied_energy:
    return build_building_embodied_energy(rng, context);
  case DtoKind::process_emissions:
    return build_process_emissions(rng, context);
  case DtoKind::research_facilities_common:
    return build_research_facility_common(rng, context);
  case DtoKind::research_facilities_animal:
    return build_research_facility_animal(rng, context);
  }
  throw std::logic_error("no builder for entry type " + std::to_string(data_entry_type_id));
}

} // namespace seed::builders
