#include "seed/model/roles.hpp"

#include <fmt/format.h>

#include <array>

namespace seed::roles {
namespace {

constexpr std::array<const catalog::Role *, 4> all_roles{
    &catalog::role_standard, &catalog::role_principal, &catalog::role_backoffice_metier,
    &catalog::role_superadmin};

std::optional<std::string> string_member(const nlohmann::json &object, const char *key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string())
    return std::nullopt;
  return it->get<std::string>();
}

} // namespace

std::string write_roles_raw(const catalog::Role &role, const nlohmann::ordered_json &scope) {
  nlohmann::ordered_json on{{"kind", role.scope_kind}};
  if (scope.is_object())
    on.update(scope);
  return nlohmann::ordered_json::array({{{"role", role.value}, {"on", on}}}).dump();
}

const catalog::Role *role_by_value(std::string_view value) {
  for (const auto *role : all_roles)
    if (role->value == value)
      return role;
  return nullptr;
}

ReadRoles read_roles_raw(std::optional<std::string_view> text) {
  ReadRoles out;
  if (!text)
    return out;
  const auto roles = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (roles.is_discarded()) {
    out.error = "not JSON";
    return out;
  }
  if (roles.is_null())
    return out;
  if (!roles.is_array()) {
    out.error = "not an array of grants";
    return out;
  }
  for (std::size_t i = 0; i < roles.size(); ++i) {
    const auto &item = roles[i];
    const auto fail = [&](std::string reason) {
      out.grants.clear();
      out.error = fmt::format("grant {}: {}", i, reason);
      return out;
    };
    if (!item.is_object())
      return fail("not an object");
    const auto value = string_member(item, "role");
    if (!value)
      return fail("no role");
    Grant grant;
    grant.role = role_by_value(*value);
    if (grant.role == nullptr)
      return fail(fmt::format("role '{}' is not a RoleName value", *value));
    const auto on = item.find("on");
    if (on == item.end() || !on->is_object())
      return fail("no scope object 'on'");
    const auto kind = string_member(*on, "kind");
    if (kind != grant.role->scope_kind)
      return fail(fmt::format("scope kind {} where {} needs '{}'",
                              kind ? "'" + *kind + "'" : std::string("missing"), *value,
                              grant.role->scope_kind));
    if (*kind == "own" || *kind == "unit") {
      grant.institutional_id = string_member(*on, "institutional_id");
      if (!grant.institutional_id)
        return fail(fmt::format("scope '{}' without institutional_id", *kind));
    } else if (*kind == "affiliation") {
      grant.affiliation = string_member(*on, "affiliation");
      if (!grant.affiliation)
        return fail("scope 'affiliation' without affiliation");
    }
    out.grants.push_back(std::move(grant));
  }
  return out;
}

} // namespace seed::roles
