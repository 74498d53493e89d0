#include "seed/seeder.hpp"

#include "seed/bulk_load.hpp"
#include "seed/pg.hpp"
#include "seed/tables.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <climits>

namespace seed {
namespace {

// Locks out concurrent writers (readers go on) so that reserved id ranges
// stay contiguous; released at commit or rollback.
std::string lock_statement() {
  std::string sql = "LOCK TABLE ";
  const char *separator = "";
  for (const auto *table : tables::write_order()) {
    sql += separator;
    sql += table->name;
    separator = ", ";
  }
  return sql + " IN SHARE ROW EXCLUSIVE MODE";
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

EquipmentPool read_equipment_pool(pg::Connection &db) {
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

void split_years(const Plan &plan, const std::vector<int> &configured,
                 std::vector<int> &to_configure, std::vector<int> &skipped) {
  for (int year : plan.options().years) {
    if (std::find(configured.begin(), configured.end(), year) != configured.end())
      skipped.push_back(year);
    else
      to_configure.push_back(year);
  }
}

} // namespace

std::string utc_now() {
  const auto now = std::chrono::system_clock::now();
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count() %
      1000000;
  return fmt::format("{:%Y-%m-%d %H:%M:%S}.{:06d}",
                     fmt::gmtime(std::chrono::system_clock::to_time_t(now)), micros);
}

SeedReport seed_database(const Plan &plan, const std::string &url, const SeedSettings &settings) {
  pg::Connection db(url);
  SeedReport report;
  db.exec("BEGIN");
  try {
    db.exec("SET LOCAL synchronous_commit = off");
    db.exec(lock_statement());
    const auto pool = read_equipment_pool(db);
    report.equipment_pool_size = pool.size();
    if (pool.empty())
      spdlog::warn("no equipment factors found: equipment classes fall back to generated words");
    else
      spdlog::info("equipment class pool: {} (class, sub_class) pairs from factors", pool.size());

    std::vector<int> years;
    split_years(plan, configured_years(db), years, report.skipped_years);

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
    WriteSettings write{settings.jobs, years, settings.on_table_done};
    report.rows = write_all(context, write, sink);
    bulk.after_load(db);
    db.exec("COMMIT");
  } catch (...) {
    // Best effort: if the connection is gone, the server rolls back anyway.
    try {
      db.exec("ROLLBACK");
    } catch (const pg::Error &) {
    }
    throw;
  }
  return report;
}

SeedReport seed_files(const Plan &plan, const std::filesystem::path &dir,
                      const SeedSettings &settings) {
  const EquipmentPool pool;
  rows::RunContext context;
  context.plan = &plan;
  context.equipment_pool = &pool;
  context.formula_version = plan.options().formula_version;
  context.tamper = settings.tamper;
  context.now_utc = settings.fixed_now.value_or(utc_now());
  FileSink sink(dir);
  SeedReport report;
  WriteSettings write{settings.jobs, plan.options().years, settings.on_table_done};
  report.rows = write_all(context, write, sink);
  sink.finish();
  return report;
}

} // namespace seed
