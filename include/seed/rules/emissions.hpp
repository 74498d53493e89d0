// The emission rows the application itself writes for one data entry
// (emissions.md §1-§3): emission types chosen as the application chooses
// them, factors found by link (Strategy A) or classification query
// (Strategy B), kg by the application's formula, additional value, scope,
// primary factor, meta, and the rollup row of member/student/building
// entries. The oddities of §6 are replicated, not fixed: a seeded database
// must be one the application leaves unchanged when it recomputes it.
//
// Pure: the caller supplies the factors (FactorIndex) and the reference rows
// the formulas read (ReferenceData: airports and stations for distances,
// building rooms for surfaces, optional exchange rates). Where the
// application raises instead of writing rows, compute_emissions throws
// EmissionError; the application then keeps the entry's previous rows, which
// for a freshly seeded entry means none.
#pragma once

#include "seed/rules/factors.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace seed {

// --- Interface ---

struct EmissionRow {
  int emission_type_id;
  std::optional<int> primary_factor_id;
  double kg_co2eq;
  std::optional<double> additional_value;
  std::optional<int> scope;
  // JSON text of the meta object, as written (built as text: a run writes
  // millions of rows, each repeating its entry's payload).
  std::string meta;
  [[nodiscard]] nlohmann::ordered_json meta_json() const {
    return nlohmann::ordered_json::parse(meta);
  }
};

// The application raises for this entry (exchange rate missing, equipment
// hours above 168, out-of-range coordinates, a JSON-null multiplier, a value
// that is not a number).
class EmissionError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// Labels of the `transportmodeenum` column locations.transport_mode.
inline constexpr std::string_view transport_mode_plane = "plane";
inline constexpr std::string_view transport_mode_train = "train";

// A `locations` row as the travel pre-computation reads it.
struct Location {
  std::string natural_key;
  std::string transport_mode; // transport_mode_plane or transport_mode_train
  std::string name;
  std::optional<std::string> country_code;
  std::optional<std::string> iata_code;
  double latitude = 0;
  double longitude = 0;
  // Not read by the formulas; carried so a seeder can write full rows.
  std::optional<std::string> municipality = std::nullopt;
  std::optional<std::string> continent = std::nullopt; // "EU", "NA", ...
};

// A `building_rooms` row.
struct Room {
  std::string building_location;
  std::string building_name;
  std::string room_name;
  std::optional<std::string> room_type; // one of dto::room_types, or NULL
  std::optional<double> surface_square_meter;
};

// Reference rows the formulas need. Add rows in id order: where the
// application takes "the first row found", the first added wins.
class ReferenceData {
public:
  void add_location(Location location);
  // building_rooms: the surface is looked up by room name alone (§6 item 9).
  void add_room(Room room);
  // ECB reference rate for a year: currency units per EUR (e.g. chf 0.95).
  // Currency is matched lower-cased. Without a rate a non-EUR amount raises.
  void set_exchange_rate(std::string currency, int year, double units_per_eur);

  // Plane location with that IATA code (exact), first added.
  [[nodiscard]] const Location *airport(std::string_view iata_code) const;
  // Location with that natural key (unique in the table).
  [[nodiscard]] const Location *by_natural_key(std::string_view natural_key) const;
  // Train station by name + country (exact), first added: for builders that
  // need a natural key; the compute step itself only uses natural keys.
  [[nodiscard]] const Location *station(std::string_view name, std::string_view country_code) const;
  // Surface of the first room added with that name; nullopt when there is
  // no such room or its surface is NULL.
  [[nodiscard]] std::optional<double> room_surface(std::string_view room_name) const;
  [[nodiscard]] std::optional<double> exchange_rate(std::string_view currency, int year) const;

  // For payload builders, in order of addition. Plane locations with a
  // non-empty IATA code, the first per code:
  [[nodiscard]] const std::vector<Location> &airports() const { return airports_; }
  // Train locations:
  [[nodiscard]] const std::vector<Location> &stations() const { return stations_; }
  // Every room added (duplicate names included):
  [[nodiscard]] const std::vector<Room> &rooms() const { return rooms_; }
  // Whether any location / any room was added.
  [[nodiscard]] bool has_locations() const { return !locations_.empty(); }
  [[nodiscard]] bool has_rooms() const { return !rooms_.empty(); }

private:
  std::vector<Location> locations_;
  std::vector<Location> airports_, stations_;
  std::unordered_map<std::string, std::size_t> by_iata_, by_key_, by_station_;
  std::vector<Room> rooms_;
  std::unordered_map<std::string, std::optional<double>> surfaces_;
  std::map<std::pair<std::string, int>, double> rates_;
};

// Great-circle distance as the `haversine` package 2.9.0 computes it (mean
// Earth radius 6371.0088 km). Throws EmissionError for latitude outside
// [-90, 90] or longitude outside [-180, 180].
[[nodiscard]] double haversine_km(double lat1, double lon1, double lat2, double lon2);
// Python's round(): nearest integer, ties to even.
[[nodiscard]] long long python_round(double x);
// Plane one-trip distance: round(haversine) + 95 km.
[[nodiscard]] long long plane_distance_km(const Location &origin, const Location &destination);
// Train one-trip distance: round(round(haversine) * 1.2) km.
[[nodiscard]] long long train_distance_km(const Location &origin, const Location &destination);
// Factor country of a train trip: CH if both ends are in CH, else the
// destination's country if set and not CH, else the origin's, else RoW.
[[nodiscard]] std::string train_country_code(const Location &origin, const Location &destination);

// Emission types the application writes for this entry type and payload
// (§1.1), before factors are looked up; empty = no rows at all.
[[nodiscard]] std::vector<int> resolve_emission_types(int data_entry_type_id,
                                                      const nlohmann::json &data);

// Whether compute_emissions writes each row's meta text (a writer) or leaves
// it empty (a reader that compares the values only: the meta repeats the
// payload and is most of the work).
enum class Meta { text, none };

// The rows the application writes for one entry, in its order: leaf rows per
// emission type and factor, then the rollup row (member/student 40000,
// building 60100) when there are at least two leaf rows. `data` is the
// persisted payload; the ordered overload keeps its key order in meta.
[[nodiscard]] std::vector<EmissionRow>
compute_emissions(int data_entry_type_id, const nlohmann::json &data, int report_year,
                  const FactorIndex &factors, const ReferenceData &reference,
                  Meta meta = Meta::text);
[[nodiscard]] std::vector<EmissionRow>
compute_emissions(int data_entry_type_id, const nlohmann::ordered_json &data, int report_year,
                  const FactorIndex &factors, const ReferenceData &reference,
                  Meta meta = Meta::text);

} // namespace seed
