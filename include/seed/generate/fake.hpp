// Fake-data provider: person names, companies, cities, job titles, words,
// sentences, real airports and real railway stations.
//
// Word lists are our own, written for this project (src/generate/fake.cpp). Every
// function draws from the Rng it is given and from nothing else, so values
// are reproducible from the seed.
#pragma once

#include "seed/generate/rng.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace seed::fake {

// --- Interface ---

// One lower-case word (lorem-like vocabulary, ASCII a-z only).
[[nodiscard]] std::string_view word(Rng &rng);

// Faker's sentence(n): n' = floor(n * k / 100) words with k in [60, 140],
// at least 1; first word capitalised; single spaces; ends with ".".
[[nodiscard]] std::string sentence(Rng &rng, int nb_words);

struct Person {
  std::string first_name;   // ASCII letters, may contain '-' or '\''
  std::string last_name;    // idem
  std::string display_name; // "First Last", sometimes with a prefix ("Dr.") or suffix ("Jr.")
};
[[nodiscard]] Person person(Rng &rng);
[[nodiscard]] std::string_view last_name(Rng &rng);

// Company / organisation name, e.g. "Keller, Brunner and Favre" or "Alpine Photonics SA".
[[nodiscard]] std::string company(Rng &rng);

// A city name.
[[nodiscard]] std::string_view city(Rng &rng);

// A job title, e.g. "Laboratory technician".
[[nodiscard]] std::string_view job(Rng &rng);

// An e-mail address that is unique whenever `unique_tag` is: lower-case
// ASCII "first.last.<tag>@<domain>", with non-letters removed from names.
[[nodiscard]] std::string email(std::string_view first_name, std::string_view last_name,
                                std::string_view unique_tag, Rng &rng);

// A real airport with a real IATA code.
struct Airport {
  std::string_view iata;         // "GVA"
  std::string_view name;         // "Geneva Airport"
  std::string_view municipality; // "Geneva"
  std::string_view country_code; // ISO 3166-1 alpha-2, "CH"
  std::string_view continent;    // "EU", "NA", "AS", "AF", "SA", "OC"
  double latitude;
  double longitude;
};
[[nodiscard]] const std::vector<Airport> &airports();

// A real railway station.
struct Station {
  std::string_view name;         // "Lausanne"
  std::string_view country_code; // ISO 3166-1 alpha-2 of the station's country, "CH"
  double latitude;
  double longitude;
};
[[nodiscard]] const std::vector<Station> &stations();

} // namespace seed::fake
