#include "seed/cli/seeder.hpp"

#include "seed/cli/existing_rows.hpp"
#include "seed/generate/reference_rows.hpp"
#include "seed/generate/run_inputs.hpp"
#include "seed/generate/sample_factor_set.hpp"
#include "seed/io/bulk_load.hpp"
#include "seed/io/interrupt.hpp"
#include "seed/io/pg.hpp"
#include "seed/io/preflight.hpp"
#include "seed/io/rule_inputs.hpp"
#include "seed/model/catalog.hpp"
#include "seed/model/tables.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <climits>

namespace seed {
namespace {

// Locks out concurrent writers (readers go on) so that reserved id ranges
// stay contiguous; released at commit or rollback. One table at a time, so a
// lock timeout names the busy table.
void lock_table(pg::Connection &db, std::string_view table, std::chrono::milliseconds timeout) {
  try {
    db.exec(fmt::format("LOCK TABLE {} IN SHARE ROW EXCLUSIVE MODE", table));
  } catch (const pg::Error &e) {
    if (e.sqlstate() != pg::sqlstate_lock_not_available)
      throw;
    throw pg::Error(fmt::format("table {} is locked by another session; gave up after {} ms "
                                "(raise --lock-timeout or retry later)",
                                table, timeout.count()),
                    e.sqlstate());
  }
}

void lock_tables(pg::Connection &db, std::chrono::milliseconds timeout, bool audit) {
  db.exec(fmt::format("SET LOCAL lock_timeout = {}", timeout.count()));
  for (const auto *table : tables::write_order())
    lock_table(db, table->name, timeout);
  if (audit)
    lock_table(db, tables::audit_documents().name, timeout);
}

// `count` consecutive ids of `table`, taken from its own sequence; `first`
// receives the first.
struct IdRange {
  std::string_view table;
  std::int64_t count = 0;
  std::int64_t *first = nullptr;
};

// Reserves every range in two round trips (all nextval, then all setval).
// A range that would pass the 32-bit id column fails before any setval, so
// no sequence is left beyond it (sequences do not roll back).
void reserve_ids(pg::Connection &db, const std::vector<IdRange> &ranges) {
  const auto sequence = [](std::string_view table) {
    return fmt::format("pg_get_serial_sequence('{}', 'id')", table);
  };
  std::vector<std::string> nextvals, setvals;
  for (const auto &range : ranges)
    nextvals.push_back(fmt::format("nextval({})", sequence(range.table)));
  const auto firsts = db.query("SELECT " + fmt::format("{}", fmt::join(nextvals, ", ")));
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    const auto first = std::stoll(*firsts.at(0).at(i));
    const auto last = first + ranges[i].count - 1;
    if (last > INT_MAX)
      throw pg::Error(fmt::format("{} would need ids up to {}, beyond the 32-bit id column",
                                  ranges[i].table, last));
    *ranges[i].first = first;
    if (ranges[i].count > 1)
      setvals.push_back(fmt::format("setval({}, {})", sequence(ranges[i].table), last));
  }
  if (!setvals.empty())
    db.exec("SELECT " + fmt::format("{}", fmt::join(setvals, ", ")));
}

EquipmentPool read_pool(pg::Connection &db) {
  EquipmentPool pool;
  for (const auto &row : db.query(std::string(EquipmentPool::factor_query)))
    pool.add_factor_row(std::stoi(*row[0]), std::stoi(*row[1]), *row[2]);
  return pool;
}

// Reads `locations` and `building_rooms` into `reference`; an empty table
// gets the built-in rows, returned for writing. A missing table is left
// out (its formulas then find nothing), with a warning.
ReferenceRows read_reference(pg::Connection &db, const FactorIndex &index,
                             const std::vector<int> &years, ReferenceData &reference) {
  ReferenceRows added;
  const auto found = pg::read_reference(db, reference);
  if (!found.has_locations)
    spdlog::warn("table locations is missing: plane and train entries get no emission rows");
  else if (found.locations == 0)
    added.locations = builtin_locations();
  if (!found.has_rooms)
    spdlog::warn("table building_rooms is missing: building entries get no emission rows");
  else if (found.rooms == 0)
    added.rooms = builtin_rooms(factor_buildings(index, years));
  add_reference_rows(reference, added);
  return added;
}

// --sample-factors: inserts the sample set for `years`, keeping rows whose
// identity exists; returns the rows added (reported like a written table).
// Without a factor of those years no identity can clash (each includes its
// year), so the set is COPYed with ids from the table's sequence, cheaper
// for the server than the INSERT ... ON CONFLICT DO NOTHING
// (sql/sample_factors.sql) that keeps existing rows otherwise, or when the
// id column has no sequence to reserve from.
std::int64_t insert_sample_factors(pg::Connection &db, const std::vector<int> &years,
                                   Progress *progress) {
  const auto started = std::chrono::steady_clock::now();
  if (progress)
    progress->table_started(tables::factors().name, 0);
  const auto count = [&db] { return std::stoll(db.query_value("SELECT count(*) FROM factors")); };
  const auto before = count();
  const bool copy = db.query_value(fmt::format(
                        "SELECT NOT EXISTS (SELECT 1 FROM factors WHERE year = "
                        "ANY('{{{}}}'::integer[])) AND pg_get_serial_sequence('factors', 'id') "
                        "IS NOT NULL",
                        fmt::join(years, ","))) == "t";
  std::size_t bytes = 0;
  if (copy) {
    auto factors = sample_factor_set(years);
    std::int64_t first = 0;
    reserve_ids(db, {{tables::factors().name, static_cast<std::int64_t>(factors.size()), &first}});
    for (std::size_t i = 0; i < factors.size(); ++i)
      factors[i].id = static_cast<int>(first + static_cast<std::int64_t>(i));
    copy::RowBuffer rows;
    rows::encode_factors(factors, rows);
    pg::CopySink sink(db);
    sink.begin(tables::factors());
    sink.write(rows.bytes());
    sink.end();
    bytes = rows.size();
  } else {
    const auto sql = sample_factors_sql(years);
    db.exec(sql);
    bytes = sql.size();
  }
  const auto added = count() - before;
  const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - started;
  if (progress)
    progress->table_finished({std::string(tables::factors().name), added,
                              static_cast<std::int64_t>(bytes), seconds.count()});
  spdlog::info("--sample-factors: {} factor rows added", added);
  return added;
}

// Computed emissions need factors: without any for the seeded years, the run
// falls back to placeholder rows; a year without factors is named.
Plan settle_emission_mode(const Plan &plan, const FactorPool &pool) {
  if (plan.options().emissions != EmissionMode::computed)
    return plan;
  if (pool.empty()) {
    spdlog::warn("no factors for the seeded years: writing placeholder emissions instead of "
                 "computed ones (load factors, or pass --sample-factors)");
    auto options = plan.options();
    options.emissions = EmissionMode::placeholder;
    return Plan::make(options);
  }
  for (const int year : plan.options().years) {
    const auto covered = pool.entry_types(year);
    if (covered.empty()) {
      spdlog::warn("no factors for {}: its entries get no emission rows (the application "
                   "matches factor years exactly)",
                   year);
      continue;
    }
    std::vector<std::string_view> uncovered;
    for (const auto &type : catalog::entry_types())
      if (std::find(covered.begin(), covered.end(), type.id) == covered.end())
        uncovered.push_back(type.name);
    if (!uncovered.empty())
      spdlog::warn("no factors for {} of entry types {}: those entries get no emission rows", year,
                   fmt::join(uncovered, ", "));
  }
  return plan;
}

// What the encoders read; ids stay at their defaults (1) until reserved.
rows::RunContext run_context(const Plan &plan, const EquipmentPool &pool,
                             const FactorIndex &factors, const FactorPool &factor_pool,
                             const ReferenceData &reference, const SeedSettings &settings,
                             std::string now_utc) {
  rows::RunContext context;
  context.plan = &plan;
  context.equipment_pool = &pool;
  context.factors = &factors;
  context.factor_pool = &factor_pool;
  context.reference = &reference;
  context.formula_version = plan.options().formula_version;
  context.status_mix = settings.status_mix;
  context.tamper = settings.tamper;
  context.totals = settings.totals;
  context.app_schemas = settings.app_schemas;
  context.now_utc = std::move(now_utc);
  return context;
}

SeedReport write_without_database(const Plan &plan, const EquipmentPool &pool,
                                  const FactorIndex &factors, const ReferenceData &reference,
                                  const ReferenceRows *rows_to_write, const SeedSettings &settings,
                                  Sink &sink) {
  const FactorPool factor_pool(factors, plan.options().years);
  const auto effective = settle_emission_mode(plan, factor_pool);
  auto context = run_context(effective, pool, factors, factor_pool, reference, settings,
                             settings.fixed_now.value_or(utc_now()));
  SeedReport report;
  report.equipment_pool_size = pool.size();
  report.emissions = effective.options().emissions;
  const bool add_reference = rows_to_write != nullptr && report.emissions == EmissionMode::computed;
  auto written = write_all(context,
                           {settings.jobs, plan.options().years, settings.progress,
                            add_reference ? rows_to_write : nullptr},
                           sink);
  report.reference_rows = std::move(written.reference);
  report.rows = std::move(written.seeded);
  return report;
}

std::vector<int> configured_years(pg::Connection &db) {
  std::vector<int> years;
  for (const auto &row : db.query("SELECT year FROM year_configuration WHERE provider = 'DEFAULT'"))
    years.push_back(std::stoi(*row[0]));
  return years;
}

// Applies --append / --reset / the default refusal; returns the plan to run.
Plan settle_existing_rows(pg::Connection &db, const Plan &requested, const SeedSettings &settings,
                          SeedReport &report) {
  switch (settings.existing) {
  case ExistingRows::reset: {
    report.deleted = count_seeded_rows(db);
    if (settings.confirm_reset && !settings.confirm_reset(report.deleted))
      throw ResetDeclined();
    delete_seeded_rows(db);
    return requested;
  }
  case ExistingRows::append: {
    const auto taken = read_taken_numbers(db);
    return Plan::make(continue_after(requested.options(), taken));
  }
  case ExistingRows::refuse:
    break;
  }
  if (const auto conflict = describe_collisions(requested, read_taken_numbers(db)))
    throw ConflictError(*conflict);
  return requested;
}

// Counts and discards (dry run).
class NullSink final : public Sink {
public:
  void begin(const tables::Table &) override {}
  void write(std::string_view) override {}
  void end() override {}
};

} // namespace

std::string utc_now() {
  const auto now = std::chrono::system_clock::now();
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count() %
      1000000;
  return fmt::format("{:%Y-%m-%d %H:%M:%S}.{:06d}",
                     fmt::gmtime(std::chrono::system_clock::to_time_t(now)), micros);
}

SeedReport seed_database(const Plan &requested, const std::string &url,
                         const SeedSettings &settings) {
  pg::Connection db(url);
  const interrupt::CancelScope cancel_on_signal([&db] { db.cancel(); });
  check_schema(db, requested.options().audit);
  interrupt::throw_if_requested();

  SeedReport report;
  // COMMIT waits for its WAL flush (synchronous_commit as the server has it):
  // a run that says "committed" survives a server crash right after it.
  db.exec("BEGIN");
  try {
    lock_tables(db, settings.lock_timeout, requested.options().audit);
    const auto plan = settle_existing_rows(db, requested, settings, report);
    report.unit_offset = plan.options().unit_offset;
    report.user_offset = plan.options().user_offset;

    // Factors: the sample set when asked (existing identities kept), then
    // those of the seeded years, from which payloads draw.
    if (settings.sample_factors) {
      lock_table(db, tables::factors().name, settings.lock_timeout);
      report.sample_factors_added =
          insert_sample_factors(db, plan.options().years, settings.progress);
      report.reference_rows.emplace_back(tables::factors().name, report.sample_factors_added);
    }
    const auto pool = read_pool(db);
    report.equipment_pool_size = pool.size();
    FactorIndex factors;
    pg::read_factors(db, plan.options().years, factors);
    const FactorPool factor_pool(factors, plan.options().years);
    const auto effective = settle_emission_mode(plan, factor_pool);
    report.emissions = effective.options().emissions;
    ReferenceData reference;
    ReferenceRows reference_rows;
    if (report.emissions == EmissionMode::computed) {
      spdlog::info("computed emissions: {} factors for years {}", factors.size(),
                   fmt::join(plan.options().years, ","));
      // An empty reference table gets rows: lock out other writers first,
      // so that it is still empty when they are added. A table with rows is
      // only read.
      for (const auto name : {tables::locations().name, tables::building_rooms().name})
        if (pg::table_exists(db, name) &&
            db.query_value(fmt::format("SELECT NOT EXISTS (SELECT FROM {})", name)) == "t")
          lock_table(db, name, settings.lock_timeout);
      reference_rows = read_reference(db, factors, plan.options().years, reference);
    } else if (pool.empty()) {
      spdlog::warn("no equipment factors found: equipment classes fall back to generated words");
    }

    std::vector<int> years;
    const auto configured = configured_years(db);
    for (int year : plan.options().years)
      (std::find(configured.begin(), configured.end(), year) == configured.end()
           ? years
           : report.skipped_years)
          .push_back(year);

    auto context =
        run_context(effective, pool, factors, factor_pool, reference, settings,
                    settings.fixed_now.value_or(db.query_value(
                        "SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')")));
    std::vector<IdRange> ids{{"units", plan.unit_count(), &context.ids.unit},
                             {"users", plan.user_count(), &context.ids.user},
                             {"carbon_projects", plan.unit_count(), &context.ids.project},
                             {"carbon_reports", plan.report_count(), &context.ids.report},
                             {"carbon_report_modules", plan.module_count(), &context.ids.module},
                             {"data_entries", plan.entry_count(), &context.ids.entry}};
    if (plan.options().audit)
      ids.push_back({tables::audit_documents().name, plan.entry_count(), &context.ids.audit});
    reserve_ids(db, ids);

    const auto bulk = pg::BulkLoad::prepare(db, plan.entry_count(), plan.options().audit);
    bulk.before_load(db);
    // Small runs into empty entry tables write the reports and modules after
    // the entries, with their stats (the entries' foreign keys are dropped
    // for the load); others stage the stats and apply them at the end.
    const auto &deferred = bulk.deferred_tables();
    const bool stats_in_rows =
        std::find(deferred.begin(), deferred.end(), &tables::data_entries()) != deferred.end() &&
        plan.module_count() <= stats_in_rows_max_modules;
    std::vector<const tables::Table *> staging;
    if (!stats_in_rows)
      staging = {&tables::module_stats_staging(), &tables::report_stats_staging()};
    for (const auto *table : staging)
      db.exec(tables::create_staging_sql(*table));
    // The big tables travel in binary COPY when the target's column types
    // allow it (they do for the application's schema): the server then
    // parses no text, integers, floats or timestamps.
    pg::CopySink::BinaryTables binary;
    for (const auto *table :
         {&tables::data_entries(), &tables::data_entry_emissions(), &tables::audit_documents()}) {
      if (!settings.binary_copy || (table == &tables::audit_documents() && !plan.options().audit))
        continue;
      if (auto wires = binary_copy_columns(db, *table); !wires.empty())
        binary.emplace(table, std::move(wires));
      else
        spdlog::debug("{}: COPY text (a column type has no binary form here)", table->name);
    }
    pg::CopySink sink(db, std::move(binary));
    auto written = write_all(
        context, {settings.jobs, years, settings.progress, &reference_rows, stats_in_rows}, sink);
    report.reference_rows.insert(report.reference_rows.end(), written.reference.begin(),
                                 written.reference.end());
    report.rows = std::move(written.seeded);
    // The staged aggregates, now that every entry's rows are known.
    if (!staging.empty() && settings.progress)
      settings.progress->phase("writing module and report stats");
    for (const auto *table : staging)
      db.exec(tables::apply_staging_sql(*table));
    if (bulk.defers_indexes() && settings.progress)
      settings.progress->phase("rebuilding indexes and foreign keys");
    bulk.after_load(db);
    interrupt::throw_if_requested();
    // Statistics are autovacuum's job, as for the application's own writes
    // (it analyzes the seeded tables within a minute of the commit; the
    // index rebuilds already set their row counts). --analyze pays for them
    // now (1-2 s at 800k entries), for plans right after the run.
    if (settings.analyze) {
      if (settings.progress)
        settings.progress->phase("analyzing the seeded tables");
      db.exec("ANALYZE " + tables::name_list() +
              (plan.options().audit ? ", " + std::string(tables::audit_documents().name) : ""));
    }
    if (settings.progress)
      settings.progress->phase("committing");
    db.exec("COMMIT");
  } catch (...) {
    db.rollback();
    throw;
  }
  return report;
}

SeedReport seed_files(const Plan &plan, const std::filesystem::path &dir,
                      const SeedSettings &settings) {
  FileSink sink(dir);
  const BundledInputs bundled(plan.options().years);
  auto report = write_without_database(plan, bundled.equipment_pool, bundled.factors,
                                       bundled.reference, &bundled.rows, settings, sink);
  sink.finish();
  return report;
}

SeedReport seed_nowhere(const Plan &plan, const std::optional<std::string> &url,
                        const SeedSettings &settings) {
  NullSink sink;
  if (!url) {
    const BundledInputs bundled(plan.options().years);
    return write_without_database(plan, bundled.equipment_pool, bundled.factors, bundled.reference,
                                  nullptr, settings, sink);
  }
  // Read-only: the database's factors and reference rows; the built-in
  // reference rows stand in for empty tables, as a real run would add them.
  pg::Connection db(*url);
  const auto pool = read_pool(db);
  FactorIndex factors;
  pg::read_factors(db, plan.options().years, factors);
  ReferenceData reference;
  read_reference(db, factors, plan.options().years, reference);
  return write_without_database(plan, pool, factors, reference, nullptr, settings, sink);
}

} // namespace seed
