#include "seed/generate/status_mix.hpp"

#include "seed/model/catalog.hpp"

#include <catch2/catch.hpp>

#include <cstdint>

using namespace seed;
using status_mix::StatusMix;

TEST_CASE("status_mix: mixes only reach statuses §3.4 allows", "[status_mix]") {

  for (const auto mix : {StatusMix::campaign, StatusMix::in_progress, StatusMix::validated}) {
    CHECK(status_mix::parse_status_mix(status_mix::name_of(mix)) == mix);
    for (int later = 0; later < 4; ++later) {
      CHECK(status_mix::module_status(mix, false, later, Rng(1)) == catalog::not_started);
      const int status = status_mix::module_status(mix, true, later, Rng(later));
      CHECK((status == catalog::in_progress || status == catalog::validated));
    }
  }
  CHECK_FALSE(status_mix::parse_status_mix("done"));
  CHECK(status_mix::module_status(StatusMix::in_progress, true, 3, Rng(1)) == catalog::in_progress);
  CHECK(status_mix::module_status(StatusMix::validated, true, 0, Rng(1)) == catalog::validated);
  // Campaign: the share of validated modules falls towards the latest year.
  const auto share = [](int later) {
    int validated = 0;
    for (std::uint64_t i = 0; i < 4000; ++i)
      validated +=
          status_mix::module_status(StatusMix::campaign, true, later,
                                    Rng::keyed(1, Stream::modules, i)) == catalog::validated;
    return validated / 4000.0;
  };
  CHECK(share(0) == Approx(status_mix::campaign_validated_share(0)).margin(0.03));
  CHECK(share(1) == Approx(status_mix::campaign_validated_share(1)).margin(0.03));
  CHECK(share(2) == Approx(status_mix::campaign_validated_share(2)).margin(0.03));
  CHECK(status_mix::campaign_validated_share(0) < status_mix::campaign_validated_share(1));
}
