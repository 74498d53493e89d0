#include "seed/rules/aggregates.hpp"

#include "seed/model/app_json.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace seed::aggregates {
namespace {

Walk make_walk(const catalog::Module &module) {
  Walk walk;
  const auto &types = catalog::emission_types();
  const auto children_of = [&](int id) {
    std::vector<const catalog::EmissionType *> children;
    for (const auto &type : types)
      if (type.parent == id)
        children.push_back(&type);
    return children;
  };
  const auto slot_for = [&](int id) {
    const auto it = std::find(walk.slot_types.begin(), walk.slot_types.end(), id);
    if (it != walk.slot_types.end())
      return static_cast<int>(it - walk.slot_types.begin());
    walk.slot_types.push_back(id);
    return static_cast<int>(walk.slot_types.size() - 1);
  };
  // Depth first: the node, then each child's walk.
  const auto visit = [&](const auto &self, const catalog::EmissionType &type) -> void {
    const auto children = children_of(type.id);
    walk.nodes.push_back({type.id, slot_for(type.id), type.scope, children.empty(), {}});
    for (const auto *child : children)
      self(self, *child);
  };
  for (const int root : module.stats_roots)
    visit(visit, *catalog::find_emission_type(root));
  // The leaves below each non-leaf, in walk order.
  for (auto &node : walk.nodes) {
    if (node.leaf)
      continue;
    for (const auto &other : walk.nodes)
      if (other.leaf && other.emission_type_id != node.emission_type_id &&
          catalog::emission_type_is_under(other.emission_type_id, node.emission_type_id) &&
          std::find(node.leaves.begin(), node.leaves.end(), other.slot) == node.leaves.end())
        node.leaves.push_back(other.slot);
  }
  return walk;
}

// Sets `key` in an ordered map: an existing key keeps its position.
void put(std::vector<std::pair<int, double>> &map, int key, double value) {
  for (auto &[existing, stored] : map)
    if (existing == key) {
      stored = value;
      return;
    }
  map.emplace_back(key, value);
}

void add_to(std::vector<std::pair<int, double>> &map, int key, double value) {
  for (auto &[existing, stored] : map)
    if (existing == key) {
      stored += value;
      return;
    }
  map.emplace_back(key, value);
}

void write_map(std::string &out, const std::vector<std::pair<int, double>> &map) {
  app_json::ObjectWriter object(out);
  for (const auto &[key, value] : map) {
    object.key(std::to_string(key));
    app_json::append_float(out, value);
  }
  object.finish();
}

} // namespace

std::optional<int> Walk::slot_of(int emission_type_id) const {
  const auto it = std::find(slot_types.begin(), slot_types.end(), emission_type_id);
  if (it == slot_types.end())
    return std::nullopt;
  return static_cast<int>(it - slot_types.begin());
}

const Walk &walk(int module_type_id) {
  static const auto walks = [] {
    std::array<Walk, catalog::module_type_count> all;
    for (const auto &module : catalog::modules())
      all[static_cast<std::size_t>(module.type) - 1] = make_walk(module);
    return all;
  }();
  if (module_type_id < 1 || module_type_id > catalog::module_type_count)
    throw std::out_of_range("module type " + std::to_string(module_type_id));
  return walks[static_cast<std::size_t>(module_type_id - 1)];
}

ModuleTally::ModuleTally(int module_type_id)
    : walk_(&walk(module_type_id)), kg_(walk_->slot_types.size()),
      additional_(walk_->slot_types.size()), has_kg_(walk_->slot_types.size()),
      has_additional_(walk_->slot_types.size()) {}

void ModuleTally::add_row(int emission_type_id, double kg_co2eq,
                          std::optional<double> additional_value) {
  const auto slot = walk_->slot_of(emission_type_id);
  if (!slot)
    return;
  const auto s = static_cast<std::size_t>(*slot);
  kg_[s] += kg_co2eq;
  has_kg_[s] = true;
  if (additional_value) {
    additional_[s] += *additional_value;
    has_additional_[s] = true;
  }
}

ModuleStats ModuleTally::finish() const {
  ModuleStats stats;
  stats.entry_count = entries_;
  double scopes[4] = {0, 0, 0, 0};
  // Pass 1: every walked node with a non-zero sum.
  for (const auto &node : walk_->nodes) {
    const auto s = static_cast<std::size_t>(node.slot);
    if (has_kg_[s] && kg_[s] != 0) {
      put(stats.by_emission_type, node.emission_type_id, kg_[s]);
      scopes[node.scope] += kg_[s];
    }
    if (has_additional_[s] && additional_[s] != 0)
      put(stats.by_additional_value, node.emission_type_id, additional_[s]);
  }
  // Pass 2: non-leaves get the sum of their leaves.
  for (const auto &node : walk_->nodes) {
    if (node.leaf)
      continue;
    double kg = 0, additional = 0;
    for (const int slot : node.leaves) {
      const auto s = static_cast<std::size_t>(slot);
      if (has_kg_[s])
        kg += kg_[s];
      if (has_additional_[s])
        additional += additional_[s];
    }
    if (kg != 0)
      put(stats.by_emission_type, node.emission_type_id, kg);
    if (additional != 0)
      put(stats.by_additional_value, node.emission_type_id, additional);
  }
  stats.scope1 = scopes[1];
  stats.scope2 = scopes[2];
  stats.scope3 = scopes[3];
  stats.total = stats.scope1 + stats.scope2 + stats.scope3;
  return stats;
}

void write_module_stats(const ModuleStats &stats, std::string_view computed_at, std::string &out) {
  app_json::ObjectWriter object(out);
  const std::pair<const char *, double> scopes[] = {{"scope1", stats.scope1},
                                                    {"scope2", stats.scope2},
                                                    {"scope3", stats.scope3},
                                                    {"total", stats.total}};
  for (const auto &[name, value] : scopes) {
    object.key(name);
    app_json::append_float(out, value);
  }
  object.key("by_emission_type");
  write_map(out, stats.by_emission_type);
  object.key("by_additional_value");
  write_map(out, stats.by_additional_value);
  object.key("computed_at");
  app_json::append_string(out, computed_at);
  object.key("entry_count");
  app_json::append_integer(out, stats.entry_count);
  object.finish();
}

const std::vector<int> &it_emission_types() {
  static const std::vector<int> types{80200,  90300,  110101,   110102,   110103, 110201,
                                      110202, 110203, 110204,   110205,   110206, 100000,
                                      100100, 100200, 10020001, 10020002, 100300};
  return types;
}

void write_report_stats(const std::vector<ReportModule> &modules, std::string_view computed_at,
                        std::string &out) {
  double scope1 = 0, scope2 = 0, scope3 = 0;
  std::vector<std::pair<int, double>> by_emission_type, by_additional_value;
  std::int64_t entry_count = 0;
  const ReportModule *highest = nullptr;
  for (const auto &module : modules) {
    if (module.stats == nullptr)
      continue;
    const auto &stats = *module.stats;
    scope1 += stats.scope1;
    scope2 += stats.scope2;
    scope3 += stats.scope3;
    for (const auto &[key, value] : stats.by_emission_type)
      if (value != 0)
        add_to(by_emission_type, key, value);
    for (const auto &[key, value] : stats.by_additional_value)
      if (value != 0)
        add_to(by_additional_value, key, value);
    entry_count += stats.entry_count;
    if (module.status == catalog::validated && stats.total > 0 &&
        (highest == nullptr || stats.total > highest->stats->total))
      highest = &module;
  }
  app_json::ObjectWriter object(out);
  const std::pair<const char *, double> scopes[] = {{"scope1", scope1},
                                                    {"scope2", scope2},
                                                    {"scope3", scope3},
                                                    {"total", scope1 + scope2 + scope3}};
  for (const auto &[name, value] : scopes) {
    object.key(name);
    app_json::append_float(out, value);
  }
  // Python sum() over the present keys: the integer 0 when none is.
  std::optional<double> it_total;
  for (const int type : it_emission_types())
    for (const auto &[key, value] : by_emission_type)
      if (key == type)
        it_total = it_total.value_or(0) + value;
  object.key("it_total_kg");
  if (it_total)
    app_json::append_float(out, *it_total);
  else
    out += '0';
  object.key("by_emission_type");
  write_map(out, by_emission_type);
  object.key("by_additional_value");
  write_map(out, by_additional_value);
  object.key("computed_at");
  app_json::append_string(out, computed_at);
  object.key("entry_count");
  app_json::append_integer(out, entry_count);
  object.key("highest_category_module_id");
  if (highest != nullptr)
    app_json::append_integer(out, highest->module_type_id);
  else
    out += "null";
  object.finish();
}

std::vector<ReportModule> modules_in_read_order(std::vector<ReportModule> by_type) {
  const auto rank = [](const ReportModule &module) {
    if (module.stats == nullptr)
      return 0; // never recomputed: id order
    return module.status == catalog::validated ? 2 : 1;
  };
  std::stable_sort(by_type.begin(), by_type.end(),
                   [&](const auto &a, const auto &b) { return rank(a) < rank(b); });
  return by_type;
}

std::string completion_progress(int validated, int modules) {
  return std::to_string(validated) + "/" + std::to_string(modules);
}

int overall_status(int validated, int modules) {
  if (validated == 0)
    return catalog::not_started;
  return validated == modules ? catalog::validated : catalog::in_progress;
}

} // namespace seed::aggregates
