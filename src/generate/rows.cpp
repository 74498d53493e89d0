#include "seed/generate/rows.hpp"

#include "seed/generate/builders.hpp"
#include "seed/generate/fake.hpp"
#include "seed/generate/rng.hpp"
#include "seed/generate/roster.hpp"
#include "seed/generate/timeline.hpp"
#include "seed/generate/value_models.hpp"
#include "seed/model/catalog.hpp"
#include "seed/model/naming.hpp"
#include "seed/model/roles.hpp"
#include "seed/model/tables.hpp"
#include "seed/rules/aggregates.hpp"
#include "seed/rules/audit.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace seed::rows {
namespace {

constexpr std::size_t flush_bytes = 1 << 20;

void end_row(copy::RowBuffer &out, const Flush &flush) {
  out.end_row();
  if (out.size() >= flush_bytes)
    flush(out);
}

const catalog::Role &regular_role(const RunContext &context, std::int64_t user_index,
                                  std::int64_t unit_index) {
  // The unit's first user is its principal (units.principal_user_institutional_id).
  return user_index == context.plan->first_user_of_unit(unit_index) ? catalog::role_principal
                                                                    : catalog::role_standard;
}

// User `user_index` of this run (0-based; admins follow the regular users).
void user_row(const RunContext &context, std::int64_t user_index,
              const std::string &institutional_id, const std::string &roles, copy::RowBuffer &out) {
  auto rng = Rng::keyed(context.plan->stream_seed(), Stream::users,
                        static_cast<std::uint64_t>(user_index));
  const auto person = fake::person(rng);
  out.integer(context.ids.user + user_index);
  out.text(roles);
  out.text(institutional_id);
  out.text(catalog::provider_label);
  // The institutional id makes the address unique (fake::email lower-cases it).
  out.text(fake::email(person.first_name, person.last_name, institutional_id, rng));
  out.text(person.display_name);
  out.text(fake::job(rng));
}

std::string utc_timestamptz(const RunContext &context) {
  return context.now_utc + "+00";
}

} // namespace

void encode_units(const RunContext &context, copy::RowBuffer &out, const Flush &flush) {
  const auto &plan = *context.plan;
  for (std::int64_t u = 0; u < plan.unit_count(); ++u) {
    auto rng = Rng::keyed(plan.stream_seed(), Stream::units, static_cast<std::uint64_t>(u));
    out.integer(context.ids.unit + u);
    out.text(catalog::provider_label);
    out.text(naming::unit_code(plan.unit_number(u)));
    out.text(naming::unit_institutional_id(plan.unit_number(u)));
    out.text(fake::company(rng));
    out.integer(seeded_unit_level);
    out.text(naming::user_institutional_id(plan.user_number(plan.first_user_of_unit(u))));
    out.boolean(true);
    end_row(out, flush);
  }
  flush(out);
}

void encode_users(const RunContext &context, copy::RowBuffer &out, const Flush &flush) {
  const auto &plan = *context.plan;
  for (std::int64_t u = 0; u < plan.unit_count(); ++u) {
    const auto scope = nlohmann::ordered_json{
        {"institutional_id", naming::unit_institutional_id(plan.unit_number(u))}};
    const auto first = plan.first_user_of_unit(u);
    for (auto n = first; n < first + plan.users_in_unit(u); ++n) {
      user_row(context, n, naming::user_institutional_id(plan.user_number(n)),
               roles::write_roles_raw(regular_role(context, n, u), scope), out);
      end_row(out, flush);
    }
  }
  // The two back-office admins continue the counter (payloads.md §4.3).
  const auto metier = plan.regular_user_count();
  auto rng = Rng::keyed(plan.stream_seed(), Stream::admins, 0);
  user_row(context, metier, naming::admin_institutional_id(plan.user_number(metier)),
           roles::write_roles_raw(catalog::role_backoffice_metier,
                                  {{"affiliation", rng.pick(catalog::backoffice_affiliations)}}),
           out);
  end_row(out, flush);
  user_row(context, metier + 1, naming::admin_institutional_id(plan.user_number(metier + 1)),
           roles::write_roles_raw(catalog::role_superadmin, nlohmann::ordered_json::object()), out);
  end_row(out, flush);
  flush(out);
}

void encode_unit_users(const RunContext &context, copy::RowBuffer &out, const Flush &flush) {
  const auto &plan = *context.plan;
  for (std::int64_t u = 0; u < plan.unit_count(); ++u) {
    const auto first = plan.first_user_of_unit(u);
    for (auto n = first; n < first + plan.users_in_unit(u); ++n) {
      out.integer(context.ids.unit + u);
      out.integer(context.ids.user + n);
      out.text(regular_role(context, n, u).db_label);
      end_row(out, flush);
    }
  }
  // Both admins belong to the first unit.
  const auto metier = plan.regular_user_count();
  for (const auto *role : {&catalog::role_backoffice_metier, &catalog::role_superadmin}) {
    out.integer(context.ids.unit);
    out.integer(context.ids.user + metier + (role == &catalog::role_superadmin ? 1 : 0));
    out.text(role->db_label);
    end_row(out, flush);
  }
  flush(out);
}

void encode_year_configuration(const RunContext &context, const std::vector<int> &years,
                               copy::RowBuffer &out, const Flush &flush) {
  for (int year : years) {
    out.boolean(true);
    out.text(utc_timestamptz(context));
    out.text("{}");
    out.integer(year);
    out.text(catalog::provider_label);
    out.text(context.now_utc);
    end_row(out, flush);
  }
  flush(out);
}

void encode_carbon_projects(const RunContext &context, copy::RowBuffer &out, const Flush &flush) {
  const auto &plan = *context.plan;
  const auto &years = plan.options().years;
  const auto [first_year, last_year] = std::minmax_element(years.begin(), years.end());
  for (std::int64_t u = 0; u < plan.unit_count(); ++u) {
    out.integer(context.ids.project + u);
    out.integer(context.ids.unit + u);
    out.text(catalog::calculator_report_type);
    out.integer(*first_year);
    out.integer(*last_year);
    out.boolean(false);
    end_row(out, flush);
  }
  flush(out);
}

namespace {

void optional_text(copy::RowBuffer &out, const std::optional<std::string> &value) {
  if (value)
    out.text(*value);
  else
    out.null();
}

void json_or_null(copy::RowBuffer &out, const nlohmann::json &value) {
  if (value.is_null())
    out.null();
  else
    out.text(value.dump());
}

} // namespace

void encode_factors(const std::vector<Factor> &factors, copy::RowBuffer &out) {
  for (const auto &factor : factors) {
    out.integer(factor.id);
    out.integer(factor.emission_type_id);
    out.integer(factor.data_entry_type_id);
    json_or_null(out, factor.classification);
    json_or_null(out, factor.values);
    out.optional_integer(factor.year);
    out.end_row();
  }
}

void encode_locations(const std::vector<Location> &locations, copy::RowBuffer &out) {
  for (const auto &location : locations) {
    out.text(location.transport_mode);
    out.text(location.name);
    out.real(location.latitude);
    out.real(location.longitude);
    optional_text(out, location.continent);
    optional_text(out, location.country_code);
    optional_text(out, location.iata_code);
    optional_text(out, location.municipality);
    out.text(location.natural_key);
    out.end_row();
  }
}

void encode_rooms(const std::vector<Room> &rooms, copy::RowBuffer &out) {
  for (const auto &room : rooms) {
    out.text(room.building_location);
    out.text(room.building_name);
    out.text(room.room_name);
    optional_text(out, room.room_type);
    if (room.surface_square_meter)
      out.real(*room.surface_square_meter);
    else
      out.null();
    out.end_row();
  }
}

namespace {

// Seeded years later than the year of `year_index` (0 for the latest).
int later_years(const Plan &plan, int year_index) {
  const auto &years = plan.options().years;
  const int year = years[static_cast<std::size_t>(year_index)];
  return static_cast<int>(
      std::count_if(years.begin(), years.end(), [&](int y) { return y > year; }));
}

} // namespace

int module_status(const RunContext &context, std::int64_t module_index) {
  const auto &plan = *context.plan;
  return status_mix::module_status(
      context.status_mix, plan.entries_in_module(module_index) > 0,
      later_years(plan, plan.module_coordinates(module_index).year_index),
      Rng::keyed(plan.stream_seed(), Stream::modules, static_cast<std::uint64_t>(module_index)));
}

ReportState report_state(const RunContext &context, std::int64_t report_index) {
  ReportState state;
  for (int t = 0; t < catalog::module_type_count; ++t) {
    const auto m = report_index * catalog::module_type_count + t;
    state.validated += module_status(context, m) == catalog::validated;
    state.touched = state.touched || context.plan->entries_in_module(m) > 0;
  }
  return state;
}

namespace {

// The stats column: the text of row `index` when the texts are given and it
// has one, else NULL.
void stats_column(copy::RowBuffer &out, const std::vector<std::string> *stats, std::int64_t index) {
  if (stats == nullptr || (*stats)[static_cast<std::size_t>(index)].empty())
    out.null();
  else
    out.json((*stats)[static_cast<std::size_t>(index)]);
}

} // namespace

void encode_carbon_reports(const RunContext &context, copy::RowBuffer &out, const Flush &flush,
                           const std::vector<std::string> *stats) {
  const auto &plan = *context.plan;
  const Timeline timeline(context.now_utc);
  for (std::int64_t r = 0; r < plan.report_count(); ++r) {
    const auto unit = r / plan.year_count();
    const auto state = report_state(context, r);
    out.integer(context.ids.report + r);
    out.integer(plan.options().years[static_cast<std::size_t>(r % plan.year_count())]);
    out.integer(context.ids.unit + unit);
    out.integer(context.ids.project + unit);
    if (state.touched) {
      out.integer(timeline.report_last_updated);
      out.text(aggregates::completion_progress(state.validated, catalog::module_type_count));
    } else { // never recomputed
      out.null();
      out.null();
    }
    out.integer(aggregates::overall_status(state.validated, catalog::module_type_count));
    stats_column(out, stats, r);
    end_row(out, flush);
  }
  flush(out);
}

void encode_carbon_report_modules(const RunContext &context, copy::RowBuffer &out,
                                  const Flush &flush, const std::vector<std::string> *stats) {
  const auto &plan = *context.plan;
  const Timeline timeline(context.now_utc);
  for (std::int64_t m = 0; m < plan.module_count(); ++m) {
    out.integer(context.ids.module + m);
    out.integer(plan.module_coordinates(m).module_type_id);
    out.integer(module_status(context, m));
    out.integer(context.ids.report + m / catalog::module_type_count);
    if (plan.entries_in_module(m) > 0)
      out.integer(timeline.module_last_updated);
    else
      out.null();
    stats_column(out, stats, m);
    end_row(out, flush);
  }
  flush(out);
}

namespace {

void encode_emission(copy::RowBuffer &out, std::int64_t entry_id, const EmissionRow &row,
                     const Timeline &timeline) {
  out.integer(entry_id);
  out.integer(row.emission_type_id);
  if (row.primary_factor_id)
    out.integer(*row.primary_factor_id);
  else
    out.null();
  out.real(row.kg_co2eq);
  if (row.additional_value)
    out.real(*row.additional_value);
  else
    out.null();
  if (row.scope)
    out.integer(*row.scope);
  else
    out.null();
  out.json(row.meta);
  out.timestamp(timeline.emissions_computed_micros, timeline.emissions_computed_at);
  out.end_row();
}

} // namespace

void EntryRows::clear() noexcept {
  entries.clear();
  emissions.clear();
  audit.clear();
  module_stats.clear();
  report_stats.clear();
}

std::size_t EntryRows::waiting_bytes() const noexcept {
  std::size_t bytes = emissions.size() + audit.size();
  for (const auto *stats : {&module_stats, &report_stats})
    for (const auto &text : *stats)
      bytes += text.json.size();
  return bytes;
}

void encode_stats_staging(const std::vector<StatsText> &stats, copy::RowBuffer &out) {
  for (const auto &text : stats) {
    out.integer(text.id);
    out.json(text.json);
    out.end_row();
  }
}

namespace {

// The user whose request created an entry (app-state.md §1.2): a standard
// user may create only travel (their own) and cloud/AI entries; everything
// else is the unit principal's.
std::int64_t creator_of(const RunContext &context, const ModuleCoordinates &where,
                        const dto::Payload &payload, std::int64_t entry_offset) {
  const auto &plan = *context.plan;
  const auto first = plan.first_user_of_unit(where.unit_index);
  const auto users = plan.users_in_unit(where.unit_index);
  switch (static_cast<catalog::ModuleType>(where.module_type_id)) {
  case catalog::ModuleType::professional_travel: {
    const auto *plane = std::get_if<dto::ProfessionalTravelPlaneHandlerCreate>(&payload);
    const auto *train = std::get_if<dto::ProfessionalTravelTrainHandlerCreate>(&payload);
    const auto &traveller = plane ? plane->user_institutional_id : train->user_institutional_id;
    if (const auto number = naming::user_number_of(traveller)) {
      const auto index = *number - plan.options().user_offset;
      if (index >= first && index < first + users)
        return index;
    }
    return first;
  }
  case catalog::ModuleType::external_cloud_and_ai: {
    auto rng =
        Rng::keyed(plan.stream_seed(), Stream::creators, static_cast<std::uint64_t>(entry_offset));
    return first + static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(users)));
  }
  default:
    return first;
  }
}

// Scratch texts of one encoder, reused for every entry.
struct AuditTexts {
  std::string snapshot, hash_input, handled_ids, route_payload;
};

void encode_audit(const RunContext &context, const Timeline &timeline, const audit::EntryRow &row,
                  std::int64_t creator, AuditTexts &texts, copy::RowBuffer &out) {
  const auto &plan = *context.plan;
  texts.snapshot.clear();
  audit::write_snapshot(row, texts.snapshot);
  texts.hash_input.clear();
  audit::write_hash_input(row, texts.hash_input);
  texts.handled_ids.clear();
  audit::write_handled_ids(*row.payload, texts.handled_ids);
  texts.route_payload.clear();
  audit::write_route_payload(*row.payload, texts.route_payload);
  const auto user_id = context.ids.user + creator;
  out.integer(context.ids.audit + (row.id - context.ids.entry));
  out.text(audit::entity_type);
  out.integer(row.id);
  out.integer(audit::first_version);
  out.boolean(true);
  out.json(texts.snapshot);
  out.text("null"); // data_diff: the JSON literal, not SQL NULL
  out.text(audit::change_type);
  out.text(audit::change_reason);
  out.integer(user_id);
  out.timestamp(timeline.audit_changed_micros, timeline.audit_changed_at);
  out.text(naming::user_institutional_id(plan.user_number(creator)));
  out.json(texts.handled_ids);
  out.text(audit::ip_address(user_id));
  out.text(audit::route_path(*row.unit_id, *row.year, row.data_entry_type_id));
  out.json(texts.route_payload);
  out.null(); // previous_hash: version 1
  out.text(audit::sha256_hex(texts.hash_input));
  out.text(audit::sync_status);
  out.end_row();
}

} // namespace

void encode_entries(const RunContext &context, std::int64_t first_module, std::int64_t last_module,
                    EntryRows &out) {
  const auto &plan = *context.plan;
  const auto seed = plan.stream_seed();
  const bool computed = plan.options().emissions == EmissionMode::computed;
  if (computed && (context.factors == nullptr || context.factor_pool == nullptr ||
                   context.reference == nullptr))
    throw std::logic_error("computed emissions need factors, a factor pool and reference rows");
  constexpr int per_report = catalog::module_type_count;
  if (first_module % per_report != 0 ||
      (last_module % per_report != 0 && last_module != plan.module_count()))
    throw std::logic_error("encode_entries needs whole reports (multiples of 8 modules)");
  const std::string placeholder_meta =
      nlohmann::ordered_json{{"seeded", true}, {"formula_version", context.formula_version}}.dump();
  const Timeline timeline(context.now_utc);
  std::string json; // reused: one allocation for all the chunk's payloads
  AuditTexts audit_texts;
  std::vector<aggregates::ModuleStats> report_modules; // the current report's, by type
  std::vector<bool> report_module_has_entries;

  for (auto m = first_module; m < last_module; ++m) {
    const auto where = plan.module_coordinates(m);
    const auto &module = catalog::module(static_cast<catalog::ModuleType>(where.module_type_id));
    const int year = plan.options().years[static_cast<std::size_t>(where.year_index)];
    builders::BuildContext build_context{
        year,
        plan.user_number(plan.first_user_of_unit(where.unit_index)),
        plan.users_in_unit(where.unit_index),
        context.equipment_pool,
        computed ? context.factor_pool : nullptr,
        computed ? context.reference : nullptr,
        nullptr, // member: set per member entry below
        plan.options().values,
        values::unit_headcount(seed, where.unit_index, plan.users_in_unit(where.unit_index))};
    const auto unit_year = m / catalog::module_type_count;
    // Member entries describe distinct people of the unit's roster.
    roster::Draw members(roster::size(plan, where.unit_index),
                         Rng::keyed(seed, Stream::member_draws, static_cast<std::uint64_t>(m)));
    roster::Person member;
    aggregates::ModuleTally tally(where.module_type_id);
    const auto first_entry = plan.first_entry_of_module(m);
    for (auto e = first_entry; e < first_entry + plan.entries_in_module(m); ++e) {
      auto rng = Rng::keyed(seed, Stream::entries, static_cast<std::uint64_t>(e));
      const auto &type = catalog::entry_type(rng.pick(module.entry_type_ids));
      build_context.member = nullptr;
      if (type.dto == dto::DtoKind::head_count) {
        member = roster::person(plan, where.unit_index, members.next());
        build_context.member = &member;
      }
      auto payload = builders::build(type.id, rng, build_context);
      if (context.tamper)
        context.tamper(type.id, payload);
      if (const auto errors = dto::validate(payload); !errors.empty())
        throw ValidationFailure(fmt::format("entry type {} ({}) failed {}: {}", type.name, type.id,
                                            dto::dto_name(type.dto), dto::describe(errors)));
      if (context.app_schemas)
        if (const auto error = context.app_schemas->check(type.dto, payload))
          throw ValidationFailure(
              fmt::format("entry type {} ({}): the application's schema of {} rejects {}",
                          type.name, type.id, dto::dto_name(type.dto), dto::describe({*error})));

      // Computed: the data as the API stores it (with its factor link) and
      // the rows the application computes from it.
      std::optional<dto::FactorLinkKey> link;
      std::vector<EmissionRow> computed_rows;
      if (computed) {
        auto data = dto::to_json(payload);
        if (writes_factor_link(type.id)) {
          const auto found = context.factors->link(type.id, data, year);
          link = dto::FactorLinkKey{found.stored_id()};
          dto::add_link(data, *link);
        }
        try {
          computed_rows =
              compute_emissions(type.id, data, year, *context.factors, *context.reference);
        } catch (const EmissionError &) {
          // The application raises for this entry and writes no rows.
        }
      }

      // The row as the create endpoint inserts it: PENDING, no source or
      // creator (year and unit_id are written: see docs/seed-data.md).
      const auto entry_id = context.ids.entry + e;
      const auto unit_id = context.ids.unit + where.unit_index;
      out.entries.integer(entry_id);
      out.entries.integer(type.id);
      out.entries.integer(context.ids.module + m);
      json.clear();
      dto::write_json(payload, json, link);
      out.entries.json(json);
      out.entries.text(catalog::data_entry_status_labels[0]);
      out.entries.integer(year);
      out.entries.integer(unit_id);
      out.entries.timestamp(timeline.entry_created_micros, timeline.entry_created_at);
      out.entries.timestamp(timeline.entry_updated_micros, timeline.entry_updated_at);
      out.entries.end_row();
      tally.add_entry();

      if (plan.options().audit) {
        audit::EntryRow row;
        row.id = entry_id;
        row.data_entry_type_id = type.id;
        row.carbon_report_module_id = context.ids.module + m;
        row.payload = &payload;
        row.link = link;
        row.year = year;
        row.unit_id = unit_id;
        row.created_at = timeline.snapshot_created_at;
        row.updated_at = timeline.snapshot_updated_at;
        encode_audit(context, timeline, row, creator_of(context, where, payload, e), audit_texts,
                     out.audit);
      }

      if (computed) {
        for (const auto &row : computed_rows) {
          encode_emission(out.emissions, entry_id, row, timeline);
          tally.add_row(row.emission_type_id, row.kg_co2eq, row.additional_value);
          if (context.totals != nullptr && !is_rollup(row.emission_type_id))
            context.totals->add(unit_year, where.module_type_id, row.kg_co2eq);
        }
        continue;
      }
      // Placeholder emission: one row, typed within the entry's own tree.
      auto emission_rng = Rng::keyed(seed, Stream::emissions, static_cast<std::uint64_t>(e));
      const auto emission_type = emission_rng.pick(type.emission_types);
      const int scope = catalog::find_emission_type(emission_type)->scope;
      const double kg = emission_rng.decimal(10, 500, 4);
      out.emissions.integer(entry_id);
      out.emissions.integer(emission_type);
      out.emissions.null();
      out.emissions.real(kg);
      out.emissions.null();
      if (context.totals != nullptr)
        context.totals->add(unit_year, where.module_type_id, kg);
      if (scope != 0)
        out.emissions.integer(scope);
      else
        out.emissions.null();
      out.emissions.text(placeholder_meta);
      out.emissions.timestamp(timeline.emissions_computed_micros, timeline.emissions_computed_at);
      out.emissions.end_row();
      tally.add_row(emission_type, kg, std::nullopt);
    }

    // The module as its last recompute left it; a module without entries
    // was never recomputed (NULL stats).
    report_modules.push_back(tally.finish());
    report_module_has_entries.push_back(tally.entries() > 0);
    if (tally.entries() > 0) {
      auto &text = out.module_stats.emplace_back();
      text.id = context.ids.module + m;
      aggregates::write_module_stats(report_modules.back(), timeline.module_computed_at, text.json);
    }
    if (where.module_type_id != per_report)
      continue;
    // The report, over its modules in the order the database returns them.
    const auto report = m / per_report;
    std::vector<aggregates::ReportModule> by_type;
    bool touched = false;
    for (int t = 0; t < per_report; ++t) {
      const bool has_entries = report_module_has_entries[static_cast<std::size_t>(t)];
      touched = touched || has_entries;
      by_type.push_back({t + 1, module_status(context, report * per_report + t),
                         has_entries ? &report_modules[static_cast<std::size_t>(t)] : nullptr});
    }
    if (touched) {
      auto &text = out.report_stats.emplace_back();
      text.id = context.ids.report + report;
      aggregates::write_report_stats(aggregates::modules_in_read_order(std::move(by_type)),
                                     timeline.report_computed_at, text.json);
    }
    report_modules.clear();
    report_module_has_entries.clear();
  }
}

} // namespace seed::rows
