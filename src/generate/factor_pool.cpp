#include "seed/generate/factor_pool.hpp"

#include "seed/model/catalog.hpp"

namespace seed {

FactorPool::FactorPool(const FactorIndex &index, const std::vector<int> &years) {
  for (const int year : years)
    for (const auto &type : catalog::entry_types())
      if (auto factors = index.of_type(type.id, year); !factors.empty())
        by_type_and_year_[{type.id, year}] = std::move(factors);
}

const std::vector<const Factor *> &FactorPool::of(int data_entry_type_id, int year) const {
  static const std::vector<const Factor *> none;
  const auto it = by_type_and_year_.find({data_entry_type_id, year});
  return it == by_type_and_year_.end() ? none : it->second;
}

std::vector<int> FactorPool::entry_types(int year) const {
  std::vector<int> out;
  for (const auto &[key, factors] : by_type_and_year_)
    if (key.second == year)
      out.push_back(key.first);
  return out;
}

} // namespace seed
