// Tests of the per-entry rules (include/seed/check/entry_rules.hpp): payload,
// scope, member-unique, emissions, audit.
#include "seed/check/entry_rules.hpp"

#include "seed/generate/run_inputs.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace seed;
using namespace seed::check;

namespace {

EntryRecord entry(std::int64_t id, int type, std::optional<std::string> data) {
  EntryRecord e;
  e.id = id;
  e.module_id = 42;
  e.data_entry_type_id = type;
  e.data = std::move(data);
  e.status = "PENDING";
  e.created_at = "2026-12-05 14:14:17.569273";
  e.updated_at = "2026-12-05 14:14:17.569308";
  return e;
}

// Plane entry 878 of app-state.md §5.4 (hash computed by the application).
const char *plane_878 =
    R"({"user_institutional_id": "USR000006", "origin_iata": "ORY", "destination_iata": "LAX", )"
    R"("cabin_class": "economy", "departure_date": "2025-03-02", "number_of_trips": 1, )"
    R"("note": null, "primary_factor_id": null})";
const char *hash_878 = "9c19965107f1f332c1aef7dab6375e9181bfe247ce64f7267ec8896dd0fce234";

std::string first_reason(const Findings &findings, Rule rule) {
  return findings.examples(rule).empty() ? "" : findings.examples(rule).front().reason;
}

} // namespace

TEST_CASE("entry rules: decode keeps the reason a payload cannot be read", "[check]") {
  CHECK(decode(entry(1, 2, std::nullopt)).errors.at(0).reason == "data is NULL");
  CHECK(decode(entry(1, 2, "{")).errors.at(0).reason == "not JSON");
  CHECK(decode(entry(1, 99, "{}")).errors.at(0).field == "(data_entry_type_id)");
  const auto missing = decode(entry(1, 2, "{}"));
  CHECK_FALSE(missing.payload);
  CHECK(missing.errors.at(0).field == "fte");
  const auto invalid = decode(entry(1, 2, R"({"fte": -1})"));
  REQUIRE(invalid.payload);
  CHECK(invalid.errors.at(0).field == "fte");
  const auto plane = decode(entry(878, 20, plane_878));
  CHECK(plane.errors.empty());
  REQUIRE(plane.link);
  CHECK_FALSE(plane.link->primary_factor_id);
  CHECK_FALSE(decode(entry(1, 2, R"({"fte": 0.5})")).link);
}

TEST_CASE("entry rules: payload reports the DTO's field errors", "[check]") {
  Findings findings({Rule::payload}, 10);
  for (const auto &e : {entry(1, 2, R"({"fte": 0.5})"), entry(2, 2, R"({"fte": -1})"),
                        entry(3, 2, R"({"fte": "abc"})"), entry(4, 2, std::nullopt)})
    judge_payload(e, decode(e), nullptr, findings);
  CHECK(findings.checked_count(Rule::payload) == 4);
  REQUIRE(findings.failing_count(Rule::payload) == 3);
  const auto &examples = findings.examples(Rule::payload);
  CHECK(examples[0].id == 2);
  CHECK(examples[0].reason.rfind("HeadCountStudentCreate: fte=", 0) == 0);
  CHECK(examples[1].value == "fte=\"abc\"");
  CHECK(examples[2].value == "(data)=NULL");
}

TEST_CASE("entry rules: payload also asks the application's schema", "[check]") {
  auto bundle = contract::our_bundle();
  bundle["schemas"]["HeadCountStudentCreate"]["properties"]["fte"]["maximum"] = 0.25;
  const contract::AppSchemas app(bundle);
  Findings findings({Rule::payload}, 10);
  const auto fine = entry(1, 2, R"({"fte": 0.2})");
  judge_payload(fine, decode(fine), &app, findings);
  CHECK(findings.clean());
  const auto e = entry(2, 2, R"({"fte": 0.5})");
  judge_payload(e, decode(e), &app, findings);
  REQUIRE(findings.failing_count(Rule::payload) == 1);
  CHECK(findings.examples(Rule::payload)[0].value == "fte=0.5");
  CHECK(first_reason(findings, Rule::payload)
            .rfind("the application's schema of HeadCountStudentCreate rejects it", 0) == 0);
}

TEST_CASE("entry rules: scope compares year, unit and module type with the report", "[check]") {
  const ModuleRecord module{42, 5, 1, 1, std::nullopt}; // headcount
  const ReportRecord report{5, 2025, 3, std::nullopt, 0, std::nullopt};
  Findings findings({Rule::scope}, 10);
  auto e = entry(1, 2, R"({"fte": 0.5})");
  judge_scope(e, decode(e), module, report, findings); // year/unit NULL: fine
  e.year = 2025;
  e.unit_id = 3;
  judge_scope(e, decode(e), module, report, findings);
  CHECK(findings.clean());
  e.year = 2024;
  judge_scope(e, decode(e), module, report, findings);
  e.year = 2025;
  e.unit_id = 4;
  judge_scope(e, decode(e), module, report, findings);
  e.unit_id = 3;
  auto other = entry(2, 40, R"({})"); // external_clouds in a headcount module
  judge_scope(other, decode(other), module, report, findings);
  auto unknown = entry(3, 99, R"({})");
  judge_scope(unknown, decode(unknown), module, report, findings);
  REQUIRE(findings.failing_count(Rule::scope) == 4);
  const auto &examples = findings.examples(Rule::scope);
  CHECK(examples[0].value == "year=2024");
  CHECK(examples[0].reason == "report 5 is of year 2025");
  CHECK(examples[1].value == "unit_id=4");
  CHECK(examples[2].id == 2);
  CHECK(examples[2].reason == "external_clouds belongs to module type 7, module 42 is of type 1");
  CHECK(examples[3].reason == "not a DataEntryTypeEnum value");
}

TEST_CASE("entry rules: member ids repeat when equal after strip, case-sensitive", "[check]") {
  const auto member = [](std::int64_t id, const std::string &person) {
    return entry(id, 1,
                 R"({"name": "A B", "sius_code": "51", "fte": 1.0, "user_institutional_id": ")" +
                     person + R"(", "note": null})");
  };
  Findings findings({Rule::member_unique}, 10);
  MemberIds members;
  for (const auto &e : {member(1, "USR000008"), member(2, "usr000008"), member(3, " USR000008 "),
                        entry(4, 2, R"({"fte": 0.5})")})
    members.judge(e, decode(e), findings);
  CHECK(findings.checked_count(Rule::member_unique) == 3); // students are not members
  REQUIRE(findings.failing_count(Rule::member_unique) == 1);
  CHECK(findings.examples(Rule::member_unique)[0].id == 3);
  CHECK(findings.examples(Rule::member_unique)[0].value ==
        R"(user_institutional_id=" USR000008 ")");
  members.clear(); // the next module
  const auto next = member(5, "USR000008");
  members.judge(next, decode(next), findings);
  CHECK(findings.failing_count(Rule::member_unique) == 1);
}

TEST_CASE("entry rules: emission_difference names missing, extra and different rows", "[check]") {
  const std::vector<EmissionRow> want{{10101, 3, 12.5, std::nullopt, 3, "{}"},
                                      {10102, 4, 2.0, 1.5, 3, "{}"}};
  const auto stored = [&] {
    std::vector<EmissionRecord> rows;
    std::int64_t id = 100;
    for (const auto &row : want)
      rows.push_back({id++, 1, row.emission_type_id, row.primary_factor_id, row.kg_co2eq,
                      row.additional_value, row.scope});
    return rows;
  };
  CHECK_FALSE(emission_difference(want, stored()));
  auto rows = stored();
  std::swap(rows[0], rows[1]); // order does not matter
  CHECK_FALSE(emission_difference(want, rows));
  rows = stored();
  rows.pop_back();
  CHECK(emission_difference(want, rows) == "missing row: emission type 10102, factor 4, kg 2");
  rows = stored();
  rows.push_back({102, 1, 10103, std::nullopt, 1.0, std::nullopt, std::nullopt});
  CHECK(emission_difference(want, rows) == "extra row 102: emission type 10103, factor null, kg 1");
  rows = stored();
  rows[0].kg_co2eq = 12.6;
  CHECK(emission_difference(want, rows) ==
        "row 100 (emission type 10101): kg_co2eq 12.6, the factors give 12.5");
  rows = stored();
  rows[0].kg_co2eq = 12.5 * (1 + 1e-12); // within 1e-9
  CHECK_FALSE(emission_difference(want, rows));
  rows = stored();
  rows[1].additional_value = std::nullopt;
  CHECK(emission_difference(want, rows) ==
        "row 101 (emission type 10102): additional_value null, the factors give 1.5");
  rows = stored();
  rows[1].scope = 2;
  CHECK(emission_difference(want, rows) ==
        "row 101 (emission type 10102): scope 2, the application writes 3");
}

TEST_CASE("entry rules: emissions recompute from the factors and compare", "[check]") {
  const BundledInputs inputs({2025});
  const auto student = entry(7, 2, R"({"fte": 0.5})");
  const auto decoded = decode(student);
  const auto want = compute_emissions(2, decoded.data, 2025, inputs.factors, inputs.reference);
  REQUIRE_FALSE(want.empty());
  std::vector<EmissionRecord> stored;
  for (const auto &row : want)
    stored.push_back({static_cast<std::int64_t>(stored.size()) + 1, 7, row.emission_type_id,
                      row.primary_factor_id, row.kg_co2eq, row.additional_value, row.scope});
  Findings findings({Rule::emissions}, 10);
  judge_emissions(student, decoded, 2025, inputs.factors, inputs.reference, stored, findings);
  CHECK(findings.clean());
  stored.back().kg_co2eq *= 2; // "a factor changed after seeding"
  judge_emissions(student, decoded, 2025, inputs.factors, inputs.reference, stored, findings);
  CHECK(findings.failing_count(Rule::emissions) == 1);
  CHECK(first_reason(findings, Rule::emissions).find("kg_co2eq") != std::string::npos);

  // An entry without a payload is the payload rule's: not judged here.
  const auto broken = entry(8, 2, "{}");
  judge_emissions(broken, decode(broken), 2025, inputs.factors, inputs.reference, {}, findings);
  CHECK(findings.checked_count(Rule::emissions) == 2);
}

TEST_CASE("entry rules: emissions flag a stale or missing factor link", "[check]") {
  const BundledInputs inputs({2025});
  const auto *factor = inputs.factors.of_type(40, 2025).at(0); // external clouds
  auto data = nlohmann::json{{"service_type", factor->classification.value("kind", "")},
                             {"provider", factor->classification.value("subkind", "x")},
                             {"spent_amount", 100.0},
                             {"currency", "eur"},
                             {"note", nullptr}};
  const auto link = inputs.factors.link(40, data, 2025).stored_id();
  Findings findings({Rule::emissions}, 10);
  data["primary_factor_id"] = link ? nlohmann::json(*link + 100000) : nlohmann::json(123456);
  const auto stale = entry(9, 40, data.dump());
  judge_emissions(stale, decode(stale), 2025, inputs.factors, inputs.reference, {}, findings);
  data.erase("primary_factor_id");
  const auto unlinked = entry(10, 40, data.dump());
  judge_emissions(unlinked, decode(unlinked), 2025, inputs.factors, inputs.reference, {}, findings);
  REQUIRE(findings.failing_count(Rule::emissions) == 2);
  CHECK(findings.examples(Rule::emissions)[0].reason.rfind("the factors now link factor", 0) == 0);
  CHECK(findings.examples(Rule::emissions)[1].value == "primary_factor_id=null");
}

TEST_CASE("entry rules: audit accepts §5.4's document and names every break", "[check]") {
  const auto plane = entry(878, 20, plane_878);
  const auto decoded = decode(plane);
  const AuditRecord v1{878, 1, true, std::nullopt, hash_878};
  Findings findings({Rule::audit}, 20);
  judge_audit(plane, decoded, {v1}, findings);
  CHECK(findings.clean());

  auto not_current = v1;
  not_current.is_current = false;
  auto v2 = AuditRecord{878, 2, true, hash_878, "ab"};
  auto v1_old = v1;
  v1_old.is_current = false;
  auto tampered = v1;
  tampered.current_hash[0] = 'a';
  auto v3 = AuditRecord{878, 3, true, "ab", "cd"};
  auto chained_badly = AuditRecord{878, 2, true, "ff", "ab"};
  auto v1_with_previous = v1;
  v1_with_previous.previous_hash = "00";
  judge_audit(plane, decoded, {}, findings);                      // no document
  judge_audit(plane, decoded, {v2}, findings);                    // no version 1
  judge_audit(plane, decoded, {not_current}, findings);           // nothing current
  judge_audit(plane, decoded, {v1, v2}, findings);                // two current
  judge_audit(plane, decoded, {v1_old, v3}, findings);            // a gap
  judge_audit(plane, decoded, {v1_old, chained_badly}, findings); // chain broken
  judge_audit(plane, decoded, {v1_with_previous}, findings);      // v1 with a previous hash
  judge_audit(plane, decoded, {tampered}, findings);              // hash does not recompute
  judge_audit(plane, decoded, {v1_old, v2}, findings);            // a valid chain: fine
  auto edited = plane;
  edited.data = std::string(plane_878).replace(std::string(plane_878).find("LAX"), 3, "JFK");
  judge_audit(edited, decode(edited), {v1}, findings); // row edited without a new version
  auto bad_time = plane;
  bad_time.created_at = "2026-12-05";
  judge_audit(bad_time, decoded, {v1}, findings);
  REQUIRE(findings.failing_count(Rule::audit) == 10);
  const auto &examples = findings.examples(Rule::audit);
  CHECK(examples[0].value == "no document");
  CHECK(examples[1].reason == "no version-1 audit document");
  CHECK(examples[2].value == "0 current");
  CHECK(examples[3].value == "2 current");
  CHECK(examples[4].reason == "versions jump from 1 to 3");
  CHECK(examples[5].reason.rfind("hash chain broken at version 2", 0) == 0);
  CHECK(examples[6].reason.rfind("hash chain broken at version 1", 0) == 0);
  CHECK(examples[7].reason.rfind("version 1 does not hash to the entry row", 0) == 0);
  CHECK(examples[8].reason.rfind("version 1 does not hash to the entry row", 0) == 0);
  CHECK(examples[9].value == "2026-12-05");
}
