#include "seed/generate/writer.hpp"

#include "seed/io/interrupt.hpp"
#include "seed/model/tables.hpp"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>
#include <deque>
#include <future>
#include <mutex>
#include <optional>
#include <stdexcept>

#include <spdlog/spdlog.h>

namespace seed {
namespace {

constexpr std::int64_t modules_per_chunk = 16; // whole reports: a multiple of 8
// Emission rows (and audit documents, stats) are written in segments of
// about this size, or of this many chunks (whose written entry buffers wait
// with them), whichever comes first.
constexpr std::size_t pending_emission_bytes = 8 << 20;
constexpr std::size_t max_waiting_chunks = 8;

using Chunk = rows::EntryRows;

// Written chunks come back here and are refilled, so that their buffers are
// allocated once per run rather than once per chunk: memory stays flat
// however many chunks a run has, whichever thread frees what.
class ChunkPool {
public:
  // New chunks encode their tables in the sink's format for each.
  explicit ChunkPool(const Sink &sink)
      : entries_(sink.binary_columns(tables::data_entries())),
        emissions_(sink.binary_columns(tables::data_entry_emissions())),
        audit_(sink.binary_columns(tables::audit_documents())) {}
  Chunk take() {
    const std::lock_guard lock(mutex_);
    if (free_.empty()) {
      Chunk chunk;
      chunk.entries.use_binary(entries_);
      chunk.emissions.use_binary(emissions_);
      chunk.audit.use_binary(audit_);
      return chunk;
    }
    Chunk chunk = std::move(free_.back());
    free_.pop_back();
    return chunk;
  }
  void give_back(Chunk chunk) {
    chunk.clear();
    const std::lock_guard lock(mutex_);
    free_.push_back(std::move(chunk));
  }

private:
  std::vector<copy::Wire> entries_, emissions_, audit_;
  std::mutex mutex_;
  std::vector<Chunk> free_;
};

// Rows and bytes of one table as they are written, reported to a Progress.
class TableTally {
public:
  TableTally(const tables::Table &table, std::int64_t expected, Progress *progress)
      : table_(table), progress_(progress), started_(std::chrono::steady_clock::now()) {
    if (progress_)
      progress_->table_started(table_.name, expected);
  }
  void add(const copy::RowBuffer &rows) {
    rows_ += rows.rows();
    bytes_ += static_cast<std::int64_t>(rows.size());
    if (progress_)
      progress_->rows_written(table_.name, rows_, bytes_);
  }
  std::int64_t finish() {
    const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - started_;
    if (progress_)
      progress_->table_finished({std::string(table_.name), rows_, bytes_, seconds.count()});
    return rows_;
  }

private:
  const tables::Table &table_;
  Progress *progress_;
  std::chrono::steady_clock::time_point started_;
  std::int64_t rows_ = 0;
  std::int64_t bytes_ = 0;
};

} // namespace

// Encoder threads run at a lower priority than the thread that sends: on a
// machine shared with the PostgreSQL server (the usual case for a dev
// database), a backend busy with our COPY must not lose its core to encoders
// that are ahead anyway. Linux applies nice values per thread.
static void lower_thread_priority() {
  (void)setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
}

RowCounts write_reference_rows(const ReferenceRows &rows, Progress *progress, Sink &sink) {
  RowCounts counts;
  const auto write = [&](const tables::Table &table, std::size_t count, auto encode) {
    if (count == 0)
      return;
    interrupt::throw_if_requested();
    TableTally tally(table, static_cast<std::int64_t>(count), progress);
    copy::RowBuffer buffer;
    encode(buffer);
    sink.begin(table);
    sink.write(buffer.bytes());
    sink.end();
    tally.add(buffer);
    counts.emplace_back(table.name, tally.finish());
  };
  write(tables::factors(), rows.factors.size(),
        [&](copy::RowBuffer &out) { rows::encode_factors(rows.factors, out); });
  write(tables::locations(), rows.locations.size(),
        [&](copy::RowBuffer &out) { rows::encode_locations(rows.locations, out); });
  write(tables::building_rooms(), rows.rooms.size(),
        [&](copy::RowBuffer &out) { rows::encode_rooms(rows.rooms, out); });
  return counts;
}

WrittenRows write_all(const rows::RunContext &context, const WriteSettings &settings, Sink &sink) {
  const auto &plan = *context.plan;
  // The entry chunks start encoding now, on the worker threads, while the
  // tables before them are written.
  const auto module_count = plan.module_count();
  ChunkPool pool(sink);
  const bool background = settings.jobs > 1; // else chunks are encoded by this thread
  const auto encode_chunk = [&context, &pool, module_count, background](std::int64_t first) {
    if (background)
      lower_thread_priority();
    Chunk chunk = pool.take();
    rows::encode_entries(context, first, std::min(first + modules_per_chunk, module_count), chunk);
    return chunk;
  };
  const auto jobs = static_cast<std::size_t>(std::max(1, settings.jobs));
  const std::size_t in_flight = jobs == 1 ? 1 : 2 * jobs;
  std::deque<std::future<Chunk>> queue;
  std::int64_t next = 0;
  const auto launch = [&] {
    while (queue.size() < in_flight && next < module_count) {
      queue.push_back(jobs == 1 ? std::async(std::launch::deferred, encode_chunk, next)
                                : std::async(std::launch::async, encode_chunk, next));
      next += modules_per_chunk;
    }
  };
  launch();

  WrittenRows written;
  if (settings.reference_rows)
    written.reference = write_reference_rows(*settings.reference_rows, settings.progress, sink);
  RowCounts &counts = written.seeded;
  const auto small = [&](const tables::Table &table, std::int64_t expected, auto encode) {
    interrupt::throw_if_requested();
    TableTally tally(table, expected, settings.progress);
    sink.begin(table);
    copy::RowBuffer buffer;
    encode(buffer, [&](copy::RowBuffer &full) {
      sink.write(full.bytes());
      tally.add(full);
      full.clear();
      interrupt::throw_if_requested();
    });
    sink.end();
    counts.emplace_back(table.name, tally.finish());
  };
  using copy::RowBuffer;
  using rows::Flush;
  small(tables::units(), plan.unit_count(),
        [&](RowBuffer &out, const Flush &flush) { rows::encode_units(context, out, flush); });
  small(tables::users(), plan.user_count(),
        [&](RowBuffer &out, const Flush &flush) { rows::encode_users(context, out, flush); });
  small(tables::unit_users(), plan.user_count(),
        [&](RowBuffer &out, const Flush &flush) { rows::encode_unit_users(context, out, flush); });
  small(tables::year_configuration(), static_cast<std::int64_t>(settings.years_to_configure.size()),
        [&](RowBuffer &out, const Flush &flush) {
          rows::encode_year_configuration(context, settings.years_to_configure, out, flush);
        });
  small(tables::carbon_projects(), plan.unit_count(), [&](RowBuffer &out, const Flush &flush) {
    rows::encode_carbon_projects(context, out, flush);
  });
  // Stats by report and module index, when they are written with their rows.
  std::vector<std::string> report_stats_texts, module_stats_texts;
  const auto write_reports_and_modules = [&] {
    const auto *report_texts = settings.stats_in_rows ? &report_stats_texts : nullptr;
    const auto *module_texts = settings.stats_in_rows ? &module_stats_texts : nullptr;
    small(tables::carbon_reports(), plan.report_count(), [&](RowBuffer &out, const Flush &flush) {
      rows::encode_carbon_reports(context, out, flush, report_texts);
    });
    small(tables::carbon_report_modules(), plan.module_count(),
          [&](RowBuffer &out, const Flush &flush) {
            rows::encode_carbon_report_modules(context, out, flush, module_texts);
          });
  };
  if (settings.stats_in_rows) {
    if (module_count > stats_in_rows_max_modules)
      throw std::logic_error("write_all: too many modules to hold their stats");
    report_stats_texts.resize(static_cast<std::size_t>(plan.report_count()));
    module_stats_texts.resize(static_cast<std::size_t>(module_count));
  } else {
    write_reports_and_modules();
  }

  // data_entries and data_entry_emissions, in segments: entries stream while
  // their emission rows collect; a full emission buffer is written between
  // two segments of entries. The tables are produced together, so all are
  // timed from here.
  TableTally entries(tables::data_entries(), plan.entry_count(), settings.progress);
  // Computed emissions: zero or more rows per entry, not known in advance.
  const bool one_per_entry = plan.options().emissions == EmissionMode::placeholder;
  TableTally emissions(tables::data_entry_emissions(), one_per_entry ? plan.entry_count() : 0,
                       settings.progress);
  std::optional<TableTally> audit;
  if (plan.options().audit)
    audit.emplace(tables::audit_documents(), plan.entry_count(), settings.progress);
  std::int64_t module_stats = 0, report_stats = 0;
  // Chunks whose entries are written wait here until the rows that must
  // follow them (emissions reference entries; one connection carries one
  // COPY at a time) are written; no copy: their buffers go back to the pool.
  std::vector<Chunk> waiting;
  std::size_t waiting_bytes = 0;
  const auto write_waiting = [&](const tables::Table &table, copy::RowBuffer Chunk::*rows,
                                 TableTally *tally) {
    bool any = false;
    for (const Chunk &chunk : waiting)
      any = any || (chunk.*rows).size() > 0;
    if (!any)
      return;
    sink.begin(table);
    for (const Chunk &chunk : waiting) {
      sink.write((chunk.*rows).bytes());
      if (tally)
        tally->add(chunk.*rows);
    }
    sink.end();
  };
  // The staged stats of the waiting chunks, in one COPY.
  const auto write_stats = [&](const tables::Table &table,
                               std::vector<rows::StatsText> Chunk::*stats, std::int64_t *count) {
    copy::RowBuffer buffer;
    for (const Chunk &chunk : waiting)
      rows::encode_stats_staging(chunk.*stats, buffer);
    if (buffer.rows() == 0)
      return;
    sink.begin(table);
    sink.write(buffer.bytes());
    sink.end();
    *count += buffer.rows();
  };
  const auto write_pending = [&] {
    write_waiting(tables::data_entry_emissions(), &Chunk::emissions, &emissions);
    write_waiting(tables::audit_documents(), &Chunk::audit, audit ? &*audit : nullptr);
    if (settings.stats_in_rows) {
      for (Chunk &chunk : waiting) {
        for (auto &text : chunk.module_stats)
          module_stats_texts[static_cast<std::size_t>(text.id - context.ids.module)] =
              std::move(text.json);
        for (auto &text : chunk.report_stats)
          report_stats_texts[static_cast<std::size_t>(text.id - context.ids.report)] =
              std::move(text.json);
      }
    } else {
      write_stats(tables::module_stats_staging(), &Chunk::module_stats, &module_stats);
      write_stats(tables::report_stats_staging(), &Chunk::report_stats, &report_stats);
    }
    for (Chunk &chunk : waiting)
      pool.give_back(std::move(chunk));
    waiting.clear();
    waiting_bytes = 0;
  };
  bool entries_open = false;
  while (!queue.empty()) {
    interrupt::throw_if_requested();
    Chunk chunk = queue.front().get(); // rethrows a worker's ValidationFailure
    queue.pop_front();
    launch();
    if (!entries_open)
      sink.begin(tables::data_entries());
    entries_open = true;
    sink.write(chunk.entries.bytes());
    entries.add(chunk.entries);
    waiting_bytes += chunk.waiting_bytes();
    waiting.push_back(std::move(chunk));
    if (waiting_bytes >= pending_emission_bytes || waiting.size() >= max_waiting_chunks) {
      sink.end();
      entries_open = false;
      write_pending();
    }
  }
  if (entries_open)
    sink.end();
  const auto entries_written = entries.finish();
  write_pending();
  const auto emissions_written = emissions.finish();
  const auto audit_written = audit ? std::optional(audit->finish()) : std::nullopt;
  // The counts list the tables in the same order either way (progress and
  // summary show them in the order written).
  if (settings.stats_in_rows)
    write_reports_and_modules();
  else
    spdlog::debug("stats of {} modules and {} reports staged", module_stats, report_stats);
  counts.emplace_back(tables::data_entries().name, entries_written);
  counts.emplace_back(tables::data_entry_emissions().name, emissions_written);
  if (audit_written)
    counts.emplace_back(tables::audit_documents().name, *audit_written);
  return written;
}

} // namespace seed
