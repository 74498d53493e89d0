#include "seed/check/findings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace seed::check {

const std::array<RuleInfo, rule_count> &rules() {
  static const std::array<RuleInfo, rule_count> all{{
      {Rule::payload, "payload", "data_entries",
       "data is a valid create-DTO of its entry type (and passes the application's schema with "
       "--app-dto-schemas)"},
      {Rule::member_unique, "member-unique", "data_entries",
       "no member id (stripped) appears twice among a module's member entries"},
      {Rule::scope, "scope", "data_entries",
       "year and unit_id are the report's; the entry type belongs to the module type"},
      {Rule::roles, "roles", "users",
       "roles_raw is readable by the role model; a unit's principal holds the principal role on "
       "it"},
      {Rule::emissions, "emissions", "data_entries",
       "the stored emission rows are those the factors now in the database give"},
      {Rule::stats, "stats", "carbon_report_modules+carbon_reports",
       "module and report stats, progress and status match their entries' emission rows"},
      {Rule::audit, "audit", "data_entries",
       "one current version-1 document per entry, an unbroken hash chain, hashes that recompute"},
  }};
  return all;
}

const RuleInfo &info(Rule rule) {
  return rules()[static_cast<std::size_t>(rule)];
}

std::vector<Rule> parse_rules(std::string_view text) {
  std::vector<Rule> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    if (item.empty() || (comma != std::string_view::npos && text.empty()))
      throw std::invalid_argument("empty rule id");
    const RuleInfo *found = nullptr;
    for (const auto &rule : rules())
      if (rule.id == item)
        found = &rule;
    if (found == nullptr) {
      std::string known;
      for (const auto &rule : rules())
        known += fmt::format("{}{}", known.empty() ? "" : ", ", rule.id);
      throw std::invalid_argument(fmt::format("unknown rule '{}' (rules: {})", item, known));
    }
    if (std::find(out.begin(), out.end(), found->rule) == out.end())
      out.push_back(found->rule);
  }
  if (out.empty())
    throw std::invalid_argument("no rule given");
  return out;
}

Findings::Findings(std::vector<Rule> enabled, std::size_t limit) : limit_(limit) {
  for (const auto rule : enabled)
    enabled_[static_cast<std::size_t>(rule)] = true;
}

void Findings::checked(Rule rule, std::int64_t rows) noexcept {
  tallies_[static_cast<std::size_t>(rule)].checked += rows;
}

void Findings::fail(Rule rule, std::int64_t id, std::string value, std::string reason) {
  auto &tally = tallies_[static_cast<std::size_t>(rule)];
  ++tally.failing;
  if (tally.examples.size() < limit_)
    tally.examples.push_back({id, shorten(value), std::move(reason)});
}

void Findings::add_seconds(Rule rule, double seconds) noexcept {
  tallies_[static_cast<std::size_t>(rule)].seconds += seconds;
}

void Findings::merge(const Findings &other) {
  for (std::size_t r = 0; r < tallies_.size(); ++r) {
    auto &tally = tallies_[r];
    const auto &more = other.tallies_[r];
    tally.checked += more.checked;
    tally.failing += more.failing;
    tally.seconds += more.seconds;
    for (const auto &example : more.examples)
      if (tally.examples.size() < limit_)
        tally.examples.push_back(example);
  }
}

std::int64_t Findings::checked_count(Rule rule) const noexcept {
  return tallies_[static_cast<std::size_t>(rule)].checked;
}
std::int64_t Findings::failing_count(Rule rule) const noexcept {
  return tallies_[static_cast<std::size_t>(rule)].failing;
}
const std::vector<Example> &Findings::examples(Rule rule) const noexcept {
  return tallies_[static_cast<std::size_t>(rule)].examples;
}
double Findings::seconds(Rule rule) const noexcept {
  return tallies_[static_cast<std::size_t>(rule)].seconds;
}

bool Findings::clean() const noexcept {
  for (std::size_t r = 0; r < tallies_.size(); ++r)
    if (enabled_[r] && tallies_[r].failing > 0)
      return false;
  return true;
}

namespace {

double share(std::int64_t failing, std::int64_t checked) {
  return checked == 0 ? 0.0 : 100.0 * static_cast<double>(failing) / static_cast<double>(checked);
}

} // namespace

std::string Findings::text() const {
  std::string out = fmt::format("{:<14} {:<38} {:>12} {:>10} {:>8} {:>8}\n", "rule", "table",
                                "checked", "failing", "share", "seconds");
  for (const auto &rule : rules()) {
    if (!enabled(rule.rule))
      continue;
    const auto &tally = tallies_[static_cast<std::size_t>(rule.rule)];
    out += fmt::format("{:<14} {:<38} {:>12} {:>10} {:>7.3f}% {:>8.2f}\n", rule.id, rule.table,
                       tally.checked, tally.failing, share(tally.failing, tally.checked),
                       tally.seconds);
  }
  for (const auto &rule : rules()) {
    if (!enabled(rule.rule))
      continue;
    for (const auto &example : tallies_[static_cast<std::size_t>(rule.rule)].examples)
      out += fmt::format("{} {} {}: {}: {}\n", rule.id, rule.table, example.id, example.value,
                         example.reason);
  }
  return out;
}

nlohmann::ordered_json Findings::json() const {
  auto list = nlohmann::ordered_json::array();
  for (const auto &rule : rules()) {
    if (!enabled(rule.rule))
      continue;
    const auto &tally = tallies_[static_cast<std::size_t>(rule.rule)];
    auto examples = nlohmann::ordered_json::array();
    for (const auto &example : tally.examples)
      examples.push_back(
          {{"id", example.id}, {"value", example.value}, {"reason", example.reason}});
    list.push_back({{"rule", rule.id},
                    {"description", rule.description},
                    {"table", rule.table},
                    {"checked", tally.checked},
                    {"failing", tally.failing},
                    {"share", share(tally.failing, tally.checked) / 100.0},
                    {"seconds", tally.seconds},
                    {"examples", examples}});
  }
  return {{"clean", clean()}, {"rules", list}};
}

std::string shorten(std::string_view value, std::size_t max) {
  if (value.size() <= max)
    return std::string(value);
  auto cut = max;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80)
    --cut;
  return std::string(value.substr(0, cut)) + "…";
}

} // namespace seed::check
