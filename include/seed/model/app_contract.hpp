// The DTO contract with the live application (issue 10).
//
// A bundle is one JSON document: the create-DTO schemas as pydantic writes
// them (`Model.model_json_schema()`, keyed by class name) and the map from
// data entry type id to class name. `our_bundle` is our side, generated from
// the DTO field table (dto::json_schema) and the catalog; the application's
// side comes from `scripts/app-contract.py export`. `compare` lists every
// difference field by field; `AppSchemas` compiles the application's
// schemas (valijson) and checks each generated payload against them.
//
// valijson 1.0 (Debian libvalijson-dev) implements JSON Schema draft 7. Of
// what pydantic 2 writes for these DTOs it handles type (also as a list),
// properties, required, additionalProperties, enum, const, anyOf/oneOf/
// allOf, minimum/maximum/exclusive*, minLength/maxLength, pattern, and
// "$ref": "#/$defs/Name" (a local JSON pointer; "$defs" itself is not a
// draft-7 keyword, but the pointer resolves). title/default/description are
// ignored, as they should be. Its "format": "date" is a regex match of
// YYYY-MM-DD plus a day-of-month check without leap years (2023-02-29
// passes), and it compiles that regex on every call: formats are therefore
// checked once per distinct value (see take_format). Keywords of 2020-12 it
// does not know (prefixItems, unevaluated*, dependent*, $dynamicRef, ...)
// would be ignored silently; a schema using one is refused instead.
#pragma once

#include "seed/model/dto.hpp"

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace seed::contract {

// --- Interface ---

// "format" of a bundle; both sides write it, a different value is refused.
inline constexpr const char *bundle_format = "co2-calculator create-dto schemas v1";

// The keys every create-DTO inherits from DataEntryCreate (payloads.md §3.0):
// passed beside the payload or built from it, never part of it. Not compared,
// and not required of a payload.
inline constexpr std::array<const char *, 4> meta_keys{"data_entry_type_id",
                                                       "carbon_report_module_id", "status", "data"};

// Our contract: {"format", "entry_types": {"1": "HeadCountCreate", ...},
// "schemas": {"HeadCountCreate": {...}, ...}}.
[[nodiscard]] nlohmann::ordered_json our_bundle();

struct Finding {
  std::string where; // "HeadCountCreate.name", "entry type plane (20)"
  std::string ours;  // what we write, e.g. "string, required"
  std::string app;   // what the application declares, e.g. "not declared"
  bool warning = false;
  [[nodiscard]] std::string line() const; // "where: ours ...; app ..."
};

// Every difference between our bundle and the application's, failures first
// in DTO and field order, then warnings. Throws BundleError when `app` is
// not a bundle.
[[nodiscard]] std::vector<Finding> compare(const nlohmann::ordered_json &ours,
                                           const nlohmann::ordered_json &app);

// The file is unreadable or not a bundle.
class BundleError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// The application's DTOs differ from ours (exit 3, nothing written).
class DtoContractDrift : public std::runtime_error {
public:
  explicit DtoContractDrift(std::vector<Finding> failures);
  [[nodiscard]] const std::vector<Finding> &failures() const noexcept { return failures_; }

private:
  std::vector<Finding> failures_;
};

// The application's schemas, compiled for the per-payload check.
class AppSchemas {
public:
  // Compiles every schema `ours` needs from the application's bundle. Run
  // `compare` first: a class missing from `app` throws BundleError.
  explicit AppSchemas(const nlohmann::ordered_json &app);
  ~AppSchemas();
  AppSchemas(AppSchemas &&) noexcept;
  AppSchemas &operator=(AppSchemas &&) noexcept;

  // The first violation of the application's schema for `kind`, as field,
  // value and the schema's reason; nullopt when the payload passes. Safe to
  // call from several threads at once.
  [[nodiscard]] std::optional<dto::FieldError> check(dto::DtoKind kind,
                                                     const dto::Payload &payload) const;

private:
  struct Compiled;
  std::unique_ptr<Compiled> compiled_;
};

// Reads FILE, compares it with our_bundle() and compiles it. Throws
// BundleError (unreadable, not JSON, not a bundle) or DtoContractDrift (one
// finding per failure); `warnings` receives the findings that do not fail.
[[nodiscard]] AppSchemas load(const std::string &path, std::vector<Finding> &warnings);

} // namespace seed::contract
