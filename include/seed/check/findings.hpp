// What `seed-random check` found: per rule, the rows it judged, the rows that
// fail, and up to `limit` examples (row id and the offending value); the
// summary table on stdout, one line per example, and the same as JSON
// (--json). The rule set is fixed here: ids, one-line descriptions, the
// table whose rows each rule counts.
#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seed::check {

// --- Interface ---

enum class Rule : int { payload, member_unique, scope, roles, emissions, stats, audit };
inline constexpr int rule_count = 7;

struct RuleInfo {
  Rule rule;
  std::string_view id;          // --rules spelling
  std::string_view table;       // what `checked` counts
  std::string_view description; // one line
};
[[nodiscard]] const std::array<RuleInfo, rule_count> &rules();
[[nodiscard]] const RuleInfo &info(Rule rule);

// "payload,stats" -> those rules; throws std::invalid_argument naming an
// unknown id (and listing the known ones) or an empty list.
[[nodiscard]] std::vector<Rule> parse_rules(std::string_view text);

struct Example {
  std::int64_t id = 0; // the row's id in the rule's table
  std::string value;   // the offending value (JSON or column text), short
  std::string reason;  // why it fails
};

class Findings {
public:
  // Rules not in `enabled` are not run and not reported.
  Findings(std::vector<Rule> enabled, std::size_t limit);

  [[nodiscard]] bool enabled(Rule rule) const noexcept {
    return enabled_[static_cast<std::size_t>(rule)];
  }
  // One row of the rule's table judged ...
  void checked(Rule rule, std::int64_t rows = 1) noexcept;
  // ... and found failing (counted once per row, whatever the number of reasons).
  void fail(Rule rule, std::int64_t id, std::string value, std::string reason);
  // Time spent judging (for the timing column); added by the caller.
  void add_seconds(Rule rule, double seconds) noexcept;

  // Adds `other`'s counts and seconds; its examples follow ours up to the limit
  // (merging in row order keeps the examples the first rows found).
  void merge(const Findings &other);

  [[nodiscard]] std::int64_t checked_count(Rule rule) const noexcept;
  [[nodiscard]] std::int64_t failing_count(Rule rule) const noexcept;
  [[nodiscard]] const std::vector<Example> &examples(Rule rule) const noexcept;
  [[nodiscard]] double seconds(Rule rule) const noexcept;
  [[nodiscard]] bool clean() const noexcept;

  // The summary table (rule, table, checked, failing, share, seconds) then
  // one line per example: "<rule> <table> <id>: <value>: <reason>".
  [[nodiscard]] std::string text() const;
  // {"clean": bool, "rules": [{"rule", "description", "table", "checked",
  //  "failing", "share", "seconds", "examples": [{"id", "value", "reason"}]}]}
  [[nodiscard]] nlohmann::ordered_json json() const;

private:
  struct Tally {
    std::int64_t checked = 0, failing = 0;
    double seconds = 0;
    std::vector<Example> examples;
  };
  std::array<bool, rule_count> enabled_{};
  std::array<Tally, rule_count> tallies_{};
  std::size_t limit_;
};

// Shortens a value for an example line: at most `max` bytes (on a UTF-8
// boundary), "…" appended when cut.
[[nodiscard]] std::string shorten(std::string_view value, std::size_t max = 120);

} // namespace seed::check
