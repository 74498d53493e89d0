// What the application recomputes after every entry it creates
// (app-state.md §2-§3): a module's `stats` from the emission rows of its
// entries, a report's `stats`, `completion_progress` and `overall_status`
// from its modules.
//
// A ModuleTally is fed the emission rows of one module's entries as they are
// encoded (memory: one slot per emission type of the module's walk), then
// finished into ModuleStats; the stats of a report's modules give the
// report's. Texts are application JSON (app_json.hpp), keys in the
// application's order.
#pragma once

#include "seed/model/catalog.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace seed::aggregates {

// --- Interface ---

// One visit of the walk (root, then each child's walk, children in
// declaration order) of a module type's stats roots.
struct WalkNode {
  int emission_type_id;
  int slot;                // index of the type among the walk's distinct types
  int scope;               // 1..3, 0 for none
  bool leaf;               // no children
  std::vector<int> leaves; // non-leaf: slots of the leaves below, in walk order
};
struct Walk {
  std::vector<WalkNode> nodes;
  std::vector<int> slot_types; // emission type of each slot
  [[nodiscard]] std::optional<int> slot_of(int emission_type_id) const;
};
[[nodiscard]] const Walk &walk(int module_type_id);

// A module's stats (app-state.md §2.4); maps in the application's key order.
struct ModuleStats {
  double scope1 = 0, scope2 = 0, scope3 = 0, total = 0;
  std::vector<std::pair<int, double>> by_emission_type;
  std::vector<std::pair<int, double>> by_additional_value;
  std::int64_t entry_count = 0;
};

// Sums per emission type of one module's rows (any entry status, rollup
// rows included; types outside the walk never count).
class ModuleTally {
public:
  explicit ModuleTally(int module_type_id);
  void add_entry() { ++entries_; }
  void add_row(int emission_type_id, double kg_co2eq, std::optional<double> additional_value);
  [[nodiscard]] ModuleStats finish() const; // §2.3
  [[nodiscard]] std::int64_t entries() const { return entries_; }

private:
  const Walk *walk_;
  std::vector<double> kg_, additional_;
  std::vector<bool> has_kg_, has_additional_;
  std::int64_t entries_ = 0;
};

// Module `stats` text: scope1, scope2, scope3, total, by_emission_type,
// by_additional_value, computed_at, entry_count.
void write_module_stats(const ModuleStats &stats, std::string_view computed_at, std::string &out);

// One module of a report as the report recompute reads it.
struct ReportModule {
  int module_type_id;
  int status;               // catalog::ModuleStatus
  const ModuleStats *stats; // null when the module's stats are NULL
};

// Report `stats` text (§3.1) over `modules` in the order the database returns
// them (modules_in_read_order).
void write_report_stats(const std::vector<ReportModule> &modules, std::string_view computed_at,
                        std::string &out);

// The order a report's recompute reads its modules in: rows never updated in
// id order, then rows in the order of their last update — for a campaign in
// which entries were created module by module (types 1..8) and the validated
// modules were then PATCHed in the same order.
[[nodiscard]] std::vector<ReportModule> modules_in_read_order(std::vector<ReportModule> by_type);

// The 17 emission types whose kg make a report's it_total_kg.
[[nodiscard]] const std::vector<int> &it_emission_types();

// §3.2: "k/N" and overall_status from the number of VALIDATED modules.
[[nodiscard]] std::string completion_progress(int validated, int modules);
[[nodiscard]] int overall_status(int validated, int modules);

} // namespace seed::aggregates
