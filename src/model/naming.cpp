#include "seed/model/naming.hpp"

#include <fmt/core.h>

#include <charconv>

namespace seed::naming {
namespace {

constexpr std::string_view unit_code_prefix = "U";
constexpr std::string_view unit_id_prefix = "CF";
constexpr std::string_view user_prefix = "USR";
constexpr std::string_view admin_prefix = "ADMIN";
constexpr int unit_digits = 5;
constexpr int user_digits = 6;

std::string make(std::string_view prefix, int digits, std::int64_t number) {
  return fmt::format("{}{:0{}d}", prefix, number, digits);
}

// The number after `prefix` if the rest is digits only, with at least `digits` of them.
std::optional<std::int64_t> parse(std::string_view id, std::string_view prefix, int digits) {
  if (id.substr(0, prefix.size()) != prefix)
    return std::nullopt;
  const auto rest = id.substr(prefix.size());
  std::int64_t number = 0;
  const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), number);
  if (error != std::errc() || end != rest.data() + rest.size() ||
      rest.size() < static_cast<std::size_t>(digits) || rest.front() == '-')
    return std::nullopt;
  return number;
}

} // namespace

std::string unit_code(std::int64_t n) {
  return make(unit_code_prefix, unit_digits, n);
}
std::string unit_institutional_id(std::int64_t n) {
  return make(unit_id_prefix, unit_digits, n);
}
std::string user_institutional_id(std::int64_t n) {
  return make(user_prefix, user_digits, n);
}
std::string admin_institutional_id(std::int64_t n) {
  return make(admin_prefix, user_digits, n);
}

std::string member_institutional_id(std::int64_t unit_number, std::int64_t member_number) {
  return fmt::format("{}-M{:04d}", unit_code(unit_number), member_number);
}

std::optional<std::int64_t> unit_number_of(std::string_view id) {
  if (auto number = parse(id, unit_id_prefix, unit_digits))
    return number;
  return parse(id, unit_code_prefix, unit_digits);
}

std::optional<std::int64_t> user_number_of(std::string_view id) {
  if (auto number = parse(id, user_prefix, user_digits))
    return number;
  return parse(id, admin_prefix, user_digits);
}

} // namespace seed::naming
