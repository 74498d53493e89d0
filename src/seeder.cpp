#include "seed/seeder.hpp"

#include "seed/bulk_load.hpp"
#include "seed/existing_rows.hpp"
#include "seed/interrupt.hpp"
#include "seed/pg.hpp"
#include "seed/preflight.hpp"
#include "seed/sample_factors.hpp"
#include "seed/tables.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <climits>

namespace seed {
namespace {

// Locks out concurrent writers (readers go on) so that reserved id ranges
// stay contiguous; released at commit or rollback. One table at a time, so a
// lock timeout names the busy table.
void lock_tables(pg::Connection &db, std::chrono::milliseconds timeout) {
  db.exec(fmt::format("SET LOCAL lock_timeout = {}", timeout.count()));
  for (const auto *table : tables::write_order()) {
    try {
      db.exec(fmt::format("LOCK TABLE {} IN SHARE ROW EXCLUSIVE MODE", table->name));
    } catch (const pg::Error &e) {
      if (e.sqlstate() != pg::sqlstate_lock_not_available)
        throw;
      throw pg::Error(fmt::format("table {} is locked by another session; gave up after {} ms "
                                  "(raise --lock-timeout or retry later)",
                                  table->name, timeout.count()),
                      e.sqlstate());
    }
  }
}

// Takes `count` consecutive ids from the table's own sequence; returns the first.
std::int64_t reserve_ids(pg::Connection &db, std::string_view table, std::int64_t count) {
  const auto sequence = fmt::format("pg_get_serial_sequence('{}', 'id')", table);
  const auto first = std::stoll(db.query_value(fmt::format("SELECT nextval({})", sequence)));
  const auto last = first + count - 1;
  if (last > INT_MAX)
    throw pg::Error(
        fmt::format("{} would need ids up to {}, beyond the 32-bit id column", table, last));
  if (count > 1)
    db.exec(fmt::format("SELECT setval({}, {})", sequence, last));
  return first;
}

EquipmentPool read_pool(pg::Connection &db) {
  EquipmentPool pool;
  for (const auto &row : db.query(std::string(EquipmentPool::factor_query)))
    pool.add_factor_row(std::stoi(*row[0]), std::stoi(*row[1]), *row[2]);
  return pool;
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

SeedReport write_without_database(const Plan &plan, const EquipmentPool &pool,
                                  const SeedSettings &settings, Sink &sink) {
  rows::RunContext context;
  context.plan = &plan;
  context.equipment_pool = &pool;
  context.formula_version = plan.options().formula_version;
  context.tamper = settings.tamper;
  context.now_utc = settings.fixed_now.value_or(utc_now());
  SeedReport report;
  report.equipment_pool_size = pool.size();
  report.rows = write_all(context, {settings.jobs, plan.options().years, settings.progress}, sink);
  return report;
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

EquipmentPool read_equipment_pool(const std::string &url) {
  pg::Connection db(url);
  return read_pool(db);
}

SeedReport seed_database(const Plan &requested, const std::string &url,
                         const SeedSettings &settings) {
  pg::Connection db(url);
  const interrupt::CancelScope cancel_on_signal([&db] { db.cancel(); });
  check_schema(db);
  interrupt::throw_if_requested();

  SeedReport report;
  db.exec("BEGIN");
  try {
    db.exec("SET LOCAL synchronous_commit = off");
    lock_tables(db, settings.lock_timeout);
    const auto plan = settle_existing_rows(db, requested, settings, report);
    report.unit_offset = plan.options().unit_offset;
    report.user_offset = plan.options().user_offset;

    const auto pool = read_pool(db);
    report.equipment_pool_size = pool.size();
    if (pool.empty())
      spdlog::warn("no equipment factors found: equipment classes fall back to generated words");
    else
      spdlog::info("equipment class pool: {} (class, sub_class) pairs from factors", pool.size());

    std::vector<int> years;
    const auto configured = configured_years(db);
    for (int year : plan.options().years)
      (std::find(configured.begin(), configured.end(), year) == configured.end()
           ? years
           : report.skipped_years)
          .push_back(year);

    rows::RunContext context;
    context.plan = &plan;
    context.equipment_pool = &pool;
    context.formula_version = plan.options().formula_version;
    context.tamper = settings.tamper;
    context.now_utc = settings.fixed_now.value_or(
        db.query_value("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"));
    context.ids.unit = reserve_ids(db, "units", plan.unit_count());
    context.ids.user = reserve_ids(db, "users", plan.user_count());
    context.ids.project = reserve_ids(db, "carbon_projects", plan.unit_count());
    context.ids.report = reserve_ids(db, "carbon_reports", plan.report_count());
    context.ids.module = reserve_ids(db, "carbon_report_modules", plan.module_count());
    context.ids.entry = reserve_ids(db, "data_entries", plan.entry_count());

    const auto bulk = pg::BulkLoad::prepare(db, plan.entry_count());
    bulk.before_load(db);
    std::vector<const tables::Table *> frozen;
    if (bulk.freeze())
      frozen = {&tables::data_entries(), &tables::data_entry_emissions()};
    pg::CopySink sink(db, frozen);
    report.rows = write_all(context, {settings.jobs, years, settings.progress}, sink);
    if (bulk.defers_indexes() && settings.progress)
      settings.progress->phase("rebuilding indexes and foreign keys");
    bulk.after_load(db);
    interrupt::throw_if_requested();
    // Fresh statistics, so that the first queries on the seeded data get
    // good plans without waiting for autovacuum (~0.3 s at 800k entries).
    if (settings.progress)
      settings.progress->phase("analyzing the seeded tables");
    db.exec("ANALYZE " + tables::name_list());
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
  auto report = write_without_database(plan, sample_equipment_pool(), settings, sink);
  sink.finish();
  return report;
}

SeedReport seed_nowhere(const Plan &plan, const EquipmentPool &pool, const SeedSettings &settings) {
  NullSink sink;
  return write_without_database(plan, pool, settings, sink);
}

} // namespace seed
