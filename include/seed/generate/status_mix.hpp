// Which module statuses a seeded campaign shows (`--module-status`): only
// those app-state.md §3.4 lets a module reach (one with entries is
// IN_PROGRESS or VALIDATED, one without is NOT_STARTED), in a deterministic
// mix drawn from the module's own random stream.
#pragma once

#include "seed/generate/rng.hpp"

#include <optional>
#include <string_view>

namespace seed::status_mix {

enum class StatusMix {
  campaign,    // latest year mostly in progress, older years mostly validated
  in_progress, // every module with entries IN_PROGRESS
  validated,   // every module with entries VALIDATED (a closed campaign, for demos)
};
inline constexpr std::string_view status_mix_names[] = {"campaign", "in-progress", "validated"};
[[nodiscard]] std::optional<StatusMix> parse_status_mix(std::string_view name);
[[nodiscard]] std::string_view name_of(StatusMix mix);
// Campaign: chance that a module with entries is VALIDATED, by how many
// seeded years are later than its report's year (0 = the latest year).
[[nodiscard]] double campaign_validated_share(int later_years);
// `rng` is the module's own stream (drawn from only under `campaign`).
[[nodiscard]] int module_status(StatusMix mix, bool has_entries, int later_years, Rng rng);

} // namespace seed::status_mix
