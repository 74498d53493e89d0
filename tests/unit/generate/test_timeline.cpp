// Tests of a run's instants (include/seed/generate/timeline.hpp).
#include "seed/generate/timeline.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

using seed::Timeline;

TEST_CASE("timeline: the steps of one create request, in order", "[timeline]") {
  const Timeline t("2026-12-05 14:13:00.999000");
  CHECK(t.entry_created_at == "2026-12-05 14:13:00.999000");
  CHECK(t.entry_updated_at == "2026-12-05 14:13:00.999001");
  CHECK(t.snapshot_created_at == "2026-12-05T14:13:00.999000");
  CHECK(t.snapshot_updated_at == "2026-12-05T14:13:00.999001");
  CHECK(t.audit_changed_at == "2026-12-05 14:13:01.001000");
  CHECK(t.emissions_computed_at == "2026-12-05 14:13:01.001500+00");
  CHECK(t.module_computed_at == "2026-12-05T14:13:01.002000+00:00");
  CHECK(t.report_computed_at == "2026-12-05T14:13:01.003000+00:00");
  // last_updated: epoch seconds read just before computed_at, never after.
  CHECK(t.module_last_updated == 1'796'479'981);
  CHECK(t.report_last_updated >= t.module_last_updated);
  // The same instants in µs, for binary COPY.
  for (const auto &[micros, text] :
       {std::pair{t.entry_created_micros, t.entry_created_at},
        {t.entry_updated_micros, t.entry_updated_at},
        {t.audit_changed_micros, t.audit_changed_at},
        {t.emissions_computed_micros, t.emissions_computed_at.substr(0, 26)}})
    CHECK(seed::copy_timestamp(micros) == text);
}
