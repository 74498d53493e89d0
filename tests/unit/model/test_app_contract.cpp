// Tests for seed/app_contract.hpp: our bundle against the committed contract
// fixture (the fake backend's export), each kind of drift the comparison
// reports, and the per-payload check with valijson on the keywords pydantic
// writes ($defs/$ref, anyOf, enum, const, format "date", bounds).
#include "seed/model/app_contract.hpp"

#include "seed/model/catalog.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>

using namespace seed;
using namespace seed::contract;
using nlohmann::ordered_json;

namespace {

ordered_json fixture() {
  std::ifstream in(std::string(SEED_SOURCE_DIR) + "/tests/fixtures/app-dto-schemas.json");
  REQUIRE(in);
  return ordered_json::parse(in);
}

std::vector<std::string> finding_lines(const std::vector<Finding> &findings,
                                       bool warnings = false) {
  std::vector<std::string> out;
  for (const auto &f : findings)
    if (f.warning == warnings)
      out.push_back(f.line());
  return out;
}

ordered_json &property(ordered_json &bundle, const char *dto, const char *field) {
  return bundle["schemas"][dto]["properties"][field];
}

void remove_required(ordered_json &bundle, const char *dto, const char *field) {
  auto &required = bundle["schemas"][dto]["required"];
  required.erase(std::remove(required.begin(), required.end(), field), required.end());
}

dto::BuildingRoomHandlerCreate contract_room() {
  return {"Piccard Hall", "R101", "office", 0.5, std::nullopt};
}

} // namespace

TEST_CASE("our dto-schemas bundle compares clean against the committed contract fixture") {
  const auto findings = compare(our_bundle(), fixture());
  CHECK(finding_lines(findings) == std::vector<std::string>{});
  CHECK(finding_lines(findings, true) == std::vector<std::string>{});
}

TEST_CASE("our bundle: every entry type, every DTO, fields from the DTO table") {
  const auto bundle = our_bundle();
  CHECK(bundle["format"] == bundle_format);
  CHECK(bundle["entry_types"].size() == catalog::entry_types().size());
  CHECK(bundle["entry_types"]["20"] == "ProfessionalTravelPlaneHandlerCreate");
  CHECK(bundle["schemas"].size() == dto::dto_kind_count);
  const auto &plane = bundle["schemas"]["ProfessionalTravelPlaneHandlerCreate"];
  CHECK(plane["properties"]["departure_date"]["anyOf"][0] ==
        ordered_json({{"format", "date"}, {"type", "string"}}));
  CHECK(plane["properties"]["number_of_trips"]["default"] == 1);
  CHECK(plane["properties"]["cabin_class"]["enum"] ==
        ordered_json::array({"first", "business", "economy"}));
  const auto &required = plane["required"];
  CHECK(std::find(required.begin(), required.end(), "origin_iata") != required.end());
  CHECK(std::find(required.begin(), required.end(), "number_of_trips") == required.end());
  // A key `data` keeps without the DTO declaring it is not part of the contract.
  CHECK_FALSE(bundle["schemas"]["BuildingEmbodiedEnergyHandlerCreate"]["properties"].contains(
      "room_surface_square_meter"));
  CHECK(bundle["schemas"]["ExternalCloudHandlerCreate"]["properties"]["currency"]["default"] ==
        "eur");
}

TEST_CASE("each kind of drift is one finding naming DTO.field, ours and the app's") {
  auto app = fixture();
  SECTION("a field we write that the app no longer declares; a field it requires") {
    auto &props = app["schemas"]["ProfessionalTravelPlaneHandlerCreate"]["properties"];
    props["origin_airport_iata"] = props["origin_iata"];
    props.erase("origin_iata");
    auto &required = app["schemas"]["ProfessionalTravelPlaneHandlerCreate"]["required"];
    std::replace(required.begin(), required.end(), ordered_json("origin_iata"),
                 ordered_json("origin_airport_iata"));
    CHECK(finding_lines(compare(our_bundle(), app)) ==
          std::vector<std::string>{"ProfessionalTravelPlaneHandlerCreate.origin_iata: ours writes "
                                   "it (string, required); app not declared",
                                   "ProfessionalTravelPlaneHandlerCreate.origin_airport_iata: "
                                   "ours does not write it; app requires it (string)"});
  }
  SECTION("a type change") {
    property(app, "EnergyCombustionHandlerCreate", "quantity")["type"] = "integer";
    CHECK(finding_lines(compare(our_bundle(), app)) ==
          std::vector<std::string>{
              "EnergyCombustionHandlerCreate.quantity: ours type number; app type integer"});
  }
  SECTION("a date that became a plain string is a type change") {
    property(app, "ProfessionalTravelTrainHandlerCreate", "departure_date")["anyOf"][0].erase(
        "format");
    CHECK(finding_lines(compare(our_bundle(), app)) ==
          std::vector<std::string>{"ProfessionalTravelTrainHandlerCreate.departure_date: ours "
                                   "type date; app type string"});
  }
  SECTION("optional -> required") {
    auto &note = property(app, "HeadCountCreate", "note");
    note = {{"title", "Note"}, {"type", "string"}};
    app["schemas"]["HeadCountCreate"]["required"].push_back("note");
    CHECK(finding_lines(compare(our_bundle(), app)) ==
          std::vector<std::string>{
              "HeadCountCreate.note: ours optional (not always written); app required",
              "HeadCountCreate.note: ours may write null; app rejects null (string)"});
  }
  SECTION("required -> optional") {
    remove_required(app, "HeadCountStudentCreate", "fte");
    CHECK(finding_lines(compare(our_bundle(), app)) ==
          std::vector<std::string>{"HeadCountStudentCreate.fte: ours required; app optional"});
  }
  SECTION("an enum that no longer has a value we draw") {
    auto &values = property(app, "BuildingRoomHandlerCreate", "room_type")["enum"];
    values.erase(std::remove(values.begin(), values.end(), "archives"), values.end());
    CHECK(finding_lines(compare(our_bundle(), app)) ==
          std::vector<std::string>{"BuildingRoomHandlerCreate.room_type: ours draws archives; app "
                                   "enum [office, miscellaneous, laboratories, libraries, "
                                   "auditoriums] lacks it"});
  }
  SECTION("an enum behind $defs/$ref") {
    app["schemas"]["HeadCountCreate"]["$defs"]["SiusCode"] = {{"enum", {"51", "52"}},
                                                              {"type", "string"}};
    property(app, "HeadCountCreate", "sius_code") = {{"$ref", "#/$defs/SiusCode"}};
    CHECK(finding_lines(compare(our_bundle(), app)) ==
          std::vector<std::string>{"HeadCountCreate.sius_code: ours draws 53, 54, 56, 57, 58, 59; "
                                   "app enum [51, 52] lacks them"});
  }
  SECTION("an enum beside a branch that takes any string restricts nothing") {
    property(app, "BuildingRoomHandlerCreate", "room_type") = {
        {"anyOf", {{{"enum", {"office"}}, {"type", "string"}}, {{"type", "string"}}}}};
    CHECK(finding_lines(compare(our_bundle(), app)).empty());
  }
  SECTION("an entry type whose DTO class changed") {
    app["entry_types"]["20"] = "ProfessionalTravelTrainHandlerCreate";
    CHECK(finding_lines(compare(our_bundle(), app)) ==
          std::vector<std::string>{"entry type plane (20): ours "
                                   "ProfessionalTravelPlaneHandlerCreate; app "
                                   "ProfessionalTravelTrainHandlerCreate"});
  }
  SECTION("a DTO class the app no longer has") {
    app["schemas"].erase("ProcessEmissionsHandlerCreate");
    CHECK(finding_lines(compare(our_bundle(), app)) ==
          std::vector<std::string>{
              "ProcessEmissionsHandlerCreate: ours writes it; app no schema of that class"});
  }
  SECTION("extra optional app fields and an app enum on free text are warnings") {
    property(app, "HeadCountCreate", "office") = {
        {"anyOf", {{{"type", "string"}}, {{"type", "null"}}}}, {"default", nullptr}};
    property(app, "PurchaseAdditionalHandlerCreate", "unit")["enum"] = {"kg", "liter", "piece"};
    const auto findings = compare(our_bundle(), app);
    CHECK(finding_lines(findings).empty());
    CHECK(finding_lines(findings, true) ==
          std::vector<std::string>{
              "HeadCountCreate.office: ours does not write it; app optional string or null",
              "PurchaseAdditionalHandlerCreate.unit: ours free string (checked per payload); app "
              "enum [kg, liter, piece]"});
  }
  SECTION("not a bundle") {
    app["format"] = "something else";
    CHECK_THROWS_AS(compare(our_bundle(), app), BundleError);
  }
}

TEST_CASE("the per-payload check: valijson on what pydantic writes") {
  auto app = fixture();
  SECTION("every DTO's fixture payloads pass; meta keys are not required of a payload") {
    const AppSchemas schemas(app);
    CHECK_FALSE(schemas.check(dto::DtoKind::building_room, contract_room()));
    dto::ProfessionalTravelPlaneHandlerCreate plane{"USR000001",  "GVA", "LHR",       "economy",
                                                    "2024-03-15", 2,     std::nullopt};
    CHECK_FALSE(schemas.check(dto::DtoKind::plane, plane));
  }
  SECTION("enum (Literal): the field, the value and the schema's reason") {
    auto &values = property(app, "BuildingRoomHandlerCreate", "room_type")["enum"];
    values.erase(std::remove(values.begin(), values.end(), "office"), values.end());
    const AppSchemas schemas(app);
    const auto error = schemas.check(dto::DtoKind::building_room, contract_room());
    REQUIRE(error);
    CHECK(error->field == "room_type");
    CHECK(error->value == "\"office\"");
    CHECK(error->reason.find("enum") != std::string::npos);
  }
  SECTION("const") {
    property(app, "BuildingRoomHandlerCreate", "room_type") = {{"const", "archives"},
                                                               {"type", "string"}};
    const auto error = AppSchemas(app).check(dto::DtoKind::building_room, contract_room());
    REQUIRE(error);
    CHECK(error->field == "room_type");
  }
  SECTION("a bound inside anyOf (optional float)") {
    property(app, "BuildingRoomHandlerCreate", "room_allocation_ratio")["anyOf"][0]["maximum"] =
        0.25;
    const auto error = AppSchemas(app).check(dto::DtoKind::building_room, contract_room());
    REQUIRE(error);
    CHECK(error->field == "room_allocation_ratio");
    CHECK(error->value == "0.5");
    CHECK_FALSE(error->reason.empty());
  }
  SECTION("$ref into $defs") {
    app["schemas"]["BuildingRoomHandlerCreate"]["$defs"]["RoomName"] = {{"type", "string"},
                                                                        {"maxLength", 2}};
    property(app, "BuildingRoomHandlerCreate", "room_name") = {{"$ref", "#/$defs/RoomName"}};
    const auto error = AppSchemas(app).check(dto::DtoKind::building_room, contract_room());
    REQUIRE(error);
    CHECK(error->field == "room_name");
    CHECK(error->value == "\"R101\"");
  }
  SECTION("format date") {
    dto::ProfessionalTravelPlaneHandlerCreate plane{"USR000001",  "GVA", "LHR",       "economy",
                                                    "2024/03/15", 2,     std::nullopt};
    const auto error = AppSchemas(app).check(dto::DtoKind::plane, plane);
    REQUIRE(error); // our validator accepts '/', the JSON Schema's "date" does not
    CHECK(error->field == "departure_date");
  }
  SECTION("a newly required field") {
    app["schemas"]["BuildingRoomHandlerCreate"]["required"].push_back("floor");
    const auto error = AppSchemas(app).check(dto::DtoKind::building_room, contract_room());
    REQUIRE(error);
    CHECK(error->reason.find("floor") != std::string::npos);
  }
  SECTION("JSON Schema 2020-12 keywords valijson does not implement are refused") {
    property(app, "BuildingRoomHandlerCreate", "room_name")["prefixItems"] = ordered_json::array();
    CHECK_THROWS_AS(AppSchemas(app), BundleError);
  }
}
