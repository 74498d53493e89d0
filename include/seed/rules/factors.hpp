// Factor rows as the application reads them (emissions.md §2), and an index
// that answers the application's factor lookups in O(1) per entry:
//   - by id, with the report-year check of the compute step (Strategy A);
//   - the classification queries of Strategy B (headcount leaves, plane
//     band + cabin class, train country with its RoW fallback, embodied
//     energy building with its `default` fallback), exact string equality on
//     `classification->>'key'` and exact year;
//   - the link an entry gets in `data.primary_factor_id` as the recalculation
//     workflow sets it (§2.3), so that a seeded payload carries the id the
//     application would store itself;
//   - the distinct classifications per (entry type, year), from which the
//     builders draw payload fields that resolve.
// It runs for every seeded entry (~800k), so every lookup is a hash probe;
// the index is immutable once filled and safe to share between threads.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace seed {

// --- Interface ---

// One `factors` row. classification is jsonb, values is json; either may be
// SQL NULL (JSON null here). A NULL year never matches a report year.
struct Factor {
  int id = 0;
  int emission_type_id = 0;
  int data_entry_type_id = 0;
  nlohmann::json classification = nlohmann::json::object();
  nlohmann::json values = nlohmann::json::object();
  std::optional<int> year;
};

// `classification->>'key'` (or `data->>'key'`): the text of a string, the
// JSON text of any other non-null value, nullopt for null or a missing key.
// Json: nlohmann::json, ordered_json, or anything with their is_object /
// find / end.
template <class Json>
[[nodiscard]] std::optional<std::string> json_text(const Json &object, std::string_view key) {
  if (!object.is_object())
    return std::nullopt;
  const auto it = object.find(key);
  if (it == object.end() || it->is_null())
    return std::nullopt;
  if (it->is_string())
    return it->template get<std::string>();
  return it->dump();
}

// Kind / subkind / alternate key of an entry type's module handler (§2.3).
// Empty kind = the handler has none (member, student, train, embodied energy).
struct KindFields {
  std::string_view kind;
  std::string_view subkind;   // empty when none
  std::string_view alternate; // purchases 60-66 only
};
[[nodiscard]] KindFields kind_fields(int data_entry_type_id);
// Whether the entry type's module handler has a kind field: the API then
// writes `primary_factor_id` into every entry's data, null when nothing
// matched (emissions.md §2.3).
[[nodiscard]] inline bool writes_factor_link(int data_entry_type_id) {
  return !kind_fields(data_entry_type_id).kind.empty();
}

// What the recalculation workflow stores in `data.primary_factor_id`.
struct FactorLink {
  enum class Outcome {
    not_applicable, // no kind field, or the payload lacks it: data left as it is
    linked,         // factor_id is the id to store
    no_match,       // the workflow stores null (and deletes the entry's emissions)
    error,          // purchase ambiguity / empty code: the workflow fails the entry
  };
  Outcome outcome = Outcome::not_applicable;
  std::optional<int> factor_id;
  std::string reason; // for error
  // What `data.primary_factor_id` then holds: the id when linked, else null.
  [[nodiscard]] std::optional<int> stored_id() const {
    return outcome == Outcome::linked ? factor_id : std::nullopt;
  }
};

// A haul band of the plane factors of one year (§3.2).
struct HaulBand {
  std::string category;
  std::optional<double> min_distance; // inclusive; nullopt = open
  std::optional<double> max_distance; // exclusive; nullopt = open
};

class FactorIndex {
public:
  // The query whose rows feed add_row. Reading in id order makes "the first
  // row read" of the application the smallest id, which the index also
  // enforces whatever the order of additions.
  static constexpr std::string_view factor_query =
      "SELECT id, emission_type_id, data_entry_type_id, classification::text, "
      "\"values\"::text, year FROM factors ORDER BY id";

  // Adds a factor. Throws std::invalid_argument for a classification or
  // values that is neither an object nor null, or a non-zero id added twice
  // (id 0 = not assigned yet; such factors are not found by id).
  void add(Factor factor);
  // Same from database text; nullopt text = SQL NULL. Malformed JSON throws.
  void add_row(int id, int emission_type_id, int data_entry_type_id,
               std::optional<std::string_view> classification_json,
               std::optional<std::string_view> values_json, std::optional<int> year);

  [[nodiscard]] std::size_t size() const noexcept { return factors_.size(); }
  [[nodiscard]] bool empty() const noexcept { return factors_.empty(); }
  // In order of addition.
  [[nodiscard]] const std::vector<Factor> &all() const noexcept { return factors_; }

  // --- Strategy A ---
  [[nodiscard]] const Factor *by_id(int id) const;
  // The factor the compute step uses for a link: found by id only (entry type
  // and emission type are not checked), and only if its year is the report
  // year; nullptr otherwise.
  [[nodiscard]] const Factor *linked(int id, int report_year) const;

  // --- Strategy B (all ordered by id) ---
  // Member/student: factors of the entry type and year whose emission type is
  // a catalog leaf under `root` (10000 food, 20000 waste, 30000 commuting).
  [[nodiscard]] std::vector<const Factor *> headcount(int data_entry_type_id, int year,
                                                      int root) const;
  // Bands of the plane factors of `year`, sorted by category name.
  [[nodiscard]] std::vector<HaulBand> haul_bands(int year) const;
  // The first band (by name) with min <= distance < max; nullopt if none.
  [[nodiscard]] std::optional<std::string> haul_band(int year, double one_trip_km) const;
  // Plane factors with category = band and cabin_class = cabin_class (exact).
  [[nodiscard]] std::vector<const Factor *> plane(int year, std::string_view band,
                                                  std::string_view cabin_class) const;
  // Train factors with country_code = country (nullopt -> "RoW"); if none,
  // those with country_code = "RoW".
  [[nodiscard]] std::vector<const Factor *> train(int year,
                                                  const std::optional<std::string> &country) const;
  // Embodied-energy factors with building_name = name (nullopt -> "default");
  // if none, those with building_name = "default".
  [[nodiscard]] std::vector<const Factor *>
  embodied_energy(int year, const std::optional<std::string> &building_name) const;

  // --- Link (recalculation workflow rules, §2.3) ---
  [[nodiscard]] FactorLink link(int data_entry_type_id, const nlohmann::json &data, int year) const;
  [[nodiscard]] FactorLink link(int data_entry_type_id, const nlohmann::ordered_json &data,
                                int year) const;

  // --- Pools ---
  // Distinct classification objects of the factors of (entry type, year), in
  // id order. Works for any factor set.
  [[nodiscard]] std::vector<nlohmann::json> classification_values(int data_entry_type_id,
                                                                  int year) const;
  // All factors of (entry type, year), in id order.
  [[nodiscard]] std::vector<const Factor *> of_type(int data_entry_type_id, int year) const;

  // `{"id": id, "values": values}` of a factor of this index, built once:
  // every emission row's meta lists it (factors_used). Throws
  // std::invalid_argument for a factor that is not one of this index's.
  [[nodiscard]] const nlohmann::ordered_json &used_entry(const Factor &factor) const;
  // The same as JSON text (written into the meta of every row it computes).
  [[nodiscard]] const std::string &used_entry_text(const Factor &factor) const;

private:
  struct LinkKeys {
    bool has_kind = false;
    std::optional<std::string> kind, subkind, alternate;
  };
  [[nodiscard]] std::size_t position(const Factor &factor) const;
  // The entry's kind / subkind / alternate values (json or ordered_json).
  template <class Json>
  [[nodiscard]] static LinkKeys keys_of(int data_entry_type_id, const Json &data);
  [[nodiscard]] FactorLink link_impl(int data_entry_type_id, int year, const LinkKeys &keys) const;
  [[nodiscard]] std::vector<const Factor *> bucket(const std::string &key) const;
  [[nodiscard]] const Factor *first(const std::string &key) const;
  void put(const std::string &key, std::uint32_t index);
  [[nodiscard]] bool before(std::uint32_t a, std::uint32_t b) const;

  struct Band {
    std::optional<double> min, max;
    std::uint32_t source; // index of the factor it was taken from
  };

  std::vector<Factor> factors_;
  std::vector<nlohmann::ordered_json> used_entries_; // parallel to factors_
  std::vector<std::string> used_entry_texts_;        // idem
  std::unordered_map<int, std::uint32_t> by_id_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> buckets_;
  std::map<int, std::map<std::string, Band>> bands_; // year -> category -> band
};

} // namespace seed
