// The audit document the application writes for every entry it creates
// (app-state.md §5): version 1 of a hash chain per entity, with a snapshot of
// the inserted row, who created it, from where and through which route.
//
// Snapshot, route payload and handled ids are application JSON text; the
// hash is the SHA-256 (OpenSSL) of the canonical text of §5.3.
#pragma once

#include "seed/model/dto.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace seed::audit {

// --- Interface ---

inline constexpr std::string_view entity_type = "DataEntry";
inline constexpr int first_version = 1;
inline constexpr std::string_view change_type = "CREATE"; // audit_change_type_enum
inline constexpr std::string_view change_reason = "Initial creation";
inline constexpr std::string_view sync_status =
    "PENDING"; // sync_status_enum: the next sync run picks it up
// What the UI sends with every entry POST.
inline constexpr std::string_view route_query = R"({"carbon_project_type": "0"})";

// The entry row as the application re-reads it right after its insert.
struct EntryRow {
  std::int64_t id = 0;
  int data_entry_type_id = 0;
  std::int64_t carbon_report_module_id = 0;
  const dto::Payload *payload = nullptr;
  std::optional<dto::FactorLinkKey> link; // primary_factor_id in data, when written
  int status = 0;                         // DataEntryStatusEnum value (PENDING)
  std::optional<int> year;
  std::optional<std::int64_t> unit_id;
  // source and created_by_id are NULL on the API path.
  std::string_view created_at; // ISO text (Timeline::snapshot_created_at)
  std::string_view updated_at;
};

// A timestamp column as the snapshot spells it: "YYYY-MM-DD HH:MM:SS.ffffff"
// (COPY text, six fraction digits) -> "YYYY-MM-DDTHH:MM:SS[.ffffff]"
// (Python's isoformat(): fraction omitted when zero). Throws
// std::invalid_argument for any other shape.
[[nodiscard]] std::string snapshot_timestamp(std::string_view column_text);

// data_snapshot: the 11 keys in the application's order, `data` in its own.
void write_snapshot(const EntryRow &row, std::string &out);

// The text current_hash is the SHA-256 of (previous_hash "" for version 1).
void write_hash_input(const EntryRow &row, std::string &out);

// Lower-case hex SHA-256 of `text`.
[[nodiscard]] std::string sha256_hex(std::string_view text);

// handled_ids: plane and train entries name their traveller; the others
// (member/student ids are not listed) none.
void write_handled_ids(const dto::Payload &payload, std::string &out);

// "/v1/modules/<unit id>/<year>/<module>/<submodule>"
[[nodiscard]] std::string route_path(std::int64_t unit_id, int year, int data_entry_type_id);

// {"query": {...}, "body": <the posted object>}
void write_route_payload(const dto::Payload &payload, std::string &out);

// The client address recorded for a user's requests (documentation range
// 198.51.100.0/24, one address per user).
[[nodiscard]] std::string ip_address(std::int64_t user_id);

} // namespace seed::audit
