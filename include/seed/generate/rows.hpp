// Row encoders: turn the plan into COPY rows, table by table.
//
// Ids are arithmetic (the first id of each table plus a row number), so a
// child names its parent without asking the database. Each row's values come
// from an Rng keyed by the row's number, so any slice of rows can be encoded
// by any thread with identical bytes.
#pragma once

#include "seed/generate/equipment_pool.hpp"
#include "seed/generate/factor_pool.hpp"
#include "seed/generate/module_totals.hpp"
#include "seed/generate/plan.hpp"
#include "seed/generate/status_mix.hpp"
#include "seed/io/copy_text.hpp"
#include "seed/model/app_contract.hpp"
#include "seed/model/dto.hpp"
#include "seed/rules/emissions.hpp"
#include "seed/rules/factors.hpp"

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace seed::rows {

// --- Interface ---

// First id of each table with a SERIAL id (reserved from its sequence).
struct IdBases {
  std::int64_t unit = 1;
  std::int64_t user = 1;
  std::int64_t project = 1;
  std::int64_t report = 1;
  std::int64_t module = 1;
  std::int64_t entry = 1;
  std::int64_t audit = 1; // audit_documents: one per entry, in entry order
};

struct RunContext {
  const Plan *plan = nullptr;
  IdBases ids;
  const EquipmentPool *equipment_pool = nullptr;
  // Computed emissions (plan().options().emissions): the factors, the pool
  // payloads draw from, and the reference rows the formulas read. Required
  // in that mode, unused otherwise.
  const FactorIndex *factors = nullptr;
  const FactorPool *factor_pool = nullptr;
  const ReferenceData *reference = nullptr;
  // "YYYY-MM-DD HH:MM:SS.ffffff", the transaction's start in UTC (the epoch until set).
  std::string now_utc = "1970-01-01 00:00:00.000000";
  std::string formula_version;
  // Which modules with entries show as validated (status_mix.hpp).
  status_mix::StatusMix status_mix = status_mix::StatusMix::campaign;
  // --app-dto-schemas: every payload is also checked against the
  // application's own schema of its DTO (after our validators).
  const contract::AppSchemas *app_schemas = nullptr;
  // Fault injection for tests: called on every payload before validation.
  std::function<void(int data_entry_type_id, dto::Payload &)> tamper;
  // When set, every emission row's kg (rollups excepted) is added to its
  // (unit-year = report index, module type): the summary's totals table.
  ModuleTotals *totals = nullptr;
};

// A payload failed its DTO: entry type, field and value are in what().
class ValidationFailure : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// Called with a buffer holding complete rows whenever it grows past a
// threshold, and once at the end.
using Flush = std::function<void(copy::RowBuffer &)>;

void encode_units(const RunContext &context, copy::RowBuffer &out, const Flush &flush);
void encode_users(const RunContext &context, copy::RowBuffer &out, const Flush &flush);
void encode_unit_users(const RunContext &context, copy::RowBuffer &out, const Flush &flush);
void encode_year_configuration(const RunContext &context, const std::vector<int> &years,
                               copy::RowBuffer &out, const Flush &flush);
void encode_carbon_projects(const RunContext &context, copy::RowBuffer &out, const Flush &flush);
// `stats`, when given, holds every report's (module's) stats text by index
// (empty: NULL); else the stats column is NULL, to be filled from the staging
// tables.
void encode_carbon_reports(const RunContext &context, copy::RowBuffer &out, const Flush &flush,
                           const std::vector<std::string> *stats = nullptr);
void encode_carbon_report_modules(const RunContext &context, copy::RowBuffer &out,
                                  const Flush &flush,
                                  const std::vector<std::string> *stats = nullptr);

// The stats JSON of one module or report (carbon_report_modules.stats,
// carbon_reports.stats), by row id.
struct StatsText {
  std::int64_t id = 0;
  std::string json;
};

// What encode_entries writes for a range of modules.
struct EntryRows {
  copy::RowBuffer entries;
  copy::RowBuffer emissions;
  copy::RowBuffer audit; // tables::audit_documents() rows (Options::audit)
  // Modules with entries and reports with such modules, in id order: staged
  // (tables::module_stats_staging(), encode_stats_staging) or written with
  // their rows (encode_carbon_report_modules).
  std::vector<StatsText> module_stats;
  std::vector<StatsText> report_stats;
  void clear() noexcept;
  [[nodiscard]] std::size_t waiting_bytes() const noexcept; // all but the entries
};

// Rows of a stats staging table (tables::module_stats_staging() or
// tables::report_stats_staging()).
void encode_stats_staging(const std::vector<StatsText> &stats, copy::RowBuffer &out);

// The data entries of modules [first_module, last_module) and their emission
// rows: computed as the application computes them (zero or more per entry;
// Strategy A payloads carry the factor link the application would store), or
// one placeholder row per entry; an audit document per entry; the stats of
// each module and of each report, from those rows. The range holds whole
// reports (multiples of 8 modules; std::logic_error otherwise). Validates
// every payload (and checks it against context.app_schemas when set); throws
// ValidationFailure.
void encode_entries(const RunContext &context, std::int64_t first_module, std::int64_t last_module,
                    EntryRows &out);

// Rows of the tables the formulas read, for a run that adds them: factors
// (tables::factors() columns; ids must be set), locations and building rooms
// (ids left to the tables' sequences).
void encode_factors(const std::vector<Factor> &factors, copy::RowBuffer &out);
void encode_locations(const std::vector<Location> &locations, copy::RowBuffer &out);
void encode_rooms(const std::vector<Room> &rooms, copy::RowBuffer &out);

// ModuleStatus of module `module_index`: NOT_STARTED without entries, else
// as the run's StatusMix draws it.
[[nodiscard]] int module_status(const RunContext &context, std::int64_t module_index);
// VALIDATED modules of report `report_index`, and whether any module has
// entries (else the report was never recomputed: NULL aggregates).
struct ReportState {
  int validated = 0;
  bool touched = false;
};
[[nodiscard]] ReportState report_state(const RunContext &context, std::int64_t report_index);

} // namespace seed::rows
