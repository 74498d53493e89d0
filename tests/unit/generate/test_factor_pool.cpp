// seed/factor_pool.hpp: the factors payloads draw from, per (entry type,
// report year), in id order; an empty list for a pair without factors.
#include "seed/generate/factor_pool.hpp"

#include "seed/generate/sample_factor_set.hpp"
#include "seed/model/catalog.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

using namespace seed;

namespace {

Factor factor(int id, int data_entry_type_id, std::optional<int> year,
              nlohmann::json classification = nlohmann::json::object()) {
  Factor f;
  f.id = id;
  f.data_entry_type_id = data_entry_type_id;
  f.emission_type_id = 90200; // not read by the pool
  f.classification = std::move(classification);
  f.year = year;
  return f;
}

std::vector<int> ids_of(const std::vector<const Factor *> &factors) {
  std::vector<int> ids;
  for (const Factor *f : factors)
    ids.push_back(f->id);
  return ids;
}

} // namespace

TEST_CASE("factor_pool: a default pool is empty", "[factor_pool]") {
  const FactorPool pool;
  CHECK(pool.empty());
  CHECK(pool.of(10, 2024).empty());
  CHECK(pool.entry_types(2024).empty());
}

TEST_CASE("factor_pool: a pool of no factors, or of no years, is empty", "[factor_pool]") {
  const FactorIndex none;
  CHECK(FactorPool(none, {2023, 2024}).empty());

  FactorIndex some;
  some.add(factor(1, 60, 2024));
  const FactorPool no_years(some, {});
  CHECK(no_years.empty());
  CHECK(no_years.of(60, 2024).empty());
  CHECK(no_years.entry_types(2024).empty());
}

TEST_CASE("factor_pool: of(type, year) lists the factors in id order", "[factor_pool]") {
  FactorIndex index;
  // Added out of id order, mixed with other types and years.
  index.add(factor(9, 60, 2024));
  index.add(factor(4, 61, 2024));
  index.add(factor(2, 60, 2024));
  index.add(factor(7, 60, 2023));
  index.add(factor(5, 60, 2024));
  const FactorPool pool(index, {2023, 2024});

  CHECK_FALSE(pool.empty());
  CHECK(ids_of(pool.of(60, 2024)) == std::vector<int>{2, 5, 9});
  CHECK(ids_of(pool.of(60, 2023)) == std::vector<int>{7});
  CHECK(ids_of(pool.of(61, 2024)) == std::vector<int>{4});
  // The entries point at the index's own factors.
  for (const Factor *f : pool.of(60, 2024))
    CHECK(f == index.by_id(f->id));
}

TEST_CASE("factor_pool: of() is empty for a type or year without factors", "[factor_pool]") {
  FactorIndex index;
  index.add(factor(1, 60, 2024));
  const FactorPool pool(index, {2024, 2025});
  CHECK(pool.of(61, 2024).empty()); // type without factors
  CHECK(pool.of(60, 2025).empty()); // requested year without factors
  CHECK(pool.of(60, 2023).empty()); // year not requested
  CHECK(pool.of(0, 2024).empty());
  CHECK(pool.of(60, 2024).size() == 1);
}

TEST_CASE("factor_pool: only the requested years, never a NULL year", "[factor_pool]") {
  FactorIndex index;
  index.add(factor(1, 31, 2023));
  index.add(factor(2, 31, std::nullopt));
  index.add(factor(3, 31, 2025));
  const FactorPool pool(index, {2025});
  CHECK(ids_of(pool.of(31, 2025)) == std::vector<int>{3});
  CHECK(pool.of(31, 2023).empty());
  CHECK(pool.entry_types(2023).empty());

  FactorIndex null_year_only;
  null_year_only.add(factor(1, 31, std::nullopt));
  CHECK(FactorPool(null_year_only, {2023, 2024, 2025}).empty());
}

TEST_CASE("factor_pool: entry_types(year) sorted, only types with factors that year",
          "[factor_pool]") {
  FactorIndex index;
  index.add(factor(1, 67, 2024));
  index.add(factor(2, 10, 2024));
  index.add(factor(3, 40, 2023));
  index.add(factor(4, 10, 2024));
  index.add(factor(5, 30, 2024));
  const FactorPool pool(index, {2023, 2024});
  CHECK(pool.entry_types(2024) == std::vector<int>{10, 30, 67});
  CHECK(pool.entry_types(2023) == std::vector<int>{40});
  CHECK(pool.entry_types(2025).empty());
}

TEST_CASE("factor_pool: the sample set, every entry type in every seeded year", "[factor_pool]") {
  const std::vector<int> years{2023, 2025};
  FactorIndex index;
  int id = 0;
  std::map<std::pair<int, int>, std::vector<int>> expected; // (type, year) -> ids
  for (auto f : sample_factor_set(years)) {
    f.id = ++id;
    expected[{f.data_entry_type_id, *f.year}].push_back(f.id);
    index.add(f);
  }
  const FactorPool pool(index, years);

  std::vector<int> all_types;
  for (const auto &type : catalog::entry_types())
    all_types.push_back(type.id);
  std::sort(all_types.begin(), all_types.end());
  for (const int year : years) {
    INFO("year " << year);
    CHECK(pool.entry_types(year) == all_types);
    for (const int type : all_types) {
      INFO("entry type " << type);
      CHECK(ids_of(pool.of(type, year)) == expected[{type, year}]);
    }
  }
  CHECK(pool.entry_types(2024).empty());
}
