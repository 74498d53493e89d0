#include "seed/check/auditor.hpp"

#include "seed/check/entry_rules.hpp"
#include "seed/check/role_rules.hpp"
#include "seed/check/stats_rules.hpp"
#include "seed/io/cursor.hpp"
#include "seed/io/interrupt.hpp"
#include "seed/io/pg.hpp"
#include "seed/io/rule_inputs.hpp"
#include "seed/model/tables.hpp"
#include "seed/rules/aggregates.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <deque>
#include <future>
#include <limits>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace seed::check {
namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Adds the time of one judgment to its rule.
template <class F> void timed(Findings &findings, Rule rule, F &&judge) {
  if (!findings.enabled(rule))
    return;
  const auto start = Clock::now();
  judge();
  findings.add_seconds(rule, since(start));
}

// Consecutive judgments timed with one clock reading between two (a reading
// per judgment and entry costs more than the cheapest rules).
class Laps {
public:
  explicit Laps(Findings &findings) : findings_(findings), last_(Clock::now()) {}
  // The time since the last lap goes to `rule`.
  void lap(Rule rule) {
    const auto now = Clock::now();
    findings_.add_seconds(rule, std::chrono::duration<double>(now - last_).count());
    last_ = now;
  }
  // The time since the last lap goes to no rule.
  void skip() { last_ = Clock::now(); }

private:
  Findings &findings_;
  Clock::time_point last_;
};

// Whether the planner's statistics say the streams' tables lie in key order
// (the key column's correlation near 1: rows written in key order and not
// moved since). No statistics: no.
bool physically_ordered(pg::Connection &db, bool with_documents) {
  const auto rows = db.query(
      "SELECT correlation FROM pg_stats WHERE schemaname = current_schema() AND NOT inherited "
      "AND (tablename, attname) IN (('data_entries', 'id'), "
      "('data_entry_emissions', 'data_entry_id'), ('audit_documents', 'entity_id'))");
  int ordered = 0;
  for (const auto &row : rows)
    if (row.at(0) && std::strtod(row.at(0)->c_str(), nullptr) > 0.99)
      ++ordered;
  return ordered >= (with_documents ? 3 : 2);
}

// A stream read in physical order turned out not to be in key order.
struct OutOfOrder {};

// A cursor whose fetches (the waits for a batch) are timed as reading.
class Reader {
public:
  Reader(pg::Connection &db, std::string name, const std::string &query, double &seconds,
         int batch_rows = 8192)
      : seconds_(seconds), cursor_(db, std::move(name), query, batch_rows) {
    advance();
  }
  // On a connection of its own, in the main transaction's snapshot, prefetching.
  Reader(const std::string &url, const std::string &snapshot, std::string name,
         const std::string &query, double &seconds)
      : seconds_(seconds), cursor_(url, snapshot, std::move(name), query) {
    advance();
  }
  ~Reader() { seconds_ += cursor_.fetch_seconds(); }
  Reader(const Reader &) = delete;
  Reader &operator=(const Reader &) = delete;
  // From now on, advance() throws OutOfOrder when the integer of `column`
  // decreases (a stream read in physical order that is not in key order).
  void expect_ascending(int column) {
    key_column_ = column;
    check_order();
  }
  [[nodiscard]] bool has() const { return has_; }
  void advance() {
    has_ = cursor_.next();
    if (key_column_ >= 0)
      check_order();
  }
  [[nodiscard]] const pg::Cursor &row() const { return cursor_; }

private:
  void check_order() {
    if (!has_)
      return;
    const auto key = cursor_.integer(key_column_);
    if (key < last_key_)
      throw OutOfOrder{};
    last_key_ = key;
  }
  double &seconds_;
  pg::Cursor cursor_;
  bool has_ = false;
  int key_column_ = -1;
  std::int64_t last_key_ = std::numeric_limits<std::int64_t>::min();
};

std::optional<int> optional_int(const pg::Cursor &row, int column) {
  const auto value = row.optional_integer(column);
  return value ? std::optional<int>(static_cast<int>(*value)) : std::nullopt;
}

void check_roles(pg::Connection &db, Findings &findings, double &read_seconds) {
  {
    Reader users(db, "seed_check_users",
                 "SELECT id, institutional_id, roles_raw::text FROM users ORDER BY id",
                 read_seconds);
    for (; users.has(); users.advance()) {
      const auto &row = users.row();
      const UserRecord user{row.integer(0), std::string(row.text(1)), row.optional_text(2)};
      timed(findings, Rule::roles, [&] { judge_user_roles(user, findings); });
    }
  }
  Reader units(db, "seed_check_principals",
               "SELECT u.id, u.institutional_id, u.principal_user_institutional_id, us.id, "
               "us.roles_raw::text, uu.role::text FROM units u "
               "LEFT JOIN users us ON us.institutional_id = u.principal_user_institutional_id "
               "LEFT JOIN unit_users uu ON uu.unit_id = u.id AND uu.user_id = us.id "
               "WHERE u.principal_user_institutional_id IS NOT NULL ORDER BY u.id",
               read_seconds);
  for (; units.has(); units.advance()) {
    const auto &row = units.row();
    const PrincipalRecord principal{row.integer(0),           std::string(row.text(1)),
                                    std::string(row.text(2)), row.optional_integer(3),
                                    row.optional_text(4),     row.optional_text(5)};
    timed(findings, Rule::roles, [&] { judge_principal(principal, findings); });
  }
}

// What the entry pass needs of a module before its stats are read: its
// report, type, status and number of entries. One small record per module.
struct ModuleInfo {
  std::int64_t report_id = 0;
  int module_type_id = 0;
  int status = 0;
  std::int64_t entries = 0; // in the snapshot
  std::int64_t seen = 0;    // read so far
  bool judged = false;      // --years: false for modules of other years, which are skipped
};

// A module whose entries are being read (seeded databases: one at a time;
// entries the application created over time: as many as interleave).
struct OpenModule {
  std::optional<aggregates::ModuleTally> tally; // nullopt: not a module type
  MemberIds members;
};

// An entry with the rows the per-entry rules read.
struct WorkItem {
  EntryRecord entry;
  std::vector<EmissionRecord> emissions;
  std::vector<AuditRecord> documents;
  const ReportRecord *report = nullptr;
};

// The per-entry rules that need no state beyond the entry (payload,
// emissions, audit): run by the worker threads. The decoded payload is kept
// for member entries only (member-unique reads it in entry order).
struct BatchResult {
  std::vector<WorkItem> items;
  std::vector<DecodedEntry> decoded;
  Findings findings;
};

// Entries judged rule by rule in groups of this many: one clock read per rule
// and group (reading the clock per entry and rule cost ~2 % of the CPU).
constexpr std::size_t lap_group = 64;

BatchResult judge_batch(std::vector<WorkItem> items, const CheckSettings &settings,
                        const FactorIndex &factors, const ReferenceData &reference,
                        bool has_documents) {
  BatchResult out{std::move(items), {}, Findings(settings.rules, settings.limit)};
  auto &findings = out.findings;
  const auto &all = out.items;
  auto &decoded = out.decoded;
  decoded.reserve(all.size());
  Laps laps(findings);
  for (std::size_t first = 0; first < all.size(); first += lap_group) {
    const auto end = std::min(all.size(), first + lap_group);
    for (auto i = first; i < end; ++i) {
      decoded.push_back(decode(all[i].entry));
      if (findings.enabled(Rule::payload))
        judge_payload(all[i].entry, decoded[i], settings.app_schemas, findings);
    }
    laps.lap(Rule::payload); // the decoding included, which every rule reads
    if (findings.enabled(Rule::emissions)) {
      for (auto i = first; i < end; ++i)
        judge_emissions(all[i].entry, decoded[i], all[i].report->year, factors, reference,
                        all[i].emissions, findings);
      laps.lap(Rule::emissions);
    }
    if (findings.enabled(Rule::audit)) {
      for (auto i = first; i < end; ++i)
        if (has_documents)
          judge_audit(all[i].entry, decoded[i], all[i].documents, findings);
        else
          findings.fail(Rule::audit, all[i].entry.id, "no document",
                        "no audit_documents table: no version-1 audit document");
      laps.lap(Rule::audit);
    }
    for (auto i = first; i < end; ++i)
      if (decoded[i].type == nullptr || decoded[i].type->dto != dto::DtoKind::head_count) {
        decoded[i].data = nullptr;
        decoded[i].payload.reset();
      }
    laps.skip();
  }
  return out;
}

constexpr std::size_t batch_entries = 2048;

// A report's modules judged so far.
struct OpenReport {
  std::vector<ModuleRecord> modules;
  std::vector<std::optional<aggregates::ModuleStats>> computed;
};

} // namespace

CheckReport check_database(const std::string &url, const CheckSettings &settings) {
  const auto started = Clock::now();
  CheckReport report{Findings(settings.rules, settings.limit)};
  auto &findings = report.findings;
  const auto on = [&](Rule rule) { return findings.enabled(rule); };

  pg::Connection db(url);
  const interrupt::CancelScope cancel([&db] { db.cancel(); });
  const auto begin = [&db] { db.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); };
  begin();
  // The snapshot the streams' own connections import (before any other
  // statement: PostgreSQL exports only a transaction's own snapshot). A
  // server that refuses (e.g. a standby before it allows it) gets one
  // connection for everything.
  std::optional<std::string> snapshot;
  if (settings.jobs > 1) {
    try {
      snapshot = db.query_value("SELECT pg_export_snapshot()");
    } catch (const pg::Error &e) {
      spdlog::debug("check: no exported snapshot ({}); one connection", e.what());
      db.rollback();
      begin();
    }
  }
  try {
    // Plain scans: JIT compilation costs seconds and saves nothing here.
    db.exec("SET LOCAL jit = off");

    if (on(Rule::roles))
      check_roles(db, findings, report.read_seconds);

    const bool entries_needed = on(Rule::payload) || on(Rule::member_unique) || on(Rule::scope) ||
                                on(Rule::emissions) || on(Rule::stats) || on(Rule::audit);
    if (!entries_needed) {
      db.rollback();
      report.total_seconds = since(started);
      return report;
    }

    FactorIndex factors;
    ReferenceData reference;
    if (on(Rule::emissions)) {
      pg::read_factors(db, settings.years, factors);
      pg::read_reference(db, reference);
      spdlog::debug("check: {} factors", factors.size());
    }

    // The small records of reports (year, unit) and modules: O(modules)
    // memory, ~1/60 of the entries. Stats texts, progress and statuses are
    // read later, module by module and report by report, as they are judged.
    std::unordered_map<std::int64_t, ReportRecord> reports;
    std::unordered_map<std::int64_t, int> modules_of_report;
    {
      Reader rows(db, "seed_check_reports", "SELECT id, year, unit_id FROM carbon_reports",
                  report.read_seconds);
      for (; rows.has(); rows.advance()) {
        const auto &r = rows.row();
        const int year = static_cast<int>(r.integer(1));
        if (settings.years && std::find(settings.years->begin(), settings.years->end(), year) ==
                                  settings.years->end())
          continue;
        ReportRecord record;
        record.id = r.integer(0);
        record.year = year;
        record.unit_id = r.integer(2);
        reports.emplace(record.id, std::move(record));
      }
    }
    spdlog::debug("check: {} reports read", reports.size());
    std::unordered_map<std::int64_t, ModuleInfo> modules;
    std::int64_t expected_entries = 0;
    {
      Reader rows(db, "seed_check_module_counts",
                  "SELECT m.id, m.carbon_report_id, m.module_type_id, m.status, "
                  "(SELECT count(*) FROM data_entries e WHERE e.carbon_report_module_id = m.id) "
                  "FROM carbon_report_modules m ORDER BY m.id",
                  report.read_seconds);
      for (; rows.has(); rows.advance()) {
        const auto &m = rows.row();
        ModuleInfo info{m.integer(1),
                        static_cast<int>(m.integer(2)),
                        static_cast<int>(m.integer(3)),
                        m.integer(4),
                        0,
                        false};
        info.judged = reports.count(info.report_id) > 0;
        if (info.judged) {
          ++modules_of_report[info.report_id];
          expected_entries += info.entries;
        }
        modules.emplace(m.integer(0), info);
      }
    }

    spdlog::debug("check: {} modules read, {} entries to read", modules.size(), expected_entries);
    const bool has_audit_table =
        on(Rule::audit) && pg::table_exists(db, tables::audit_documents().name);
    // Physical order is tried where the planner's statistics say the tables
    // lie in key order (seeded databases, and most others until rows move).
    const bool try_physical = snapshot && physically_ordered(db, has_audit_table);
    spdlog::debug("check: streams in {} order", try_physical ? "physical" : "key");
    const auto entry_pass = [&](bool physical, int attempt) {
      // The streams, merged by entry id, each in the order of its own primary
      // or foreign key. With settings.jobs > 1 each runs on a connection of its
      // own in this transaction's snapshot and reads ahead; where a snapshot
      // cannot be exported (a server that refuses it) they share this
      // connection and are index scans (ORDER BY: no join, no sort).
      // `physical`: the own connections scan the tables in physical order (no
      // ORDER BY: sequential scans, far cheaper for the server than three index
      // scans at once) and the streams are checked to ascend by key as they are
      // read; where one does not (rows moved by updates), OutOfOrder ends the
      // pass and it is read again in key order.
      const auto stream = [&](std::optional<Reader> &reader, const std::string &name,
                              const std::string &query, const char *order_by, int key) {
        if (!snapshot)
          reader.emplace(db, name, query + " ORDER BY " + order_by, report.read_seconds);
        else if (!physical)
          reader.emplace(url, *snapshot, name, query + " ORDER BY " + order_by,
                         report.read_seconds);
        else {
          reader.emplace(url, *snapshot, name, query, report.read_seconds);
          reader->expect_ascending(key);
        }
      };
      const auto suffix = std::to_string(attempt);
      std::optional<Reader> entries, emissions, documents;
      stream(entries, "seed_check_entries" + suffix,
             "SELECT id, carbon_report_module_id, data_entry_type_id, data, status, "
             "year, unit_id, source, created_by_id, created_at, updated_at FROM data_entries",
             "id", 0);
      if (on(Rule::emissions) || on(Rule::stats))
        stream(emissions, "seed_check_emissions" + suffix,
               "SELECT data_entry_id, id, emission_type_id, primary_factor_id, kg_co2eq, "
               "additional_value, scope FROM data_entry_emissions",
               "data_entry_id", 0);
      if (has_audit_table)
        stream(documents, "seed_check_audit" + suffix,
               "SELECT entity_id, version, is_current, previous_hash, current_hash "
               "FROM audit_documents WHERE entity_type = 'DataEntry'",
               "entity_id", 0);
      // Stats texts in module and report id order, read as they are judged
      // (~2 KB a row: small batches).
      constexpr int stats_batch_rows = 256;
      Reader module_stats(db, "seed_check_module_stats" + suffix,
                          "SELECT id, stats::text FROM carbon_report_modules ORDER BY id",
                          report.read_seconds, stats_batch_rows);
      Reader report_rows(db, "seed_check_report_stats" + suffix,
                         "SELECT id, completion_progress, overall_status, stats::text "
                         "FROM carbon_reports ORDER BY id",
                         report.read_seconds, stats_batch_rows);

      if (settings.progress)
        settings.progress->table_started("data_entries", expected_entries);
      const auto entries_started = Clock::now();

      std::unordered_map<std::int64_t, OpenModule> open;
      std::unordered_map<std::int64_t, aggregates::ModuleTally> finished;
      std::map<std::int64_t, OpenReport> open_reports;
      const aggregates::ModuleTally no_entries(1);

      // Judges the reports at the head of their stream whose modules are all
      // judged; stops at the first that still waits for one.
      const auto judge_ready_reports = [&](bool all) {
        for (; report_rows.has(); report_rows.advance()) {
          const auto &r = report_rows.row();
          const auto id = r.integer(0);
          const auto known = reports.find(id);
          if (known == reports.end())
            continue; // --years
          const auto count = modules_of_report.find(id);
          const int needed = count == modules_of_report.end() ? 0 : count->second;
          auto open_report = open_reports.find(id);
          const int have = open_report == open_reports.end()
                               ? 0
                               : static_cast<int>(open_report->second.modules.size());
          if (have < needed && !all)
            return;
          auto record = known->second;
          record.completion_progress = r.optional_text(1);
          record.overall_status = static_cast<int>(r.integer(2));
          record.stats = r.optional_text(3);
          timed(findings, Rule::stats, [&] {
            if (open_report == open_reports.end())
              judge_report(record, {}, {}, findings);
            else
              judge_report(record, open_report->second.modules, open_report->second.computed,
                           findings);
          });
          if (open_report != open_reports.end())
            open_reports.erase(open_report);
        }
      };
      // Judges the modules at the head of the stats stream whose entries are
      // all read; stops at the first that still has some to come.
      const auto judge_finished_modules = [&](bool all) {
        for (; module_stats.has(); module_stats.advance()) {
          const auto id = module_stats.row().integer(0);
          const auto &info = modules.at(id);
          if (!info.judged)
            continue;
          if (info.seen < info.entries && !all)
            return;
          const auto done = finished.find(id);
          const ModuleRecord record{id, info.report_id, info.module_type_id, info.status,
                                    module_stats.row().optional_text(1)};
          std::optional<aggregates::ModuleStats> computed;
          if (on(Rule::stats)) {
            const auto *tally = done != finished.end() ? &done->second : nullptr;
            timed(findings, Rule::stats, [&] {
              if (tally == nullptr && info.entries > 0)
                findings.fail(Rule::stats, id,
                              fmt::format("module_type_id={}", info.module_type_id),
                              "carbon_report_modules: not a module type");
              else
                computed = judge_module(record, tally ? *tally : no_entries, findings);
            });
          }
          if (done != finished.end())
            finished.erase(done);
          auto &pending = open_reports[info.report_id];
          pending.modules.push_back(record);
          pending.computed.push_back(std::move(computed));
          judge_ready_reports(false);
        }
      };

      // The rules that follow entries in order (scope, member-unique, the
      // module tallies), on the main thread, batch by batch in entry order.
      // Batches come back from consume() with their items, which the next
      // batch fills again in place: their strings and vectors keep their
      // capacity, so reading an entry allocates nothing once warm.
      std::vector<std::vector<WorkItem>> spare;
      const auto consume = [&](BatchResult result) {
        findings.merge(result.findings);
        Laps laps(findings);
        for (std::size_t i = 0; i < result.items.size(); ++i) {
          const auto &item = result.items[i];
          const auto &entry = item.entry;
          const auto &decoded = result.decoded[i];
          auto &info = modules.at(entry.module_id);
          auto &module = open[entry.module_id];
          if (info.seen == 0 && info.module_type_id >= 1 &&
              info.module_type_id <= catalog::module_type_count)
            module.tally.emplace(info.module_type_id);
          const ModuleRecord module_record{entry.module_id, info.report_id, info.module_type_id,
                                           info.status, std::nullopt};
          laps.skip();
          if (on(Rule::scope)) {
            judge_scope(entry, decoded, module_record, *item.report, findings);
            laps.lap(Rule::scope);
          }
          if (on(Rule::member_unique)) {
            module.members.judge(entry, decoded, findings);
            laps.lap(Rule::member_unique);
          }
          if (module.tally && on(Rule::stats)) {
            module.tally->add_entry();
            for (const auto &row : item.emissions)
              module.tally->add_row(row.emission_type_id, row.kg_co2eq, row.additional_value);
            laps.lap(Rule::stats);
          }
          if (++info.seen == info.entries) { // the module's last entry
            if (module.tally)
              finished.emplace(entry.module_id, std::move(*module.tally));
            open.erase(entry.module_id);
            judge_finished_modules(false);
          }
        }
        spare.push_back(std::move(result.items));
      };

      const bool has_documents = documents.has_value();
      std::deque<std::future<BatchResult>> in_flight;
      const auto max_in_flight = static_cast<std::size_t>(std::max(settings.jobs, 1));
      std::vector<WorkItem> batch;
      std::size_t filled = 0; // the items of `batch` in use
      const auto next_batch = [&] {
        if (spare.empty()) {
          batch = {};
          batch.reserve(batch_entries);
        } else {
          batch = std::move(spare.back());
          spare.pop_back();
        }
        filled = 0;
      };
      const auto submit = [&] {
        if (filled == 0)
          return;
        batch.resize(filled);
        if (in_flight.size() >= max_in_flight) {
          consume(in_flight.front().get());
          in_flight.pop_front();
        }
        in_flight.push_back(std::async(std::launch::async, judge_batch, std::move(batch),
                                       std::cref(settings), std::cref(factors),
                                       std::cref(reference), has_documents));
        next_batch();
        interrupt::throw_if_requested();
        if (settings.progress)
          settings.progress->rows_written("data_entries", report.entries, 0);
      };
      try {
        next_batch();
        for (; entries->has(); entries->advance()) {
          const auto &e = entries->row();
          if (filled == batch.size())
            batch.emplace_back();
          auto &item = batch[filled];
          auto &entry = item.entry;
          entry.id = e.integer(0);
          entry.module_id = e.integer(1);
          item.emissions.clear();
          if (emissions) {
            while (emissions->has() && emissions->row().integer(0) < entry.id)
              emissions->advance();
            for (; emissions->has() && emissions->row().integer(0) == entry.id;
                 emissions->advance()) {
              const auto &row = emissions->row();
              item.emissions.push_back({row.integer(1), entry.id, static_cast<int>(row.integer(2)),
                                        optional_int(row, 3), row.real(4), row.optional_real(5),
                                        optional_int(row, 6)});
            }
          }
          std::size_t documents_read = 0;
          if (documents) {
            while (documents->has() && documents->row().integer(0) < entry.id)
              documents->advance();
            for (; documents->has() && documents->row().integer(0) == entry.id;
                 documents->advance()) {
              const auto &row = documents->row();
              if (documents_read == item.documents.size())
                item.documents.emplace_back();
              auto &document = item.documents[documents_read++];
              document.entity_id = entry.id;
              document.version = static_cast<int>(row.integer(1));
              document.is_current = row.boolean(2);
              row.optional_text(3, document.previous_hash);
              document.current_hash.assign(row.text(4));
            }
          }
          item.documents.resize(documents_read);
          // In version order (the server's order of an entity's documents is
          // its index's; sorting them here spares it a sort node).
          if (item.documents.size() > 1) // (most entries have one: no sort buffer)
            std::stable_sort(
                item.documents.begin(), item.documents.end(),
                [](const AuditRecord &a, const AuditRecord &b) { return a.version < b.version; });
          const auto where = modules.find(entry.module_id);
          if (where == modules.end() || !where->second.judged)
            continue; // a module of a year not asked for (the foreign key forbids unknown ones)
          item.report = &reports.at(where->second.report_id);
          entry.data_entry_type_id = static_cast<int>(e.integer(2));
          e.optional_text(3, entry.data);
          e.optional_text(4, entry.status);
          entry.year = e.optional_integer(5);
          entry.unit_id = e.optional_integer(6);
          entry.source = e.optional_integer(7);
          entry.created_by_id = e.optional_integer(8);
          e.timestamp(9, entry.created_at);
          e.timestamp(10, entry.updated_at);
          ++report.entries;
          report.emission_rows += static_cast<std::int64_t>(item.emissions.size());
          report.audit_documents += static_cast<std::int64_t>(item.documents.size());
          if (++filled == batch_entries)
            submit();
        }
        submit();
        for (; !in_flight.empty(); in_flight.pop_front())
          consume(in_flight.front().get());
      } catch (...) {
        for (auto &future : in_flight) // the workers hold references into this frame
          if (future.valid())
            future.wait();
        throw;
      }
      spdlog::debug("check: every entry judged");
      judge_finished_modules(true);
      judge_ready_reports(true);
      if (settings.progress) {
        settings.progress->rows_written("data_entries", report.entries, 0);
        settings.progress->table_finished(
            {"data_entries", report.entries, 0, since(entries_started)});
      }
    };
    const auto before = report;
    if (try_physical) {
      try {
        entry_pass(true, 1);
      } catch (const OutOfOrder &) {
        spdlog::debug("check: a stream is not in key order; read again in key order");
        report = before;
        for (auto &[id, info] : modules)
          info.seen = 0;
        entry_pass(false, 2);
      }
    } else
      entry_pass(false, 1);
    db.rollback();
  } catch (...) {
    db.rollback();
    throw;
  }
  report.total_seconds = since(started);
  return report;
}

} // namespace seed::check
