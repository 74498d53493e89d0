#include "seed/generate/equipment_pool.hpp"

#include "seed/model/dto.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>

namespace seed {

namespace {
// Entry type of an equipment emission type, for the current layout.
int entry_type_of_emission(int emission_type_id) {
  switch (emission_type_id) {
  case 80100:
    return 10;
  case 80200:
    return 11;
  case 80300:
    return 12;
  default:
    return 0;
  }
}
} // namespace

void EquipmentPool::add_factor_row(int data_entry_type_id, int emission_type_id,
                                   std::string_view classification_json) {
  const bool legacy = emission_type_id == 80000;
  if (!legacy && entry_type_of_emission(emission_type_id) == 0)
    return;
  const auto classification = nlohmann::json::parse(classification_json, nullptr, false);
  if (classification.is_discarded() || !classification.is_object())
    throw std::invalid_argument("factor classification is not a JSON object: " +
                                std::string(classification_json));
  const char *class_key = legacy ? "class" : "equipment_class";
  const auto it = classification.find(class_key);
  if (it == classification.end() || it->is_null())
    return;
  if (!it->is_string() || dto::is_blank(it->get<std::string>()))
    throw std::invalid_argument(std::string("factor with an empty or non-text ") + class_key +
                                ": " + std::string(classification_json));
  EquipmentClass pair{it->get<std::string>(), std::nullopt};
  if (const auto sub = classification.find("sub_class");
      sub != classification.end() && sub->is_string())
    pair.sub_class = sub->get<std::string>();
  // The older layout has no per-type emission types; its entry type column says which.
  add(legacy ? data_entry_type_id : entry_type_of_emission(emission_type_id), std::move(pair));
}

void EquipmentPool::add(int data_entry_type_id, EquipmentClass pair) {
  auto &own = by_entry_type_[data_entry_type_id];
  if (std::find(own.begin(), own.end(), pair) == own.end())
    own.push_back(pair);
  if (std::find(all_.begin(), all_.end(), pair) == all_.end())
    all_.push_back(std::move(pair));
}

const std::vector<EquipmentClass> &EquipmentPool::for_entry_type(int data_entry_type_id) const {
  const auto it = by_entry_type_.find(data_entry_type_id);
  return it != by_entry_type_.end() && !it->second.empty() ? it->second : all_;
}

} // namespace seed
