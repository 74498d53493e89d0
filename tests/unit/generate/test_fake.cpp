// Tests of the fake-data provider (src/generate/fake.cpp).
#include "seed/generate/fake.hpp"
#include "seed/generate/rng.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

// Test-only view of the word lists, defined in src/generate/fake.cpp.
namespace seed::fake::detail {
std::vector<std::string_view> list_for_tests(std::string_view which);
} // namespace seed::fake::detail

namespace {

using seed::Rng;
namespace fake = seed::fake;

std::vector<std::string> split_words(const std::string &s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ' ') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  out.push_back(cur);
  return out;
}

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// A sequence of `n` values of one generator, as strings.
template <class F> std::vector<std::string> draws(std::uint64_t seed, int n, F f) {
  Rng rng(seed);
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i)
    out.push_back(f(rng));
  return out;
}

template <class F> void check_deterministic(F f) {
  CHECK(draws(42, 50, f) == draws(42, 50, f));
  CHECK(draws(42, 50, f) != draws(43, 50, f));
  const auto keyed = [&f](std::uint64_t index) {
    Rng rng = Rng::keyed(7, seed::Stream::users, index);
    std::vector<std::string> out;
    for (int i = 0; i < 20; ++i)
      out.push_back(f(rng));
    return out;
  };
  CHECK(keyed(1) == keyed(1));
  CHECK(keyed(1) != keyed(2));
}

const fake::Airport *find_airport(std::string_view iata) {
  for (const auto &a : fake::airports())
    if (a.iata == iata)
      return &a;
  return nullptr;
}

const fake::Station *find_station(std::string_view name) {
  for (const auto &s : fake::stations())
    if (s.name == name)
      return &s;
  return nullptr;
}

bool two_upper(std::string_view s) {
  return s.size() == 2 && is_upper(s[0]) && is_upper(s[1]);
}

} // namespace

TEST_CASE("fake: same seed gives the same sequence, another seed another", "[fake]") {
  SECTION("word") {
    check_deterministic([](Rng &r) { return std::string(fake::word(r)); });
  }
  SECTION("sentence") {
    check_deterministic([](Rng &r) { return fake::sentence(r, 6); });
  }
  SECTION("person") {
    check_deterministic([](Rng &r) {
      const auto p = fake::person(r);
      return p.first_name + "|" + p.last_name + "|" + p.display_name;
    });
  }
  SECTION("last_name") {
    check_deterministic([](Rng &r) { return std::string(fake::last_name(r)); });
  }
  SECTION("company") {
    check_deterministic([](Rng &r) { return fake::company(r); });
  }
  SECTION("city") {
    check_deterministic([](Rng &r) { return std::string(fake::city(r)); });
  }
  SECTION("job") {
    check_deterministic([](Rng &r) { return std::string(fake::job(r)); });
  }
  SECTION("email") {
    check_deterministic([](Rng &r) { return fake::email("Anna", "Keller", "USR000001", r); });
  }
}

TEST_CASE("fake: sentence word count follows n * [60, 140] / 100", "[fake]") {
  struct Case {
    int n;
    std::size_t lo;
    std::size_t hi;
  };
  for (const Case c : {Case{3, 1, 4}, Case{6, 3, 8}, Case{10, 6, 14}}) {
    CAPTURE(c.n);
    Rng rng(2024);
    std::set<std::size_t> seen;
    for (int i = 0; i < 5000; ++i) {
      const std::string s = fake::sentence(rng, c.n);
      REQUIRE(s.size() >= 2);
      CHECK(is_upper(s.front()));
      CHECK(s.back() == '.');
      CHECK(s.find("  ") == std::string::npos);
      const auto words = split_words(s.substr(0, s.size() - 1));
      CHECK(words.size() >= c.lo);
      CHECK(words.size() <= c.hi);
      for (std::size_t w = 0; w < words.size(); ++w) {
        REQUIRE_FALSE(words[w].empty());
        for (std::size_t k = 0; k < words[w].size(); ++k) {
          if (w == 0 && k == 0)
            continue;
          CHECK(is_lower(words[w][k]));
        }
      }
      seen.insert(words.size());
    }
    CHECK(*seen.begin() == c.lo);
    CHECK(*seen.rbegin() == c.hi);
  }
  SECTION("at least one word even for n <= 0") {
    Rng rng(1);
    CHECK(split_words(fake::sentence(rng, 0)).size() == 1);
    CHECK(split_words(fake::sentence(rng, 1)).size() == 1);
  }
}

TEST_CASE("fake: word lists are large enough and have no duplicates", "[fake]") {
  struct Case {
    const char *name;
    std::size_t min;
  };
  for (const Case c :
       {Case{"words", 150}, Case{"first_names", 100}, Case{"last_names", 150}, Case{"cities", 60},
        Case{"jobs", 50}, Case{"adjectives", 30}, Case{"nouns", 30}}) {
    CAPTURE(c.name);
    const auto list = fake::detail::list_for_tests(c.name);
    CHECK(list.size() >= c.min);
    const std::set<std::string_view> unique(list.begin(), list.end());
    CHECK(unique.size() == list.size());
  }
  SECTION("words are lower-case ASCII") {
    for (auto w : fake::detail::list_for_tests("words")) {
      CAPTURE(w);
      CHECK_FALSE(w.empty());
      CHECK(std::all_of(w.begin(), w.end(), is_lower));
    }
  }
  SECTION("names are ASCII letters, '-' or '\\''") {
    for (const char *which : {"first_names", "last_names"}) {
      for (auto n : fake::detail::list_for_tests(which)) {
        CAPTURE(n);
        CHECK(is_upper(n.front()));
        CHECK(std::all_of(n.begin(), n.end(), [](char ch) {
          return is_upper(ch) || is_lower(ch) || ch == '-' || ch == '\'';
        }));
      }
    }
  }
  SECTION("the generators draw from the whole lists") {
    Rng rng(99);
    std::set<std::string_view> words, cities, jobs, last_names;
    for (int i = 0; i < 20000; ++i) {
      words.insert(fake::word(rng));
      cities.insert(fake::city(rng));
      jobs.insert(fake::job(rng));
      last_names.insert(fake::last_name(rng));
    }
    CHECK(words.size() == fake::detail::list_for_tests("words").size());
    CHECK(cities.size() == fake::detail::list_for_tests("cities").size());
    CHECK(jobs.size() == fake::detail::list_for_tests("jobs").size());
    CHECK(last_names.size() == fake::detail::list_for_tests("last_names").size());
  }
}

TEST_CASE("fake: person names and decorations", "[fake]") {
  Rng rng(314159);
  const auto last = fake::detail::list_for_tests("last_names");
  const auto first = fake::detail::list_for_tests("first_names");
  int prefixed = 0;
  int suffixed = 0;
  const int n = 10000;
  for (int i = 0; i < n; ++i) {
    const auto p = fake::person(rng);
    CAPTURE(p.display_name);
    CHECK(std::find(first.begin(), first.end(), p.first_name) != first.end());
    CHECK(std::find(last.begin(), last.end(), p.last_name) != last.end());
    const std::string core = p.first_name + " " + p.last_name;
    REQUIRE(p.display_name.find(core) != std::string::npos);
    const bool has_prefix =
        p.display_name.rfind("Dr. ", 0) == 0 || p.display_name.rfind("Prof. ", 0) == 0;
    const bool has_suffix =
        p.display_name.size() > core.size() && p.display_name.compare(0, core.size(), core) == 0;
    CHECK_FALSE((has_prefix && has_suffix));
    if (has_prefix) {
      ++prefixed;
      CHECK(p.display_name.size() > core.size());
    } else if (has_suffix) {
      ++suffixed;
      const std::string tail = p.display_name.substr(core.size());
      CHECK((tail == " Jr." || tail == " PhD"));
    } else {
      CHECK(p.display_name == core);
    }
  }
  // ~5% prefix, ~3% suffix.
  CHECK(prefixed > 350);
  CHECK(prefixed < 650);
  CHECK(suffixed > 180);
  CHECK(suffixed < 420);
}

TEST_CASE("fake: company names", "[fake]") {
  Rng rng(5);
  std::set<std::string> distinct;
  bool amp = false, comma_and = false, corporate = false;
  for (int i = 0; i < 2000; ++i) {
    const std::string c = fake::company(rng);
    CAPTURE(c);
    CHECK_FALSE(c.empty());
    CHECK(c.find("  ") == std::string::npos);
    CHECK(c.front() != ' ');
    CHECK(c.back() != ' ');
    amp = amp || c.find(" & ") != std::string::npos;
    comma_and =
        comma_and || (c.find(", ") != std::string::npos && c.find(" and ") != std::string::npos);
    for (const char *suffix : {" SA", " AG", " GmbH", " Ltd", " Inc.", " LLC", " S.p.A.", " B.V."})
      if (c.size() > std::string_view(suffix).size() &&
          c.compare(c.size() - std::string_view(suffix).size(), std::string::npos, suffix) == 0)
        corporate = true;
    distinct.insert(c);
  }
  CHECK(amp);
  CHECK(comma_and);
  CHECK(corporate);
  CHECK(distinct.size() > 1500);
}

TEST_CASE("fake: e-mail addresses", "[fake]") {
  SECTION("shape") {
    Rng rng(11);
    const char *names[][2] = {{"Jean-Luc", "O'Brien"}, {"Anna", "Meier-Favre"},
                              {"Min-jun", "D'Amico"},  {"", "Keller"},
                              {"Zoe", "---"},          {"Dr. Mary Ann", "Van Dyke"}};
    for (const auto &nm : names) {
      const std::string e = fake::email(nm[0], nm[1], "USR000042", rng);
      CAPTURE(e);
      REQUIRE(std::count(e.begin(), e.end(), '@') == 1);
      const auto at = e.find('@');
      const std::string local = e.substr(0, at);
      const std::string domain = e.substr(at + 1);
      CHECK(std::all_of(local.begin(), local.end(),
                        [](char c) { return is_lower(c) || is_digit(c) || c == '.'; }));
      CHECK(std::count(local.begin(), local.end(), '.') == 2);
      CHECK(local.find("..") == std::string::npos);
      CHECK(local.front() != '.');
      CHECK(local.size() >= std::string(".usr000042").size() + 2);
      CHECK(local.substr(local.size() - 10) == ".usr000042");
      CHECK_FALSE(domain.empty());
      CHECK(std::all_of(e.begin(), e.end(), [](char c) { return !is_upper(c); }));
      CHECK(domain.find("example") != std::string::npos);
    }
    CHECK(fake::email("Jean-Luc", "O'Brien", "A1", rng).rfind("jeanluc.obrien.a1@", 0) == 0);
    CHECK(fake::email("", "---", "7", rng).rfind("x.x.7@", 0) == 0);
  }
  SECTION("unique whenever the tag is, even with colliding names") {
    Rng rng(77);
    std::set<std::string> seen;
    const int n = 100000;
    for (int i = 0; i < n; ++i) {
      // Only three distinct name pairs: the tag is the sole source of uniqueness.
      const char *first = (i % 3 == 0) ? "Anna" : (i % 3 == 1) ? "Jean-Luc" : "Wei";
      const char *last = (i % 3 == 0) ? "Keller" : (i % 3 == 1) ? "O'Brien" : "Wang";
      seen.insert(fake::email(first, last, "USR" + std::to_string(i), rng));
    }
    CHECK(seen.size() == static_cast<std::size_t>(n));
  }
}

TEST_CASE("fake: airports are real and well-formed", "[fake]") {
  const auto &all = fake::airports();
  CHECK(all.size() >= 80);
  std::set<std::string_view> codes;
  for (const auto &a : all) {
    CAPTURE(a.iata);
    CHECK(a.iata.size() == 3);
    CHECK(std::all_of(a.iata.begin(), a.iata.end(), is_upper));
    codes.insert(a.iata);
    CHECK(two_upper(a.country_code));
    const std::set<std::string_view> continents{"EU", "NA", "SA", "AS", "AF", "OC"};
    CHECK(continents.count(a.continent) == 1);
    CHECK_FALSE(a.name.empty());
    CHECK_FALSE(a.municipality.empty());
    CHECK(a.latitude >= -90.0);
    CHECK(a.latitude <= 90.0);
    CHECK(a.longitude >= -180.0);
    CHECK(a.longitude <= 180.0);
  }
  CHECK(codes.size() == all.size());

  struct Known {
    const char *iata;
    const char *country;
    double lat;
    double lon;
  };
  for (const Known k : {Known{"GVA", "CH", 46.24, 6.11}, Known{"ZRH", "CH", 47.46, 8.55},
                        Known{"JFK", "US", 40.64, -73.78}, Known{"LHR", "GB", 51.47, -0.45},
                        Known{"SYD", "AU", -33.95, 151.18}, Known{"GRU", "BR", -23.43, -46.47},
                        Known{"SIN", "SG", 1.36, 103.99}}) {
    CAPTURE(k.iata);
    const auto *a = find_airport(k.iata);
    REQUIRE(a != nullptr);
    CHECK(a->country_code == k.country);
    CHECK(std::abs(a->latitude - k.lat) < 0.1);
    CHECK(std::abs(a->longitude - k.lon) < 0.1);
  }
  std::size_t europe = 0;
  for (const auto &a : all)
    europe += a.continent == "EU";
  CHECK(europe * 2 > all.size());
}

TEST_CASE("fake: stations are real and well-formed", "[fake]") {
  const auto &all = fake::stations();
  CHECK(all.size() >= 60);
  std::set<std::string_view> names;
  std::size_t swiss = 0;
  for (const auto &s : all) {
    CAPTURE(s.name);
    CHECK_FALSE(s.name.empty());
    names.insert(s.name);
    CHECK(two_upper(s.country_code));
    swiss += s.country_code == "CH";
    // Every station is in Europe.
    CHECK(s.latitude > 35.0);
    CHECK(s.latitude < 60.0);
    CHECK(s.longitude > -10.0);
    CHECK(s.longitude < 25.0);
  }
  CHECK(names.size() == all.size());
  CHECK(swiss >= 20);

  struct Known {
    const char *name;
    const char *country;
    double lat;
    double lon;
  };
  for (const Known k :
       {Known{"Lausanne", "CH", 46.517, 6.629}, Known{"Zürich HB", "CH", 47.378, 8.540},
        Known{"Genève", "CH", 46.210, 6.142}, Known{"Bern", "CH", 46.949, 7.439},
        Known{"Basel SBB", "CH", 47.547, 7.590}, Known{"Milano Centrale", "IT", 45.486, 9.205},
        Known{"Paris Gare de Lyon", "FR", 48.844, 2.374},
        Known{"München Hbf", "DE", 48.140, 11.560}}) {
    CAPTURE(k.name);
    const auto *s = find_station(k.name);
    REQUIRE(s != nullptr);
    CHECK(s->country_code == k.country);
    CHECK(std::abs(s->latitude - k.lat) < 0.01);
    CHECK(std::abs(s->longitude - k.lon) < 0.01);
  }
}
