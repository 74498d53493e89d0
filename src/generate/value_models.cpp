#include "seed/generate/value_models.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace seed::values {
namespace {

constexpr Option member_fte[]{{1.0, 50}, {0.8, 15}, {0.6, 10}, {0.5, 15}, {0.3, 10}};
constexpr Option liter_to_kg[]{{0.81, 60}, {0.125, 20}, {1.0, 20}}; // LN2, LHe, water-like
constexpr Option kg_to_kg[]{{1.0, 100}};

constexpr Model ln(std::string_view key, std::string_view unit, double median, double sigma,
                   double min, double max, bool per_headcount, int places = 2,
                   double reference_ef = 0) {
  return Model{key, unit,          Kind::log_normal, median, sigma,       min,
               max, per_headcount, places,           {},     reference_ef};
}

constexpr Model pick(std::string_view key, std::string_view unit, std::span<const Option> options,
                     int places = 2) {
  return Model{key, unit, Kind::choice, 0, 0, 0, 0, false, places, options, 0};
}

// THE table. Medians marked per_headcount are those of a lab of reference_headcount FTE.
// Justifications and sources: docs/seed-data.md ("Value models").
constexpr bool H = true;  // scales with the unit's headcount
constexpr bool F = false; // does not
const Model table[]{
    ln("unit.fte_per_user", "FTE per platform user", 2.5, 0.3, 1.0, 6.0, F),
    pick("member.fte", "FTE", member_fte),
    ln("student.fte", "student FTE per entry (a group)", 1.8, 0.15, 0, 1000, H),
    ln("plane.km", "economy-equivalent km per entry", 6300, 0.15, 300, 200000, H, 0, 0.3),
    ln("train.km", "km per entry at 0.03 kg/km", 60000, 0.15, 50, 400000, H, 0, 0.03),
    ln("equipment.usage_scale", "x the factor's weekly hours", 1.0, 0.2, 0.3, 3.0, F),
    ln("equipment.active_hours", "h/week (no factor hours)", 30, 0.5, 0, 168, F, 0),
    ln("equipment.standby_hours", "h/week (no factor hours)", 60, 0.5, 0, 168, F, 0),
    ln("external_cloud.spent", "EUR per entry", 13000, 0.15, 0, 1e7, H, 2, 0.08),
    ln("external_ai.fte_count", "FTE using the service", 10, 0.3, 0.1, 1000, H, 2, 2.0),
    ln("purchase.spent", "EUR per entry", 3000, 0.15, 0, 1e8, H, 2, 0.45),
    ln("purchase.quantity", "items per entry", 5, 0.8, 1, 1000, F),
    ln("additional_purchase.annual_consumption", "unit per year", 2500, 0.15, 0, 1e7, H, 2, 0.5),
    pick("additional_purchase.coef_to_kg/kg", "kg per unit", kg_to_kg, 3),
    pick("additional_purchase.coef_to_kg/liter", "kg per liter", liter_to_kg, 3),
    ln("additional_purchase.coef_to_kg/piece", "kg per piece", 1.0, 0.3, 0.1, 50, F, 3),
    ln("building.allocated_m2", "m2 of room per entry", 36, 0.15, 1, 1e6, H, 1, 40),
    ln("building_embodied_energy.surface_m2", "m2 per entry", 85, 0.15, 1, 1e6, H, 1, 15),
    ln("energy_combustion.quantity", "kWh per entry", 6200, 0.15, 0, 1e9, H, 2, 0.2),
    ln("process_emissions.quantity", "kg per entry (other gases)", 20, 0.15, 0, 1e6, H, 2, 70),
    ln("process_emissions.quantity/refrigerants", "kg leaked per entry", 0.9, 0.15, 0, 1e4, H, 2,
       1430),
    ln("process_emissions.quantity/co2", "kg per entry", 1300, 0.15, 0, 1e7, H, 2, 1),
    ln("process_emissions.quantity/ch4", "kg per entry", 45, 0.15, 0, 1e6, H, 2, 27.9),
    ln("process_emissions.quantity/n2o", "kg per entry", 4.5, 0.15, 0, 1e5, H, 2, 273),
    ln("research_facility.use", "use_unit per entry (other units)", 200, 0.15, 0, 1e9, H),
    ln("research_facility.use/node_hours", "node hours per entry", 11000, 0.15, 0, 1e9, H, 2,
       0.124),
    ln("research_facility.use/core_hours", "core hours per entry", 17000, 0.15, 0, 1e9, H, 2,
       0.079),
    ln("research_facility.use/hours", "instrument hours per entry", 90, 0.15, 0, 1e9, H, 2, 14),
    ln("research_facility.use/samples", "samples per entry", 450, 0.15, 0, 1e9, H, 2, 2.8),
    ln("research_facility.use/cage_days", "cage days per entry", 1050, 0.15, 0, 1e9, H, 2, 0.9),
};

double rounded(double value, int places) {
  const double scale = std::pow(10.0, places);
  return std::round(value * scale) / scale;
}

} // namespace

std::span<const Model> models() {
  return table;
}

const Model &model(std::string_view key) {
  for (const auto &m : table)
    if (m.key == key)
      return m;
  throw std::out_of_range("no value model " + std::string(key));
}

const Model &model(std::string_view key, std::string_view category) {
  std::string full(key);
  full += '/';
  full += category;
  for (const auto &m : table)
    if (m.key == full)
      return m;
  return model(key);
}

double draw(const Model &m, Rng &rng, double headcount) {
  if (m.kind == Kind::choice) {
    auto roll = static_cast<int>(rng.below(100));
    for (const auto &option : m.options) {
      if (roll < option.percent)
        return option.value;
      roll -= option.percent;
    }
    return m.options.back().value;
  }
  double median = m.median;
  if (m.per_headcount)
    median *= headcount / reference_headcount;
  const double value = median * std::exp(rng.normal(0.0, m.sigma));
  return std::clamp(rounded(value, m.places), m.min, m.max);
}

double draw(std::string_view key, Rng &rng, double headcount) {
  return draw(model(key), rng, headcount);
}

double draw(const Model &m, Rng &rng, double headcount, double factor_ef) {
  const double value = draw(m, rng, headcount);
  if (m.reference_ef <= 0 || factor_ef <= 0)
    return value;
  return std::clamp(rounded(value * m.reference_ef / factor_ef, m.places), m.min, m.max);
}

double unit_headcount(std::uint64_t seed, std::int64_t unit_index, std::int64_t users) {
  auto rng = Rng::keyed(seed, Stream::headcounts, static_cast<std::uint64_t>(unit_index));
  const double per_user = draw("unit.fte_per_user", rng, reference_headcount);
  return std::clamp(rounded(static_cast<double>(users) * per_user, 1), min_headcount,
                    max_headcount);
}

} // namespace seed::values
