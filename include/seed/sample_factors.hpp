// The sample factors bundled in sql/sample_factors.sql (invented values),
// compiled into the binary: a dry run draws equipment classes from them
// without a database.
#pragma once

#include "seed/equipment_pool.hpp"

#include <string_view>

namespace seed {

// --- Interface ---

// The text of sql/sample_factors.sql.
[[nodiscard]] std::string_view sample_factors_sql();

// The equipment pool those factors give.
[[nodiscard]] EquipmentPool sample_equipment_pool();

} // namespace seed
