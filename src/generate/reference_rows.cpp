#include "seed/generate/reference_rows.hpp"

#include "seed/generate/fake.hpp"

#include <fmt/core.h>

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <set>

namespace seed {
namespace {

// Python's str.isspace() for ASCII (what str.strip() and str.split() use).
bool is_python_space(unsigned char c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

char ascii_upper(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

// " ".join(name.split()) with ASCII lower-casing.
std::string normalised_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool pending_space = false;
  for (const char c : name) {
    if (is_python_space(static_cast<unsigned char>(c))) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space)
      out += ' ';
    pending_space = false;
    out += ascii_lower(c);
  }
  return out;
}

// FNV-1a 64: a hash that is the same on every platform and run.
std::uint64_t fnv1a(std::string_view text, std::uint64_t h = 14695981039346656037ULL) {
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

// splitmix64 finaliser: spreads the FNV bits before taking a fraction.
std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// --- Rooms ---

struct SurfaceRange {
  std::string_view type;
  double min, max; // m2
};
constexpr std::array<SurfaceRange, 6> surface_ranges{{{"office", 12, 30},
                                                      {"laboratories", 30, 120},
                                                      {"archives", 10, 60},
                                                      {"libraries", 80, 400},
                                                      {"auditoriums", 100, 500},
                                                      {"miscellaneous", 5, 40}}};

constexpr int floors = 4;
constexpr int rooms_per_floor = 6;

// Room type index (into surface_ranges) per floor and position: auditoriums
// and a library on the ground floor, laboratories on 1-2, archives on top.
constexpr std::array<std::array<int, rooms_per_floor>, floors> layout{{
    {4, 4, 3, 0, 5, 5}, // 0: 2 auditoriums, library, office, 2 misc
    {1, 1, 1, 0, 0, 3}, // 1: 3 laboratories, 2 offices, library
    {1, 1, 0, 0, 0, 5}, // 2: 2 laboratories, 3 offices, misc
    {0, 0, 0, 2, 2, 5}, // 3: 3 offices, 2 archives, misc
}};

constexpr std::array<std::string_view, 10> campus_cities{
    "Lausanne", "Geneva",    "Zurich", "Bern", "Basel",
    "Fribourg", "Neuchatel", "Lugano", "Sion", "Ecublens"};

// Initials of up to four words: the first character (a whole UTF-8 sequence
// when not ASCII) of each word that has a letter, digit or non-ASCII byte,
// ASCII upper-cased; "B" when there is none.
std::string initials(std::string_view name) {
  std::string out;
  int words = 0;
  std::size_t i = 0;
  while (i < name.size() && words < 4) {
    while (i < name.size() && is_python_space(static_cast<unsigned char>(name[i])))
      ++i;
    const std::size_t begin = i;
    while (i < name.size() && !is_python_space(static_cast<unsigned char>(name[i])))
      ++i;
    for (std::size_t j = begin; j < i; ++j) {
      const auto c = static_cast<unsigned char>(name[j]);
      if (c < 0x80 && !std::isalnum(c))
        continue;
      out += ascii_upper(name[j]);
      // Continuation bytes of a multi-byte character.
      for (std::size_t k = j + 1;
           c >= 0x80 && k < i && (static_cast<unsigned char>(name[k]) & 0xC0) == 0x80; ++k)
        out += name[k];
      ++words;
      break;
    }
  }
  return out.empty() ? std::string("B") : out;
}

double surface(std::string_view building, int room_index, const SurfaceRange &range) {
  const std::uint64_t h = mix(fnv1a(std::to_string(room_index), fnv1a(building) ^ 0x1f));
  const double fraction = static_cast<double>(h >> 11) * 0x1.0p-53; // [0, 1)
  return std::round((range.min + fraction * (range.max - range.min)) * 10) / 10;
}

} // namespace

// --- Python float repr ---

std::string python_float_repr(double value) {
  if (std::isnan(value))
    return "nan";
  if (std::isinf(value))
    return value < 0 ? "-inf" : "inf";

  // Shortest round-trip digits, as d.ddde[+-]xx.
  std::array<char, 64> buf{};
  const auto res =
      std::to_chars(buf.data(), buf.data() + buf.size(), value, std::chars_format::scientific);
  const std::string_view sci(buf.data(), static_cast<std::size_t>(res.ptr - buf.data()));
  const std::size_t e_pos = sci.find('e');
  std::string_view mantissa = sci.substr(0, e_pos);
  const int exponent = std::atoi(std::string(sci.substr(e_pos + 1)).c_str());

  std::string out;
  if (!mantissa.empty() && mantissa.front() == '-') {
    out += '-';
    mantissa.remove_prefix(1);
  }
  std::string digits;
  for (const char c : mantissa)
    if (c != '.')
      digits += c;

  if (exponent < -4 || exponent >= 16) {
    out += digits.front();
    if (digits.size() > 1) {
      out += '.';
      out.append(digits, 1);
    }
    out += exponent < 0 ? "e-" : "e+";
    const int magnitude = std::abs(exponent);
    if (magnitude < 10)
      out += '0';
    out += std::to_string(magnitude);
    return out;
  }
  if (exponent < 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-exponent - 1), '0');
    out += digits;
    return out;
  }
  const auto int_digits = static_cast<std::size_t>(exponent) + 1;
  if (digits.size() <= int_digits) {
    out += digits;
    out.append(int_digits - digits.size(), '0');
    out += ".0";
  } else {
    out.append(digits, 0, int_digits);
    out += '.';
    out.append(digits, int_digits);
  }
  return out;
}

// --- Natural keys ---

std::string location_natural_key(std::string_view transport_mode, std::string_view name,
                                 const std::optional<std::string> &country_code,
                                 const std::optional<std::string> &iata_code, double latitude,
                                 double longitude) {
  if (transport_mode == transport_mode_plane && iata_code && !iata_code->empty())
    return "plane:" + *iata_code;
  std::string key(transport_mode);
  key += ':';
  if (country_code)
    for (const char c : *country_code)
      key += ascii_lower(c);
  key += ':';
  key += normalised_name(name);
  key += ':';
  key += python_float_repr(latitude);
  key += ':';
  key += python_float_repr(longitude);
  return key;
}

std::string location_natural_key(const Location &location) {
  return location_natural_key(location.transport_mode, location.name, location.country_code,
                              location.iata_code, location.latitude, location.longitude);
}

// --- Built-in rows ---

std::vector<Location> builtin_locations() {
  std::vector<Location> out;
  out.reserve(fake::airports().size() + fake::stations().size());
  for (const auto &a : fake::airports()) {
    Location l;
    l.transport_mode = transport_mode_plane;
    l.name = std::string(a.name);
    l.country_code = std::string(a.country_code);
    l.iata_code = std::string(a.iata);
    l.latitude = a.latitude;
    l.longitude = a.longitude;
    l.municipality = std::string(a.municipality);
    l.continent = std::string(a.continent);
    l.natural_key = location_natural_key(l);
    out.push_back(std::move(l));
  }
  for (const auto &s : fake::stations()) {
    Location l;
    l.transport_mode = transport_mode_train;
    l.name = std::string(s.name);
    l.country_code = std::string(s.country_code);
    l.latitude = s.latitude;
    l.longitude = s.longitude;
    l.natural_key = location_natural_key(l);
    out.push_back(std::move(l));
  }
  return out;
}

std::vector<Room> builtin_rooms(const std::vector<std::string> &building_names) {
  std::vector<Room> out;
  std::set<std::string> seen_buildings, used_prefixes;
  for (const std::string &building : building_names) {
    if (!seen_buildings.insert(building).second)
      continue;
    const std::string base = initials(building);
    std::string prefix = base;
    for (int n = 2; !used_prefixes.insert(prefix).second; ++n)
      prefix = base + std::to_string(n);
    const std::string location(campus_cities[fnv1a(building) % campus_cities.size()]);

    for (int floor = 0; floor < floors; ++floor)
      for (int slot = 0; slot < rooms_per_floor; ++slot) {
        const SurfaceRange &range = surface_ranges[layout[floor][slot]];
        const int index = floor * rooms_per_floor + slot;
        out.push_back(Room{location, building, fmt::format("{} {}.{:02d}", prefix, floor, slot + 1),
                           std::string(range.type), surface(building, index, range)});
      }
  }
  return out;
}

} // namespace seed
