#include "seed/rules/emissions.hpp"

#include "seed/model/catalog.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <functional>

namespace seed {
namespace {

using OJ = nlohmann::ordered_json;

constexpr std::string_view override_key = "__kg_co2eq_override__";
constexpr double weeks_per_year = 52;         // WEEKS_PER_YEAR setting default
constexpr double ai_days_per_week = 5;        // unnamed literal of the AI formula
constexpr double ai_weeks_per_year = 46;      // idem
constexpr long long plane_detour_km = 95;     // added to the great-circle distance
constexpr double train_detour_factor = 1.2;   // applied to the rounded great-circle distance
constexpr double earth_radius_km = 6371.0088; // haversine 2.9.0 _AVG_EARTH_RADIUS_KM

// The six room types in leaf order (xx = 01 .. 06).
constexpr std::array<std::string_view, 6> room_leaf_order{
    "office", "laboratories", "archives", "libraries", "auditoriums", "miscellaneous"};

std::string lower(std::string text) {
  for (char &c : text)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Python str.strip() for ASCII white space.
std::string strip(const std::string &text) {
  constexpr std::string_view space = " \t\n\r\f\v";
  const auto begin = text.find_first_not_of(space);
  if (begin == std::string::npos)
    return {};
  return text.substr(begin, text.find_last_not_of(space) - begin + 1);
}

std::string underscored(std::string text) {
  for (char &c : text)
    if (c == ' ')
      c = '_';
  return text;
}

// A string field, or nullopt when missing, null or not a string (the
// application's `.lower()` would not apply to it either).
template <class Json>
std::optional<std::string> string_field(const Json &obj, std::string_view key) {
  if (!obj.is_object())
    return std::nullopt;
  const auto it = obj.find(key);
  if (it == obj.end() || !it->is_string())
    return std::nullopt;
  return it->template get<std::string>();
}

// Python float(): numbers, booleans and numeric strings; anything else raises.
template <class Json> double to_double(const Json &value, std::string_view key) {
  if (value.is_number())
    return value.template get<double>();
  if (value.is_boolean())
    return value.template get<bool>() ? 1.0 : 0.0;
  if (value.is_string()) {
    const std::string text = strip(value.template get<std::string>());
    double out = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    if (!text.empty() && ec == std::errc() && ptr == text.data() + text.size())
      return out;
  }
  throw EmissionError("value of '" + std::string(key) + "' is not a number: " + value.dump());
}

// nullopt for a missing or null key.
template <class Json> std::optional<double> number(const Json &obj, std::string_view key) {
  if (!obj.is_object())
    return std::nullopt;
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null())
    return std::nullopt;
  return to_double(*it, key);
}

// What the formulas ask of an emission type, worked out once per type from
// the catalog's tree (not walked again for every row).
struct TypeFacts {
  int depth = -1; // -1: not an emission type
  std::optional<int> scope;
  bool has_additional_value = false; // under food, waste, commuting or professional travel
};

const TypeFacts &facts_of(int emission_type_id) {
  static const auto table = [] {
    std::unordered_map<int, TypeFacts> facts;
    for (const auto &type : catalog::emission_types()) {
      TypeFacts fact;
      fact.depth = 0;
      for (const auto *t = &type; t->parent != 0; t = catalog::find_emission_type(t->parent))
        ++fact.depth;
      if (type.scope != 0)
        fact.scope = type.scope;
      for (const int root : {10000, 20000, 30000, 50000})
        fact.has_additional_value |= catalog::emission_type_is_under(type.id, root);
      facts.emplace(type.id, fact);
    }
    return facts;
  }();
  static const TypeFacts unknown;
  const auto it = table.find(emission_type_id);
  return it == table.end() ? unknown : it->second;
}

int depth(int emission_type_id) {
  return facts_of(emission_type_id).depth;
}

// The deeper of the computed type and the factor's; ties to the computed.
int written_type(int computed, int factor_type) {
  return depth(factor_type) > depth(computed) ? factor_type : computed;
}

std::optional<int> scope_of(int emission_type_id) {
  return facts_of(emission_type_id).scope;
}

bool has_additional_value(int computed) {
  return facts_of(computed).has_additional_value;
}

std::optional<int> rollup_type(int data_entry_type_id) {
  switch (data_entry_type_id) {
  case 1:
  case 2:
    return 40000;
  case 30:
    return 60100;
  default:
    return std::nullopt;
  }
}

template <class Json> std::vector<int> types_for(int data_entry_type_id, const Json &data) {
  auto lowered = [&](std::string_view key) { return lower(string_field(data, key).value_or("")); };
  switch (data_entry_type_id) {
  case 1:
  case 2:
    return {10000, 20000, 30000};
  case 10:
    return {80100};
  case 11:
    return {80200};
  case 12:
    return {80300};
  case 20: {
    const auto cabin = lowered("cabin_class");
    if (cabin == "first")
      return {50201};
    if (cabin == "business")
      return {50202};
    if (cabin == "economy")
      return {50203};
    return {};
  }
  case 21: {
    const auto cabin = lowered("cabin_class");
    if (cabin == "first")
      return {50101};
    if (cabin == "second")
      return {50102};
    return {};
  }
  case 30: {
    const auto room = lowered("room_type");
    std::vector<int> types;
    for (int energy = 1; energy <= 5; ++energy) {
      int room_index = 0;
      for (std::size_t i = 0; i < room_leaf_order.size(); ++i)
        if (room == room_leaf_order[i])
          room_index = static_cast<int>(i) + 1;
      const int energy_type = 60100 + energy;
      types.push_back(room_index == 0 ? energy_type : energy_type * 100 + room_index);
    }
    return types;
  }
  case 31: {
    const auto name = underscored(lowered("name"));
    static constexpr std::array<std::pair<std::string_view, int>, 6> fuels{{{"natural_gas", 60201},
                                                                            {"heating_oil", 60202},
                                                                            {"biomethane", 60203},
                                                                            {"pellets", 60204},
                                                                            {"forest_chips", 60205},
                                                                            {"wood_logs", 60206}}};
    for (const auto &[fuel, id] : fuels)
      if (name == fuel)
        return {id};
    return {60200};
  }
  case 32:
    return {60300};
  case 40: {
    const auto service = lowered("service_type");
    if (service == "virtualisation")
      return {110101};
    if (service == "compute")
      return {110102};
    if (service == "storage")
      return {110103};
    return {};
  }
  case 41:
    // The static list (all six providers) wins over the provider resolver (§6 item 1).
    return {110201, 110202, 110203, 110204, 110205, 110206};
  case 50: {
    const auto gas = lowered("category");
    if (gas == "ch4")
      return {70100};
    if (gas == "co2")
      return {70200};
    if (gas == "n2o")
      return {70300};
    if (gas == "refrigerants" || gas == "refrigerant")
      return {70400};
    return {};
  }
  case 60:
  case 61:
  case 62:
  case 63:
  case 64:
  case 65:
  case 66:
    // Fixed per type: the catalog's one emission leaf of each purchase type.
    return catalog::entry_type(data_entry_type_id).emission_types;
  case 67:
    return {underscored(lowered("name")) == "ln2" ? 90901 : 90900};
  case 70: {
    const auto name = lower(strip(string_field(data, "researchfacility_name").value_or("")));
    return {name == "scitas" || name == "rcp" ? 100300 : 100100};
  }
  case 71: {
    const auto type = lower(strip(string_field(data, "researchfacility_type").value_or("")));
    if (type == "mice")
      return {10020001};
    if (type == "fish")
      return {10020002};
    return {100200};
  }
  default:
    return {};
  }
}

// --- Formulas ---

struct Result {
  std::optional<double> kg;       // nullopt = "no value": the row is dropped
  std::optional<double> quantity; // key-based formulas only
  bool key_based = false;
};

Result value(std::optional<double> kg) {
  return Result{kg, std::nullopt, false};
}

// The handler context of one entry (emissions.md, pipeline step 2): the
// payload minus the override key, then the pre-computed keys and `_year`,
// with Python dict semantics (a key already in the payload is replaced in
// place, a new one is appended). Reads the payload where it is instead of
// copying it: this runs for every seeded entry. Looks like a JSON object to
// number() / json_text() (is_object, find, end).
template <class Json> class Context {
public:
  explicit Context(const Json &data) : data_(data) {}
  [[nodiscard]] bool is_object() const { return true; }
  [[nodiscard]] const Json *find(std::string_view key) const {
    if (const auto it = extra_.find(key); it != extra_.end())
      return &*it;
    if (key == override_key || !data_.is_object())
      return nullptr;
    const auto it = data_.find(key);
    return it == data_.end() ? nullptr : &*it;
  }
  [[nodiscard]] const Json *end() const { return nullptr; }
  void set(const std::string &key, Json value) { extra_[key] = std::move(value); }
  // Calls visit(key, value) for every key, in the application's order.
  template <class Visit> void for_each(Visit &&visit) const {
    if (data_.is_object())
      for (const auto &[key, value] : data_.items()) {
        if (key == override_key)
          continue;
        const auto replaced = extra_.find(key);
        visit(key, replaced != extra_.end() ? *replaced : value);
      }
    for (const auto &[key, value] : extra_.items())
      if (!data_.is_object() || !data_.contains(key))
        visit(key, value);
  }

private:
  const Json &data_;
  Json extra_ = Json::object();
};

// kg = ctx[quantity] * values[ef] * values.get(multiplier, default).
struct KeyBased {
  std::string_view quantity, ef, multiplier;
  double multiplier_default = 1.0;
};

template <class Context>
Result key_based(const KeyBased &spec, const Context &ctx, const nlohmann::json &values) {
  const auto quantity = number(ctx, spec.quantity);
  const auto ef = number(values, spec.ef);
  if (!quantity || !ef)
    return {std::nullopt, std::nullopt, true};
  double kg = *quantity * *ef;
  double shown = *quantity;
  if (!spec.multiplier.empty()) {
    const auto it = values.is_object() ? values.find(spec.multiplier) : values.end();
    if (!values.is_object() || it == values.end()) {
      kg *= spec.multiplier_default;
      shown *= spec.multiplier_default;
    } else if (it->is_null()) {
      // The kg step takes 1.0; the quantity step raises (emissions.md §3.1).
      throw EmissionError("multiplier '" + std::string(spec.multiplier) + "' is null");
    } else {
      const double m = to_double(*it, spec.multiplier);
      kg *= m;
      shown *= m;
    }
  }
  return {kg, shown, true};
}

template <class Context> Result equipment(const Context &ctx, const nlohmann::json &values) {
  const auto active_h = number(ctx, "active_usage_hours_per_week");
  const auto standby_h = number(ctx, "standby_usage_hours_per_week");
  const auto active_w = number(values, "active_power_w");
  const auto standby_w = number(values, "standby_power_w");
  const auto ef = number(values, "ef_kg_co2eq_per_kwh");
  if (!active_h || !standby_h || !active_w || !standby_w || !ef)
    return {};
  const double weekly_wh = *active_h * *active_w + *standby_h * *standby_w;
  const double annual_kwh = weekly_wh * weeks_per_year / 1000;
  return value(annual_kwh * *ef);
}

template <class Context>
Result building(int computed, const Context &ctx, const nlohmann::json &values) {
  const int energy = computed > 999999 ? computed / 100 : computed; // 60101 .. 60105
  const bool room_leaf = computed > 999999;
  const auto surface = number(ctx, "room_surface_square_meter");
  const char *field = energy == 60101   ? "lighting_kwh_per_square_meter"
                      : energy == 60102 ? "cooling_kwh_per_square_meter"
                      : energy == 60103 ? "ventilation_kwh_per_square_meter"
                                        : "heating_kwh_per_square_meter";
  const auto per_m2 = number(values, field);
  const auto ef = number(values, "ef_kg_co2eq_per_kwh");
  if (!surface || !per_m2 || !ef)
    return {};
  const double ratio = number(ctx, "room_allocation_ratio").value_or(1.0);
  const double kwh = *surface * *per_m2 * ratio;
  double c = 1.0;
  if (energy == 60104 || energy == 60105) {
    const auto energy_type = string_field(values, "energy_type");
    const bool matches = room_leaf && ((energy == 60104 && energy_type == "electric") ||
                                       (energy == 60105 && energy_type == "thermal"));
    // `conversion_factor or 1.0`: missing, null and 0 all give 1.0.
    const double conversion = number(values, "conversion_factor").value_or(0.0);
    c = matches ? (conversion != 0.0 ? conversion : 1.0) : 0.0;
  }
  return value(kwh * *ef * c);
}

template <class Context> Result embodied_energy(const Context &ctx, const nlohmann::json &values) {
  const auto surface = number(ctx, "room_surface_square_meter");
  const auto ef = number(values, "ef_kgco2eq_per_m2");
  if (!surface || !ef)
    return {};
  return value(*surface * *ef);
}

// amount_eur * ef_eur (clouds, purchases).
template <class Context>
Result spend(const Context &ctx, const nlohmann::json &values, std::string_view amount_key,
             std::string_view default_currency, const ReferenceData &reference) {
  const auto year = number(ctx, "_year");
  const auto amount = number(ctx, amount_key);
  const auto ef = number(values, "ef_kg_co2eq_per_currency");
  if (!year || !amount || !ef)
    return {};
  auto to_eur = [&](double value, std::string currency) {
    if (currency == "eur")
      return value;
    const auto rate = reference.exchange_rate(currency, static_cast<int>(*year));
    if (!rate || *rate == 0)
      throw EmissionError("no exchange rate for " + currency + " in " +
                          std::to_string(static_cast<int>(*year)));
    return value * (1.0 / *rate);
  };
  auto entry_currency = lower(json_text(ctx, "currency").value_or(""));
  if (entry_currency.empty())
    entry_currency = std::string(default_currency);
  auto factor_currency = lower(json_text(values, "currency").value_or(""));
  if (factor_currency.empty())
    factor_currency = "eur";
  const double amount_eur = to_eur(*amount, entry_currency);
  const double ef_eur = to_eur(*ef, factor_currency);
  return value(amount_eur * ef_eur);
}

template <class Context> Result external_ai(const Context &ctx, const nlohmann::json &values) {
  const auto frequency = string_field(ctx, "requests_per_user_per_day");
  double per_day = 0;
  if (frequency == "1_5")
    per_day = 3.0;
  else if (frequency == "5_20")
    per_day = 12.5;
  else if (frequency == "20_100")
    per_day = 60.0;
  else if (frequency == "gt_100")
    per_day = 100.0;
  else
    return {};
  const auto fte = number(ctx, "fte_count");
  const auto ef = number(values, "ef_kg_co2eq_per_request");
  if (!fte || !ef)
    return {};
  // The factor is named per kg but the code divides by 1000 (§6 item 5).
  return value(per_day * ai_days_per_week * ai_weeks_per_year * *fte * *ef / 1000);
}

template <class Context> Result process(const Context &ctx, const nlohmann::json &values) {
  const auto quantity = number(ctx, "quantity");
  const auto ef = number(values, "ef_kg_co2eq_per_unit");
  if (!quantity || *quantity < 0 || !ef)
    return {};
  return value(*quantity * *ef);
}

template <class Context>
Result additional_purchase(const Context &ctx, const nlohmann::json &values) {
  const auto consumption = number(ctx, "annual_consumption");
  const auto coef = number(ctx, "coef_to_kg");
  const auto ef = number(values, "ef_kg_co2eq_per_kg");
  if (!consumption || !coef || !ef)
    return {};
  return value(*consumption * *coef * *ef);
}

template <class Context>
Result research_facility(const Context &ctx, const nlohmann::json &values) {
  const auto use = number(ctx, "use");
  const auto unit = json_text(ctx, "use_unit");
  if (!use || !unit || json_text(values, "use_unit") != unit)
    return {};
  const auto total = number(values, "total_use");
  const auto sum = number(values, "kg_co2eq_sum");
  if (!total || !sum)
    return {};
  const double share = *total > 0 ? *use / *total : 0.0;
  return value(share * *sum);
}

template <class Context> Result animal_facility(const Context &ctx, const nlohmann::json &values) {
  static constexpr std::array<std::string_view, 6> sources{
      "processemissions", "building_energycombustions", "building_rooms",
      "purchases_common", "purchases_additional",       "equipments"};
  const auto use = number(ctx, "use");
  const auto unit = json_text(ctx, "use_unit");
  if (!use || !unit || json_text(values, "use_unit") != unit)
    return {};
  const auto total = number(values, "total_use");
  if (!total)
    return {};
  std::optional<double> kg;
  for (const auto source : sources) {
    const auto share = number(values, std::string(source) + "_share");
    const auto sum = number(values, "kg_co2eq_sum_" + std::string(source));
    if (!share || !sum)
      continue;
    const double term = *total > 0 ? (*use * *share / *total) * *sum : 0.0;
    kg = kg.value_or(0.0) + term;
  }
  return value(kg);
}

// --- Pipeline ---

// Appends JSON text to a string without temporaries (value.dump() builds a
// string per call; meta text is written for millions of rows).
class JsonAppender {
public:
  explicit JsonAppender(std::string &out)
      : out_(out), serializer_(nlohmann::detail::output_adapter<char>(out), ' ') {}
  void value(const OJ &value) { serializer_.dump(value, false, false, 0); }
  template <class Json> void value(const Json &value) { this->value(OJ(value)); }
  void key(const std::string &key) {
    const bool plain = std::all_of(key.begin(), key.end(), [](char c) {
      return c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20 &&
             static_cast<unsigned char>(c) < 0x80;
    });
    if (!plain) {
      value(OJ(key));
    } else {
      out_ += '"';
      out_ += key;
      out_ += '"';
    }
    out_ += ':';
  }

private:
  std::string &out_;
  nlohmann::detail::serializer<OJ> serializer_;
};

struct Computation {
  int emission_type;
  std::vector<const Factor *> factors;
};

template <class Json> std::optional<int> primary_factor_id(const Json &data) {
  if (!data.is_object())
    return std::nullopt;
  const auto it = data.find("primary_factor_id");
  if (it == data.end() || it->is_null())
    return std::nullopt;
  if (it->is_number_integer())
    return it->template get<int>();
  if (it->is_number_float())
    return static_cast<int>(std::trunc(it->template get<double>())); // int()
  if (it->is_string()) {
    const std::string text = strip(it->template get<std::string>());
    int out = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    if (!text.empty() && ec == std::errc() && ptr == text.data() + text.size())
      return out;
  }
  throw EmissionError("primary_factor_id is not an integer: " + it->dump());
}

// distance_one_trip_km * number_of_trips, integral when both are.
template <class Json> Json trips_times(long long one_trip, const Json &data) {
  const auto it = data.find("number_of_trips");
  if (it == data.end())
    return one_trip;
  if (it->is_number_integer())
    return one_trip * it->template get<long long>();
  return static_cast<double>(one_trip) * to_double(*it, "number_of_trips");
}

template <class Json>
std::vector<EmissionRow> compute(int type, const Json &data, int year, const FactorIndex &index,
                                 const ReferenceData &reference, Meta meta_mode) {
  const bool with_meta = meta_mode == Meta::text;
  const std::vector<int> emission_types = types_for(type, data);
  if (emission_types.empty() || !data.is_object())
    return {};

  // Context: payload minus the override key, pre-computation, report year.
  Context<Json> ctx(data);

  std::optional<std::string> haul_band, train_country;
  switch (type) {
  case 10:
  case 11:
  case 12: {
    const double active = number(ctx, "active_usage_hours_per_week").value_or(0);
    const double standby = number(ctx, "standby_usage_hours_per_week").value_or(0);
    if (active + standby > 168)
      throw EmissionError("equipment usage above 168 hours per week");
    break;
  }
  case 20: {
    const auto origin_code = json_text(data, "origin_iata");
    const auto destination_code = json_text(data, "destination_iata");
    if (!origin_code || !destination_code)
      break;
    const Location *origin = reference.airport(*origin_code);
    const Location *destination = reference.airport(*destination_code);
    if (origin == nullptr || destination == nullptr)
      break;
    const long long one_trip = plane_distance_km(*origin, *destination);
    haul_band = index.haul_band(year, static_cast<double>(one_trip));
    ctx.set("distance_one_trip_km", one_trip);
    ctx.set("haul_category", haul_band ? Json(*haul_band) : Json(nullptr));
    ctx.set("distance_km", trips_times(one_trip, data));
    break;
  }
  case 21: {
    if (!json_text(data, "origin_name") || !json_text(data, "destination_name"))
      break;
    const auto origin_key = json_text(data, "origin_natural_key");
    const auto destination_key = json_text(data, "destination_natural_key");
    if (!origin_key || origin_key->empty() || !destination_key || destination_key->empty())
      break;
    const Location *origin = reference.by_natural_key(*origin_key);
    const Location *destination = reference.by_natural_key(*destination_key);
    if (origin == nullptr || destination == nullptr)
      break;
    const long long one_trip = train_distance_km(*origin, *destination);
    train_country = train_country_code(*origin, *destination);
    ctx.set("distance_km", trips_times(one_trip, data));
    ctx.set("distance_one_trip_km", one_trip);
    ctx.set("country_code", *train_country);
    break;
  }
  case 30: {
    const auto room = json_text(data, "room_name");
    const auto surface = room ? reference.room_surface(*room) : std::nullopt;
    ctx.set("room_surface_square_meter", surface ? Json(*surface) : Json(nullptr));
    ctx.set("emission_type", nullptr); // set per leaf below
    break;
  }
  default:
    break;
  }
  ctx.set("_year", year);

  // Computations and their factors.
  std::vector<Computation> computations;
  const bool strategy_a = !(type == 1 || type == 2 || type == 20 || type == 21 || type == 32);
  const std::optional<int> link = strategy_a ? primary_factor_id(data) : std::nullopt;
  for (const int emission_type : emission_types) {
    Computation comp{emission_type, {}};
    if (strategy_a) {
      if (!link)
        continue; // no link, no computation
      if (const Factor *f = index.linked(*link, year))
        comp.factors.push_back(f);
    } else if (type == 1 || type == 2) {
      comp.factors = index.headcount(type, year, emission_type);
    } else if (type == 20) {
      comp.factors = index.plane(year, haul_band.value_or("unknown"),
                                 json_text(data, "cabin_class").value_or(""));
    } else if (type == 21) {
      comp.factors = index.train(year, train_country);
    } else if (type == 32) {
      comp.factors = index.embodied_energy(year, json_text(data, "building_name"));
    }
    computations.push_back(std::move(comp));
  }

  std::function<Result(int, const nlohmann::json &)> formula;
  switch (type) {
  case 1:
  case 2:
    formula = [&](int, const nlohmann::json &v) {
      return key_based({"fte", "ef_kg_co2eq_per_unit", "number_of_unit_per_fte", 1.0}, ctx, v);
    };
    break;
  case 20:
    formula = [&](int, const nlohmann::json &v) {
      return key_based({"distance_km", "ef_kg_co2eq_per_km", "rfi_adjustment", 1.0}, ctx, v);
    };
    break;
  case 21:
    formula = [&](int, const nlohmann::json &v) {
      return key_based({"distance_km", "ef_kg_co2eq_per_km", "", 1.0}, ctx, v);
    };
    break;
  case 31:
    formula = [&](int, const nlohmann::json &v) {
      return key_based({"quantity", "ef_kg_co2eq_per_unit", "", 1.0}, ctx, v);
    };
    break;
  case 10:
  case 11:
  case 12:
    formula = [&](int, const nlohmann::json &v) { return equipment(ctx, v); };
    break;
  case 30:
    formula = [&](int t, const nlohmann::json &v) { return building(t, ctx, v); };
    break;
  case 32:
    formula = [&](int, const nlohmann::json &v) { return embodied_energy(ctx, v); };
    break;
  case 40:
    formula = [&](int, const nlohmann::json &v) {
      return spend(ctx, v, "spent_amount", "eur", reference);
    };
    break;
  case 41:
    formula = [&](int, const nlohmann::json &v) { return external_ai(ctx, v); };
    break;
  case 50:
    formula = [&](int, const nlohmann::json &v) { return process(ctx, v); };
    break;
  case 67:
    formula = [&](int, const nlohmann::json &v) { return additional_purchase(ctx, v); };
    break;
  case 70:
    formula = [&](int, const nlohmann::json &v) { return research_facility(ctx, v); };
    break;
  case 71:
    formula = [&](int, const nlohmann::json &v) { return animal_facility(ctx, v); };
    break;
  default: // purchases 60-66
    formula = [&](int, const nlohmann::json &v) {
      return spend(ctx, v, "total_spent_amount", "chf", reference);
    };
    break;
  }

  const auto override_it = data.find(override_key);
  const bool overridden = override_it != data.end() && !override_it->is_null();
  static const nlohmann::json no_values = nlohmann::json::object();

  // Meta: the three leading keys, then the context; a context key of the
  // same name overwrites a leading key in place (Python dict update). The
  // context part is shared by the rows (building: by the rows of a leaf).
  const auto ctx_used = ctx.find("factors_used");
  const auto ctx_quantity = ctx.find("quantity");
  const auto ctx_unit = ctx.find("quantity_unit");
  std::string context_text;
  const auto render_context = [&] {
    context_text.clear();
    JsonAppender out(context_text);
    ctx.for_each([&](const std::string &key, const auto &value) {
      if (key == "factors_used" || key == "quantity" || key == "quantity_unit")
        return;
      context_text += ',';
      out.key(key);
      out.value(value);
    });
  };
  if (type != 30 && with_meta)
    render_context();

  std::vector<EmissionRow> rows;
  for (const auto &comp : computations) {
    if (type == 30 && with_meta) {
      ctx.set("emission_type", comp.emission_type);
      render_context();
    }
    if (overridden) {
      // §3.4: one row per computation, typed with the computed type.
      std::string meta_text;
      if (with_meta) {
        OJ meta = OJ::object();
        meta["factors_used"] = OJ::array();
        for (const Factor *f : comp.factors)
          meta["factors_used"].push_back(index.used_entry(*f));
        ctx.for_each([&](const std::string &key, const auto &value) { meta[key] = OJ(value); });
        meta_text = meta.dump();
      }
      rows.push_back(EmissionRow{comp.emission_type, std::nullopt,
                                 to_double(*override_it, override_key), std::nullopt,
                                 scope_of(comp.emission_type), std::move(meta_text)});
      continue;
    }
    if (comp.factors.empty())
      continue;
    for (const Factor *f : comp.factors) {
      const nlohmann::json &values = f->values.is_object() ? f->values : no_values;
      const Result result = formula(comp.emission_type, values);
      if (!result.kg)
        continue; // "no value": the row is dropped
      const int written = written_type(comp.emission_type, f->emission_type_id);
      std::optional<double> additional;
      if (result.key_based && has_additional_value(comp.emission_type))
        additional = result.quantity;
      if (!with_meta) {
        rows.push_back(EmissionRow{written, f->id, *result.kg, additional, scope_of(written), {}});
        continue;
      }
      const std::string &used = index.used_entry_text(*f);
      std::string meta;
      meta.reserve(64 + used.size() + context_text.size());
      JsonAppender out(meta);
      meta += R"({"factors_used":)";
      if (ctx_used != ctx.end()) {
        out.value(*ctx_used);
      } else {
        meta += '[';
        meta += used;
        meta += ']';
      }
      meta += R"(,"quantity":)";
      if (ctx_quantity != ctx.end())
        out.value(*ctx_quantity);
      else if (result.key_based && result.quantity)
        out.value(OJ(*result.quantity));
      else
        meta += "null";
      meta += R"(,"quantity_unit":)";
      if (ctx_unit != ctx.end())
        out.value(*ctx_unit);
      else if (const auto unit = values.find("unit"); unit != values.end())
        out.value(OJ(*unit));
      else
        meta += "null";
      meta += context_text;
      meta += '}';
      rows.push_back(
          EmissionRow{written, f->id, *result.kg, additional, scope_of(written), std::move(meta)});
    }
  }

  if (const auto rollup = rollup_type(type); rollup && rows.size() > 1) {
    double sum = 0;
    std::optional<int> smallest;
    for (const auto &row : rows) {
      sum += row.kg_co2eq;
      if (row.primary_factor_id && (!smallest || *row.primary_factor_id < *smallest))
        smallest = row.primary_factor_id;
    }
    rows.push_back(
        EmissionRow{*rollup, smallest, sum, std::nullopt, std::nullopt, R"({"is_rollup":true})"});
  }
  return rows;
}

} // namespace

// --- ReferenceData ---

void ReferenceData::add_location(Location location) {
  const std::size_t index = locations_.size();
  locations_.push_back(std::move(location));
  const Location &l = locations_.back();
  by_key_.emplace(l.natural_key, index);
  if (l.transport_mode == transport_mode_plane && l.iata_code) {
    const bool first = by_iata_.emplace(*l.iata_code, index).second;
    if (first && !l.iata_code->empty())
      airports_.push_back(l);
  }
  if (l.transport_mode == transport_mode_train) {
    by_station_.emplace(l.name + '\x1f' + l.country_code.value_or(""), index);
    stations_.push_back(l);
  }
}

void ReferenceData::add_room(Room room) {
  // The building is not part of the application's lookup (§6 item 9).
  surfaces_.emplace(room.room_name, room.surface_square_meter);
  rooms_.push_back(std::move(room));
}

void ReferenceData::set_exchange_rate(std::string currency, int year, double units_per_eur) {
  rates_[{lower(std::move(currency)), year}] = units_per_eur;
}

const Location *ReferenceData::airport(std::string_view iata_code) const {
  const auto it = by_iata_.find(std::string(iata_code));
  return it == by_iata_.end() ? nullptr : &locations_[it->second];
}

const Location *ReferenceData::by_natural_key(std::string_view natural_key) const {
  const auto it = by_key_.find(std::string(natural_key));
  return it == by_key_.end() ? nullptr : &locations_[it->second];
}

const Location *ReferenceData::station(std::string_view name, std::string_view country_code) const {
  const auto it = by_station_.find(std::string(name) + '\x1f' + std::string(country_code));
  return it == by_station_.end() ? nullptr : &locations_[it->second];
}

std::optional<double> ReferenceData::room_surface(std::string_view room_name) const {
  const auto it = surfaces_.find(std::string(room_name));
  return it == surfaces_.end() ? std::nullopt : it->second;
}

std::optional<double> ReferenceData::exchange_rate(std::string_view currency, int year) const {
  const auto it = rates_.find({lower(std::string(currency)), year});
  return it == rates_.end() ? std::nullopt : std::optional<double>(it->second);
}

// --- Distances ---

double haversine_km(double lat1, double lon1, double lat2, double lon2) {
  for (const auto &[lat, lon] : {std::pair{lat1, lon1}, std::pair{lat2, lon2}}) {
    if (!(lat >= -90 && lat <= 90))
      throw EmissionError("latitude out of range: " + std::to_string(lat));
    if (!(lon >= -180 && lon <= 180))
      throw EmissionError("longitude out of range: " + std::to_string(lon));
  }
  // Same operations, in the same order, as haversine's _haversine_kernel.
  constexpr double deg_to_rad = M_PI / 180.0;
  const double phi1 = lat1 * deg_to_rad, lambda1 = lon1 * deg_to_rad;
  const double phi2 = lat2 * deg_to_rad, lambda2 = lon2 * deg_to_rad;
  const double dlat = phi2 - phi1;
  const double dlon = lambda2 - lambda1;
  const double s1 = std::sin(dlat * 0.5);
  const double s2 = std::sin(dlon * 0.5);
  const double d = s1 * s1 + std::cos(phi1) * std::cos(phi2) * s2 * s2;
  return earth_radius_km * (2 * std::asin(std::sqrt(d)));
}

long long python_round(double x) {
  double r = std::round(x); // half away from zero
  if (std::fabs(x - std::trunc(x)) == 0.5)
    r = 2.0 * std::round(x / 2.0); // ties to even
  return static_cast<long long>(r);
}

long long plane_distance_km(const Location &origin, const Location &destination) {
  return python_round(haversine_km(origin.latitude, origin.longitude, destination.latitude,
                                   destination.longitude)) +
         plane_detour_km;
}

long long train_distance_km(const Location &origin, const Location &destination) {
  const long long straight = python_round(
      haversine_km(origin.latitude, origin.longitude, destination.latitude, destination.longitude));
  return python_round(static_cast<double>(straight) * train_detour_factor);
}

std::string train_country_code(const Location &origin, const Location &destination) {
  if (origin.country_code == "CH" && destination.country_code == "CH")
    return "CH";
  if (destination.country_code && !destination.country_code->empty() &&
      *destination.country_code != "CH")
    return *destination.country_code;
  if (origin.country_code && !origin.country_code->empty() && *origin.country_code != "CH")
    return *origin.country_code;
  return "RoW";
}

std::vector<int> resolve_emission_types(int data_entry_type_id, const nlohmann::json &data) {
  return types_for(data_entry_type_id, data);
}

std::vector<EmissionRow> compute_emissions(int data_entry_type_id,
                                           const nlohmann::ordered_json &data, int report_year,
                                           const FactorIndex &factors,
                                           const ReferenceData &reference, Meta meta) {
  return compute(data_entry_type_id, data, report_year, factors, reference, meta);
}

std::vector<EmissionRow> compute_emissions(int data_entry_type_id, const nlohmann::json &data,
                                           int report_year, const FactorIndex &factors,
                                           const ReferenceData &reference, Meta meta) {
  // Meta text keeps the payload's key order: it needs the ordered copy. The
  // values alone do not (the check's case: no copy of every payload).
  if (meta == Meta::none)
    return compute(data_entry_type_id, data, report_year, factors, reference, meta);
  return compute(data_entry_type_id, nlohmann::ordered_json(data), report_year, factors, reference,
                 meta);
}

} // namespace seed
