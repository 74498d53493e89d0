// The judgments `seed-random check` makes per data entry: payload,
// member-unique, scope, emissions and audit. Each calls the code the writer
// uses — dto::parse / validate, the application's schemas, the catalog,
// FactorIndex::link + compute_emissions, audit::write_hash_input +
// sha256_hex — and never a second copy of a rule.
#pragma once

#include "seed/check/findings.hpp"
#include "seed/check/records.hpp"
#include "seed/model/app_contract.hpp"
#include "seed/model/catalog.hpp"
#include "seed/model/dto.hpp"
#include "seed/rules/emissions.hpp"
#include "seed/rules/factors.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace seed::check {

// --- Interface ---

// An entry's data decoded once for every rule.
struct DecodedEntry {
  const catalog::EntryType *type = nullptr; // null: not a DataEntryTypeEnum value
  nlohmann::json data;                      // null when SQL NULL or not JSON
  bool data_is_json = false;
  std::optional<dto::Payload> payload; // set when parse found no type error
  dto::Errors errors;                  // parse errors, else validate errors
  // data.primary_factor_id, when the key is there (null -> a link key without id).
  std::optional<dto::FactorLinkKey> link;
};
[[nodiscard]] DecodedEntry decode(const EntryRecord &entry);

// payload: the DTO's field errors (or the reason there is no payload), then
// the application's schema when given.
void judge_payload(const EntryRecord &entry, const DecodedEntry &decoded,
                   const contract::AppSchemas *app_schemas, Findings &findings);

// scope: year / unit_id equal to the report's (when not NULL), the entry type
// known and of the module's type.
void judge_scope(const EntryRecord &entry, const DecodedEntry &decoded, const ModuleRecord &module,
                 const ReportRecord &report, Findings &findings);

// member-unique: the member ids of one module (clear() between modules).
class MemberIds {
public:
  void clear() { seen_.clear(); }
  void judge(const EntryRecord &entry, const DecodedEntry &decoded, Findings &findings);

private:
  std::unordered_set<std::string> seen_;
};

// The first difference between the rows the application computes and the
// stored ones (matched by emission type and factor; kg and additional value
// to 1e-9 relative), or nullopt when they agree.
[[nodiscard]] std::optional<std::string>
emission_difference(const std::vector<EmissionRow> &expected,
                    const std::vector<EmissionRecord> &stored);

// emissions: relinks the payload (when the entry type stores a link) and
// computes its rows from `factors` and `reference` for `report_year`, then
// compares them with `stored`. Entries without a payload are not judged
// (payload reports them).
void judge_emissions(const EntryRecord &entry, const DecodedEntry &decoded, int report_year,
                     const FactorIndex &factors, const ReferenceData &reference,
                     const std::vector<EmissionRecord> &stored, Findings &findings);

// audit: `documents` (the entry's DataEntry documents in version order) hold a
// version 1 and one current document (the latest), each previous_hash is the
// previous version's current_hash (NULL for version 1), and a lone version 1
// hashes to what the entry row gives (audit::write_hash_input).
void judge_audit(const EntryRecord &entry, const DecodedEntry &decoded,
                 const std::vector<AuditRecord> &documents, Findings &findings);

} // namespace seed::check
