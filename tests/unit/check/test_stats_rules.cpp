// Tests of the stats rule (include/seed/check/stats_rules.hpp).
#include "seed/check/stats_rules.hpp"

#include "seed/model/catalog.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace seed;
using namespace seed::check;
using nlohmann::json;

namespace {

constexpr int cloud_module = 7;

// A module of type 7 with one entry and one row of the walk's first leaf.
aggregates::ModuleTally one_entry_tally(double kg) {
  aggregates::ModuleTally tally(cloud_module);
  tally.add_entry();
  for (const auto &node : aggregates::walk(cloud_module).nodes)
    if (node.leaf) {
      tally.add_row(node.emission_type_id, kg, std::nullopt);
      break;
    }
  return tally;
}

std::string module_text(const aggregates::ModuleStats &stats) {
  std::string text;
  aggregates::write_module_stats(stats, "2026-12-05T14:14:17.569273+00:00", text);
  return text;
}

} // namespace

TEST_CASE("stats rules: json_difference compares numbers to 1e-9 and skips computed_at",
          "[check]") {
  CHECK_FALSE(json_difference(json::parse(R"({"a": 1.0, "computed_at": "x"})"),
                              json::parse(R"({"a": 1.0000000000001, "computed_at": "y"})")));
  CHECK(json_difference(json::parse(R"({"a": {"b": 1}})"), json::parse(R"({"a": {"b": 2}})")) ==
        "a.b: stored 1, expected 2");
  CHECK(json_difference(json::parse(R"({})"), json::parse(R"({"a": 1})")) ==
        "a: missing, expected 1");
  CHECK(json_difference(json::parse(R"({"a": 1, "z": 0})"), json::parse(R"({"a": 1})")) ==
        "z: stored 0, not expected");
  CHECK(json_difference(json::parse(R"("x")"), json::parse("1")) ==
        "stats: stored \"x\", expected 1");
  CHECK_FALSE(json_difference(json::parse("null"), json::parse("null")));
}

TEST_CASE("stats rules: a module's stats against its rows", "[check]") {
  const auto tally = one_entry_tally(12.5);
  const auto text = module_text(tally.finish());
  Findings findings({Rule::stats}, 10);
  const auto stats =
      judge_module({11, 1, cloud_module, catalog::in_progress, text}, tally, findings);
  CHECK(findings.clean());
  REQUIRE(stats);
  CHECK(stats->total == 12.5);

  // Edited stats, NULL stats, stats that are not JSON, NOT_STARTED with entries.
  auto edited = json::parse(text);
  edited["total"] = 13.5;
  judge_module({12, 1, cloud_module, catalog::in_progress, edited.dump()}, tally, findings);
  judge_module({13, 1, cloud_module, catalog::validated, std::nullopt}, tally, findings);
  judge_module({14, 1, cloud_module, catalog::validated, "{"}, tally, findings);
  judge_module({15, 1, cloud_module, catalog::not_started, text}, tally, findings);
  REQUIRE(findings.failing_count(Rule::stats) == 4);
  const auto &examples = findings.examples(Rule::stats);
  CHECK(examples[0].id == 12);
  CHECK(examples[0].reason == "carbon_report_modules: total: stored 13.5, expected 12.5");
  CHECK(examples[1].reason == "carbon_report_modules: stats of a module with 1 entries");
  CHECK(examples[2].reason == "carbon_report_modules: stats is not JSON");
  CHECK(examples[3].value == "status=0");
  CHECK(findings.checked_count(Rule::stats) == 5);
}

TEST_CASE("stats rules: the writer's own text, or the same values written otherwise", "[check]") {
  const auto tally = one_entry_tally(12.5);
  const auto text = module_text(tally.finish()); // with a computed_at
  Findings findings({Rule::stats}, 10);
  judge_module({31, 1, cloud_module, catalog::in_progress, text}, tally, findings);
  // Other spacing and key order, another computed_at or none: the values decide.
  auto other = json::parse(text);
  judge_module({32, 1, cloud_module, catalog::in_progress, other.dump()}, tally, findings);
  other["computed_at"] = "2020-01-01T00:00:00";
  judge_module({33, 1, cloud_module, catalog::in_progress, other.dump(2)}, tally, findings);
  other.erase("computed_at");
  judge_module({34, 1, cloud_module, catalog::in_progress, other.dump()}, tally, findings);
  CHECK(findings.clean());
  CHECK(findings.checked_count(Rule::stats) == 4);
  // A computed_at left open is no JSON.
  judge_module({35, 1, cloud_module, catalog::in_progress, R"({"computed_at": "2026)"}, tally,
               findings);
  REQUIRE(findings.failing_count(Rule::stats) == 1);
  CHECK(findings.examples(Rule::stats)[0].reason == "carbon_report_modules: stats is not JSON");
}

TEST_CASE("stats rules: a module without entries keeps NULL stats", "[check]") {
  const aggregates::ModuleTally empty(cloud_module);
  Findings findings({Rule::stats}, 10);
  CHECK_FALSE(
      judge_module({21, 1, cloud_module, catalog::not_started, std::nullopt}, empty, findings));
  CHECK(findings.clean());
  judge_module({22, 1, cloud_module, catalog::not_started, "{}"}, empty, findings);
  CHECK(findings.failing_count(Rule::stats) == 1);
}

TEST_CASE("stats rules: a report against its modules", "[check]") {
  const auto tally = one_entry_tally(40);
  const auto cloud = tally.finish();
  std::vector<ModuleRecord> modules;
  std::vector<std::optional<aggregates::ModuleStats>> computed;
  for (int type = 1; type <= catalog::module_type_count; ++type) {
    const bool has = type == cloud_module;
    modules.push_back(
        {100 + type, 5, type, has ? catalog::validated : catalog::not_started, std::nullopt});
    computed.push_back(has ? std::optional(cloud) : std::nullopt);
  }
  std::vector<aggregates::ReportModule> by_type;
  for (std::size_t i = 0; i < modules.size(); ++i)
    by_type.push_back(
        {modules[i].module_type_id, modules[i].status, computed[i] ? &*computed[i] : nullptr});
  std::string text;
  aggregates::write_report_stats(aggregates::modules_in_read_order(by_type), "t", text);
  const ReportRecord good{5, 2025, 3, "1/8", catalog::in_progress, text};

  Findings findings({Rule::stats}, 10);
  judge_report(good, modules, computed, findings);
  CHECK(findings.clean());

  auto edited = json::parse(text);
  edited["scope3"] = 1.0;
  for (const auto &bad : {ReportRecord{6, 2025, 3, "1/8", catalog::validated, text},
                          ReportRecord{7, 2025, 3, "2/8", catalog::in_progress, text},
                          ReportRecord{8, 2025, 3, "1/8", catalog::in_progress, std::nullopt},
                          ReportRecord{9, 2025, 3, "1/8", catalog::in_progress, "nope"},
                          ReportRecord{10, 2025, 3, "1/8", catalog::in_progress, edited.dump()}})
    judge_report(bad, modules, computed, findings);
  REQUIRE(findings.failing_count(Rule::stats) == 5);
  const auto &examples = findings.examples(Rule::stats);
  CHECK(examples[0].reason == "carbon_reports: 1 of 8 modules validated give 1");
  CHECK(examples[1].value == "completion_progress=2/8");
  CHECK(examples[2].reason == "carbon_reports: stats of a report whose modules have entries");
  CHECK(examples[3].reason == "carbon_reports: stats is not JSON");
  CHECK(examples[4].reason.rfind("carbon_reports: scope3: stored 1.0", 0) == 0);

  // A report no entry ever touched: NULL stats (its progress is not judged).
  std::vector<std::optional<aggregates::ModuleStats>> none(modules.size());
  for (auto &module : modules)
    module.status = catalog::not_started;
  Findings untouched({Rule::stats}, 10);
  judge_report({11, 2025, 3, std::nullopt, catalog::not_started, std::nullopt}, modules, none,
               untouched);
  CHECK(untouched.clean());
  judge_report({12, 2025, 3, std::nullopt, catalog::not_started, "{}"}, modules, none, untouched);
  CHECK(untouched.failing_count(Rule::stats) == 1);
}
