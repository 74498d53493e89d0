// Tests for seed/dto.hpp: every validator rule of payloads.md §3 with its
// boundaries, the persisted key order of every DTO, and parse's lax type rules
// (§3.0).
#include "seed/model/dto.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <tuple>
#include <type_traits>

using namespace seed::dto;
using nlohmann::json;

namespace {

constexpr double nan_value = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();

// --- Fixtures: one valid payload per DTO, optional fields mostly set ---

HeadCountCreate member() {
  return {"Ada Lovelace", "51", 0.5, "USR000042", "a note"};
}
HeadCountStudentCreate student() {
  return {0.25};
}
ProfessionalTravelPlaneHandlerCreate plane() {
  return {"USR000001", "GVA", "LHR", "economy", "2024-03-15", 2, std::nullopt};
}
ProfessionalTravelTrainHandlerCreate train() {
  return {"USR000002",  "Lausanne", "CH",       "Paris",      "FR",        "second",
          "2024-03-15", 3,          "by night", std::nullopt, std::nullopt};
}
EquipmentHandlerCreate equipment() {
  return {"INV-12345", "microscope", "optics", "lens", 40, 20, std::nullopt};
}
ExternalCloudHandlerCreate cloud() {
  return {"compute", "AWS", 1234.5, "usd", std::nullopt};
}
ExternalAIHandlerCreate ai() {
  return {"OpenAI", "Chat about things.", "5_20", 12.5, std::nullopt};
}
PurchaseHandlerCreate purchase() {
  return {"pipette",   "Acme, Inc.", 10.0,        999.99,       "eur",
          "abC-12345", std::nullopt, "xyz-00001", "for the lab"};
}
PurchaseAdditionalHandlerCreate additional() {
  return {"nitrogen", "liter", 100.0, 0.808, std::nullopt};
}
BuildingRoomHandlerCreate room() {
  return {"Smith Hall", "R101", "office", 0.5, std::nullopt};
}
EnergyCombustionHandlerCreate combustion() {
  return {"gas", 42.0, std::nullopt};
}
BuildingEmbodiedEnergyHandlerCreate embodied() {
  return {"Jones Hall", std::nullopt};
}
ProcessEmissionsHandlerCreate process() {
  return {"refrigerants", "r134a", 3.5, std::nullopt};
}
ResearchFacilitiesCommonHandlerCreate facility() {
  return {"RF-00001", "Big Lab", 10.0, "hour", std::nullopt, std::nullopt};
}
ResearchFacilitiesAnimalHandlerCreate animal() {
  return {"RF-00002", "Mouse House", 5.0, "kg", std::nullopt, "mice"};
}

// A copy of `payload` changed by `change`.
template <class T, class F> T with(T payload, F change) {
  change(payload);
  return payload;
}

// One payload per DTO kind, in DtoKind order.
std::vector<Payload> one_of_each() {
  return {member(),     student(),  plane(),    train(),      equipment(),
          cloud(),      ai(),       purchase(), additional(), room(),
          combustion(), embodied(), process(),  facility(),   animal()};
}

// Variants with the optional fields empty, and with the "written only when
// set" fields set.
std::vector<Payload> variants() {
  return {
      with(member(), [](auto &p) { p.note.reset(); }),
      with(plane(), [](auto &p) { p.departure_date.reset(); }),
      with(train(),
           [](auto &p) {
             p.departure_date.reset();
             p.note.reset();
             p.origin_natural_key = "ch-lausanne";
             p.destination_natural_key = "fr-paris";
           }),
      EquipmentHandlerCreate{"INV-00001", "pump", "fluidics", std::nullopt, std::nullopt,
                             std::nullopt, std::nullopt},
      with(purchase(),
           [](auto &p) {
             p.supplier.reset();
             p.quantity.reset();
             p.purchase_additional_code.reset();
             p.note.reset();
             p.purchase_institutional_description = "Lab consumables";
           }),
      with(room(), [](auto &p) { p.room_allocation_ratio.reset(); }),
      with(process(), [](auto &p) { p.subcategory.reset(); }),
      with(facility(),
           [](auto &p) {
             p.note = "shared";
             p.kg_co2eq = 12.5;
           }),
      with(embodied(), [](auto &p) { p.room_surface_square_meter = 123.5; }),
      // Text that needs escaping survives as well.
      with(member(), [](auto &p) { p.name = "Zoë \"Q\" O'Brien\\\n"; }),
  };
}

// Field-by-field equality, independent of to_json.
auto fields(const HeadCountCreate &p) {
  return std::tie(p.name, p.sius_code, p.fte, p.user_institutional_id, p.note);
}
auto fields(const HeadCountStudentCreate &p) {
  return std::tie(p.fte);
}
auto fields(const ProfessionalTravelPlaneHandlerCreate &p) {
  return std::tie(p.user_institutional_id, p.origin_iata, p.destination_iata, p.cabin_class,
                  p.departure_date, p.number_of_trips, p.note);
}
auto fields(const ProfessionalTravelTrainHandlerCreate &p) {
  return std::tie(p.user_institutional_id, p.origin_name, p.origin_country_code, p.destination_name,
                  p.destination_country_code, p.cabin_class, p.departure_date, p.number_of_trips,
                  p.note, p.origin_natural_key, p.destination_natural_key);
}
auto fields(const EquipmentHandlerCreate &p) {
  return std::tie(p.equipment_id, p.name, p.equipment_class, p.sub_class,
                  p.active_usage_hours_per_week, p.standby_usage_hours_per_week, p.note);
}
auto fields(const ExternalCloudHandlerCreate &p) {
  return std::tie(p.service_type, p.provider, p.spent_amount, p.currency, p.note);
}
auto fields(const ExternalAIHandlerCreate &p) {
  return std::tie(p.provider, p.usage_type, p.requests_per_user_per_day, p.fte_count, p.note);
}
auto fields(const PurchaseHandlerCreate &p) {
  return std::tie(p.name, p.supplier, p.quantity, p.total_spent_amount, p.currency,
                  p.purchase_institutional_code, p.purchase_institutional_description,
                  p.purchase_additional_code, p.note);
}
auto fields(const PurchaseAdditionalHandlerCreate &p) {
  return std::tie(p.name, p.unit, p.annual_consumption, p.coef_to_kg, p.note);
}
auto fields(const BuildingRoomHandlerCreate &p) {
  return std::tie(p.building_name, p.room_name, p.room_type, p.room_allocation_ratio, p.note);
}
auto fields(const EnergyCombustionHandlerCreate &p) {
  return std::tie(p.name, p.quantity, p.note);
}
auto fields(const BuildingEmbodiedEnergyHandlerCreate &p) {
  return std::tie(p.building_name, p.room_surface_square_meter);
}
auto fields(const ProcessEmissionsHandlerCreate &p) {
  return std::tie(p.category, p.subcategory, p.quantity, p.note);
}
auto fields(const ResearchFacilitiesCommonHandlerCreate &p) {
  return std::tie(p.researchfacility_id, p.researchfacility_name, p.use, p.use_unit, p.note,
                  p.kg_co2eq);
}
auto fields(const ResearchFacilitiesAnimalHandlerCreate &p) {
  return std::tie(p.researchfacility_id, p.researchfacility_name, p.use, p.use_unit, p.note,
                  p.researchfacility_type);
}

bool same(const Payload &a, const Payload &b) {
  return a.index() == b.index() && std::visit(
                                       [&](const auto &x) {
                                         using T = std::decay_t<decltype(x)>;
                                         return fields(x) == fields(std::get<T>(b));
                                       },
                                       a);
}

// "field=value" of every error, joined by "; "; empty when there is none.
// Comparing this string shows the whole outcome in a failure message.
std::string outcome(const Errors &errors) {
  std::string out;
  for (const FieldError &e : errors)
    out += (out.empty() ? "" : "; ") + e.field + "=" + e.value;
  return out;
}

std::string rejected(const Payload &payload) {
  return outcome(validate(payload));
}

std::string parse_errors(DtoKind kind, const json &data) {
  const Parsed parsed = parse(kind, data);
  CHECK(parsed.payload.has_value() == parsed.errors.empty());
  return outcome(parsed.errors);
}

// The payload parse builds from `data`; fails the test if there are errors.
template <class T> T parsed_as(const json &data) {
  const Parsed parsed = parse(kind_of(Payload{T{}}), data);
  INFO(describe(parsed.errors));
  REQUIRE(parsed.payload);
  return std::get<T>(*parsed.payload);
}

std::string reason_of(const Errors &errors) {
  REQUIRE(errors.size() == 1);
  return errors.front().reason;
}

// The JSON text a FieldError carries for a string value.
std::string text(const std::string &s) {
  return json(s).dump();
}

} // namespace

// --- validate ---

TEST_CASE("dto: the fixtures are valid", "[dto][validate]") {
  for (const Payload &p : one_of_each())
    CHECK(rejected(p) == "");
  for (const Payload &p : variants())
    CHECK(rejected(p) == "");
}

TEST_CASE("dto: HeadCountCreate: name must not be blank", "[dto][validate]") {
  CHECK(rejected(with(member(), [](auto &p) { p.name = ""; })) == R"(name="")");
  CHECK(rejected(with(member(), [](auto &p) { p.name = " \t\n"; })) == R"(name=" \t\n")");
  // Python's strip() also removes Unicode spaces (here NBSP and EM SPACE).
  CHECK(rejected(with(member(), [](auto &p) { p.name = "\u00a0\u2003"; })) ==
        "name=" + text("\u00a0\u2003"));
  CHECK(rejected(with(member(), [](auto &p) { p.name = " x "; })) == "");
  CHECK_THAT(describe(validate(with(member(), [](auto &p) { p.name = ""; }))),
             Catch::Contains("must not be empty or whitespace-only"));
}

TEST_CASE("dto: HeadCountCreate: sius_code must be a SIUS code exactly", "[dto][validate]") {
  for (std::string_view code : sius_codes)
    CHECK(rejected(with(member(), [&](auto &p) { p.sius_code = std::string(code); })) == "");
  CHECK(rejected(with(member(), [](auto &p) { p.sius_code = "55"; })) == R"(sius_code="55")");
  CHECK(rejected(with(member(), [](auto &p) { p.sius_code = " 51"; })) == R"(sius_code=" 51")");
  CHECK(rejected(with(member(), [](auto &p) { p.sius_code = "51 "; })) == R"(sius_code="51 ")");
  CHECK(rejected(with(member(), [](auto &p) { p.sius_code = ""; })) == R"(sius_code="")");
  CHECK_THAT(describe(validate(with(member(), [](auto &p) { p.sius_code = "55"; }))),
             Catch::Contains("51, 52, 53, 54, 56, 57, 58, 59"));
}

TEST_CASE("dto: HeadCountCreate: 0 <= fte <= 1", "[dto][validate]") {
  CHECK(rejected(with(member(), [](auto &p) { p.fte = 0; })) == "");
  CHECK(rejected(with(member(), [](auto &p) { p.fte = 1; })) == "");
  CHECK(rejected(with(member(), [](auto &p) { p.fte = -0.01; })) == "fte=-0.01");
  CHECK(rejected(with(member(), [](auto &p) { p.fte = 1.01; })) == "fte=1.01");
  CHECK(rejected(with(member(), [](auto &p) { p.fte = nan_value; })) == "fte=NaN");
  CHECK(rejected(with(member(), [](auto &p) { p.fte = inf; })) == "fte=Infinity");
  CHECK(rejected(with(member(), [](auto &p) { p.fte = -inf; })) == "fte=-Infinity");
  CHECK_THAT(describe(validate(with(member(), [](auto &p) { p.fte = 2; }))),
             Catch::Contains("must be between 0.0 and 1.0"));
}

TEST_CASE("dto: HeadCountCreate: user_institutional_id must not be blank", "[dto][validate]") {
  CHECK(rejected(with(member(), [](auto &p) { p.user_institutional_id = ""; })) ==
        R"(user_institutional_id="")");
  CHECK(rejected(with(member(), [](auto &p) { p.user_institutional_id = "  "; })) ==
        R"(user_institutional_id="  ")");
  CHECK(rejected(with(member(), [](auto &p) { p.user_institutional_id = "a b"; })) == "");
}

TEST_CASE("dto: validate reports every violated rule, in field order", "[dto][validate]") {
  const auto bad = with(member(), [](auto &p) {
    // No `= "literal"` here: g++ 12 inlines it into a bogus -Wrestrict warning.
    p.user_institutional_id.clear();
    p.fte = 2;
    p.sius_code = std::string(1, '5');
    p.name.clear();
  });
  CHECK(rejected(bad) == R"(name=""; sius_code="5"; fte=2.0; user_institutional_id="")");
}

TEST_CASE("dto: HeadCountStudentCreate: fte >= 0 with no upper bound", "[dto][validate]") {
  CHECK(rejected(HeadCountStudentCreate{0}) == "");
  CHECK(rejected(HeadCountStudentCreate{5}) == "");
  CHECK(rejected(HeadCountStudentCreate{inf}) == "");
  CHECK(rejected(HeadCountStudentCreate{-0.01}) == "fte=-0.01");
  CHECK(rejected(HeadCountStudentCreate{-inf}) == "fte=-Infinity");
  CHECK(rejected(HeadCountStudentCreate{nan_value}) == "fte=NaN");
  CHECK(reason_of(validate(HeadCountStudentCreate{-1})) == "must be >= 0.0");
}

TEST_CASE("dto: plane: cabin_class is case-insensitive, not trimmed", "[dto][validate]") {
  for (const char *ok : {"economy", "ECONOMY", "Business", "fIrSt"})
    CHECK(rejected(with(plane(), [&](auto &p) { p.cabin_class = ok; })) == "");
  for (const char *bad : {"eco", "", " economy", "economy ", "second"})
    CHECK(rejected(with(plane(), [&](auto &p) { p.cabin_class = bad; })) ==
          "cabin_class=" + text(bad));
  CHECK_THAT(describe(validate(with(plane(), [](auto &p) { p.cabin_class = "eco"; }))),
             Catch::Contains("first, business, economy"));
}

TEST_CASE("dto: plane: number_of_trips >= 1", "[dto][validate]") {
  CHECK(rejected(with(plane(), [](auto &p) { p.number_of_trips = 1; })) == "");
  CHECK(rejected(with(plane(), [](auto &p) { p.number_of_trips = 0; })) == "number_of_trips=0");
  CHECK(rejected(with(plane(), [](auto &p) { p.number_of_trips = -3; })) == "number_of_trips=-3");
  CHECK(ProfessionalTravelPlaneHandlerCreate{}.number_of_trips == 1);
}

TEST_CASE("dto: plane: departure_date parses like the upstream hook", "[dto][validate]") {
  const auto date = [](const char *value) {
    return rejected(with(plane(), [&](auto &p) { p.departure_date = value; }));
  };
  // null and blank strings mean "no date".
  CHECK(rejected(with(plane(), [](auto &p) { p.departure_date.reset(); })) == "");
  CHECK(date("") == "");
  CHECK(date(" \t ") == "");

  for (const char *ok : {
           "2024-03-15", "2024/03/15", "20240315", "2024-02-29", // leap day
           "0001-01-01", "9999-12-31",                           // range ends
           "2024-03-15T10:30", "2024-03-15 10:30:00", "2024-03-15T10:30:00Z",
           "2024-03-15T23:59:59.999999+05:30", "2024-03-15T10:30:00.123456789",
           "2024-03-15Z",                        // 'Z' -> "+00:00"
           "2024-W11-5", "2024W115", "2020-W53", // ISO week dates
           "2024-03-15\u00e910:30",              // any one-character separator
           "20240315xx",                         // date.fromisoformat quirk
       })
    CHECK(date(ok) == "");

  for (const char *bad : {
           "2023-02-30",
           "2023-02-29",
           "2024-13-01",
           "2024-00-10",
           "0000-01-01",
           "2024-3-15",
           "2024-03",
           "15.03.2024",
           "not a date",
           " 2024-03-15",
           "2024-03-15 ",
           "2024-03-15T24:00",
           "2024-03-15T10:60",
           "2024-03-15T10:30+24:00",
           "2024-03-15T10:30ZZ",
           "2024-03-15T",
           "2021-W53",
           "2024-W01-8",
       })
    CHECK(date(bad) == "departure_date=" + text(bad));
}

TEST_CASE("dto: train: cabin_class, number_of_trips and departure_date", "[dto][validate]") {
  for (const char *ok : {"first", "second", "SECOND"})
    CHECK(rejected(with(train(), [&](auto &p) { p.cabin_class = ok; })) == "");
  for (const char *bad : {"business", "2nd", ""})
    CHECK(rejected(with(train(), [&](auto &p) { p.cabin_class = bad; })) ==
          "cabin_class=" + text(bad));
  CHECK(rejected(with(train(), [](auto &p) { p.number_of_trips = 0; })) == "number_of_trips=0");
  CHECK(rejected(with(train(), [](auto &p) { p.departure_date = "2024-02-30"; })) ==
        R"(departure_date="2024-02-30")");
  CHECK(rejected(with(train(), [](auto &p) { p.departure_date = "2024/03/15"; })) == "");
  // Fields without a rule accept anything.
  CHECK(rejected(with(train(), [](auto &p) {
          p.origin_country_code = "zz";
          p.origin_name = "";
        })) == "");
}

TEST_CASE("dto: equipment: ids and names must not be blank", "[dto][validate]") {
  CHECK(rejected(with(equipment(), [](auto &p) { p.equipment_id = " "; })) ==
        R"(equipment_id=" ")");
  CHECK(rejected(with(equipment(), [](auto &p) { p.name = ""; })) == R"(name="")");
  CHECK(rejected(with(equipment(), [](auto &p) { p.equipment_class = "\t"; })) ==
        R"(equipment_class="\t")");
  CHECK(rejected(with(equipment(), [](auto &p) { p.sub_class = ""; })) == "");
}

TEST_CASE("dto: equipment: each usage field in 0..168", "[dto][validate]") {
  const auto hours = [](std::optional<long long> active, std::optional<long long> standby) {
    return rejected(with(equipment(), [&](auto &p) {
      p.active_usage_hours_per_week = active;
      p.standby_usage_hours_per_week = standby;
    }));
  };
  CHECK(hours(0, 0) == "");
  CHECK(hours(168, std::nullopt) == "");
  CHECK(hours(std::nullopt, 168) == "");
  CHECK(hours(std::nullopt, std::nullopt) == "");
  CHECK(hours(-1, 0) == "active_usage_hours_per_week=-1");
  CHECK(hours(169, std::nullopt) == "active_usage_hours_per_week=169");
  CHECK(hours(0, -1) == "standby_usage_hours_per_week=-1");
  CHECK(hours(std::nullopt, 169) == "standby_usage_hours_per_week=169");
}

TEST_CASE("dto: equipment: active + standby <= 168, reported on standby", "[dto][validate]") {
  const auto hours = [](long long active, long long standby) {
    return with(equipment(), [&](auto &p) {
      p.active_usage_hours_per_week = active;
      p.standby_usage_hours_per_week = standby;
    });
  };
  CHECK(rejected(hours(100, 68)) == "");
  CHECK(rejected(hours(100, 69)) == "standby_usage_hours_per_week=69");
  CHECK(rejected(hours(168, 1)) == "standby_usage_hours_per_week=1");
  CHECK(reason_of(validate(hours(100, 69))) ==
        "active_usage_hours_per_week + standby_usage_hours_per_week must be <= 168 (is 169)");
  // The whole-model rule runs only when both fields passed their own check.
  CHECK(rejected(hours(200, 10)) == "active_usage_hours_per_week=200");
}

TEST_CASE("dto: external cloud: spent_amount >= 0", "[dto][validate]") {
  CHECK(rejected(with(cloud(), [](auto &p) { p.spent_amount = 0; })) == "");
  CHECK(rejected(with(cloud(), [](auto &p) { p.spent_amount = inf; })) == "");
  CHECK(rejected(with(cloud(), [](auto &p) { p.spent_amount = -0.01; })) == "spent_amount=-0.01");
  CHECK(rejected(with(cloud(), [](auto &p) { p.spent_amount = nan_value; })) == "spent_amount=NaN");
}

TEST_CASE("dto: external cloud: currency trimmed, lower-cased, null/blank = default",
          "[dto][validate]") {
  const auto currency = [](OptString value) {
    return rejected(with(cloud(), [&](auto &p) { p.currency = value; }));
  };
  for (std::string_view code : cloud_currencies)
    CHECK(currency(std::string(code)) == "");
  CHECK(currency(std::nullopt) == "");
  CHECK(currency("") == "");
  CHECK(currency("  ") == "");
  CHECK(currency(" USD ") == "");
  CHECK(currency("Eur") == "");
  CHECK(currency("gbp") == R"(currency="gbp")"); // a purchase currency only
  CHECK(currency("us d") == R"(currency="us d")");
  CHECK_THAT(describe(validate(with(cloud(), [](auto &p) { p.currency = "gbp"; }))),
             Catch::Contains("chf, eur, usd"));
}

TEST_CASE("dto: external AI: requests_per_user_per_day trimmed, case-sensitive",
          "[dto][validate]") {
  const auto requests = [](const char *value) {
    return rejected(with(ai(), [&](auto &p) { p.requests_per_user_per_day = value; }));
  };
  for (std::string_view option : requests_frequency_options)
    CHECK(requests(std::string(option).c_str()) == "");
  CHECK(requests(" gt_100\t") == "");
  for (const char *bad : {"GT_100", "", "1-5", "gt100", "3"})
    CHECK(requests(bad) == "requests_per_user_per_day=" + text(bad));
}

TEST_CASE("dto: external AI: fte_count >= 0.1", "[dto][validate]") {
  CHECK(rejected(with(ai(), [](auto &p) { p.fte_count = 0.1; })) == "");
  CHECK(rejected(with(ai(), [](auto &p) { p.fte_count = 500; })) == "");
  CHECK(rejected(with(ai(), [](auto &p) { p.fte_count = 0.09; })) == "fte_count=0.09");
  CHECK(rejected(with(ai(), [](auto &p) { p.fte_count = 0; })) == "fte_count=0.0");
  CHECK(rejected(with(ai(), [](auto &p) { p.fte_count = nan_value; })) == "fte_count=NaN");
  CHECK(reason_of(validate(with(ai(), [](auto &p) { p.fte_count = 0; }))) == "must be >= 0.1");
}

TEST_CASE("dto: purchase: amounts", "[dto][validate]") {
  CHECK(rejected(with(purchase(), [](auto &p) { p.quantity.reset(); })) == "");
  CHECK(rejected(with(purchase(), [](auto &p) { p.quantity = 0; })) == "");
  CHECK(rejected(with(purchase(), [](auto &p) { p.quantity = -0.5; })) == "quantity=-0.5");
  CHECK(rejected(with(purchase(), [](auto &p) { p.quantity = nan_value; })) == "quantity=NaN");
  CHECK(rejected(with(purchase(), [](auto &p) { p.total_spent_amount = 0; })) == "");
  CHECK(rejected(with(purchase(), [](auto &p) { p.total_spent_amount = -1; })) ==
        "total_spent_amount=-1.0");
}

TEST_CASE("dto: purchase: currency trimmed, lower-cased, null/blank = default", "[dto][validate]") {
  const auto currency = [](OptString value) {
    return rejected(with(purchase(), [&](auto &p) { p.currency = value; }));
  };
  for (std::string_view code : purchase_currencies)
    CHECK(currency(std::string(code)) == "");
  CHECK(currency(std::nullopt) == "");
  CHECK(currency(" ") == "");
  CHECK(currency("GBP ") == "");
  CHECK(currency("xyz") == R"(currency="xyz")");
  CHECK(currency("usdollar") == R"(currency="usdollar")");
}

TEST_CASE("dto: purchase: purchase_institutional_code length >= 1, untrimmed", "[dto][validate]") {
  CHECK(rejected(with(purchase(), [](auto &p) { p.purchase_institutional_code = ""; })) ==
        R"(purchase_institutional_code="")");
  CHECK(rejected(with(purchase(), [](auto &p) { p.purchase_institutional_code = " "; })) == "");
  CHECK(rejected(with(purchase(), [](auto &p) { p.name = ""; })) == ""); // no rule on name
}

TEST_CASE("dto: additional purchase: annual_consumption and coef_to_kg >= 0", "[dto][validate]") {
  CHECK(rejected(with(additional(), [](auto &p) {
          p.annual_consumption = 0;
          p.coef_to_kg = 0;
        })) == "");
  CHECK(rejected(with(additional(), [](auto &p) { p.annual_consumption = -1; })) ==
        "annual_consumption=-1.0");
  CHECK(rejected(with(additional(), [](auto &p) { p.coef_to_kg = -0.001; })) ==
        "coef_to_kg=-0.001");
  CHECK(rejected(with(additional(), [](auto &p) { p.coef_to_kg = nan_value; })) ==
        "coef_to_kg=NaN");
}

TEST_CASE("dto: building room: room_type exact, case-sensitive", "[dto][validate]") {
  for (std::string_view type : room_types)
    CHECK(rejected(with(room(), [&](auto &p) { p.room_type = std::string(type); })) == "");
  for (const char *bad : {"Office", "office ", "", "kitchen"})
    CHECK(rejected(with(room(), [&](auto &p) { p.room_type = bad; })) == "room_type=" + text(bad));
}

TEST_CASE("dto: building room: room_allocation_ratio in [0, 1] when set", "[dto][validate]") {
  const auto ratio = [](std::optional<double> value) {
    return rejected(with(room(), [&](auto &p) { p.room_allocation_ratio = value; }));
  };
  CHECK(ratio(std::nullopt) == "");
  CHECK(ratio(0.0) == "");
  CHECK(ratio(1.0) == "");
  CHECK(ratio(-0.01) == "room_allocation_ratio=-0.01");
  CHECK(ratio(1.01) == "room_allocation_ratio=1.01");
  CHECK(ratio(nan_value) == "room_allocation_ratio=NaN");
}

TEST_CASE("dto: energy combustion and process emissions: quantity >= 0", "[dto][validate]") {
  CHECK(rejected(with(combustion(), [](auto &p) { p.quantity = 0; })) == "");
  CHECK(rejected(with(combustion(), [](auto &p) { p.quantity = -0.01; })) == "quantity=-0.01");
  CHECK(rejected(with(combustion(), [](auto &p) { p.quantity = nan_value; })) == "quantity=NaN");
  CHECK(rejected(with(process(), [](auto &p) { p.quantity = 0; })) == "");
  CHECK(rejected(with(process(), [](auto &p) { p.quantity = -0.01; })) == "quantity=-0.01");
  CHECK(rejected(with(process(), [](auto &p) { p.quantity = nan_value; })) == "quantity=NaN");
}

TEST_CASE("dto: building embodied energy has no rule", "[dto][validate]") {
  CHECK(rejected(BuildingEmbodiedEnergyHandlerCreate{"", std::nullopt}) == "");
}

TEST_CASE("dto: research facilities: use >= 0 for common, unbounded for animal",
          "[dto][validate]") {
  CHECK(rejected(with(facility(), [](auto &p) { p.use = 0; })) == "");
  CHECK(rejected(with(facility(), [](auto &p) { p.use = -0.01; })) == "use=-0.01");
  CHECK(rejected(with(facility(), [](auto &p) { p.use = nan_value; })) == "use=NaN");
  CHECK(rejected(with(facility(), [](auto &p) { p.kg_co2eq = -5.0; })) == "");
  CHECK(rejected(with(animal(), [](auto &p) { p.use = -5; })) == "");
  CHECK(rejected(with(animal(), [](auto &p) { p.researchfacility_type = "rat"; })) == "");
}

// --- to_json ---

TEST_CASE("dto: to_json writes the builder key order, with nulls", "[dto][to_json]") {
  const std::vector<std::pair<Payload, std::string>> cases{
      {member(),
       R"({"name":"Ada Lovelace","sius_code":"51","fte":0.5,"user_institutional_id":"USR000042","note":"a note"})"},
      {student(), R"({"fte":0.25})"},
      {plane(),
       R"({"user_institutional_id":"USR000001","origin_iata":"GVA","destination_iata":"LHR","cabin_class":"economy","departure_date":"2024-03-15","number_of_trips":2,"note":null})"},
      {train(),
       R"({"user_institutional_id":"USR000002","origin_name":"Lausanne","origin_country_code":"CH","destination_name":"Paris","destination_country_code":"FR","cabin_class":"second","departure_date":"2024-03-15","number_of_trips":3,"note":"by night"})"},
      {equipment(),
       R"({"equipment_id":"INV-12345","name":"microscope","equipment_class":"optics","sub_class":"lens","active_usage_hours_per_week":40,"standby_usage_hours_per_week":20,"note":null})"},
      {cloud(),
       R"({"service_type":"compute","provider":"AWS","spent_amount":1234.5,"currency":"usd","note":null})"},
      {ai(),
       R"({"provider":"OpenAI","usage_type":"Chat about things.","requests_per_user_per_day":"5_20","fte_count":12.5,"note":null})"},
      {purchase(),
       R"({"name":"pipette","supplier":"Acme, Inc.","quantity":10.0,"total_spent_amount":999.99,"currency":"eur","purchase_institutional_code":"abC-12345","purchase_additional_code":"xyz-00001","note":"for the lab"})"},
      {additional(),
       R"({"name":"nitrogen","unit":"liter","annual_consumption":100.0,"coef_to_kg":0.808,"note":null})"},
      {room(),
       R"({"building_name":"Smith Hall","room_name":"R101","room_type":"office","room_allocation_ratio":0.5,"note":null})"},
      {combustion(), R"({"name":"gas","quantity":42.0,"note":null})"},
      {embodied(), R"({"building_name":"Jones Hall"})"},
      {process(),
       R"({"category":"refrigerants","subcategory":"r134a","quantity":3.5,"note":null})"},
      {facility(),
       R"({"researchfacility_id":"RF-00001","researchfacility_name":"Big Lab","use":10.0,"use_unit":"hour","note":null})"},
      {animal(),
       R"({"researchfacility_id":"RF-00002","researchfacility_name":"Mouse House","use":5.0,"use_unit":"kg","note":null,"researchfacility_type":"mice"})"},
  };
  REQUIRE(cases.size() == dto_kind_count);
  for (const auto &[payload, expected] : cases) {
    INFO(dto_name(kind_of(payload)));
    CHECK(to_json(payload).dump() == expected);
  }
}

TEST_CASE("dto: to_json writes empty optional fields as null", "[dto][to_json]") {
  const std::vector<std::pair<Payload, std::string>> cases{
      {with(member(), [](auto &p) { p.note.reset(); }),
       R"({"name":"Ada Lovelace","sius_code":"51","fte":0.5,"user_institutional_id":"USR000042","note":null})"},
      {with(plane(), [](auto &p) { p.departure_date.reset(); }),
       R"({"user_institutional_id":"USR000001","origin_iata":"GVA","destination_iata":"LHR","cabin_class":"economy","departure_date":null,"number_of_trips":2,"note":null})"},
      {EquipmentHandlerCreate{"INV-1", "pump", "fluidics", std::nullopt, std::nullopt, std::nullopt,
                              std::nullopt},
       R"({"equipment_id":"INV-1","name":"pump","equipment_class":"fluidics","sub_class":null,"active_usage_hours_per_week":null,"standby_usage_hours_per_week":null,"note":null})"},
      {with(purchase(),
            [](auto &p) {
              p.supplier.reset();
              p.quantity.reset();
              p.purchase_additional_code.reset();
              p.note.reset();
            }),
       R"({"name":"pipette","supplier":null,"quantity":null,"total_spent_amount":999.99,"currency":"eur","purchase_institutional_code":"abC-12345","purchase_additional_code":null,"note":null})"},
      {with(room(), [](auto &p) { p.room_allocation_ratio.reset(); }),
       R"({"building_name":"Smith Hall","room_name":"R101","room_type":"office","room_allocation_ratio":null,"note":null})"},
      {with(process(), [](auto &p) { p.subcategory.reset(); }),
       R"({"category":"refrigerants","subcategory":null,"quantity":3.5,"note":null})"},
  };
  for (const auto &[payload, expected] : cases) {
    INFO(dto_name(kind_of(payload)));
    CHECK(to_json(payload).dump() == expected);
  }
}

TEST_CASE("dto: to_json appends the 'written only when set' fields", "[dto][to_json]") {
  const auto both_keys = with(train(), [](auto &p) {
    p.origin_natural_key = "ch-lausanne";
    p.destination_natural_key = "fr-paris";
  });
  CHECK(
      to_json(both_keys).dump() ==
      R"({"user_institutional_id":"USR000002","origin_name":"Lausanne","origin_country_code":"CH","destination_name":"Paris","destination_country_code":"FR","cabin_class":"second","departure_date":"2024-03-15","number_of_trips":3,"note":"by night","origin_natural_key":"ch-lausanne","destination_natural_key":"fr-paris"})");
  const auto one_key = with(train(), [](auto &p) { p.destination_natural_key = "fr-paris"; });
  CHECK(
      to_json(one_key).dump() ==
      R"({"user_institutional_id":"USR000002","origin_name":"Lausanne","origin_country_code":"CH","destination_name":"Paris","destination_country_code":"FR","cabin_class":"second","departure_date":"2024-03-15","number_of_trips":3,"note":"by night","destination_natural_key":"fr-paris"})");

  const auto described =
      with(purchase(), [](auto &p) { p.purchase_institutional_description = "Consumables"; });
  CHECK(
      to_json(described).dump() ==
      R"({"name":"pipette","supplier":"Acme, Inc.","quantity":10.0,"total_spent_amount":999.99,"currency":"eur","purchase_institutional_code":"abC-12345","purchase_additional_code":"xyz-00001","note":"for the lab","purchase_institutional_description":"Consumables"})");

  const auto with_kg = with(facility(), [](auto &p) { p.kg_co2eq = 12.5; });
  CHECK(
      to_json(with_kg).dump() ==
      R"({"researchfacility_id":"RF-00001","researchfacility_name":"Big Lab","use":10.0,"use_unit":"hour","note":null,"kg_co2eq":12.5})");
}

TEST_CASE("dto: to_json keeps integers and floats apart", "[dto][to_json]") {
  const auto json_out = to_json(with(plane(), [](auto &p) { p.number_of_trips = 10; }));
  CHECK(json_out["number_of_trips"].is_number_integer());
  CHECK(json_out["number_of_trips"].dump() == "10");
  const auto whole = to_json(HeadCountStudentCreate{1});
  CHECK(whole["fte"].is_number_float());
  CHECK(whole.dump() == R"({"fte":1.0})");
  CHECK(to_json(with(cloud(), [](auto &p) { p.spent_amount = 0; }))["spent_amount"].dump() ==
        "0.0");
}

TEST_CASE("dto: to_json writes the injected default currency", "[dto][to_json]") {
  // The upstream hook runs before `data` is built, so the default persists.
  for (const OptString &blank : {OptString{}, OptString{""}, OptString{" \t"}}) {
    CHECK(to_json(with(cloud(), [&](auto &p) { p.currency = blank; }))["currency"] == "eur");
    CHECK(to_json(with(purchase(), [&](auto &p) { p.currency = blank; }))["currency"] == "chf");
  }
  // Any other value is persisted as given, not normalised.
  CHECK(to_json(with(cloud(), [](auto &p) { p.currency = " USD "; }))["currency"] == " USD ");
}

TEST_CASE("dto: to_json does not normalise values", "[dto][to_json]") {
  const auto raw = to_json(with(plane(), [](auto &p) {
    p.cabin_class = "ECONOMY";
    p.departure_date = "2024/01/05";
  }));
  CHECK(raw["cabin_class"] == "ECONOMY");
  CHECK(raw["departure_date"] == "2024/01/05");
}

// --- parse ---

TEST_CASE("dto: parse reads back what to_json writes, for every DTO", "[dto][parse]") {
  std::vector<Payload> payloads = one_of_each();
  for (Payload &p : variants())
    payloads.push_back(std::move(p));
  for (const Payload &p : payloads) {
    INFO(dto_name(kind_of(p)) << ": " << to_json(p).dump());
    const Parsed in_memory = parse(kind_of(p), to_json(p));
    INFO(describe(in_memory.errors));
    REQUIRE(in_memory.payload);
    CHECK(same(*in_memory.payload, p));
    // Through JSON text as well: doubles survive their shortest form.
    const Parsed from_text = parse(kind_of(p), json::parse(to_json(p).dump()));
    REQUIRE(from_text.payload);
    CHECK(same(*from_text.payload, p));
  }
}

TEST_CASE("dto: parse requires a JSON object", "[dto][parse]") {
  CHECK(parse_errors(DtoKind::head_count, json::array()) == "data=[]");
  CHECK(parse_errors(DtoKind::head_count, "text") == R"(data="text")");
  CHECK(parse_errors(DtoKind::plane, nullptr) == "data=null");
  CHECK(parse_errors(DtoKind::head_count_student, 5) == "data=5");
  CHECK(reason_of(parse(DtoKind::head_count_student, 5).errors) == "must be a JSON object");
}

TEST_CASE("dto: parse reports missing required keys", "[dto][parse]") {
  const Parsed parsed = parse(DtoKind::head_count, json{{"name", "Ada"}, {"note", nullptr}});
  CHECK_FALSE(parsed.payload);
  CHECK(outcome(parsed.errors) == "sius_code=; fte=; user_institutional_id=");
  CHECK(parsed.errors.front().reason == "field required");
  CHECK(parse_errors(DtoKind::building_embodied_energy, json::object()) == "building_name=");
  CHECK(describe(parse(DtoKind::building_embodied_energy, json::object()).errors) ==
        "building_name: field required");
}

TEST_CASE("dto: parse ignores unknown keys", "[dto][parse]") {
  json data = to_json(combustion());
  data["status"] = "1";
  data["kg_co2eq"] = "not checked";
  CHECK(same(parsed_as<EnergyCombustionHandlerCreate>(data), combustion()));
}

TEST_CASE("dto: parse: string fields accept only strings", "[dto][parse]") {
  json data = to_json(member());
  data["sius_code"] = 51;
  CHECK(parse_errors(DtoKind::head_count, data) == "sius_code=51");
  CHECK(reason_of(parse(DtoKind::head_count, data).errors) == "must be a string");
  data["sius_code"] = nullptr;
  CHECK(parse_errors(DtoKind::head_count, data) == "sius_code=null");
  data["sius_code"] = true;
  CHECK(parse_errors(DtoKind::head_count, data) == "sius_code=true");
  data["sius_code"] = json::array({"51"});
  CHECK(parse_errors(DtoKind::head_count, data) == R"(sius_code=["51"])");
  // Upstream crashes on a non-string user_institutional_id; here it is an error.
  data = to_json(member());
  data["user_institutional_id"] = 42;
  CHECK(parse_errors(DtoKind::head_count, data) == "user_institutional_id=42");
  // The animal DTO has no str() hook on its id.
  data = to_json(animal());
  data["researchfacility_id"] = 123;
  CHECK(parse_errors(DtoKind::research_facilities_animal, data) == "researchfacility_id=123");
}

TEST_CASE("dto: parse: optional fields accept null or a missing key", "[dto][parse]") {
  json data = to_json(purchase());
  data["supplier"] = nullptr;
  data.erase("quantity");
  data.erase("note");
  const auto p = parsed_as<PurchaseHandlerCreate>(data);
  CHECK_FALSE(p.supplier);
  CHECK_FALSE(p.quantity);
  CHECK_FALSE(p.note);
  CHECK_FALSE(p.purchase_institutional_description);

  data["supplier"] = 7;
  data["quantity"] = "many";
  data["purchase_institutional_description"] = false;
  CHECK(parse_errors(DtoKind::purchase, data) ==
        R"(supplier=7; quantity="many"; purchase_institutional_description=false)");
  CHECK_THAT(describe(parse(DtoKind::purchase, data).errors),
             Catch::Contains("must be a string or null") &&
                 Catch::Contains("must be a number or null"));

  json equipment_data = to_json(equipment());
  equipment_data["active_usage_hours_per_week"] = nullptr;
  equipment_data.erase("standby_usage_hours_per_week");
  const auto e = parsed_as<EquipmentHandlerCreate>(equipment_data);
  CHECK_FALSE(e.active_usage_hours_per_week);
  CHECK_FALSE(e.standby_usage_hours_per_week);
  equipment_data["standby_usage_hours_per_week"] = 1.5;
  CHECK(parse_errors(DtoKind::equipment, equipment_data) == "standby_usage_hours_per_week=1.5");
}

TEST_CASE("dto: parse: departure_date is a string or null", "[dto][parse]") {
  json data = to_json(plane());
  data["departure_date"] = nullptr;
  CHECK_FALSE(parsed_as<ProfessionalTravelPlaneHandlerCreate>(data).departure_date);
  // Kept as written: checking the date is validate's job.
  data["departure_date"] = "2024/01/05";
  CHECK(parsed_as<ProfessionalTravelPlaneHandlerCreate>(data).departure_date == "2024/01/05");
  data["departure_date"] = 20240105;
  CHECK(parse_errors(DtoKind::plane, data) == "departure_date=20240105");
}

TEST_CASE("dto: parse: number_of_trips defaults to 1 when missing, never null", "[dto][parse]") {
  json data = to_json(train());
  data.erase("number_of_trips");
  CHECK(parsed_as<ProfessionalTravelTrainHandlerCreate>(data).number_of_trips == 1);
  data["number_of_trips"] = nullptr;
  CHECK(parse_errors(DtoKind::train, data) == "number_of_trips=null");
}

TEST_CASE("dto: parse: float fields accept ints, floats, booleans", "[dto][parse]") {
  const auto fte = [](const json &value) {
    return parsed_as<HeadCountStudentCreate>(json{{"fte", value}}).fte;
  };
  CHECK(fte(1) == 1.0);
  CHECK(fte(0.75) == 0.75);
  CHECK(fte(true) == 1.0);
  CHECK(fte(false) == 0.0);
  CHECK(fte(18446744073709551615ULL) == 18446744073709551615.0);
  for (const json &bad : {json(nullptr), json::array(), json::object(), json("abc")})
    CHECK(parse_errors(DtoKind::head_count_student, json{{"fte", bad}}) == "fte=" + bad.dump());
  CHECK(reason_of(parse(DtoKind::head_count_student, json{{"fte", "abc"}}).errors) ==
        "must be a number");
}

TEST_CASE("dto: parse: numeric strings follow Python's float()", "[dto][parse]") {
  const auto fte = [](const char *value) {
    return parsed_as<HeadCountStudentCreate>(json{{"fte", value}}).fte;
  };
  CHECK(fte("0.5") == 0.5);
  CHECK(fte(" 0.5\n") == 0.5);
  CHECK(fte("\u00a07\u2003") == 7.0); // Unicode spaces are stripped too
  CHECK(fte("1_000.000_5") == 1000.0005);
  CHECK(fte("1e-1") == 0.1);
  CHECK(fte("1E3") == 1000.0);
  CHECK(fte("+.5") == 0.5);
  CHECK(fte("5.") == 5.0);
  CHECK(fte("-1_0e1_0") == -1e11);
  CHECK(std::isnan(fte("nan")));
  CHECK(std::isnan(fte("-NaN")));
  CHECK(fte("inf") == inf);
  CHECK(fte("+Infinity") == inf);
  CHECK(fte("-iNfInItY") == -inf);
  CHECK(fte("1e400") == inf); // overflow gives infinity, as in Python
  CHECK(fte("-1e400") == -inf);
  CHECK(fte("1e-400") == 0.0);    // and underflow zero
  CHECK(fte("4e-320") == 4e-320); // subnormals are kept

  for (const char *bad : {"", " ", "1__0", "_1", "1_", "1_.5", "1._5", "0x10", "1e", "e5", ".",
                          "1.2.3", "nan(1)", "infinit", "1 0",
                          "\x1c"
                          "1",
                          "abc", "1e+_5"})
    CHECK(parse_errors(DtoKind::head_count_student, json{{"fte", bad}}) == "fte=" + text(bad));
}

TEST_CASE("dto: parse: int fields accept integral values only", "[dto][parse]") {
  const auto trips = [](const json &value) {
    json data = to_json(plane());
    data["number_of_trips"] = value;
    return data;
  };
  const auto parsed_trips = [&](const json &value) {
    return parsed_as<ProfessionalTravelPlaneHandlerCreate>(trips(value)).number_of_trips;
  };
  CHECK(parsed_trips(4) == 4);
  CHECK(parsed_trips(4.0) == 4);
  CHECK(parsed_trips(true) == 1);
  CHECK(parsed_trips(false) == 0); // a type match; validate then rejects it
  CHECK(parsed_trips("3") == 3);
  CHECK(parsed_trips(" 3.0 ") == 3);
  CHECK(parsed_trips("1_0") == 10);
  CHECK(parsed_trips("1e3") == 1000);
  // The string goes through a double first, as upstream: 2^53 + 1 rounds.
  CHECK(parsed_trips("9007199254740993") == 9007199254740992);
  CHECK(parsed_trips(-9223372036854775807LL - 1) == std::numeric_limits<long long>::min());

  CHECK(parse_errors(DtoKind::plane, trips(2.5)) == "number_of_trips=2.5");
  CHECK(reason_of(parse(DtoKind::plane, trips(2.5)).errors) ==
        "must be an integer (has a fractional part)");
  CHECK(parse_errors(DtoKind::plane, trips("2.5")) == R"(number_of_trips="2.5")");
  CHECK(parse_errors(DtoKind::plane, trips("two")) == R"(number_of_trips="two")");
  CHECK(reason_of(parse(DtoKind::plane, trips("two")).errors) == "must be an integer");
  CHECK(parse_errors(DtoKind::plane, trips("nan")) == R"(number_of_trips="nan")");
  CHECK(reason_of(parse(DtoKind::plane, trips("inf")).errors) == "must be a finite integer");
  CHECK(parse_errors(DtoKind::plane, trips(1e19)) == "number_of_trips=1e+19");
  CHECK(parse_errors(DtoKind::plane, trips(18446744073709551615ULL)) ==
        "number_of_trips=18446744073709551615");
  CHECK(reason_of(parse(DtoKind::plane, trips(1e19)).errors) ==
        "is out of the 64-bit integer range");
  CHECK(parse_errors(DtoKind::plane, trips(json::array())) == "number_of_trips=[]");
}

TEST_CASE("dto: parse collects every error and sets no payload", "[dto][parse]") {
  const json data{{"equipment_id", 1},
                  {"name", "pump"},
                  {"active_usage_hours_per_week", "x"},
                  {"standby_usage_hours_per_week", 0.5}};
  const Parsed parsed = parse(DtoKind::equipment, data);
  CHECK_FALSE(parsed.payload);
  CHECK(outcome(parsed.errors) == "equipment_id=1; equipment_class=; "
                                  R"(active_usage_hours_per_week="x"; )"
                                  "standby_usage_hours_per_week=0.5");
}

TEST_CASE("dto: parse: research-facility id and name become their str()", "[dto][parse]") {
  const auto id = [](const json &value) {
    json data = to_json(facility());
    data["researchfacility_id"] = value;
    return data;
  };
  const auto parsed_id = [&](const json &value) {
    return parsed_as<ResearchFacilitiesCommonHandlerCreate>(id(value)).researchfacility_id;
  };
  CHECK(parsed_id("RF-1") == "RF-1");
  CHECK(parsed_id("") == "");
  CHECK(parsed_id(123) == "123");
  CHECK(parsed_id(-7) == "-7");
  CHECK(parsed_id(123.0) == "123.0");
  CHECK(parsed_id(1.5) == "1.5");
  CHECK(parsed_id(1e16) == "1e+16");
  CHECK(parsed_id(1e15) == "1000000000000000.0");
  CHECK(parsed_id(1e-5) == "1e-05");
  CHECK(parsed_id(0.0001) == "0.0001");
  CHECK(parsed_id(true) == "True");
  CHECK(parsed_id(false) == "False");
  CHECK(parse_errors(DtoKind::research_facilities_common, id(nullptr)) ==
        "researchfacility_id=null");
  CHECK(reason_of(parse(DtoKind::research_facilities_common, id(nullptr)).errors) ==
        "must not be null");

  json data = to_json(facility());
  data["researchfacility_name"] = 42;
  CHECK(parsed_as<ResearchFacilitiesCommonHandlerCreate>(data).researchfacility_name == "42");
  data.erase("researchfacility_name");
  CHECK(parse_errors(DtoKind::research_facilities_common, data) == "researchfacility_name=");
}

TEST_CASE("dto: parse: research-facility use must be a number", "[dto][parse]") {
  json data = to_json(facility());
  data["use"] = "12.5";
  CHECK(parsed_as<ResearchFacilitiesCommonHandlerCreate>(data).use == 12.5);
  data["use"] = -1; // a type match; validate rejects the sign
  CHECK(parsed_as<ResearchFacilitiesCommonHandlerCreate>(data).use == -1.0);
  data["use"] = nullptr;
  CHECK(parse_errors(DtoKind::research_facilities_common, data) == "use=null");
  data["use"] = "lots";
  CHECK(parse_errors(DtoKind::research_facilities_common, data) == R"(use="lots")");
  data["use"] = 1;
  data["kg_co2eq"] = "2.5";
  CHECK(parsed_as<ResearchFacilitiesCommonHandlerCreate>(data).kg_co2eq == 2.5);
}

TEST_CASE("dto: parse injects the default currency like the upstream hook", "[dto][parse]") {
  json data = to_json(cloud());
  for (const json &blank : {json(nullptr), json(""), json(" \t")}) {
    data["currency"] = blank;
    CHECK(parsed_as<ExternalCloudHandlerCreate>(data).currency == "eur");
  }
  data.erase("currency");
  CHECK(parsed_as<ExternalCloudHandlerCreate>(data).currency == "eur");
  data["currency"] = " USD ";
  CHECK(parsed_as<ExternalCloudHandlerCreate>(data).currency == " USD ");
  data["currency"] = 5;
  CHECK(parse_errors(DtoKind::external_cloud, data) == "currency=5");

  json purchase_data = to_json(purchase());
  purchase_data.erase("currency");
  CHECK(parsed_as<PurchaseHandlerCreate>(purchase_data).currency == "chf");
}

// --- dto_name and describe ---

TEST_CASE("dto: dto_name gives the upstream class name", "[dto]") {
  const std::vector<std::pair<DtoKind, std::string_view>> names{
      {DtoKind::head_count, "HeadCountCreate"},
      {DtoKind::head_count_student, "HeadCountStudentCreate"},
      {DtoKind::plane, "ProfessionalTravelPlaneHandlerCreate"},
      {DtoKind::train, "ProfessionalTravelTrainHandlerCreate"},
      {DtoKind::equipment, "EquipmentHandlerCreate"},
      {DtoKind::external_cloud, "ExternalCloudHandlerCreate"},
      {DtoKind::external_ai, "ExternalAIHandlerCreate"},
      {DtoKind::purchase, "PurchaseHandlerCreate"},
      {DtoKind::purchase_additional, "PurchaseAdditionalHandlerCreate"},
      {DtoKind::building_room, "BuildingRoomHandlerCreate"},
      {DtoKind::energy_combustion, "EnergyCombustionHandlerCreate"},
      {DtoKind::building_embodied_energy, "BuildingEmbodiedEnergyHandlerCreate"},
      {DtoKind::process_emissions, "ProcessEmissionsHandlerCreate"},
      {DtoKind::research_facilities_common, "ResearchFacilitiesCommonHandlerCreate"},
      {DtoKind::research_facilities_animal, "ResearchFacilitiesAnimalHandlerCreate"},
  };
  REQUIRE(names.size() == dto_kind_count);
  for (const auto &[kind, name] : names)
    CHECK(dto_name(kind) == name);
  // The payload fixtures are in DtoKind order as well.
  const auto payloads = one_of_each();
  for (std::size_t i = 0; i < payloads.size(); ++i)
    CHECK(kind_of(payloads[i]) == static_cast<DtoKind>(i));
}

TEST_CASE("dto: an unknown DtoKind is refused", "[dto]") {
  const auto unknown = static_cast<DtoKind>(dto_kind_count);
  CHECK_THROWS_AS(dto_name(unknown), std::out_of_range);
  CHECK_THROWS_AS(parse(unknown, json::object()), std::out_of_range);
}

TEST_CASE("dto: describe joins field=value: reason", "[dto]") {
  CHECK(describe({}) == "");
  CHECK(describe({{"fte", "1.5", "must be between 0.0 and 1.0 (inclusive)"}}) ==
        "fte=1.5: must be between 0.0 and 1.0 (inclusive)");
  CHECK(describe({{"sius_code", R"("55")", "bad"}, {"fte", "", "field required"}}) ==
        R"(sius_code="55": bad; fte: field required)");
  CHECK(describe(validate(with(room(), [](auto &p) { p.room_type = "Office"; }))) ==
        R"(room_type="Office": must be one of office, miscellaneous, laboratories, archives, )"
        "libraries, auditoriums (case-sensitive)");
}

TEST_CASE("dto: write_json writes exactly what to_json dumps", "[dto]") {
  using namespace seed::dto;
  std::vector<Payload> payloads{
      HeadCountCreate{"Ana \"Q\" O'Neil\\", "51", 1.0, "USR000001", std::string("tab\there\nline")},
      HeadCountStudentCreate{0.25},
      ProfessionalTravelPlaneHandlerCreate{"USR1", "GVA", "JFK", "economy",
                                           std::string("2024-02-29"), 3, std::nullopt},
      ExternalCloudHandlerCreate{"compute", "AWS", 1234.5, std::nullopt, std::nullopt},
      PurchaseHandlerCreate{"X", std::nullopt, 12.0, 100.01, std::string("usd"), "abc-12345",
                            std::string("desc"), std::nullopt, std::string("\x01ctrl")},
      ResearchFacilitiesCommonHandlerCreate{"RF-1", "Zürich HB", 0.0, "kg", std::nullopt, 1e-7},
      EquipmentHandlerCreate{"INV-1", "n", "c", std::nullopt, 0LL, 168LL, std::nullopt},
      BuildingEmbodiedEnergyHandlerCreate{"", std::nullopt},
  };
  for (const auto &payload : payloads) {
    std::string text = "prefix:";
    write_json(payload, text);
    CHECK(text == "prefix:" + to_json(payload).dump());
  }
}

// --- The factor link key (emissions.md §2.3) ---

TEST_CASE("dto: to_json appends the factor link key last", "[dto][to_json][link]") {
  std::vector<Payload> payloads = one_of_each();
  for (Payload &p : variants())
    payloads.push_back(std::move(p));
  for (const Payload &p : payloads) {
    const auto plain = to_json(p);
    INFO(dto_name(kind_of(p)) << ": " << plain.dump());
    CHECK_FALSE(plain.contains("primary_factor_id"));
    CHECK(to_json(p, std::nullopt) == plain);
    for (const std::optional<int> id : {std::optional<int>(42), std::optional<int>()}) {
      auto linked = to_json(p, FactorLinkKey{id});
      REQUIRE(linked.size() == plain.size() + 1);
      CHECK(std::prev(linked.end()).key() == "primary_factor_id");
      if (id)
        CHECK(linked.at("primary_factor_id") == *id);
      else
        CHECK(linked.at("primary_factor_id").is_null());
      // Everything before it is the payload's own object, in its order.
      linked.erase("primary_factor_id");
      CHECK(linked.dump() == plain.dump());
    }
  }
}

TEST_CASE("dto: the link key text, after the 'written only when set' fields",
          "[dto][to_json][link]") {
  CHECK(to_json(combustion(), FactorLinkKey{7}).dump() ==
        R"({"name":"gas","quantity":42.0,"note":null,"primary_factor_id":7})");
  CHECK(to_json(combustion(), FactorLinkKey{}).dump() ==
        R"({"name":"gas","quantity":42.0,"note":null,"primary_factor_id":null})");
  CHECK(
      to_json(with(facility(), [](auto &p) { p.kg_co2eq = 12.5; }), FactorLinkKey{3}).dump() ==
      R"({"researchfacility_id":"RF-00001","researchfacility_name":"Big Lab","use":10.0,"use_unit":"hour","note":null,"kg_co2eq":12.5,"primary_factor_id":3})");
  CHECK(
      to_json(with(purchase(), [](auto &p) { p.purchase_institutional_description = "D"; }),
              FactorLinkKey{2147483647})
          .dump() ==
      R"({"name":"pipette","supplier":"Acme, Inc.","quantity":10.0,"total_spent_amount":999.99,"currency":"eur","purchase_institutional_code":"abC-12345","purchase_additional_code":"xyz-00001","note":"for the lab","purchase_institutional_description":"D","primary_factor_id":2147483647})");
  CHECK(to_json(student(), FactorLinkKey{0}).dump() == R"({"fte":0.25,"primary_factor_id":0})");
}

TEST_CASE("dto: write_json with a link writes exactly what to_json dumps",
          "[dto][write_json][link]") {
  std::vector<Payload> payloads = one_of_each();
  for (Payload &p : variants())
    payloads.push_back(std::move(p));
  payloads.push_back(BuildingEmbodiedEnergyHandlerCreate{"", std::nullopt});
  payloads.push_back(BuildingEmbodiedEnergyHandlerCreate{"B", 0.1 + 0.2});
  const std::vector<std::optional<FactorLinkKey>> links{std::nullopt, FactorLinkKey{},
                                                        FactorLinkKey{1}, FactorLinkKey{-5},
                                                        FactorLinkKey{2147483647}};
  for (const Payload &p : payloads)
    for (const auto &link : links) {
      INFO(dto_name(kind_of(p)) << " link "
                                << (link ? (link->primary_factor_id
                                                ? std::to_string(*link->primary_factor_id)
                                                : std::string("null"))
                                         : std::string("none")));
      std::string text = "prefix:";
      write_json(p, text, link);
      CHECK(text == "prefix:" + to_json(p, link).dump());
    }
}

TEST_CASE("dto: parse ignores the link key", "[dto][parse][link]") {
  for (const Payload &p : one_of_each()) {
    INFO(dto_name(kind_of(p)));
    const Parsed parsed = parse(kind_of(p), json::parse(to_json(p, FactorLinkKey{9}).dump()));
    REQUIRE(parsed.payload);
    CHECK(same(*parsed.payload, p));
  }
}

// --- The embodied-energy surface ---

TEST_CASE("dto: embodied room_surface_square_meter is written only when set",
          "[dto][to_json][embodied]") {
  CHECK(to_json(embodied()).dump() == R"({"building_name":"Jones Hall"})");
  const auto set = with(embodied(), [](auto &p) { p.room_surface_square_meter = 123.5; });
  CHECK(to_json(set).dump() ==
        R"({"building_name":"Jones Hall","room_surface_square_meter":123.5})");
  // A whole number stays a JSON float.
  const auto whole = with(embodied(), [](auto &p) { p.room_surface_square_meter = 100; });
  CHECK(to_json(whole).dump() ==
        R"({"building_name":"Jones Hall","room_surface_square_meter":100.0})");
  CHECK(to_json(whole)["room_surface_square_meter"].is_number_float());
  for (const auto &p : {embodied(), set, whole}) {
    std::string text;
    write_json(p, text);
    CHECK(text == to_json(p).dump());
  }
  // Not a rule of the DTO: validate does not look at it.
  CHECK(rejected(set) == "");
}

TEST_CASE("dto: parse reads the embodied surface back", "[dto][parse][embodied]") {
  const auto set = with(embodied(), [](auto &p) { p.room_surface_square_meter = 42.25; });
  CHECK(parsed_as<BuildingEmbodiedEnergyHandlerCreate>(to_json(set)).room_surface_square_meter ==
        std::optional<double>(42.25));
  CHECK(parsed_as<BuildingEmbodiedEnergyHandlerCreate>(json::parse(to_json(set).dump()))
            .room_surface_square_meter == std::optional<double>(42.25));
  CHECK_FALSE(parsed_as<BuildingEmbodiedEnergyHandlerCreate>(json{{"building_name", "B"}})
                  .room_surface_square_meter);
  CHECK_FALSE(parsed_as<BuildingEmbodiedEnergyHandlerCreate>(
                  json{{"building_name", "B"}, {"room_surface_square_meter", nullptr}})
                  .room_surface_square_meter);
  // Lax numbers as for the declared float fields.
  CHECK(parsed_as<BuildingEmbodiedEnergyHandlerCreate>(
            json{{"building_name", "B"}, {"room_surface_square_meter", 80}})
            .room_surface_square_meter == std::optional<double>(80.0));
  CHECK(parsed_as<BuildingEmbodiedEnergyHandlerCreate>(
            json{{"building_name", "B"}, {"room_surface_square_meter", " 12.5 "}})
            .room_surface_square_meter == std::optional<double>(12.5));
  CHECK(parse_errors(DtoKind::building_embodied_energy,
                     json{{"building_name", "B"}, {"room_surface_square_meter", "wide"}}) ==
        R"(room_surface_square_meter="wide")");
  CHECK(parse_errors(DtoKind::building_embodied_energy,
                     json{{"building_name", "B"}, {"room_surface_square_meter", json::array()}}) ==
        "room_surface_square_meter=[]");
}

TEST_CASE("dto: is_blank is Python's strip() leaving nothing", "[dto]") {
  CHECK(seed::dto::is_blank(""));
  CHECK(seed::dto::is_blank(" \t\r\n\v\f"));
  CHECK(seed::dto::is_blank("\u00a0\u2003\x1c"));
  CHECK_FALSE(seed::dto::is_blank(" a "));
  CHECK_FALSE(seed::dto::is_blank("\u00b0"));
}

TEST_CASE("dto::strip removes what Python's str.strip() removes", "[dto]") {
  CHECK(strip(" USR000008 ") == "USR000008");
  CHECK(strip("\t\n EXT-777\u00a0") == "EXT-777");
  CHECK(strip("\u3000a b\u2029") == "a b");
  CHECK(strip("usr000008") == "usr000008");
  CHECK(strip("   ").empty());
}
