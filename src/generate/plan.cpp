#include "seed/generate/plan.hpp"

#include "seed/generate/rng.hpp"
#include "seed/model/catalog.hpp"
#include "seed/model/tables.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>

namespace seed {

void check_options(const Options &o) {
  if (o.units < 1 || o.units > max_units)
    throw PlanError(fmt::format("--units must be between 1 and {}, got {}", max_units, o.units));
  if (o.users < min_users_per_unit * o.units || o.users > max_users_per_unit * o.units)
    throw PlanError(
        fmt::format("--users must be between {} and {} (3 to 15 per unit) for {} units, got {}",
                    min_users_per_unit * o.units, max_users_per_unit * o.units, o.units, o.users));
  if (o.unit_offset < 0 || o.user_offset < 0 || o.unit_offset > max_rows_per_table ||
      o.user_offset > max_rows_per_table)
    throw PlanError("unit and user numbers must stay between 0 and 2,000,000,000");
  if (o.years.empty())
    throw PlanError("--years must name at least one year");
  std::set<int> seen;
  for (int year : o.years) {
    if (year < min_year || year > max_year)
      throw PlanError(fmt::format("--years: year {} is outside {}-{}", year, min_year, max_year));
    if (!seen.insert(year).second)
      throw PlanError(fmt::format("--years: year {} is listed twice", year));
  }
  if (o.entries_min < 1 || o.entries_max < 1 || o.entries_max > max_entries_per_module)
    throw PlanError(fmt::format("--entries-per-module must lie within 1:{}, got {}:{}",
                                max_entries_per_module, o.entries_min, o.entries_max));
  if (o.entries_min > o.entries_max)
    throw PlanError(fmt::format("--entries-per-module MIN {} is greater than MAX {}", o.entries_min,
                                o.entries_max));
  const auto modules =
      o.units * static_cast<std::int64_t>(o.years.size()) * catalog::module_type_count;
  if (modules * o.entries_max > max_rows_per_table)
    throw PlanError(fmt::format(
        "{} units x {} years x {} modules x up to {} entries could exceed {} data entries; "
        "lower --units or --entries-per-module",
        o.units, o.years.size(), catalog::module_type_count, o.entries_max, max_rows_per_table));
}

std::vector<std::int64_t> distribute_users(std::int64_t units, std::int64_t users,
                                           std::uint64_t seed) {
  const double mean = static_cast<double>(users) / static_cast<double>(units);
  std::vector<std::int64_t> counts(static_cast<std::size_t>(units));
  std::int64_t sum = 0;
  for (std::int64_t u = 0; u < units; ++u) {
    auto rng = Rng::keyed(seed, Stream::unit_sizes, static_cast<std::uint64_t>(u));
    const auto drawn = static_cast<std::int64_t>(rng.normal(mean, 3.0)); // truncates toward 0
    counts[static_cast<std::size_t>(u)] = std::clamp(drawn, min_users_per_unit, max_users_per_unit);
    sum += counts[static_cast<std::size_t>(u)];
  }
  // check_options guarantees 3 * units <= users <= 15 * units, so every pass
  // of the cursor moves diff towards 0 and the loop ends.
  std::int64_t diff = users - sum;
  for (std::size_t cursor = 0; diff != 0; cursor = (cursor + 1) % counts.size()) {
    auto &count = counts[cursor];
    if (diff > 0 && count < max_users_per_unit) {
      ++count;
      --diff;
    } else if (diff < 0 && count > min_users_per_unit) {
      --count;
      ++diff;
    }
  }
  return counts;
}

Plan Plan::make(const Options &options) {
  check_options(options);
  Plan plan;
  plan.options_ = options;

  const auto counts = distribute_users(options.units, options.users, plan.stream_seed());
  plan.user_offsets_.reserve(counts.size() + 1);
  plan.user_offsets_.push_back(0);
  for (auto count : counts)
    plan.user_offsets_.push_back(plan.user_offsets_.back() + count);

  const auto modules = plan.module_count();
  plan.entry_block_offsets_.reserve(static_cast<std::size_t>(modules / modules_per_block) + 2);
  std::int64_t entries = 0;
  for (std::int64_t m = 0; m < modules; ++m) {
    if (m % modules_per_block == 0)
      plan.entry_block_offsets_.push_back(entries);
    entries += plan.entries_in_module(m);
  }
  plan.entry_block_offsets_.push_back(entries);
  return plan;
}

std::uint64_t Plan::stream_seed() const noexcept {
  if (options_.unit_offset == 0 && options_.user_offset == 0)
    return options_.seed;
  return mix64(options_.seed ^ mix64(static_cast<std::uint64_t>(options_.unit_offset) << 32 ^
                                     static_cast<std::uint64_t>(options_.user_offset)));
}

std::int64_t Plan::module_count() const noexcept {
  return report_count() * catalog::module_type_count;
}

std::int64_t Plan::users_in_unit(std::int64_t unit_index) const {
  const auto i = static_cast<std::size_t>(unit_index);
  return user_offsets_.at(i + 1) - user_offsets_.at(i);
}

std::int64_t Plan::first_user_of_unit(std::int64_t unit_index) const {
  return user_offsets_.at(static_cast<std::size_t>(unit_index));
}

int Plan::entries_in_module(std::int64_t module_index) const {
  if (module_index < 0 || module_index >= module_count())
    throw std::out_of_range("module index " + std::to_string(module_index));
  auto rng =
      Rng::keyed(stream_seed(), Stream::entry_counts, static_cast<std::uint64_t>(module_index));
  return static_cast<int>(rng.between(options_.entries_min, options_.entries_max));
}

std::int64_t Plan::first_entry_of_module(std::int64_t module_index) const {
  if (module_index < 0 || module_index > module_count())
    throw std::out_of_range("module index " + std::to_string(module_index));
  const auto block = module_index / modules_per_block;
  auto first = entry_block_offsets_[static_cast<std::size_t>(block)];
  for (auto m = block * modules_per_block; m < module_index; ++m)
    first += entries_in_module(m);
  return first;
}

ModuleCoordinates Plan::module_coordinates(std::int64_t module_index) const {
  const std::int64_t report = module_index / catalog::module_type_count;
  return {report / year_count(), static_cast<int>(report % year_count()),
          static_cast<int>(module_index % catalog::module_type_count) + 1};
}

std::vector<std::pair<std::string_view, std::int64_t>> Plan::expected_rows() const {
  std::vector<std::pair<std::string_view, std::int64_t>> rows{
      {tables::units().name, unit_count()},
      {tables::users().name, user_count()},
      {tables::unit_users().name, user_count()},
      {tables::year_configuration().name, year_count()},
      {tables::carbon_projects().name, unit_count()},
      {tables::carbon_reports().name, report_count()},
      {tables::carbon_report_modules().name, module_count()},
      {tables::data_entries().name, entry_count()},
      {tables::data_entry_emissions().name, entry_count()},
  };
  if (options_.audit)
    rows.emplace_back(tables::audit_documents().name, entry_count());
  return rows;
}

} // namespace seed
