// The (equipment_class, sub_class) pairs that equipment payloads draw from,
// read once from `factors` (schema.md). Both factor layouts are accepted:
//   current: entry type 10/11/12, emission type 80100/80200/80300,
//            classification {"equipment_class": ..., "sub_class": ...}
//   older:   emission type 80000, classification {"class": ..., "sub_class": ...}
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seed {

// --- Interface ---

struct EquipmentClass {
  std::string equipment_class;
  std::optional<std::string> sub_class;
  friend bool operator==(const EquipmentClass &, const EquipmentClass &) = default;
};

class EquipmentPool {
public:
  // The query whose rows feed add_factor_row: entry type, emission type,
  // classification as JSON text. Distinct and ordered, so that the pool and
  // therefore the draws are the same for the same factors.
  static constexpr std::string_view factor_query =
      "SELECT DISTINCT data_entry_type_id, emission_type_id, classification::text "
      "FROM factors WHERE emission_type_id IN (80000, 80100, 80200, 80300) "
      "AND classification IS NOT NULL ORDER BY 1, 2, 3";

  // Adds the pair a factor row carries. Rows of other emission types, or
  // whose class key is missing or null, are ignored. Throws std::invalid_argument for a
  // class that is present but empty or not a string, or malformed JSON
  // (a factor table the seeder cannot trust).
  void add_factor_row(int data_entry_type_id, int emission_type_id,
                      std::string_view classification_json);

  [[nodiscard]] bool empty() const noexcept { return all_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return all_.size(); }

  // Pairs for an equipment entry type (10, 11, 12): those of its own factors
  // when there are any, else every pair of the pool. Empty only if the pool is.
  [[nodiscard]] const std::vector<EquipmentClass> &for_entry_type(int data_entry_type_id) const;

private:
  void add(int data_entry_type_id, EquipmentClass pair);

  std::vector<EquipmentClass> all_;
  std::map<int, std::vector<EquipmentClass>> by_entry_type_;
};

} // namespace seed
