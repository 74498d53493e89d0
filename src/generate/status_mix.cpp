#include "seed/generate/status_mix.hpp"

#include "seed/model/catalog.hpp"

#include <iterator>

namespace seed::status_mix {

std::optional<StatusMix> parse_status_mix(std::string_view name) {
  for (std::size_t i = 0; i < std::size(status_mix_names); ++i)
    if (status_mix_names[i] == name)
      return static_cast<StatusMix>(i);
  return std::nullopt;
}

std::string_view name_of(StatusMix mix) {
  return status_mix_names[static_cast<std::size_t>(mix)];
}

double campaign_validated_share(int later_years) {
  // The latest year's campaign is running; the previous one is mostly
  // closed; older ones are closed but for a few modules re-opened later.
  switch (later_years) {
  case 0:
    return 0.2;
  case 1:
    return 0.7;
  default:
    return 0.95;
  }
}

int module_status(StatusMix mix, bool has_entries, int later_years, Rng rng) {
  if (!has_entries)
    return catalog::not_started;
  switch (mix) {
  case StatusMix::in_progress:
    return catalog::in_progress;
  case StatusMix::validated:
    return catalog::validated;
  case StatusMix::campaign:
    break;
  }
  return rng.chance(campaign_validated_share(later_years)) ? catalog::validated
                                                           : catalog::in_progress;
}

} // namespace seed::status_mix
