// Tests of the check's findings (include/seed/check/findings.hpp).
#include "seed/check/findings.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

using namespace seed::check;

TEST_CASE("findings: parse_rules reads ids, refuses unknown ones and empty lists", "[check]") {
  CHECK(parse_rules("payload") == std::vector<Rule>{Rule::payload});
  CHECK(parse_rules("stats,member-unique,stats") ==
        std::vector<Rule>{Rule::stats, Rule::member_unique});
  CHECK_THROWS_WITH(parse_rules("payload,nope"),
                    "unknown rule 'nope' (rules: payload, member-unique, scope, roles, emissions, "
                    "stats, audit)");
  CHECK_THROWS_AS(parse_rules(""), std::invalid_argument);
  CHECK_THROWS_AS(parse_rules("payload,"), std::invalid_argument);
  for (const auto &rule : rules()) {
    CHECK(info(rule.rule).id == rule.id);
    CHECK_FALSE(rule.description.empty());
  }
}

TEST_CASE("findings: counts, the example limit, clean", "[check]") {
  Findings findings({Rule::payload, Rule::audit}, 2);
  CHECK(findings.enabled(Rule::payload));
  CHECK_FALSE(findings.enabled(Rule::stats));
  findings.checked(Rule::payload, 10);
  CHECK(findings.clean());
  findings.fail(Rule::payload, 7, "fte=\"x\"", "not a number");
  findings.fail(Rule::payload, 8, "fte=2", "must be <= 1");
  findings.fail(Rule::payload, 9, "fte=3", "must be <= 1");
  CHECK_FALSE(findings.clean());
  CHECK(findings.checked_count(Rule::payload) == 10);
  CHECK(findings.failing_count(Rule::payload) == 3);
  REQUIRE(findings.examples(Rule::payload).size() == 2);
  CHECK(findings.examples(Rule::payload)[1].id == 8);

  const auto text = findings.text();
  CHECK(text.find("payload        data_entries") != std::string::npos);
  CHECK(text.find("30.000%") != std::string::npos);
  CHECK(text.find("payload data_entries 7: fte=\"x\": not a number\n") != std::string::npos);
  CHECK(text.find("stats") == std::string::npos); // not enabled, not shown

  const auto json = findings.json();
  CHECK(json["clean"] == false);
  REQUIRE(json["rules"].size() == 2);
  CHECK(json["rules"][0]["rule"] == "payload");
  CHECK(json["rules"][0]["failing"] == 3);
  CHECK(json["rules"][0]["share"] == Approx(0.3));
  CHECK(json["rules"][0]["examples"][0]["id"] == 7);
  CHECK(json["rules"][1]["rule"] == "audit");
  CHECK(json["rules"][1]["share"] == 0.0); // nothing checked: no division by zero
}

TEST_CASE("findings: failures of a disabled rule do not make a database unclean", "[check]") {
  Findings findings({Rule::payload}, 10);
  findings.fail(Rule::stats, 1, "x", "y");
  CHECK(findings.clean());
}

TEST_CASE("findings: shorten cuts long values on a UTF-8 boundary", "[check]") {
  CHECK(shorten("abc", 3) == "abc");
  CHECK(shorten("abcd", 3) == "abc…");
  CHECK(shorten("ab\xc3\xab", 3) == "ab…"); // ë is two bytes: not cut in half
}

TEST_CASE("findings: merge adds counts and keeps the first examples", "[check]") {
  Findings all({Rule::payload, Rule::stats}, 2);
  all.fail(Rule::payload, 1, "a", "x");
  Findings batch({Rule::payload, Rule::stats}, 2);
  batch.checked(Rule::payload, 5);
  batch.fail(Rule::payload, 2, "b", "y");
  batch.fail(Rule::payload, 3, "c", "z");
  batch.add_seconds(Rule::stats, 1.5);
  all.merge(batch);
  CHECK(all.checked_count(Rule::payload) == 5);
  CHECK(all.failing_count(Rule::payload) == 3);
  REQUIRE(all.examples(Rule::payload).size() == 2);
  CHECK(all.examples(Rule::payload)[1].id == 2);
  CHECK(all.seconds(Rule::stats) == 1.5);
}
