#include "seed/check/stats_rules.hpp"

#include "seed/model/catalog.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace seed::check {
namespace {

std::string member_path(const std::string &path, const std::string &key) {
  return path.empty() ? key : path + "." + key;
}

// Parses a stats text, nullopt when it is not JSON.
std::optional<nlohmann::json> parse(const std::string &text) {
  auto value = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded())
    return std::nullopt;
  return value;
}

// The computed_at value of a stats text in the writer's form
// ("computed_at": "…"), empty when there is none.
std::string_view computed_at_of(std::string_view text) {
  constexpr std::string_view key = "\"computed_at\": \"";
  const auto at = text.find(key);
  if (at == std::string_view::npos)
    return {};
  const auto from = at + key.size();
  const auto end = text.find('"', from);
  return end == std::string_view::npos ? std::string_view() : text.substr(from, end - from);
}

} // namespace

std::optional<std::string> json_difference(const nlohmann::json &stored,
                                           const nlohmann::json &expected,
                                           const std::string &path) {
  const auto where = path.empty() ? std::string("stats") : path;
  if (stored.is_number() && expected.is_number()) {
    const double a = stored.get<double>(), b = expected.get<double>();
    if (a == b || std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b)))
      return std::nullopt;
    return fmt::format("{}: stored {}, expected {}", where, stored.dump(), expected.dump());
  }
  if (stored.is_object() && expected.is_object()) {
    for (const auto &[key, value] : expected.items()) {
      if (key == "computed_at")
        continue;
      const auto it = stored.find(key);
      if (it == stored.end())
        return fmt::format("{}: missing, expected {}", member_path(path, key), value.dump());
      if (auto difference = json_difference(*it, value, member_path(path, key)))
        return difference;
    }
    for (const auto &[key, value] : stored.items())
      if (key != "computed_at" && !expected.contains(key))
        return fmt::format("{}: stored {}, not expected", member_path(path, key), value.dump());
    return std::nullopt;
  }
  if (stored != expected)
    return fmt::format("{}: stored {}, expected {}", where, stored.dump(), expected.dump());
  return std::nullopt;
}

std::optional<aggregates::ModuleStats>
judge_module(const ModuleRecord &module, const aggregates::ModuleTally &tally, Findings &findings) {
  findings.checked(Rule::stats);
  const auto fail = [&](std::string value, std::string reason) {
    findings.fail(Rule::stats, module.id, std::move(value),
                  "carbon_report_modules: " + std::move(reason));
  };
  if (tally.entries() == 0) {
    if (module.stats)
      fail(*module.stats, "stats of a module without entries (never recomputed: NULL)");
    return std::nullopt;
  }
  auto stats = tally.finish();
  if (module.status == catalog::not_started)
    fail(fmt::format("status={}", module.status), "a module with entries is not NOT_STARTED");
  else if (!module.stats)
    fail("NULL", fmt::format("stats of a module with {} entries", tally.entries()));
  else {
    // The writer's text with the stored computed_at: the very text stored
    // means no difference, without parsing either.
    std::string text;
    aggregates::write_module_stats(stats, computed_at_of(*module.stats), text);
    if (text == *module.stats)
      return stats;
    if (const auto stored = parse(*module.stats); !stored)
      fail(*module.stats, "stats is not JSON");
    else if (const auto difference = json_difference(*stored, nlohmann::json::parse(text)))
      fail(*module.stats, *difference);
  }
  return stats;
}

void judge_report(const ReportRecord &report, const std::vector<ModuleRecord> &modules,
                  const std::vector<std::optional<aggregates::ModuleStats>> &computed,
                  Findings &findings) {
  findings.checked(Rule::stats);
  const auto fail = [&](std::string value, std::string reason) {
    findings.fail(Rule::stats, report.id, std::move(value), "carbon_reports: " + std::move(reason));
  };
  std::vector<std::size_t> order(modules.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
    return modules[a].module_type_id < modules[b].module_type_id;
  });
  std::vector<aggregates::ReportModule> by_type;
  int validated = 0;
  bool touched = false;
  for (const auto i : order) {
    validated += modules[i].status == catalog::validated;
    touched = touched || computed[i].has_value();
    by_type.push_back(
        {modules[i].module_type_id, modules[i].status, computed[i] ? &*computed[i] : nullptr});
  }
  const int count = static_cast<int>(modules.size());
  const int status = aggregates::overall_status(validated, count);
  if (report.overall_status != status)
    return fail(fmt::format("overall_status={}", report.overall_status),
                fmt::format("{} of {} modules validated give {}", validated, count, status));
  if (!touched) {
    if (report.stats)
      fail(*report.stats, "stats of a report without entries (never recomputed: NULL)");
    return;
  }
  const auto progress = aggregates::completion_progress(validated, count);
  if (report.completion_progress != progress)
    return fail(fmt::format("completion_progress={}", report.completion_progress.value_or("NULL")),
                fmt::format("its modules give {}", progress));
  if (!report.stats)
    return fail("NULL", "stats of a report whose modules have entries");
  // As for modules: the very text stored means no difference.
  std::string text;
  aggregates::write_report_stats(aggregates::modules_in_read_order(std::move(by_type)),
                                 computed_at_of(*report.stats), text);
  if (text == *report.stats)
    return;
  const auto stored = parse(*report.stats);
  if (!stored)
    return fail(*report.stats, "stats is not JSON");
  if (const auto difference = json_difference(*stored, nlohmann::json::parse(text)))
    fail(*report.stats, *difference);
}

} // namespace seed::check
