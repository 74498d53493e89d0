// The factors payloads draw from, by (entry type, report year): the equipment
// pool generalised to every entry type. A builder that finds factors here
// copies a factor's classification values verbatim into its payload (links
// are exact-case, emissions.md §2.3), so that the application would link the
// entry to that factor and compute its emissions. Built once per run from the
// FactorIndex; immutable and shared by the worker threads.
#pragma once

#include "seed/rules/factors.hpp"

#include <map>
#include <utility>
#include <vector>

namespace seed {

// --- Interface ---

class FactorPool {
public:
  FactorPool() = default;
  // The factors of `index` for the given years, per entry type, in id order.
  FactorPool(const FactorIndex &index, const std::vector<int> &years);

  // Factors of (entry type, year); empty when there are none.
  [[nodiscard]] const std::vector<const Factor *> &of(int data_entry_type_id, int year) const;
  [[nodiscard]] bool empty() const noexcept { return by_type_and_year_.empty(); }
  // Entry types (sorted) with at least one factor in `year`.
  [[nodiscard]] std::vector<int> entry_types(int year) const;

private:
  std::map<std::pair<int, int>, std::vector<const Factor *>> by_type_and_year_;
};

} // namespace seed
