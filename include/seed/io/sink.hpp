// Where encoded COPY rows go: a PostgreSQL COPY stream (seed/pg_sink.hpp),
// files (FileSink), or a test double. A table may be opened several times in
// one run (the writer alternates data_entries and data_entry_emissions in
// segments); each opening appends to what the table already received.
#pragma once

#include "seed/io/copy_text.hpp"
#include "seed/model/tables.hpp"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace seed {

// --- Interface ---

class Sink {
public:
  virtual ~Sink() = default;
  // The wire forms `table`'s rows must be encoded in for this sink (see
  // copy::RowBuffer::use_binary); empty: COPY text, the default.
  [[nodiscard]] virtual std::vector<copy::Wire> binary_columns(const tables::Table &table) const {
    (void)table;
    return {};
  }
  // Starts a COPY of `table` (columns as listed there).
  virtual void begin(const tables::Table &table) = 0;
  // Complete rows in the table's COPY format; a call never splits a row.
  virtual void write(std::string_view rows) = 0;
  // Ends the current COPY; errors the target reports surface here.
  virtual void end() = 0;
};

// Writes <dir>/<table>.copy per table plus <dir>/load.sql, which loads them
// with psql in one transaction: the same bytes a database run sends.
class FileSink final : public Sink {
public:
  explicit FileSink(std::filesystem::path dir);
  void begin(const tables::Table &table) override;
  void write(std::string_view rows) override;
  void end() override;
  // Writes load.sql; call once after the last table.
  void finish();

private:
  std::filesystem::path dir_;
  std::ofstream out_;
  std::vector<const tables::Table *> opened_; // first-opening order
};

} // namespace seed
