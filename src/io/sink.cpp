#include "seed/io/sink.hpp"

#include <algorithm>
#include <stdexcept>

namespace seed {

FileSink::FileSink(std::filesystem::path dir) : dir_(std::move(dir)) {
  std::filesystem::create_directories(dir_);
}

void FileSink::begin(const tables::Table &table) {
  const bool first = std::find(opened_.begin(), opened_.end(), &table) == opened_.end();
  if (first)
    opened_.push_back(&table);
  const auto path = dir_ / (std::string(table.name) + ".copy");
  out_.open(path, std::ios::binary | (first ? std::ios::trunc : std::ios::app));
  if (!out_)
    throw std::runtime_error("cannot write " + path.string());
}

void FileSink::write(std::string_view rows) {
  out_.write(rows.data(), static_cast<std::streamsize>(rows.size()));
  if (!out_)
    throw std::runtime_error("write failed in " + dir_.string());
}

void FileSink::end() {
  out_.close();
  if (out_.fail())
    throw std::runtime_error("cannot close a file in " + dir_.string());
}

void FileSink::finish() {
  std::ofstream load(dir_ / "load.sql", std::ios::trunc);
  load << "-- Load with: psql -v ON_ERROR_STOP=1 -f load.sql (from this folder)\n"
          "\\set ON_ERROR_STOP on\nBEGIN;\n";
  const auto staging = [](const tables::Table *table) {
    return table == &tables::module_stats_staging() || table == &tables::report_stats_staging();
  };
  for (const tables::Table *table : opened_) {
    if (staging(table))
      load << tables::create_staging_sql(*table) << ";\n";
    load << "\\copy " << table->name << " " << tables::column_list(*table) << " from '"
         << table->name << ".copy'\n";
  }
  // Module and report stats, known only after their entries.
  for (const tables::Table *table : opened_)
    if (staging(table))
      load << tables::apply_staging_sql(*table) << ";\n";
  // Ids in the files are explicit; move each sequence past them so that the
  // application's own inserts do not collide afterwards.
  for (const tables::Table *table : opened_)
    if (!staging(table) &&
        std::find(table->columns.begin(), table->columns.end(), "id") != table->columns.end())
      load << "SELECT setval(pg_get_serial_sequence('" << table->name << "', 'id'), "
           << "(SELECT max(id) FROM " << table->name << "));\n";
  load << "COMMIT;\n";
  if (!load)
    throw std::runtime_error("cannot write " + (dir_ / "load.sql").string());
}

} // namespace seed
