#include "seed/generate/builders.hpp"

#include "seed/generate/fake.hpp"
#include "seed/generate/value_models.hpp"
#include "seed/model/catalog.hpp"
#include "seed/model/naming.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <cmath>
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

// --- Computed emissions: factors and reference rows ---

// A factor of the entry type in the report year; nullptr without a factor
// pool or when the type has none that year.
const Factor *drawn_factor(Rng &rng, const BuildContext &context, int data_entry_type_id) {
  if (context.factors == nullptr)
    return nullptr;
  const auto &factors = context.factors->of(data_entry_type_id, context.year);
  return factors.empty() ? nullptr : factors[rng.below(factors.size())];
}

// `classification->>'key'` of a factor (the text the application compares).
OptString classification_text(const Factor &factor, std::string_view key) {
  return json_text(factor.classification, key);
}

// A non-blank classification text, or nullopt.
OptString required_text(const Factor *factor, std::string_view key) {
  if (factor == nullptr)
    return std::nullopt;
  auto text = classification_text(*factor, key);
  if (!text || dto::is_blank(*text))
    return std::nullopt;
  return text;
}

// The `use_unit` of a facility factor (a values key), which entries must
// repeat exactly.
OptString factor_use_unit(const Factor *factor) {
  if (factor == nullptr)
    return std::nullopt;
  return json_text(factor->values, "use_unit");
}

const std::vector<Location> *reference_airports(const BuildContext &context) {
  if (context.factors == nullptr || context.reference == nullptr ||
      context.reference->airports().size() < 2)
    return nullptr;
  return &context.reference->airports();
}

const std::vector<Location> *reference_stations(const BuildContext &context) {
  if (context.factors == nullptr || context.reference == nullptr ||
      context.reference->stations().size() < 2)
    return nullptr;
  return &context.reference->stations();
}

const Room *reference_room(Rng &rng, const BuildContext &context) {
  if (context.factors == nullptr || context.reference == nullptr ||
      context.reference->rooms().empty())
    return nullptr;
  return &rng.pick(context.reference->rooms());
}

bool computed(const BuildContext &context) {
  return context.factors != nullptr;
}

// --- Realistic values (value_models.hpp) ---

bool realistic(const BuildContext &context) {
  return context.values == ValueSet::realistic;
}

double headcount(const BuildContext &context) {
  return context.headcount > 0 ? context.headcount : 2.5 * static_cast<double>(context.user_count);
}

double drawn(std::string_view key, Rng &rng, const BuildContext &context) {
  return values::draw(key, rng, headcount(context));
}

// A numeric `values` key of a factor; 0 without one.
double factor_value(const Factor *factor, std::string_view key) {
  if (factor == nullptr || !factor->values.contains(key) || !factor->values[key].is_number())
    return 0;
  return factor->values[key].get<double>();
}

// A draw for an entry linked to `factor` (values::Model::reference_ef).
double drawn_for(std::string_view key, const Factor *factor, std::string_view ef_key, Rng &rng,
                 const BuildContext &context) {
  return values::draw(values::model(key), rng, headcount(context), factor_value(factor, ef_key));
}

double drawn(std::string_view key, std::string_view category, Rng &rng,
             const BuildContext &context) {
  return values::draw(values::model(key, category), rng, headcount(context));
}

// A route for `target_km` of travel in one entry: of `tries` random pairs of
// places (leaving from one of `home` when it is not empty), the longest whose
// one-trip distance fits in the target (else the shortest), and as many trips
// as fit in the target (at least one).
struct Route {
  std::size_t from = 0, to = 1;
  std::int64_t trips = 1;
};

template <class Distance>
Route route_for(Rng &rng, std::size_t places, const std::vector<std::size_t> &home,
                double target_km, Distance distance) {
  constexpr int tries = 16;
  constexpr std::int64_t max_trips = 60;
  Route best;
  double best_km = -1;
  bool best_fits = false;
  for (int i = 0; i < tries; ++i) {
    const auto from = home.empty() ? rng.below(places) : home[rng.below(home.size())];
    auto to = rng.below(places - 1);
    if (to >= from)
      ++to;
    const double km = distance(from, to);
    if (km <= 0)
      continue;
    const bool fits = km <= target_km;
    if (best_km < 0 || (fits && (!best_fits || km > best_km)) ||
        (!fits && !best_fits && km < best_km)) {
      best = {from, to, 1};
      best_km = km;
      best_fits = fits;
    }
  }
  if (best_km > 0)
    best.trips = std::clamp<std::int64_t>(
        static_cast<std::int64_t>(std::floor(target_km / best_km)), 1, max_trips);
  return best;
}

// Indices of the places in Switzerland (the labs' home country), per list;
// cached per thread for the list last asked about.
template <class List, class Country>
const std::vector<std::size_t> &home_places(const List &list, Country country) {
  thread_local const void *cached = nullptr;
  thread_local std::size_t cached_size = 0;
  thread_local std::vector<std::size_t> indices;
  if (cached != static_cast<const void *>(&list) || cached_size != list.size()) {
    indices.clear();
    for (std::size_t i = 0; i < list.size(); ++i)
      if (country(list[i]) == "CH")
        indices.push_back(i);
    cached = &list;
    cached_size = list.size();
  }
  return indices;
}

std::string_view country_of(const Location &l) {
  return l.country_code ? std::string_view(*l.country_code) : std::string_view();
}
std::string_view country_of(const fake::Airport &a) {
  return a.country_code;
}
std::string_view country_of(const fake::Station &s) {
  return s.country_code;
}

double safe_km(auto compute) {
  try {
    return static_cast<double>(compute());
  } catch (const std::exception &) {
    return -1; // coordinates out of range: never chosen
  }
}

Location as_location(const fake::Airport &a) {
  Location l;
  l.latitude = a.latitude;
  l.longitude = a.longitude;
  return l;
}

Location as_location(const fake::Station &s) {
  Location l;
  l.latitude = s.latitude;
  l.longitude = s.longitude;
  l.country_code = std::string(s.country_code);
  return l;
}

// kg CO2-eq per km of one plane trip of `one_trip_km` in `cabin`, as the
// application will pick the factor (haul band by distance, exact cabin;
// emissions.md §2.4, §3.2); 0 when no factor of the report year matches.
double plane_ef(const BuildContext &context, std::string_view cabin, double one_trip_km) {
  if (context.factors == nullptr)
    return 0;
  for (const Factor *f : context.factors->of(20, context.year)) {
    if (classification_text(*f, "cabin_class") != OptString(std::string(cabin)))
      continue;
    const double min = factor_value(f, "min_distance");
    const double max = factor_value(f, "max_distance");
    if (one_trip_km < min || (max > 0 && one_trip_km >= max))
      continue;
    const double rfi = factor_value(f, "rfi_adjustment");
    return factor_value(f, "ef_kg_co2eq_per_km") * (rfi > 0 ? rfi : 1.0);
  }
  return 0;
}

// kg CO2-eq per km of a train trip whose factor country is `country` (RoW
// when that country has none); 0 without train factors.
double train_ef(const BuildContext &context, const std::string &country) {
  if (context.factors == nullptr)
    return 0;
  double row = 0;
  for (const Factor *f : context.factors->of(21, context.year)) {
    const auto code = classification_text(*f, "country_code");
    if (code == OptString(country))
      return factor_value(f, "ef_kg_co2eq_per_km");
    if (code == OptString("RoW"))
      row = factor_value(f, "ef_kg_co2eq_per_km");
  }
  return row;
}

// kg CO2-eq per m2 of a room of `room_type` in `building` per year: the
// building factor's kWh/m2 of the five energy leaves x its ef (heating with
// its conversion factor; emissions.md §3.2); 0 without a factor.
double room_ef(const BuildContext &context, const std::string &building,
               const std::string &room_type) {
  if (context.factors == nullptr)
    return 0;
  for (const Factor *f : context.factors->of(30, context.year)) {
    if (classification_text(*f, "building_name") != OptString(building) ||
        classification_text(*f, "room_type") != OptString(room_type))
      continue;
    const double conversion = factor_value(f, "conversion_factor");
    const double kwh =
        factor_value(f, "lighting_kwh_per_square_meter") +
        factor_value(f, "cooling_kwh_per_square_meter") +
        factor_value(f, "ventilation_kwh_per_square_meter") +
        factor_value(f, "heating_kwh_per_square_meter") * (conversion > 0 ? conversion : 1.0);
    return kwh * factor_value(f, "ef_kg_co2eq_per_kwh");
  }
  return 0;
}

// kg CO2-eq per m2 and year of embodied energy in `building`: the sum of
// its factors (one row each, emissions.md §2.4), else of `default`'s.
double embodied_ef(const BuildContext &context, const std::string &building) {
  if (context.factors == nullptr)
    return 0;
  double own = 0, fallback = 0;
  for (const Factor *f : context.factors->of(32, context.year)) {
    const auto name = classification_text(*f, "building_name");
    if (name == OptString(building))
      own += factor_value(f, "ef_kgco2eq_per_m2");
    else if (name == OptString("default"))
      fallback += factor_value(f, "ef_kgco2eq_per_m2");
  }
  return own > 0 ? own : fallback;
}

// kg CO2-eq per use of a facility factor (emissions.md §3.2): common
// facilities kg_co2eq_sum / total_use; animal facilities the sum over the six
// sources of share x kg / total_use. 0 without a factor or a total use.
double facility_ef(const Factor *factor) {
  const double total_use = factor_value(factor, "total_use");
  if (total_use <= 0)
    return 0;
  double kg = factor_value(factor, "kg_co2eq_sum");
  for (const auto *source : {"processemissions", "building_energycombustions", "building_rooms",
                             "purchases_common", "purchases_additional", "equipments"})
    kg += factor_value(factor, std::string(source) + "_share") *
          factor_value(factor, std::string("kg_co2eq_sum_") + source);
  return kg / total_use;
}

// Travel km weighted by their factor: km x ef / reference_ef of the model
// (the plain km without a factor), so that a route's trips fill the entry's
// drawn budget whatever the haul band, cabin or country.
double equivalent_km(double km, double ef, const values::Model &model) {
  return ef > 0 && model.reference_ef > 0 ? km * ef / model.reference_ef : km;
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
  p.name = context.member ? context.member->name : fake::person(rng).display_name;
  p.sius_code = std::string(rng.pick(dto::sius_codes));
  p.fte = realistic(context) ? drawn("member.fte", rng, context) : rng.decimal(0.1, 1.0, 2);
  p.user_institutional_id =
      context.member ? context.member->institutional_id : unit_user(rng, context);
  p.note = maybe_note(rng, 6);
  return p;
}

dto::HeadCountStudentCreate build_student(Rng &rng, const BuildContext &context) {
  if (realistic(context))
    return {drawn("student.fte", rng, context)};
  return {rng.decimal(0.1, 1.0, 2)};
}

dto::ProfessionalTravelPlaneHandlerCreate build_plane_travel(Rng &rng,
                                                             const BuildContext &context) {
  dto::ProfessionalTravelPlaneHandlerCreate p;
  p.user_institutional_id = unit_user(rng, context);
  if (realistic(context)) {
    const auto &model = values::model("plane.km");
    const double target = values::draw(model, rng, headcount(context));
    p.cabin_class = std::string(cabin_by_frequency[weighted(rng, values::plane_cabin_percent)]);
    if (const auto *airports = reference_airports(context)) {
      const auto &home = home_places(*airports, [](const auto &l) { return country_of(l); });
      const auto route = route_for(rng, airports->size(), home, target, [&](auto i, auto j) {
        const double km =
            safe_km([&] { return plane_distance_km((*airports)[i], (*airports)[j]); });
        return equivalent_km(km, plane_ef(context, p.cabin_class, km), model);
      });
      p.origin_iata = *(*airports)[route.from].iata_code;
      p.destination_iata = *(*airports)[route.to].iata_code;
      p.number_of_trips = route.trips;
    } else {
      const auto &builtin = fake::airports();
      const auto &home = home_places(builtin, [](const auto &a) { return country_of(a); });
      const auto route = route_for(rng, builtin.size(), home, target, [&](auto i, auto j) {
        return safe_km(
            [&] { return plane_distance_km(as_location(builtin[i]), as_location(builtin[j])); });
      });
      p.origin_iata = std::string(builtin[route.from].iata);
      p.destination_iata = std::string(builtin[route.to].iata);
      p.number_of_trips = route.trips;
    }
    p.departure_date = date_in_year(rng, context.year);
    p.note = maybe_note(rng, 6);
    return p;
  }
  if (const auto *airports = reference_airports(context)) {
    const auto [from, to] = two_distinct(rng, *airports);
    p.origin_iata = *(*airports)[from].iata_code;
    p.destination_iata = *(*airports)[to].iata_code;
  } else {
    const auto &builtin = fake::airports();
    const auto [from, to] = two_distinct(rng, builtin);
    p.origin_iata = std::string(builtin[from].iata);
    p.destination_iata = std::string(builtin[to].iata);
  }
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
  if (realistic(context)) {
    const auto &model = values::model("train.km");
    const double target = values::draw(model, rng, headcount(context));
    if (const auto *stations = reference_stations(context)) {
      const auto &home = home_places(*stations, [](const auto &l) { return country_of(l); });
      const auto route = route_for(rng, stations->size(), home, target, [&](auto i, auto j) {
        const Location &a = (*stations)[i];
        const Location &b = (*stations)[j];
        const double km = safe_km([&] { return train_distance_km(a, b); });
        return equivalent_km(km, train_ef(context, train_country_code(a, b)), model);
      });
      const Location &origin = (*stations)[route.from];
      const Location &destination = (*stations)[route.to];
      p.origin_name = origin.name;
      p.origin_country_code = origin.country_code.value_or("");
      p.destination_name = destination.name;
      p.destination_country_code = destination.country_code.value_or("");
      p.origin_natural_key = origin.natural_key;
      p.destination_natural_key = destination.natural_key;
      p.number_of_trips = route.trips;
    } else {
      const auto &builtin = fake::stations();
      const auto &home = home_places(builtin, [](const auto &s) { return country_of(s); });
      const auto route = route_for(rng, builtin.size(), home, target, [&](auto i, auto j) {
        return safe_km(
            [&] { return train_distance_km(as_location(builtin[i]), as_location(builtin[j])); });
      });
      p.origin_name = std::string(builtin[route.from].name);
      p.origin_country_code = std::string(builtin[route.from].country_code);
      p.destination_name = std::string(builtin[route.to].name);
      p.destination_country_code = std::string(builtin[route.to].country_code);
      p.number_of_trips = route.trips;
    }
    p.cabin_class = std::string(train_cabins[weighted(rng, values::train_cabin_percent)]);
    p.departure_date = date_in_year(rng, context.year);
    p.note = maybe_note(rng, 6);
    return p;
  }
  if (const auto *stations = reference_stations(context)) {
    // The application finds stations by natural key only.
    const auto [from, to] = two_distinct(rng, *stations);
    const Location &origin = (*stations)[from];
    const Location &destination = (*stations)[to];
    p.origin_name = origin.name;
    p.origin_country_code = origin.country_code.value_or("");
    p.destination_name = destination.name;
    p.destination_country_code = destination.country_code.value_or("");
    p.origin_natural_key = origin.natural_key;
    p.destination_natural_key = destination.natural_key;
  } else {
    const auto &builtin = fake::stations();
    const auto [from, to] = two_distinct(rng, builtin);
    p.origin_name = std::string(builtin[from].name);
    p.origin_country_code = std::string(builtin[from].country_code);
    p.destination_name = std::string(builtin[to].name);
    p.destination_country_code = std::string(builtin[to].country_code);
  }
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
  const Factor *factor = drawn_factor(rng, context, data_entry_type_id);
  if (const auto equipment_class = required_text(factor, "equipment_class")) {
    p.equipment_class = *equipment_class;
    p.sub_class = classification_text(*factor, "sub_class");
  } else if (context.equipment_pool != nullptr && !context.equipment_pool->empty()) {
    const auto &pair = rng.pick(context.equipment_pool->for_entry_type(data_entry_type_id));
    p.equipment_class = pair.equipment_class;
    p.sub_class = pair.sub_class;
  } else {
    p.equipment_class = capitalised(fake::word(rng));
    p.sub_class = maybe(rng, [&] { return std::string(fake::word(rng)); });
  }
  p.name = fmt::format("{} {}", p.equipment_class, bothify(rng, "?\?-###"));
  if (realistic(context)) {
    // The factor's typical weekly hours, scaled; without one, drawn hours.
    const auto factor_hours = [&](std::string_view key) -> std::optional<double> {
      if (factor == nullptr || !factor->values.contains(key) || !factor->values[key].is_number())
        return std::nullopt;
      return factor->values[key].get<double>();
    };
    const auto typical_active = factor_hours("active_usage_hours_per_week");
    const auto typical_standby = factor_hours("standby_usage_hours_per_week");
    std::int64_t active = 0;
    std::int64_t standby = 0;
    if (typical_active && typical_standby) {
      const double scale = drawn("equipment.usage_scale", rng, context);
      active = std::llround(*typical_active * scale);
      standby = std::llround(*typical_standby * scale);
    } else {
      active = std::llround(drawn("equipment.active_hours", rng, context));
      standby = std::llround(drawn("equipment.standby_hours", rng, context));
    }
    active = std::clamp<std::int64_t>(active, 0, dto::max_weekly_usage_hours);
    standby = std::clamp<std::int64_t>(standby, 0, dto::max_weekly_usage_hours - active);
    p.active_usage_hours_per_week = active;
    p.standby_usage_hours_per_week = standby;
    p.note = maybe_note(rng, 6);
    return p;
  }
  const auto active = rng.between(0, 80);
  p.active_usage_hours_per_week = active;
  p.standby_usage_hours_per_week = rng.between(0, dto::max_weekly_usage_hours - active);
  p.note = maybe_note(rng, 6);
  return p;
}

dto::ExternalCloudHandlerCreate build_external_cloud(Rng &rng, const BuildContext &context) {
  dto::ExternalCloudHandlerCreate p;
  const Factor *factor = drawn_factor(rng, context, 40);
  const auto service_type = required_text(factor, "service_type");
  const auto provider = required_text(factor, "provider");
  p.service_type = service_type.value_or(std::string(rng.pick(cloud_services)));
  p.provider = provider.value_or(std::string(rng.pick(cloud_providers)));
  p.spent_amount = realistic(context) ? drawn_for("external_cloud.spent", factor,
                                                  "ef_kg_co2eq_per_currency", rng, context)
                                      : rng.decimal(0, 5000, 2);
  p.currency = computed(context) ? "eur" : std::string(rng.pick(builder_currencies));
  p.note = maybe_note(rng, 6);
  return p;
}

dto::ExternalAIHandlerCreate build_external_ai(Rng &rng, const BuildContext &context) {
  dto::ExternalAIHandlerCreate p;
  const Factor *factor = drawn_factor(rng, context, 41);
  p.provider = required_text(factor, "provider").value_or(std::string(rng.pick(ai_providers)));
  // A factor without a usage type links any usage type (emissions.md §2.3).
  p.usage_type = required_text(factor, "usage_type").value_or(std::string(rng.pick(ai_usages)));
  if (realistic(context)) {
    p.requests_per_user_per_day =
        std::string(dto::requests_frequency_options[weighted(rng, values::ai_frequency_percent)]);
    // Heavier use, fewer users: the FTE count is normalised by the requests
    // per user and day (emissions.md §3.2: 3, 12.5, 60, 100), like the factor.
    constexpr std::array<double, 4> requests_per_day{3.0, 12.5, 60.0, 100.0};
    const auto frequency = static_cast<std::size_t>(
        std::find(dto::requests_frequency_options.begin(), dto::requests_frequency_options.end(),
                  p.requests_per_user_per_day) -
        dto::requests_frequency_options.begin());
    const double ef = factor_value(factor, "ef_kg_co2eq_per_request");
    p.fte_count = values::draw(
        values::model("external_ai.fte_count"), rng, headcount(context),
        ef > 0 ? ef * requests_per_day[std::min<std::size_t>(frequency, 3)] / 12.5 : 0);
  } else {
    p.requests_per_user_per_day = std::string(rng.pick(dto::requests_frequency_options));
    p.fte_count = rng.decimal(0.1, 50.0, 2);
  }
  p.note = maybe_note(rng, 6);
  return p;
}

dto::PurchaseHandlerCreate build_purchase(int data_entry_type_id, Rng &rng,
                                          const BuildContext &context) {
  dto::PurchaseHandlerCreate p;
  p.name = capitalised(fake::word(rng));
  p.supplier = maybe(rng, [&] { return fake::company(rng); });
  const bool real = realistic(context);
  if (real) {
    p.quantity = maybe(rng, [&] { return drawn("purchase.quantity", rng, context); });
  } else {
    p.quantity = maybe(rng, [&] { return rng.decimal(1, 100, 2); });
    p.total_spent_amount = rng.decimal(100, 10000, 2);
  }
  p.currency = computed(context) ? "eur" : std::string(rng.pick(builder_currencies));
  const Factor *factor = drawn_factor(rng, context, data_entry_type_id);
  if (real)
    p.total_spent_amount =
        drawn_for("purchase.spent", factor, "ef_kg_co2eq_per_currency", rng, context);
  if (const auto code = required_text(factor, "purchase_institutional_code")) {
    p.purchase_institutional_code = *code;
    p.purchase_additional_code = classification_text(*factor, "purchase_additional_code");
  } else {
    p.purchase_institutional_code = bothify(rng, "??\?-#####");
    p.purchase_additional_code = maybe(rng, [&] { return bothify(rng, "??\?-#####"); });
  }
  p.note = maybe_note(rng, 10);
  return p;
}

dto::PurchaseAdditionalHandlerCreate build_purchase_additional(Rng &rng,
                                                               const BuildContext &context) {
  dto::PurchaseAdditionalHandlerCreate p;
  const Factor *factor = drawn_factor(rng, context, 67);
  p.name = required_text(factor, "name").value_or(std::string(rng.pick(additional_purchases)));
  p.unit = std::string(rng.pick(additional_units));
  if (realistic(context)) {
    p.coef_to_kg = drawn("additional_purchase.coef_to_kg", p.unit, rng, context);
    p.annual_consumption =
        values::draw(values::model("additional_purchase.annual_consumption"), rng,
                     headcount(context), p.coef_to_kg * factor_value(factor, "ef_kg_co2eq_per_kg"));
  } else {
    p.annual_consumption = rng.decimal(0, 5000, 2);
    p.coef_to_kg = rng.decimal(0.01, 10.0, 3);
  }
  p.note = maybe_note(rng, 6);
  return p;
}

bool is_room_type(const OptString &text) {
  return text &&
         std::find(dto::room_types.begin(), dto::room_types.end(), *text) != dto::room_types.end();
}

dto::BuildingRoomHandlerCreate build_building_room(Rng &rng, const BuildContext &context) {
  dto::BuildingRoomHandlerCreate p;
  if (realistic(context) && computed(context) && context.reference != nullptr &&
      !context.reference->rooms().empty()) {
    // The lab's share of a room: of a few rooms, the first that holds the
    // allocated surface (else the largest); the ratio allocates that surface.
    const auto &model = values::model("building.allocated_m2");
    double allocated = values::draw(model, rng, headcount(context));
    const Room *room = nullptr;
    for (int i = 0; i < 6; ++i) {
      const Room &candidate = rng.pick(context.reference->rooms());
      const double surface = candidate.surface_square_meter.value_or(0);
      if (room == nullptr || surface > room->surface_square_meter.value_or(0))
        room = &candidate;
      if (surface >= allocated)
        break;
    }
    p.building_name = room->building_name;
    p.room_name = room->room_name;
    p.room_type =
        is_room_type(room->room_type) ? *room->room_type : std::string(rng.pick(dto::room_types));
    // Energy-hungry rooms (laboratories, a fossil-heated building): less of them.
    const double ef = room_ef(context, p.building_name, p.room_type);
    if (ef > 0 && model.reference_ef > 0)
      allocated *= model.reference_ef / ef;
    const double surface = room->surface_square_meter.value_or(0);
    p.room_allocation_ratio =
        surface > 0 ? std::clamp(std::round(allocated / surface * 100) / 100, 0.01, 1.0) : 1.0;
    p.note = maybe_note(rng, 6);
    return p;
  }
  if (const Room *room = reference_room(rng, context)) {
    // A room the application finds by name; its building's factors link it.
    p.building_name = room->building_name;
    p.room_name = room->room_name;
    p.room_type =
        is_room_type(room->room_type) ? *room->room_type : std::string(rng.pick(dto::room_types));
  } else {
    p.building_name = fmt::format("{} Hall", fake::last_name(rng));
    p.room_name = fmt::format("R{}", rng.between(100, 999));
    p.room_type = std::string(rng.pick(dto::room_types));
  }
  // Without reference rooms (no surface to allocate): a share of a 100 m2 room.
  p.room_allocation_ratio =
      realistic(context)
          ? std::clamp(std::round(drawn("building.allocated_m2", rng, context)) / 100, 0.01, 1.0)
          : rng.decimal(0, 1, 2);
  p.note = maybe_note(rng, 6);
  return p;
}

dto::EnergyCombustionHandlerCreate build_energy_combustion(Rng &rng, const BuildContext &context) {
  dto::EnergyCombustionHandlerCreate p;
  const Factor *factor = drawn_factor(rng, context, 31);
  p.name = required_text(factor, "name").value_or(std::string(rng.pick(combustion_fuels)));
  p.quantity = realistic(context) ? drawn_for("energy_combustion.quantity", factor,
                                              "ef_kg_co2eq_per_unit", rng, context)
                                  : rng.decimal(0, 5000, 2);
  p.note = maybe_note(rng, 6);
  return p;
}

dto::BuildingEmbodiedEnergyHandlerCreate
build_building_embodied_energy(Rng &rng, const BuildContext &context) {
  dto::BuildingEmbodiedEnergyHandlerCreate p;
  const Room *room = reference_room(rng, context);
  p.building_name =
      room != nullptr ? room->building_name : fmt::format("{} Hall", fake::last_name(rng));
  // The formula multiplies this surface by the factor (emissions.md §3.2).
  if (computed(context) && realistic(context))
    p.room_surface_square_meter =
        values::draw(values::model("building_embodied_energy.surface_m2"), rng, headcount(context),
                     embodied_ef(context, p.building_name));
  else if (computed(context))
    p.room_surface_square_meter = room != nullptr && room->surface_square_meter
                                      ? *room->surface_square_meter
                                      : rng.decimal(20, 2000, 1);
  return p;
}

dto::ProcessEmissionsHandlerCreate build_process_emissions(Rng &rng, const BuildContext &context) {
  dto::ProcessEmissionsHandlerCreate p;
  const Factor *factor = drawn_factor(rng, context, 50);
  if (const auto category = required_text(factor, "category")) {
    p.category = *category;
    p.subcategory = classification_text(*factor, "subcategory");
  } else {
    p.category = std::string(rng.pick(process_gases));
    p.subcategory = p.category == "refrigerants"
                        ? OptString(std::string(rng.pick(refrigerants)))
                        : maybe(rng, [&] { return std::string(fake::word(rng)); });
  }
  p.quantity = realistic(context)
                   ? values::draw(values::model("process_emissions.quantity", p.category), rng,
                                  headcount(context), factor_value(factor, "ef_kg_co2eq_per_unit"))
                   : rng.decimal(0, 5000, 2);
  p.note = maybe_note(rng, 6);
  return p;
}

// The use and use unit of a facility entry (common or animal), from its
// factor when the entry names one (`factor` non-null), in the draw order both
// builders share.
template <class FacilityPayload>
void draw_facility_use(FacilityPayload &p, Rng &rng, const BuildContext &context,
                       const Factor *factor) {
  const auto use_unit = [&] {
    return (factor != nullptr ? factor_use_unit(factor) : OptString())
        .value_or(std::string(rng.pick(facility_use_units)));
  };
  if (realistic(context)) {
    p.use_unit = use_unit();
    p.use = values::draw(values::model("research_facility.use", p.use_unit), rng,
                         headcount(context), facility_ef(factor));
  } else {
    p.use = rng.decimal(0, 1000, 2);
    p.use_unit = use_unit();
  }
}

// A facility entry repeats its factor's id, name and use unit exactly; the
// formula divides the entry's use by the factor's total use.
dto::ResearchFacilitiesCommonHandlerCreate
build_research_facility_common(Rng &rng, const BuildContext &context) {
  dto::ResearchFacilitiesCommonHandlerCreate p;
  const Factor *factor = drawn_factor(rng, context, 70);
  const auto id = required_text(factor, "researchfacility_id");
  p.researchfacility_id = id.value_or(bothify(rng, "RF-#####"));
  p.researchfacility_name =
      (id ? classification_text(*factor, "researchfacility_name") : OptString())
          .value_or(std::string(rng.pick(facility_names)));
  draw_facility_use(p, rng, context, id ? factor : nullptr);
  p.note = maybe_note(rng, 6);
  return p;
}

dto::ResearchFacilitiesAnimalHandlerCreate
build_research_facility_animal(Rng &rng, const BuildContext &context) {
  dto::ResearchFacilitiesAnimalHandlerCreate p;
  const Factor *factor = drawn_factor(rng, context, 71);
  const auto id = required_text(factor, "researchfacility_id");
  p.researchfacility_id = id.value_or(bothify(rng, "RF-#####"));
  draw_facility_use(p, rng, context, id ? factor : nullptr);
  p.note = maybe_note(rng, 6);
  p.researchfacility_name =
      (id ? classification_text(*factor, "researchfacility_name") : OptString())
          .value_or(fmt::format("Animal facility {}", rng.between(1, 9)));
  // A factor without a type links every type; entries keep mice or fish.
  p.researchfacility_type =
      (id ? classification_text(*factor, "researchfacility_type") : OptString())
          .value_or(std::string(rng.pick(animal_facility_types)));
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
    return build_purchase(data_entry_type_id, rng, context);
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
