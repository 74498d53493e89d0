// Schema preflight: before anything is written, check that every table,
// column, type and enum label the seeder touches exists in the target and is
// compatible. Extra tables and columns are fine (the real schema has more
// than we write); a NOT NULL column without default that we do not write is
// not (every COPY would fail).
#pragma once

#include "seed/io/pg.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace seed {

// --- Interface ---

struct Drift {
  std::string where;    // "units.level", "role_name_enum", "units"
  std::string expected; // "integer", "label CO2_SUPERADMIN", "table"
  std::string found;    // "text", "missing", ...
};

class SchemaDrift : public std::runtime_error {
public:
  explicit SchemaDrift(std::vector<Drift> drifts);
  [[nodiscard]] const std::vector<Drift> &drifts() const noexcept { return drifts_; }

private:
  std::vector<Drift> drifts_;
};

// Every difference found; empty when the schema fits. `audit`: the run writes
// audit documents, so audit_documents and its enum labels must be there.
[[nodiscard]] std::vector<Drift> find_schema_drift(pg::Connection &db, bool audit = true);

// Throws SchemaDrift naming each difference.
void check_schema(pg::Connection &db, bool audit = true);

// The wire form of each of `table`'s columns (in its COPY order) as the
// target declares them, for binary COPY; empty when a column's type has none
// (copy::wire_of), and the table is then COPYed as text.
[[nodiscard]] std::vector<copy::Wire> binary_copy_columns(pg::Connection &db,
                                                          const tables::Table &table);

// True when a column of type `found` accepts what we write as `expected`.
[[nodiscard]] bool compatible_types(std::string_view expected, std::string_view found);

} // namespace seed
