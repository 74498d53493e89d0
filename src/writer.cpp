#include "seed/writer.hpp"

#include "seed/tables.hpp"

#include <deque>
#include <future>

namespace seed {
namespace {

constexpr std::int64_t modules_per_chunk = 32;
constexpr std::size_t pending_emission_bytes = 8 << 20;

struct Chunk {
  copy::RowBuffer entries;
  copy::RowBuffer emissions;
};

// Writes one small table through a flushing buffer.
template <class Encode>
std::int64_t write_table(Sink &sink, const tables::Table &table, Encode encode) {
  sink.begin(table);
  copy::RowBuffer buffer;
  std::int64_t rows = 0;
  encode(buffer, [&](copy::RowBuffer &full) {
    sink.write(full.bytes());
    rows += full.rows();
    full.clear();
  });
  sink.end();
  return rows;
}

} // namespace

RowCounts write_all(const rows::RunContext &context, const WriteSettings &settings, Sink &sink) {
  RowCounts counts;
  const auto record = [&](const tables::Table &table, std::int64_t rows) {
    counts.emplace_back(table.name, rows);
    if (settings.on_table_done)
      settings.on_table_done(table.name, rows);
  };
  const auto small = [&](const tables::Table &table, auto encoder) {
    record(table, write_table(sink, table, [&](copy::RowBuffer &out, const rows::Flush &flush) {
             encoder(context, out, flush);
           }));
  };
  small(tables::units(), rows::encode_units);
  small(tables::users(), rows::encode_users);
  small(tables::unit_users(), rows::encode_unit_users);
  small(tables::year_configuration(),
        [&](const rows::RunContext &c, copy::RowBuffer &out, const rows::Flush &flush) {
          rows::encode_year_configuration(c, settings.years_to_configure, out, flush);
        });
  small(tables::carbon_projects(), rows::encode_carbon_projects);
  small(tables::carbon_reports(), rows::encode_carbon_reports);
  small(tables::carbon_report_modules(), rows::encode_carbon_report_modules);

  // data_entries and data_entry_emissions, in segments: entries stream while
  // their emission rows collect; a full emission buffer is written between
  // two segments of entries.
  const auto module_count = context.plan->module_count();
  const auto encode_chunk = [&context, module_count](std::int64_t first) {
    Chunk chunk;
    rows::encode_entries(context, first, std::min(first + modules_per_chunk, module_count),
                         chunk.entries, chunk.emissions);
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

  std::int64_t entry_rows = 0, emission_rows = 0;
  std::string pending;
  const auto write_pending_emissions = [&] {
    sink.begin(tables::data_entry_emissions());
    sink.write(pending);
    sink.end();
    pending.clear();
  };
  sink.begin(tables::data_entries());
  launch();
  while (!queue.empty()) {
    Chunk chunk = queue.front().get(); // rethrows a worker's ValidationFailure
    queue.pop_front();
    launch();
    sink.write(chunk.entries.bytes());
    entry_rows += chunk.entries.rows();
    pending += chunk.emissions.bytes();
    emission_rows += chunk.emissions.rows();
    if (pending.size() >= pending_emission_bytes) {
      sink.end();
      write_pending_emissions();
      sink.begin(tables::data_entries());
    }
  }
  sink.end();
  record(tables::data_entries(), entry_rows);
  write_pending_emissions();
  record(tables::data_entry_emissions(), emission_rows);
  return counts;
}

} // namespace seed
