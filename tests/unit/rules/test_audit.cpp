// Tests of audit documents (include/seed/rules/audit.hpp), against app-state.md
// §5.4's worked example (computed by the application).
#include "seed/rules/audit.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace seed;

namespace {

// Plane entry 878, created by standard user USR000006 (§5.4).
struct Example {
  dto::Payload payload = dto::ProfessionalTravelPlaneHandlerCreate{
      "USR000006", "ORY", "LAX", "economy", std::string("2025-03-02"), 1, std::nullopt};
  audit::EntryRow row() const {
    audit::EntryRow row;
    row.id = 878;
    row.data_entry_type_id = 20;
    row.carbon_report_module_id = 42;
    row.payload = &payload;
    row.link = dto::FactorLinkKey{std::nullopt};
    row.status = 0;
    row.created_at = "2026-12-05T14:14:17.569273";
    row.updated_at = "2026-12-05T14:14:17.569308";
    return row; // year and unit_id NULL, as on the UI path
  }
};

} // namespace

TEST_CASE("audit: the hash input and hash of §5.4, exactly", "[audit]") {
  const Example example;
  std::string input;
  audit::write_hash_input(example.row(), input);
  const std::string expected =
      R"({"data_snapshot": {"carbon_report_module_id": 42, "created_at": "2026-12-05T14:14:17.569273", )"
      R"("created_by_id": null, "data": {"cabin_class": "economy", "departure_date": "2025-03-02", )"
      R"("destination_iata": "LAX", "note": null, "number_of_trips": 1, "origin_iata": "ORY", )"
      R"("primary_factor_id": null, "user_institutional_id": "USR000006"}, "data_entry_type_id": 20, )"
      R"("id": 878, "source": null, "status": 0, "unit_id": null, "updated_at": "2026-12-05T14:14:17.569308", )"
      R"("year": null}, "entity_id": 878, "entity_type": "DataEntry", "previous_hash": "", "version": 1})";
  CHECK(input == expected);
  CHECK(input.size() == 557);
  CHECK(audit::sha256_hex(input) ==
        "9c19965107f1f332c1aef7dab6375e9181bfe247ce64f7267ec8896dd0fce234");
}

TEST_CASE("audit: snapshot, route and handled ids of §5.4", "[audit]") {
  const Example example;
  std::string snapshot;
  audit::write_snapshot(example.row(), snapshot);
  CHECK(
      snapshot ==
      R"({"data_entry_type_id": 20, "carbon_report_module_id": 42, "data": {"user_institutional_id": )"
      R"("USR000006", "origin_iata": "ORY", "destination_iata": "LAX", "cabin_class": "economy", )"
      R"("departure_date": "2025-03-02", "number_of_trips": 1, "note": null, "primary_factor_id": null}, )"
      R"("status": 0, "id": 878, "year": null, "unit_id": null, "source": null, "created_by_id": null, )"
      R"("created_at": "2026-12-05T14:14:17.569273", "updated_at": "2026-12-05T14:14:17.569308"})");
  CHECK(audit::route_path(2, 2025, 20) == "/v1/modules/2/2025/professional-travel/plane");
  std::string route;
  audit::write_route_payload(example.payload, route);
  CHECK(route ==
        R"({"query": {"carbon_project_type": "0"}, "body": {"user_institutional_id": )"
        R"("USR000006", "origin_iata": "ORY", "destination_iata": "LAX", "cabin_class": )"
        R"("economy", "departure_date": "2025-03-02", "number_of_trips": 1, "note": null}})");
  std::string handled;
  audit::write_handled_ids(example.payload, handled);
  CHECK(handled == R"(["USR000006"])");
}

TEST_CASE("audit: handled ids and routes of other entry types", "[audit]") {
  std::string handled;
  audit::write_handled_ids(dto::HeadCountCreate{"Ann Lee", "51", 0.5, "USR000001", std::nullopt},
                           handled);
  CHECK(handled == "[]"); // member ids are not listed
  CHECK(audit::route_path(7, 2024, 1) == "/v1/modules/7/2024/headcount/member");
  CHECK(audit::route_path(7, 2024, 70) ==
        "/v1/modules/7/2024/research-facilities/research-facilities");
  CHECK(audit::route_path(7, 2024, 40) ==
        "/v1/modules/7/2024/external-cloud-and-ai/external_clouds");
  CHECK(audit::ip_address(1) == "198.51.100.2");
}

TEST_CASE("audit: non-ASCII text is escaped in the hash input only", "[audit]") {
  dto::Payload payload =
      dto::HeadCountCreate{"Zoë Ünal", "51", 0.5, "USR000001", std::string("naïve 😀 \"q\"")};
  Example example;
  auto row = example.row();
  row.payload = &payload;
  row.link.reset();
  std::string input, snapshot;
  audit::write_hash_input(row, input);
  audit::write_snapshot(row, snapshot);
  CHECK(input.find(R"("name": "Zo\u00eb \u00dcnal", "note": "na\u00efve \ud83d\ude00 \"q\"")") !=
        std::string::npos);
  CHECK(snapshot.find(R"("name": "Zoë Ünal")") != std::string::npos);
  CHECK(audit::sha256_hex("") ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("audit: snapshot_timestamp spells a column as the snapshot does", "[audit]") {
  CHECK(audit::snapshot_timestamp("2026-12-05 14:14:17.569273") == "2026-12-05T14:14:17.569273");
  CHECK(audit::snapshot_timestamp("2026-12-05 14:14:17.000000") == "2026-12-05T14:14:17");
  CHECK(audit::snapshot_timestamp("2026-12-05 14:14:17.500000") == "2026-12-05T14:14:17.500000");
  CHECK_THROWS_AS(audit::snapshot_timestamp("2026-12-05 14:14:17"), std::invalid_argument);
  CHECK_THROWS_AS(audit::snapshot_timestamp("2026-12-05T14:14:17.000000"), std::invalid_argument);
  CHECK_THROWS_AS(audit::snapshot_timestamp("2026-12-05 14:14:17.5692x3"), std::invalid_argument);
}
