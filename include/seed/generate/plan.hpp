// The plan: how many rows of each kind a run writes, derived from the options
// alone (no database), before any row is generated. Every count and every
// position (first user of a unit, first entry of a module) is fixed here, so
// that generation can be split across threads without changing a byte.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace seed {

// --- Interface ---

// The seed document's named constants (../shared/seed): 5 units, 40 users,
// 2023-2025, 4..10 entries per module, about 840 entries.
inline constexpr std::int64_t default_units = 5;
inline constexpr std::int64_t default_users = 40;
inline constexpr std::int64_t users_per_unit_when_scaled = 8; // --units alone
inline constexpr std::int64_t min_users_per_unit = 3;
inline constexpr std::int64_t max_users_per_unit = 15;
inline constexpr int default_entries_min = 4;
inline constexpr int default_entries_max = 10;
inline constexpr int min_year = 1900;
inline constexpr int max_year = 2100;
inline constexpr int seeded_unit_level = 5;
inline constexpr int admin_count = 2; // back-office metier + super admin
// Upper bounds keep every id inside PostgreSQL's 32-bit SERIAL.
inline constexpr std::int64_t max_units = 1'000'000;
inline constexpr int max_entries_per_module = 10'000;
inline constexpr std::int64_t max_rows_per_table = 2'000'000'000;

// How emission rows are made (emissions.md): `computed` = the rows the
// application's own pipeline writes for each entry, from the factors;
// `placeholder` = one row per entry with a random kg, typed inside the
// entry's own module (the seed document's row, without its defects).
enum class EmissionMode { computed, placeholder };

// How payload quantities are drawn: `realistic` = the value models of
// value_models.hpp (magnitudes of a real lab, scaled by its headcount);
// `seed_doc` = the seed document's flat ranges, unchanged.
enum class ValueSet { realistic, seed_doc };

struct Options {
  std::int64_t units = default_units;
  std::int64_t users = default_users;
  std::vector<int> years{2023, 2024, 2025};
  int entries_min = default_entries_min;
  int entries_max = default_entries_max;
  std::uint64_t seed = 0;
  std::string formula_version; // placeholder rows' meta.formula_version
  EmissionMode emissions = EmissionMode::computed;
  // An audit document per entry, as the application writes (--no-audit: none).
  bool audit = true;
  ValueSet values = ValueSet::realistic;
  // Numbers of the first unit (U<n>, CF<n>) and first user (USR<n>): 0 for a
  // first batch, past the highest existing ones with --append.
  std::int64_t unit_offset = 0;
  std::int64_t user_offset = 0;
};

// Thrown by Plan::make for options that cannot be planned; what() is one line.
class PlanError : public std::exception {
public:
  explicit PlanError(std::string message) : message_(std::move(message)) {}
  [[nodiscard]] const char *what() const noexcept override { return message_.c_str(); }

private:
  std::string message_;
};

// Checks options that need no database. Throws PlanError.
void check_options(const Options &options);

// Where a module sits: module index = (unit * years + year_index) * 8 + type - 1.
struct ModuleCoordinates {
  std::int64_t unit_index;
  int year_index;
  int module_type_id; // 1..8
};

class Plan {
public:
  // Validates `options` (PlanError) and fixes every count.
  [[nodiscard]] static Plan make(const Options &options);

  [[nodiscard]] const Options &options() const noexcept { return options_; }
  // The seed every Rng of this plan is keyed with: the user's seed for a
  // first batch; mixed with the offsets for an appended one, so that a second
  // batch is not a copy of the first.
  [[nodiscard]] std::uint64_t stream_seed() const noexcept;
  // Identifier numbers of unit index u and user index n (admins included).
  [[nodiscard]] std::int64_t unit_number(std::int64_t u) const noexcept {
    return options_.unit_offset + u;
  }
  [[nodiscard]] std::int64_t user_number(std::int64_t n) const noexcept {
    return options_.user_offset + n;
  }
  [[nodiscard]] std::int64_t unit_count() const noexcept { return options_.units; }
  [[nodiscard]] std::int64_t regular_user_count() const noexcept { return options_.users; }
  [[nodiscard]] std::int64_t user_count() const noexcept { return options_.users + admin_count; }
  [[nodiscard]] int year_count() const noexcept { return static_cast<int>(options_.years.size()); }
  [[nodiscard]] std::int64_t report_count() const noexcept { return unit_count() * year_count(); }
  [[nodiscard]] std::int64_t module_count() const noexcept;
  [[nodiscard]] std::int64_t entry_count() const noexcept { return entry_block_offsets_.back(); }

  // Regular users of unit `unit_index` are numbers [first, first + count).
  [[nodiscard]] std::int64_t users_in_unit(std::int64_t unit_index) const;
  [[nodiscard]] std::int64_t first_user_of_unit(std::int64_t unit_index) const;

  // Entries of module `module_index` are entry offsets [first, first + count).
  // first_entry_of_module(module_count()) is entry_count(). Out of range:
  // std::out_of_range.
  [[nodiscard]] int entries_in_module(std::int64_t module_index) const;
  [[nodiscard]] std::int64_t first_entry_of_module(std::int64_t module_index) const;
  [[nodiscard]] ModuleCoordinates module_coordinates(std::int64_t module_index) const;

  // Rows each table receives, in write order, audit_documents last when
  // written (year_configuration counts every
  // year; a database run skips years that are already configured). The
  // data_entry_emissions count is one per entry: exact for placeholder
  // emissions; computed ones depend on the factors (docs/seed-data.md).
  [[nodiscard]] std::vector<std::pair<std::string_view, std::int64_t>> expected_rows() const;

private:
  Options options_;
  std::vector<std::int64_t> user_offsets_; // unit_count + 1 prefix sums
  // First entry of every block of modules, then entry_count(): a module's
  // own count is drawn again when needed, so memory does not grow with the
  // number of modules (12M modules at --units 500,000 would need 96 MB of
  // per-module offsets).
  static constexpr std::int64_t modules_per_block = 64;
  std::vector<std::int64_t> entry_block_offsets_;
};

// Users per unit: Normal(users / units, 3) truncated and clamped to [3, 15],
// then nudged one at a time (cursor over units) until the sum is exact.
[[nodiscard]] std::vector<std::int64_t> distribute_users(std::int64_t units, std::int64_t users,
                                                         std::uint64_t seed);

} // namespace seed
