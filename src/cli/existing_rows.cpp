#include "seed/cli/existing_rows.hpp"

#include "seed/model/naming.hpp"
#include "seed/model/tables.hpp"
#include "seed/rules/audit.hpp"

#include <fmt/core.h>

#include <algorithm>

namespace seed {
namespace {

void sort_unique(std::vector<std::int64_t> &numbers) {
  std::sort(numbers.begin(), numbers.end());
  numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
}

// Taken numbers inside [first, first + count).
std::vector<std::int64_t> within(const std::vector<std::int64_t> &taken, std::int64_t first,
                                 std::int64_t count) {
  const auto lo = std::lower_bound(taken.begin(), taken.end(), first);
  const auto hi = std::lower_bound(lo, taken.end(), first + count);
  return {lo, hi};
}

// "U00000, U00001, U00002 and 7 more"
template <class Format>
std::string sample(const std::vector<std::int64_t> &numbers, Format format) {
  std::string text;
  const std::size_t shown = std::min<std::size_t>(numbers.size(), 3);
  for (std::size_t i = 0; i < shown; ++i)
    text += (i ? ", " : "") + format(numbers[i]);
  if (numbers.size() > shown)
    text += fmt::format(" and {} more", numbers.size() - shown);
  return text;
}

} // namespace

TakenNumbers read_taken_numbers(pg::Connection &db) {
  TakenNumbers taken;
  for (const auto &row : db.query("SELECT institutional_code, institutional_id FROM units"))
    for (const auto &value : row)
      if (value)
        if (const auto number = naming::unit_number_of(*value))
          taken.units.push_back(*number);
  for (const auto &row : db.query("SELECT institutional_id FROM users"))
    if (row[0])
      if (const auto number = naming::user_number_of(*row[0]))
        taken.users.push_back(*number);
  sort_unique(taken.units);
  sort_unique(taken.users);
  return taken;
}

std::optional<std::string> describe_collisions(const Plan &plan, const TakenNumbers &taken) {
  const auto units = within(taken.units, plan.unit_number(0), plan.unit_count());
  const auto users = within(taken.users, plan.user_number(0), plan.user_count());
  if (units.empty() && users.empty())
    return std::nullopt;
  std::string what;
  if (!units.empty())
    what = "units " + sample(units, naming::unit_code);
  if (!users.empty())
    what += (what.empty() ? "users " : "; users ") + sample(users, naming::user_institutional_id);
  return fmt::format("the database already holds seeded rows ({}); run with --append to add a "
                     "new batch after them, or --reset to delete the seeded tables' rows first",
                     what);
}

Options continue_after(Options options, const TakenNumbers &taken) {
  options.unit_offset = taken.units.empty() ? 0 : taken.units.back() + 1;
  options.user_offset = taken.users.empty() ? 0 : taken.users.back() + 1;
  return options;
}

namespace {

// The audit documents of data entries (a --reset deletes every entry, so
// these would be orphans); the application's documents of other entities stay.
bool has_audit_table(pg::Connection &db) {
  return db.query_value(fmt::format("SELECT to_regclass('{}') IS NOT NULL",
                                    tables::audit_documents().name)) == "t";
}

std::string entry_documents_where() {
  return fmt::format("FROM {} WHERE entity_type = '{}'", tables::audit_documents().name,
                     audit::entity_type);
}

} // namespace

std::vector<std::pair<std::string, std::int64_t>> count_seeded_rows(pg::Connection &db) {
  std::vector<std::pair<std::string, std::int64_t>> counts;
  if (has_audit_table(db))
    counts.emplace_back(fmt::format("{} ({})", tables::audit_documents().name, audit::entity_type),
                        std::stoll(db.query_value("SELECT count(*) " + entry_documents_where())));
  const auto &order = tables::write_order();
  for (auto it = order.rbegin(); it != order.rend(); ++it)
    counts.emplace_back(
        std::string((*it)->name),
        std::stoll(db.query_value(fmt::format("SELECT count(*) FROM {}", (*it)->name))));
  return counts;
}

void delete_seeded_rows(pg::Connection &db) {
  if (has_audit_table(db))
    db.exec("DELETE " + entry_documents_where());
  const auto &order = tables::write_order();
  const auto names = tables::name_list(/*children_first=*/true);
  // TRUNCATE is instant but refuses tables that others reference; then
  // DELETE, children first, and let a remaining reference fail the run.
  const auto referenced = db.query_value(fmt::format(
      "SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE contype = 'f' AND confrelid = ANY "
      "(SELECT t::regclass FROM unnest(string_to_array('{0}', ', ')) t) AND conrelid <> ALL "
      "(SELECT t::regclass FROM unnest(string_to_array('{0}', ', ')) t))",
      names));
  if (referenced == "f") {
    db.exec("TRUNCATE " + names);
    return;
  }
  for (auto it = order.rbegin(); it != order.rend(); ++it)
    db.exec(fmt::format("DELETE FROM {}", (*it)->name));
}

} // namespace seed
