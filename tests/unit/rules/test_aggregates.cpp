// Tests of module and report aggregates (include/seed/rules/aggregates.hpp),
// against app-state.md's worked examples (computed by the application).
#include "seed/rules/aggregates.hpp"

#include "seed/model/app_json.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace seed;
using aggregates::ModuleTally;

namespace {

std::vector<int> walk_ids(int module_type_id) {
  std::vector<int> ids;
  for (const auto &node : aggregates::walk(module_type_id).nodes)
    ids.push_back(node.emission_type_id);
  return ids;
}

std::string aggregates_module_text(const ModuleTally &tally) {
  std::string out;
  aggregates::write_module_stats(tally.finish(), "T", out);
  return out;
}

void add_entries(ModuleTally &tally, int n) {
  for (int i = 0; i < n; ++i)
    tally.add_entry();
}

// §2.5 module 41 (headcount), 43 (buildings), 46 (research facilities);
// inputs are the exact sums the application's output shows.
ModuleTally module_41() {
  ModuleTally tally(1);
  add_entries(tally, 7);
  tally.add_row(10001, 1425.38, 750.2);
  tally.add_row(20001, 79.794, 153.45);
  tally.add_row(30004, 229.15200000000004, 8184.0);
  tally.add_row(40000, 1734.326, std::nullopt); // headcount rollup: outside the walk
  return tally;
}

ModuleTally module_43() {
  ModuleTally tally(3);
  add_entries(tally, 7);
  tally.add_row(60100, 863.8756448, std::nullopt); // rollup row
  tally.add_row(60201, 862.3142400000002, std::nullopt);
  tally.add_row(60202, 309.36177999999995, std::nullopt);
  tally.add_row(60300, 4940.0, std::nullopt); // two entries
  tally.add_row(60300, 4940.0, std::nullopt);
  tally.add_row(6010102, 160.62143999999998, std::nullopt);
  tally.add_row(6010202, 214.16192, std::nullopt);
  tally.add_row(6010302, 321.24287999999996, std::nullopt);
  tally.add_row(6010402, 167.8494048, std::nullopt);
  tally.add_row(6010502, 0.0, std::nullopt);
  return tally;
}

ModuleTally module_46() {
  ModuleTally tally(6);
  add_entries(tally, 6);
  tally.add_row(100100, 19132.777777777774, std::nullopt);
  tally.add_row(10020001, 899.6279, std::nullopt);
  return tally;
}

} // namespace

TEST_CASE("aggregates: walks as app-state.md §2.2 lists them", "[aggregates]") {
  CHECK(walk_ids(1) == std::vector<int>{10000,   10001,   10002,   20000,   20001,   20002,
                                        20003,   2000301, 2000302, 20004,   2000401, 2000402,
                                        2000403, 2000404, 2000405, 2000406, 2000407, 2000408,
                                        2000409, 2000410, 2000411, 2000412, 2000413, 30000,
                                        30001,   30002,   30003,   30004,   30005});
  CHECK(walk_ids(2) == std::vector<int>{50000, 50100, 50101, 50102, 50200, 50201, 50202, 50203});
  std::vector<int> buildings{60000, 60100};
  for (int energy = 1; energy <= 5; ++energy) {
    buildings.push_back(60100 + energy);
    for (int room = 1; room <= 6; ++room)
      buildings.push_back((60100 + energy) * 100 + room);
  }
  for (int fuel = 0; fuel <= 6; ++fuel)
    buildings.push_back(60200 + fuel);
  buildings.push_back(60300); // child of 60000 ...
  buildings.push_back(60300); // ... and a root of its own
  CHECK(walk_ids(3) == buildings);
  CHECK(walk_ids(4) == std::vector<int>{80000, 80100, 80200, 80300});
  CHECK(walk_ids(5) == std::vector<int>{90000, 90100, 90200, 90300, 90400, 90500, 90600, 90700,
                                        90800, 90900, 90901});
  CHECK(walk_ids(6) == std::vector<int>{100000, 100100, 100200, 10020001, 10020002, 100300});
  CHECK(walk_ids(7) == std::vector<int>{110000, 110100, 110101, 110102, 110103, 110200, 110201,
                                        110202, 110203, 110204, 110205, 110206});
  CHECK(walk_ids(8) == std::vector<int>{70000, 70100, 70200, 70300, 70400});
  CHECK_THROWS(aggregates::walk(9));
}

TEST_CASE("aggregates: module stats of §2.5, exactly", "[aggregates]") {
  CHECK(
      aggregates_module_text(module_41()) ==
      R"({"scope1": 0.0, "scope2": 0.0, "scope3": 1734.3260000000002, "total": 1734.3260000000002, )"
      R"("by_emission_type": {"10001": 1425.38, "20001": 79.794, "30004": 229.15200000000004, )"
      R"("10000": 1425.38, "20000": 79.794, "30000": 229.15200000000004}, )"
      R"("by_additional_value": {"10001": 750.2, "20001": 153.45, "30004": 8184.0, )"
      R"("10000": 750.2, "20000": 153.45, "30000": 8184.0}, "computed_at": "T", "entry_count": 7})");
  CHECK(
      aggregates_module_text(module_43()) ==
      R"({"scope1": 1171.67602, "scope2": 863.8756447999999, "scope3": 19760.0, )"
      R"("total": 21795.5516648, "by_emission_type": {"60100": 863.8756447999999, )"
      R"("6010102": 160.62143999999998, "6010202": 214.16192, "6010302": 321.24287999999996, )"
      R"("6010402": 167.8494048, "60201": 862.3142400000002, "60202": 309.36177999999995, )"
      R"("60300": 9880.0, "60000": 11915.5516648, "60101": 160.62143999999998, )"
      R"("60102": 214.16192, "60103": 321.24287999999996, "60104": 167.8494048, )"
      R"("60200": 1171.67602}, "by_additional_value": {}, "computed_at": "T", "entry_count": 7})");
  CHECK(aggregates_module_text(module_46()) ==
        R"({"scope1": 0.0, "scope2": 0.0, "scope3": 20032.405677777773, )"
        R"("total": 20032.405677777773, "by_emission_type": {"100100": 19132.777777777774, )"
        R"("10020001": 899.6279, "100000": 20032.405677777773, "100200": 899.6279}, )"
        R"("by_additional_value": {}, "computed_at": "T", "entry_count": 6})");
}

TEST_CASE("aggregates: §2.3's consequences", "[aggregates]") {
  // A stored row at a scoped non-leaf enters its scope; its value is then
  // replaced by the (non-zero) leaf sum.
  ModuleTally override_row(1);
  override_row.add_row(10000, 5, std::nullopt);
  override_row.add_row(10001, 2, std::nullopt);
  auto stats = override_row.finish();
  CHECK(stats.scope3 == 7.0);
  CHECK(stats.by_emission_type == std::vector<std::pair<int, double>>{{10000, 2.0}, {10001, 2.0}});
  // Nodes first set in pass 2 come after every pass-1 key.
  ModuleTally additional(1);
  additional.add_row(10001, 0, 3.0);
  stats = additional.finish();
  CHECK(stats.by_emission_type.empty()); // zero leaves are absent
  CHECK(stats.by_additional_value ==
        std::vector<std::pair<int, double>>{{10001, 3.0}, {10000, 3.0}});
  // A module whose entries have no rows: zeros, {} and its count.
  ModuleTally empty(7);
  add_entries(empty, 3);
  CHECK(aggregates_module_text(empty) ==
        R"({"scope1": 0.0, "scope2": 0.0, "scope3": 0.0, "total": 0.0, "by_emission_type": {}, )"
        R"("by_additional_value": {}, "computed_at": "T", "entry_count": 3})");
  // Types of other modules never count.
  ModuleTally foreign(4);
  foreign.add_row(10001, 9, 9.0);
  CHECK(foreign.finish().by_emission_type.empty());
}

TEST_CASE("aggregates: report stats over its modules in read order", "[aggregates]") {
  const auto s41 = module_41().finish(), s43 = module_43().finish(), s46 = module_46().finish();
  // Report 6 of §3.4 with its other modules left out: types 3 and 6 validated.
  std::vector<aggregates::ReportModule> by_type{
      {1, catalog::in_progress, &s41},    {2, catalog::not_started, nullptr},
      {3, catalog::validated, &s43},      {4, catalog::not_started, nullptr},
      {5, catalog::not_started, nullptr}, {6, catalog::validated, &s46},
      {7, catalog::not_started, nullptr}, {8, catalog::not_started, nullptr}};
  const auto ordered = aggregates::modules_in_read_order(by_type);
  std::vector<int> order;
  for (const auto &module : ordered)
    order.push_back(module.module_type_id);
  CHECK(order == std::vector<int>{2, 4, 5, 7, 8, 1, 3, 6});
  std::string out;
  aggregates::write_report_stats(ordered, "T", out);
  INFO(out);
  const auto scope = [](double a, double b, double c) { return app_json::float_text(a + b + c); };
  CHECK(out.rfind("{\"scope1\": " + scope(0.0, s43.scope1, 0.0) +
                      ", \"scope2\": " + scope(0.0, s43.scope2, 0.0) + ", \"scope3\": " +
                      scope(s41.scope3, s43.scope3, s46.scope3) + ", \"total\": ",
                  0) == 0);
  // it_total_kg: 100000, 100100, 100200 and 10020001 all count (research
  // facility kg two or three times), summed in IT key order.
  const double it_total = ((20032.405677777773 + 19132.777777777774) + 899.6279) + 899.6279;
  CHECK(out.find("\"it_total_kg\": " + app_json::float_text(it_total) + ", ") != std::string::npos);
  // Keys in order of first appearance over the modules in read order.
  CHECK(out.find(R"("by_emission_type": {"10001": 1425.38, "20001": 79.794, )") !=
        std::string::npos);
  CHECK(out.find(R"("60200": 1171.67602, "100100": 19132.777777777774, )") != std::string::npos);
  CHECK(out.find(R"("by_additional_value": {"10001": 750.2, )") != std::string::npos);
  // Buildings (21795.55) beats research facilities (20032.41); module 1 is
  // not validated.
  CHECK(out.find(R"("computed_at": "T", "entry_count": 20, "highest_category_module_id": 3})") !=
        std::string::npos);
}

TEST_CASE("aggregates: a report whose modules have no stats", "[aggregates]") {
  std::vector<aggregates::ReportModule> none;
  for (int t = 1; t <= 8; ++t)
    none.push_back({t, catalog::validated, nullptr});
  std::string out;
  aggregates::write_report_stats(none, "T", out);
  CHECK(out == R"({"scope1": 0.0, "scope2": 0.0, "scope3": 0.0, "total": 0.0, "it_total_kg": 0, )"
               R"("by_emission_type": {}, "by_additional_value": {}, "computed_at": "T", )"
               R"("entry_count": 0, "highest_category_module_id": null})");
}

TEST_CASE("aggregates: completion_progress and overall_status (§3.2)", "[aggregates]") {
  CHECK(aggregates::completion_progress(0, 8) == "0/8");
  CHECK(aggregates::overall_status(0, 8) == catalog::not_started); // even with IN_PROGRESS modules
  for (int k = 1; k <= 7; ++k) {
    CHECK(aggregates::completion_progress(k, 8) == std::to_string(k) + "/8");
    CHECK(aggregates::overall_status(k, 8) == catalog::in_progress);
  }
  CHECK(aggregates::completion_progress(8, 8) == "8/8");
  CHECK(aggregates::overall_status(8, 8) == catalog::validated);
}
