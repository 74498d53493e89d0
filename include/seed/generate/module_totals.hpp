// Per-module totals of a run: t CO2-eq per unit-year (median, p95) and each
// module's share of the run's total, for the --dry-run and closing summary.
//
// Fed one emission at a time with (unit-year, module type, kg); keeps one sum
// per (unit-year, module), so memory is 8 doubles per unit-year whatever the
// number of entries. add() may be called from several threads at once.
// Rollup rows (emissions.md §1.2: headcount 40000, buildings__rooms 60100)
// repeat their leaves' kg: callers must not add them (is_rollup).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace seed {

// --- Interface ---

class ModuleTotals {
public:
  explicit ModuleTotals(std::int64_t unit_years);

  // Adds `kg` to module type `module_type_id` (1..8) of unit-year `unit_year`
  // (0-based, < unit_years()). Out of range: std::out_of_range.
  void add(std::int64_t unit_year, int module_type_id, double kg);

  [[nodiscard]] std::int64_t unit_years() const noexcept { return unit_years_; }

  struct Row {
    std::string_view name; // module name, or "total"
    double median_t = 0;   // t CO2-eq per unit-year (percentile_cont 0.5)
    double p95_t = 0;      // percentile_cont 0.95
    double share = 0;      // of the run's total, 0..1 (total row: 1, or 0 when empty)
  };
  // One row per module type in catalog order, then the per-unit-year total.
  [[nodiscard]] std::vector<Row> table() const;

private:
  std::int64_t unit_years_;
  std::unique_ptr<std::atomic<double>[]> kg_; // unit_years x 8
};

// Whether rows of this emission type are rollups of the entry's other rows.
[[nodiscard]] bool is_rollup(int emission_type_id) noexcept;

// percentile_cont(fraction) of `values` (sorted in place), as PostgreSQL
// computes it; 0 for an empty list.
[[nodiscard]] double percentile_cont(std::vector<double> &values, double fraction);

// The table as text, one line per row (for the summary).
[[nodiscard]] std::string format_totals(const std::vector<ModuleTotals::Row> &rows);

} // namespace seed
