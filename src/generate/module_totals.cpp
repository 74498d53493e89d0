#include "seed/generate/module_totals.hpp"

#include "seed/model/catalog.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace seed {

ModuleTotals::ModuleTotals(std::int64_t unit_years)
    : unit_years_(std::max<std::int64_t>(unit_years, 0)),
      kg_(std::make_unique<std::atomic<double>[]>(
          static_cast<std::size_t>(unit_years_ * catalog::module_type_count))) {}

void ModuleTotals::add(std::int64_t unit_year, int module_type_id, double kg) {
  if (unit_year < 0 || unit_year >= unit_years_ || module_type_id < 1 ||
      module_type_id > catalog::module_type_count)
    throw std::out_of_range(fmt::format("module totals: unit-year {} module {} out of range",
                                        unit_year, module_type_id));
  kg_[static_cast<std::size_t>(unit_year * catalog::module_type_count + module_type_id - 1)]
      .fetch_add(kg, std::memory_order_relaxed);
}

double percentile_cont(std::vector<double> &values, double fraction) {
  if (values.empty())
    return 0;
  std::sort(values.begin(), values.end());
  const double position = fraction * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const auto above = std::min(below + 1, values.size() - 1);
  return values[below] + (position - static_cast<double>(below)) * (values[above] - values[below]);
}

std::vector<ModuleTotals::Row> ModuleTotals::table() const {
  constexpr int modules = catalog::module_type_count;
  std::vector<double> totals(static_cast<std::size_t>(unit_years_), 0.0);
  std::vector<double> column(static_cast<std::size_t>(unit_years_));
  std::vector<Row> rows;
  double run_total = 0;
  std::vector<double> module_sums(modules, 0.0);
  for (int m = 0; m < modules; ++m) {
    for (std::int64_t u = 0; u < unit_years_; ++u) {
      const double t = kg_[static_cast<std::size_t>(u * modules + m)].load() / 1000.0;
      column[static_cast<std::size_t>(u)] = t;
      totals[static_cast<std::size_t>(u)] += t;
      module_sums[static_cast<std::size_t>(m)] += t;
    }
    run_total += module_sums[static_cast<std::size_t>(m)];
    Row row;
    row.name = catalog::modules()[static_cast<std::size_t>(m)].name;
    auto values = column;
    row.median_t = percentile_cont(values, 0.5);
    row.p95_t = percentile_cont(values, 0.95);
    rows.push_back(row);
  }
  for (int m = 0; m < modules; ++m)
    rows[static_cast<std::size_t>(m)].share =
        run_total > 0 ? module_sums[static_cast<std::size_t>(m)] / run_total : 0;
  Row total;
  total.name = "total";
  total.median_t = percentile_cont(totals, 0.5);
  total.p95_t = percentile_cont(totals, 0.95);
  total.share = run_total > 0 ? 1 : 0;
  rows.push_back(total);
  return rows;
}

bool is_rollup(int emission_type_id) noexcept {
  return emission_type_id == 40000 || emission_type_id == 60100;
}

std::string format_totals(const std::vector<ModuleTotals::Row> &rows) {
  std::string out = fmt::format("  {:<24} {:>12} {:>12} {:>7}\n", "t CO2-eq per unit-year",
                                "median", "p95", "share");
  for (const auto &row : rows)
    out += fmt::format("  {:<24} {:>12.1f} {:>12.1f} {:>6.1f}%\n", row.name, row.median_t,
                       row.p95_t, row.share * 100);
  return out;
}

} // namespace seed
