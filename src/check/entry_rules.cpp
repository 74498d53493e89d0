#include "seed/check/entry_rules.hpp"

#include "seed/model/json_parse.hpp"
#include "seed/rules/audit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <tuple>

namespace seed::check {
namespace {

const catalog::EntryType *find_entry_type(int id) {
  try {
    return &catalog::entry_type(id);
  } catch (const std::out_of_range &) {
    return nullptr;
  }
}

bool same_number(double a, double b) {
  return a == b || std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b));
}

bool same_optional(const std::optional<double> &a, const std::optional<double> &b) {
  return a.has_value() == b.has_value() && (!a || same_number(*a, *b));
}

std::string optional_text(const std::optional<int> &value) {
  return value ? std::to_string(*value) : "null";
}

std::string optional_text(const std::optional<double> &value) {
  return value ? fmt::format("{}", *value) : "null";
}

std::optional<int> status_value(const std::optional<std::string> &label) {
  if (!label)
    return std::nullopt;
  for (std::size_t i = 0; i < catalog::data_entry_status_labels.size(); ++i)
    if (catalog::data_entry_status_labels[i] == *label)
      return static_cast<int>(i);
  return std::nullopt;
}

} // namespace

DecodedEntry decode(const EntryRecord &entry) {
  DecodedEntry out;
  out.type = find_entry_type(entry.data_entry_type_id);
  if (!entry.data) {
    out.errors.push_back({"(data)", "NULL", "data is NULL"});
    return out;
  }
  out.data = json_parse::parse(*entry.data);
  if (out.data.is_discarded()) {
    out.data = nullptr;
    out.errors.push_back({"(data)", *entry.data, "not JSON"});
    return out;
  }
  out.data_is_json = true;
  if (out.type == nullptr) {
    out.errors.push_back({"(data_entry_type_id)", std::to_string(entry.data_entry_type_id),
                          "not a DataEntryTypeEnum value"});
    return out;
  }
  if (out.data.is_object())
    if (const auto it = out.data.find("primary_factor_id"); it != out.data.end())
      out.link = dto::FactorLinkKey{it->is_number_integer() ? std::optional<int>(it->get<int>())
                                                            : std::nullopt};
  auto parsed = dto::parse(out.type->dto, out.data);
  if (!parsed.payload) {
    out.errors = std::move(parsed.errors);
    return out;
  }
  out.payload = std::move(parsed.payload);
  out.errors = dto::validate(*out.payload);
  return out;
}

void judge_payload(const EntryRecord &entry, const DecodedEntry &decoded,
                   const contract::AppSchemas *app_schemas, Findings &findings) {
  findings.checked(Rule::payload);
  const auto dto_name = decoded.type ? dto::dto_name(decoded.type->dto) : std::string_view("?");
  if (!decoded.errors.empty()) {
    const auto &first = decoded.errors.front();
    findings.fail(Rule::payload, entry.id, fmt::format("{}={}", first.field, first.value),
                  fmt::format("{}: {}", dto_name, dto::describe(decoded.errors)));
    return;
  }
  if (app_schemas != nullptr && decoded.payload)
    if (const auto error = app_schemas->check(decoded.type->dto, *decoded.payload))
      findings.fail(
          Rule::payload, entry.id, fmt::format("{}={}", error->field, error->value),
          fmt::format("the application's schema of {} rejects it: {}", dto_name, error->reason));
}

void judge_scope(const EntryRecord &entry, const DecodedEntry &decoded, const ModuleRecord &module,
                 const ReportRecord &report, Findings &findings) {
  findings.checked(Rule::scope);
  if (entry.year && *entry.year != report.year)
    return findings.fail(Rule::scope, entry.id, fmt::format("year={}", *entry.year),
                         fmt::format("report {} is of year {}", report.id, report.year));
  if (entry.unit_id && *entry.unit_id != report.unit_id)
    return findings.fail(Rule::scope, entry.id, fmt::format("unit_id={}", *entry.unit_id),
                         fmt::format("report {} is of unit {}", report.id, report.unit_id));
  if (decoded.type == nullptr)
    return findings.fail(Rule::scope, entry.id,
                         fmt::format("data_entry_type_id={}", entry.data_entry_type_id),
                         "not a DataEntryTypeEnum value");
  if (static_cast<int>(decoded.type->module) != module.module_type_id)
    findings.fail(
        Rule::scope, entry.id, fmt::format("data_entry_type_id={}", entry.data_entry_type_id),
        fmt::format("{} belongs to module type {}, module {} is of type {}", decoded.type->name,
                    static_cast<int>(decoded.type->module), module.id, module.module_type_id));
}

void MemberIds::judge(const EntryRecord &entry, const DecodedEntry &decoded, Findings &findings) {
  if (decoded.type == nullptr || decoded.type->dto != dto::DtoKind::head_count ||
      !decoded.data.is_object())
    return;
  findings.checked(Rule::member_unique);
  const auto it = decoded.data.find("user_institutional_id");
  if (it == decoded.data.end() || !it->is_string())
    return; // payload reports it
  const auto id = std::string(dto::strip(it->get_ref<const std::string &>()));
  if (id.empty())
    return;
  if (!seen_.insert(id).second)
    findings.fail(Rule::member_unique, entry.id,
                  fmt::format("user_institutional_id={}", it->dump()),
                  fmt::format("repeats a member of module {}", entry.module_id));
}

std::optional<std::string> emission_difference(const std::vector<EmissionRow> &expected,
                                               const std::vector<EmissionRecord> &stored) {
  using Key = std::tuple<int, int, double>;
  const auto key_of = [](int type, const std::optional<int> &factor, double kg) {
    return Key{type, factor.value_or(-1), kg};
  };
  std::vector<const EmissionRow *> want;
  for (const auto &row : expected)
    want.push_back(&row);
  std::vector<const EmissionRecord *> have;
  for (const auto &row : stored)
    have.push_back(&row);
  std::sort(want.begin(), want.end(), [&](auto *a, auto *b) {
    return key_of(a->emission_type_id, a->primary_factor_id, a->kg_co2eq) <
           key_of(b->emission_type_id, b->primary_factor_id, b->kg_co2eq);
  });
  std::sort(have.begin(), have.end(), [&](auto *a, auto *b) {
    return key_of(a->emission_type_id, a->primary_factor_id, a->kg_co2eq) <
           key_of(b->emission_type_id, b->primary_factor_id, b->kg_co2eq);
  });
  std::size_t w = 0, h = 0;
  while (w < want.size() || h < have.size()) {
    const auto pair_of = [](int type, const std::optional<int> &factor) {
      return std::pair{type, factor.value_or(-1)};
    };
    if (h == have.size() ||
        (w < want.size() && pair_of(want[w]->emission_type_id, want[w]->primary_factor_id) <
                                pair_of(have[h]->emission_type_id, have[h]->primary_factor_id)))
      return fmt::format("missing row: emission type {}, factor {}, kg {}",
                         want[w]->emission_type_id, optional_text(want[w]->primary_factor_id),
                         want[w]->kg_co2eq);
    if (w == want.size() || pair_of(have[h]->emission_type_id, have[h]->primary_factor_id) <
                                pair_of(want[w]->emission_type_id, want[w]->primary_factor_id))
      return fmt::format("extra row {}: emission type {}, factor {}, kg {}", have[h]->id,
                         have[h]->emission_type_id, optional_text(have[h]->primary_factor_id),
                         have[h]->kg_co2eq);
    const auto &a = *want[w];
    const auto &b = *have[h];
    if (!same_number(a.kg_co2eq, b.kg_co2eq))
      return fmt::format("row {} (emission type {}): kg_co2eq {}, the factors give {}", b.id,
                         b.emission_type_id, b.kg_co2eq, a.kg_co2eq);
    if (!same_optional(a.additional_value, b.additional_value))
      return fmt::format("row {} (emission type {}): additional_value {}, the factors give {}",
                         b.id, b.emission_type_id, optional_text(b.additional_value),
                         optional_text(a.additional_value));
    if (a.scope != b.scope)
      return fmt::format("row {} (emission type {}): scope {}, the application writes {}", b.id,
                         b.emission_type_id, optional_text(b.scope), optional_text(a.scope));
    ++w;
    ++h;
  }
  return std::nullopt;
}

void judge_emissions(const EntryRecord &entry, const DecodedEntry &decoded, int report_year,
                     const FactorIndex &factors, const ReferenceData &reference,
                     const std::vector<EmissionRecord> &stored, Findings &findings) {
  if (!decoded.payload)
    return;
  findings.checked(Rule::emissions);
  const int type = decoded.type->id;
  if (writes_factor_link(type)) {
    // The recalculation relinks first; a link other than the stored one is
    // already a difference (and the data then holds the link it computes with).
    const auto relinked = factors.link(type, decoded.data, report_year).stored_id();
    std::optional<int> stored_id;
    if (decoded.link)
      stored_id = decoded.link->primary_factor_id;
    if (!decoded.link || relinked != stored_id)
      return findings.fail(Rule::emissions, entry.id,
                           fmt::format("primary_factor_id={}", optional_text(stored_id)),
                           fmt::format("the factors now link factor {}", optional_text(relinked)));
  }
  std::vector<EmissionRow> expected;
  try {
    expected = compute_emissions(type, decoded.data, report_year, factors, reference, Meta::none);
  } catch (const EmissionError &) {
    // The application raises for this entry and writes no rows.
  }
  if (const auto difference = emission_difference(expected, stored))
    findings.fail(Rule::emissions, entry.id, fmt::format("{} stored rows", stored.size()),
                  *difference);
}

void judge_audit(const EntryRecord &entry, const DecodedEntry &decoded,
                 const std::vector<AuditRecord> &documents, Findings &findings) {
  findings.checked(Rule::audit);
  const auto fail = [&](std::string value, std::string reason) {
    findings.fail(Rule::audit, entry.id, std::move(value), std::move(reason));
  };
  if (documents.empty() || documents.front().version != audit::first_version)
    return fail(documents.empty() ? "no document"
                                  : fmt::format("version={}", documents.front().version),
                "no version-1 audit document");
  int current = 0;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    const auto &document = documents[i];
    current += document.is_current;
    if (document.version != static_cast<int>(i) + 1)
      return fail(fmt::format("version={}", document.version),
                  fmt::format("versions jump from {} to {}", i, document.version));
    const std::optional<std::string> previous =
        i == 0 ? std::nullopt : std::optional<std::string>(documents[i - 1].current_hash);
    if (document.previous_hash != previous)
      return fail(fmt::format("previous_hash={}", document.previous_hash.value_or("NULL")),
                  fmt::format("hash chain broken at version {}: expected {}", document.version,
                              previous.value_or("NULL")));
  }
  if (current != 1 || !documents.back().is_current)
    return fail(fmt::format("{} current", current),
                fmt::format("one current document expected, the latest (version {})",
                            documents.back().version));
  if (documents.size() != 1 || !decoded.payload)
    return; // a later version's snapshot is not the creation's row
  audit::EntryRow row;
  row.id = entry.id;
  row.data_entry_type_id = entry.data_entry_type_id;
  row.carbon_report_module_id = entry.module_id;
  row.payload = &*decoded.payload;
  row.link = decoded.link;
  row.status = status_value(entry.status).value_or(-1);
  if (entry.year)
    row.year = static_cast<int>(*entry.year);
  row.unit_id = entry.unit_id;
  // The texts of the batch's entries reuse one thread's buffers.
  thread_local std::string created_at, updated_at, input;
  input.clear();
  try {
    created_at = audit::snapshot_timestamp(entry.created_at);
    updated_at = audit::snapshot_timestamp(entry.updated_at);
  } catch (const std::invalid_argument &e) {
    return fail(entry.created_at, e.what());
  }
  row.created_at = created_at;
  row.updated_at = updated_at;
  audit::write_hash_input(row, input);
  const auto expected = audit::sha256_hex(input);
  if (entry.source || entry.created_by_id || !status_value(entry.status) ||
      expected != documents.front().current_hash)
    fail(fmt::format("current_hash={}", documents.front().current_hash),
         "version 1 does not hash to the entry row (edited without a new version, or a "
         "tampered hash)");
}

} // namespace seed::check
