#include "seed/rules/factors.hpp"

#include "seed/model/catalog.hpp"
#include "seed/model/json_parse.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <unordered_set>

namespace seed {
namespace {

constexpr int plane_type = 20;
constexpr int train_type = 21;
constexpr int embodied_type = 32;
constexpr std::string_view row_key = "RoW";
constexpr std::string_view default_building = "default";
constexpr std::array<int, 3> headcount_roots{10000, 20000, 30000};

// Bucket keys: a tag, then length-prefixed parts, so that no two different
// part lists give the same key whatever the text holds.
class Key {
public:
  explicit Key(char tag) { text_.push_back(tag); }
  Key &num(long long value) {
    text_ += std::to_string(value);
    text_.push_back('|');
    return *this;
  }
  Key &str(std::string_view value) {
    text_ += std::to_string(value.size());
    text_.push_back(':');
    text_.append(value);
    return *this;
  }
  Key &opt(const std::optional<std::string> &value) {
    if (value)
      return str(*value);
    text_.push_back('~');
    return *this;
  }
  [[nodiscard]] std::string done() { return std::move(text_); }

private:
  std::string text_;
};

bool is_leaf(int emission_type_id) {
  static const auto parents = [] {
    std::unordered_set<int> ids;
    for (const auto &type : catalog::emission_types())
      if (type.parent != 0)
        ids.insert(type.parent);
    return ids;
  }();
  return catalog::find_emission_type(emission_type_id) != nullptr &&
         !parents.contains(emission_type_id);
}

std::optional<double> number_of(const nlohmann::json &values, std::string_view key) {
  if (!values.is_object())
    return std::nullopt;
  const auto it = values.find(key);
  if (it == values.end() || !it->is_number())
    return std::nullopt;
  return it->get<double>();
}

bool empty_text(const std::optional<std::string> &text) {
  return !text || text->empty();
}

} // namespace

KindFields kind_fields(int data_entry_type_id) {
  // Entry types sharing a DTO share its payload keys: group them by the catalog's map.
  const auto *type = [&]() -> const catalog::EntryType * {
    for (const auto &t : catalog::entry_types())
      if (t.id == data_entry_type_id)
        return &t;
    return nullptr;
  }();
  if (type == nullptr)
    return {"", "", ""};
  switch (type->dto) {
  case dto::DtoKind::equipment:
    return {"equipment_class", "sub_class", ""};
  case dto::DtoKind::plane:
    return {"category", "cabin_class", ""};
  case dto::DtoKind::building_room:
    return {"building_name", "room_type", ""};
  case dto::DtoKind::energy_combustion:
  case dto::DtoKind::purchase_additional:
    return {"name", "", ""};
  case dto::DtoKind::external_cloud:
    return {"provider", "service_type", ""};
  case dto::DtoKind::external_ai:
    return {"provider", "usage_type", ""};
  case dto::DtoKind::process_emissions:
    return {"category", "subcategory", ""};
  case dto::DtoKind::purchase:
    return {"purchase_institutional_code", "", "purchase_additional_code"};
  case dto::DtoKind::research_facilities_common:
    return {"researchfacility_id", "", ""};
  case dto::DtoKind::research_facilities_animal:
    return {"researchfacility_id", "researchfacility_type", ""};
  default:
    return {"", "", ""};
  }
}

bool FactorIndex::before(std::uint32_t a, std::uint32_t b) const {
  const int ia = factors_[a].id, ib = factors_[b].id;
  return ia != ib ? ia < ib : a < b;
}

void FactorIndex::put(const std::string &key, std::uint32_t index) {
  auto &list = buckets_[key];
  // Kept in id order: "ordered by id" and "first row read" both mean the front.
  const auto at =
      std::upper_bound(list.begin(), list.end(), index,
                       [this](std::uint32_t a, std::uint32_t b) { return before(a, b); });
  list.insert(at, index);
}

void FactorIndex::add_row(int id, int emission_type_id, int data_entry_type_id,
                          std::optional<std::string_view> classification_json,
                          std::optional<std::string_view> values_json, std::optional<int> year) {
  auto parse = [](std::optional<std::string_view> text, const char *what) {
    if (!text)
      return nlohmann::json();
    auto json = json_parse::parse(*text);
    if (json.is_discarded())
      throw std::invalid_argument(std::string("factor ") + what +
                                  " is not valid JSON: " + std::string(*text));
    return json;
  };
  add(Factor{id, emission_type_id, data_entry_type_id, parse(classification_json, "classification"),
             parse(values_json, "values"), year});
}

void FactorIndex::add(Factor factor) {
  if (!factor.classification.is_object() && !factor.classification.is_null())
    throw std::invalid_argument("factor classification is neither an object nor null");
  if (!factor.values.is_object() && !factor.values.is_null())
    throw std::invalid_argument("factor values is neither an object nor null");
  if (factor.id != 0 && by_id_.contains(factor.id))
    throw std::invalid_argument("factor id " + std::to_string(factor.id) + " added twice");

  const auto index = static_cast<std::uint32_t>(factors_.size());
  factors_.push_back(std::move(factor));
  const Factor &f = factors_.back();
  used_entries_.push_back(nlohmann::ordered_json::object());
  used_entries_.back()["id"] = f.id;
  used_entries_.back()["values"] = nlohmann::ordered_json(f.values);
  used_entry_texts_.push_back(used_entries_.back().dump());
  if (f.id != 0)
    by_id_.emplace(f.id, index);
  if (!f.year)
    return; // every query filters year = report year; NULL never matches
  const int type = f.data_entry_type_id;
  const int year = *f.year;
  const auto &cls = f.classification;

  put(Key('E').num(type).num(year).done(), index);

  if (type == 1 || type == 2)
    for (const int root : headcount_roots)
      if (f.emission_type_id != root && is_leaf(f.emission_type_id) &&
          catalog::emission_type_is_under(f.emission_type_id, root))
        put(Key('H').num(type).num(year).num(root).done(), index);

  if (type == plane_type) {
    const auto category = json_text(cls, "category");
    const auto cabin = json_text(cls, "cabin_class");
    if (category && cabin)
      put(Key('P').num(year).str(*category).str(*cabin).done(), index);
    const auto min = number_of(f.values, "min_distance");
    const auto max = number_of(f.values, "max_distance");
    if (category && (min || max)) {
      auto &bands = bands_[year];
      const auto it = bands.find(*category);
      if (it == bands.end())
        bands.emplace(*category, Band{min, max, index});
      else if (before(index, it->second.source))
        it->second = Band{min, max, index};
    }
  }
  if (type == train_type)
    if (const auto country = json_text(cls, "country_code"))
      put(Key('T').num(year).str(*country).done(), index);
  if (type == embodied_type)
    if (const auto building = json_text(cls, "building_name"))
      put(Key('B').num(year).str(*building).done(), index);

  const KindFields fields = kind_fields(type);
  if (fields.kind.empty())
    return;
  const auto kind = json_text(cls, fields.kind);
  if (!fields.alternate.empty()) {
    if (kind)
      put(Key('I').num(type).num(year).str(*kind).done(), index);
    if (const auto alternate = json_text(cls, fields.alternate))
      put(Key('A').num(type).num(year).str(*alternate).done(), index);
    return;
  }
  if (!kind)
    return;
  const std::optional<std::string> sub =
      fields.subkind.empty() ? std::nullopt : json_text(cls, fields.subkind);
  put(Key('K').num(type).num(year).str(*kind).opt(sub).done(), index);
}

std::vector<const Factor *> FactorIndex::bucket(const std::string &key) const {
  std::vector<const Factor *> out;
  const auto it = buckets_.find(key);
  if (it != buckets_.end()) {
    out.reserve(it->second.size());
    for (const auto index : it->second)
      out.push_back(&factors_[index]);
  }
  return out;
}

const Factor *FactorIndex::first(const std::string &key) const {
  const auto it = buckets_.find(key);
  return it == buckets_.end() || it->second.empty() ? nullptr : &factors_[it->second.front()];
}

std::size_t FactorIndex::position(const Factor &factor) const {
  const Factor *const base = factors_.data();
  if (factors_.empty() || &factor < base || &factor >= base + factors_.size())
    throw std::invalid_argument("factor is not one of this index's");
  return static_cast<std::size_t>(&factor - base);
}

const nlohmann::ordered_json &FactorIndex::used_entry(const Factor &factor) const {
  return used_entries_[position(factor)];
}

const std::string &FactorIndex::used_entry_text(const Factor &factor) const {
  return used_entry_texts_[position(factor)];
}

const Factor *FactorIndex::by_id(int id) const {
  const auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &factors_[it->second];
}

const Factor *FactorIndex::linked(int id, int report_year) const {
  const Factor *factor = by_id(id);
  return factor != nullptr && factor->year == report_year ? factor : nullptr;
}

std::vector<const Factor *> FactorIndex::headcount(int data_entry_type_id, int year,
                                                   int root) const {
  return bucket(Key('H').num(data_entry_type_id).num(year).num(root).done());
}

std::vector<HaulBand> FactorIndex::haul_bands(int year) const {
  std::vector<HaulBand> out;
  const auto it = bands_.find(year);
  if (it != bands_.end())
    for (const auto &[category, band] : it->second)
      out.push_back(HaulBand{category, band.min, band.max});
  return out;
}

std::optional<std::string> FactorIndex::haul_band(int year, double one_trip_km) const {
  const auto it = bands_.find(year);
  if (it == bands_.end())
    return std::nullopt;
  // std::map iterates by byte order = code point order, Python's str order.
  for (const auto &[category, band] : it->second)
    if ((!band.min || *band.min <= one_trip_km) && (!band.max || one_trip_km < *band.max))
      return category;
  return std::nullopt;
}

std::vector<const Factor *> FactorIndex::plane(int year, std::string_view band,
                                               std::string_view cabin_class) const {
  return bucket(Key('P').num(year).str(band).str(cabin_class).done());
}

std::vector<const Factor *> FactorIndex::train(int year,
                                               const std::optional<std::string> &country) const {
  if (country) {
    auto exact = bucket(Key('T').num(year).str(*country).done());
    if (!exact.empty())
      return exact;
  }
  return bucket(Key('T').num(year).str(row_key).done());
}

std::vector<const Factor *>
FactorIndex::embodied_energy(int year, const std::optional<std::string> &building_name) const {
  auto exact =
      bucket(Key('B').num(year).str(building_name ? *building_name : default_building).done());
  if (!exact.empty())
    return exact;
  return bucket(Key('B').num(year).str(default_building).done());
}

template <class Json>
FactorIndex::LinkKeys FactorIndex::keys_of(int data_entry_type_id, const Json &data) {
  const KindFields fields = kind_fields(data_entry_type_id);
  LinkKeys keys;
  if (!fields.kind.empty() && data.is_object() && data.contains(fields.kind)) {
    keys.has_kind = true;
    keys.kind = json_text(data, fields.kind);
    if (!fields.subkind.empty())
      keys.subkind = json_text(data, fields.subkind);
    if (!fields.alternate.empty())
      keys.alternate = json_text(data, fields.alternate);
  }
  return keys;
}

FactorLink FactorIndex::link(int data_entry_type_id, const nlohmann::json &data, int year) const {
  return link_impl(data_entry_type_id, year, keys_of(data_entry_type_id, data));
}

FactorLink FactorIndex::link(int data_entry_type_id, const nlohmann::ordered_json &data,
                             int year) const {
  return link_impl(data_entry_type_id, year, keys_of(data_entry_type_id, data));
}

FactorLink FactorIndex::link_impl(int type, int year, const LinkKeys &keys) const {
  using O = FactorLink::Outcome;
  if (!keys.has_kind)
    return {};
  auto linked_to = [](const Factor *f) { return FactorLink{O::linked, f->id, {}}; };
  auto error = [](std::string reason) {
    return FactorLink{O::error, std::nullopt, std::move(reason)};
  };

  if (!kind_fields(type).alternate.empty()) {
    // Purchases: the additional code first, then the institutional code.
    if (empty_text(keys.kind))
      return error("empty purchase_institutional_code");
    if (!empty_text(keys.alternate)) {
      const auto by_alternate = bucket(Key('A').num(type).num(year).str(*keys.alternate).done());
      if (by_alternate.size() == 1)
        return linked_to(by_alternate.front());
      if (by_alternate.size() > 1) {
        std::vector<const Factor *> narrowed;
        for (const Factor *f : by_alternate)
          if (json_text(f->classification, "purchase_institutional_code") == keys.kind)
            narrowed.push_back(f);
        if (narrowed.size() == 1)
          return linked_to(narrowed.front());
        return error("ambiguous purchase factors for additional code " + *keys.alternate);
      }
    }
    const auto by_code = bucket(Key('I').num(type).num(year).str(*keys.kind).done());
    if (by_code.empty())
      return {O::no_match, std::nullopt, {}};
    if (by_code.size() == 1)
      return linked_to(by_code.front());
    std::vector<const Factor *> averages;
    for (const Factor *f : by_code)
      if (empty_text(json_text(f->classification, "purchase_additional_code")))
        averages.push_back(f);
    if (averages.size() == 1)
      return linked_to(averages.front());
    return error("ambiguous purchase factors for code " + *keys.kind);
  }

  if (!keys.kind)
    return {O::no_match, std::nullopt, {}};
  if (!empty_text(keys.subkind))
    if (const Factor *f =
            first(Key('K').num(type).num(year).str(*keys.kind).str(*keys.subkind).done()))
      return linked_to(f);
  if (const Factor *f =
          first(Key('K').num(type).num(year).str(*keys.kind).opt(std::nullopt).done()))
    return linked_to(f);
  return {O::no_match, std::nullopt, {}};
}

std::vector<const Factor *> FactorIndex::of_type(int data_entry_type_id, int year) const {
  return bucket(Key('E').num(data_entry_type_id).num(year).done());
}

std::vector<nlohmann::json> FactorIndex::classification_values(int data_entry_type_id,
                                                               int year) const {
  std::vector<nlohmann::json> out;
  std::unordered_set<std::string> seen;
  for (const Factor *f : of_type(data_entry_type_id, year))
    if (seen.insert(f->classification.dump()).second)
      out.push_back(f->classification);
  return out;
}

} // namespace seed
