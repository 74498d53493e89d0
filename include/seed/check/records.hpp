// The rows `seed-random check` reads, decoded from their column text (the
// auditor's cursors fill them; the rule parts judge them). Timestamps are
// "YYYY-MM-DD HH:MM:SS.ffffff" (six digits: the queries format them).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace seed::check {

// --- Interface ---

struct ReportRecord {
  std::int64_t id = 0;
  int year = 0;
  std::int64_t unit_id = 0;
  std::optional<std::string> completion_progress;
  int overall_status = 0;
  std::optional<std::string> stats; // JSON text
};

struct ModuleRecord {
  std::int64_t id = 0;
  std::int64_t report_id = 0;
  int module_type_id = 0;
  int status = 0;
  std::optional<std::string> stats; // JSON text
};

struct EntryRecord {
  std::int64_t id = 0;
  std::int64_t module_id = 0;
  int data_entry_type_id = 0;
  std::optional<std::string> data;   // JSON text
  std::optional<std::string> status; // dataentrystatusenum label
  std::optional<std::int64_t> year, unit_id, source, created_by_id;
  std::string created_at, updated_at;
};

struct EmissionRecord {
  std::int64_t id = 0;
  std::int64_t entry_id = 0;
  int emission_type_id = 0;
  std::optional<int> primary_factor_id;
  double kg_co2eq = 0;
  std::optional<double> additional_value;
  std::optional<int> scope;
};

// An audit_documents row of entity type DataEntry.
struct AuditRecord {
  std::int64_t entity_id = 0;
  int version = 0;
  bool is_current = false;
  std::optional<std::string> previous_hash;
  std::string current_hash;
};

struct UserRecord {
  std::int64_t id = 0;
  std::string institutional_id;
  std::optional<std::string> roles_raw; // JSON text
};

// A unit with its principal_user_institutional_id set, and that user (when
// one has the id) with their unit_users role on the unit.
struct PrincipalRecord {
  std::int64_t unit_id = 0;
  std::string unit_institutional_id;
  std::string principal; // units.principal_user_institutional_id
  std::optional<std::int64_t> user_id;
  std::optional<std::string> roles_raw;
  std::optional<std::string> unit_role; // unit_users.role label
};

} // namespace seed::check
