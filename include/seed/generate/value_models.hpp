// Value models: the distribution every realistic payload quantity is drawn
// from (`--values realistic`, the default), written once in one table.
//
// A model is a log-normal (median, sigma: the spread of log(value)) clamped
// to [min, max], or a discrete choice list (values with weights in percent).
// Models marked `per_headcount` give their median for the reference lab of
// `reference_headcount` FTE and scale linearly with the unit's headcount, so
// that a 5-person lab and a 60-person lab differ as they would. The unit's
// headcount is drawn once per unit (unit_headcount). Every model's bounds lie
// inside the DTO's bounds. docs/seed-data.md gives each model's justification
// and source; tests/unit/generate/test_value_models.cpp pins the table's invariants.
//
// `--values seed-doc` bypasses this table: builders then draw the seed
// document's flat ranges, unchanged.
#pragma once

#include "seed/generate/rng.hpp"

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace seed::values {

// --- Interface ---

// Headcount (FTE) of the lab the per_headcount medians describe.
inline constexpr double reference_headcount = 14.0;

enum class Kind { log_normal, choice };

struct Option {
  double value;
  int percent; // weights of one model sum to 100
};

struct Model {
  std::string_view key;  // "<entry type or field>.<quantity>[/<category>]"
  std::string_view unit; // of the drawn value
  Kind kind;
  double median = 0; // log_normal: median (of the reference lab when per_headcount)
  double sigma = 0;  // log_normal: standard deviation of log(value)
  double min = 0;    // log_normal: clamp (inside the DTO's bounds)
  double max = 0;
  bool per_headcount = false;
  int places = 2;                    // decimals of the drawn value (0 = integer)
  std::span<const Option> options{}; // choice
  // When > 0: the emission factor (kg CO2-eq per unit of this quantity) the
  // median is meant for. An entry linked to a factor `ef` gets its draw x
  // reference_ef / ef, so that every entry of the category stays near the
  // category's typical kg CO2-eq (a lab that burns heating oil burns less of it
  // in the model than one on wood chips; see docs/seed-data.md).
  double reference_ef = 0;
};

// Every model, in documentation order.
[[nodiscard]] std::span<const Model> models();

// The model of `key`; std::out_of_range for an unknown key.
[[nodiscard]] const Model &model(std::string_view key);
// The model of `key` + "/" + `category` when there is one, else of `key`.
[[nodiscard]] const Model &model(std::string_view key, std::string_view category);

// One draw of `model` for a unit of `headcount` FTE, rounded to its places.
[[nodiscard]] double draw(const Model &model, Rng &rng, double headcount);
[[nodiscard]] double draw(std::string_view key, Rng &rng, double headcount);
// The same, for an entry linked to a factor of `factor_ef` (kg CO2-eq per
// unit; ignored when <= 0 or the model has no reference_ef), clamped again.
[[nodiscard]] double draw(const Model &model, Rng &rng, double headcount, double factor_ef);

// The headcount (FTE) of unit `unit_index` with `users` platform users:
// users x a draw of "unit.fte_per_user" (Stream::headcounts, keyed by the
// unit), clamped to [min_headcount, max_headcount]; the same for every module
// and year of the unit.
inline constexpr double min_headcount = 8.0;
inline constexpr double max_headcount = 80.0;
[[nodiscard]] double unit_headcount(std::uint64_t seed, std::int64_t unit_index,
                                    std::int64_t users);

// Categorical weights (percent) of the realistic set, in the order of the
// builders' own lists.
inline constexpr std::array<int, 3> plane_cabin_percent{97, 3, 0};       // economy, business, first
inline constexpr std::array<int, 2> train_cabin_percent{90, 10};         // second, first
inline constexpr std::array<int, 4> ai_frequency_percent{45, 35, 17, 3}; // 1_5 .. gt_100

} // namespace seed::values
