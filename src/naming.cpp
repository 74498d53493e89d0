#include "seed/naming.hpp"

#include <fmt/format.h>

namespace seed::naming {

std::string unit_code(std::int64_t unit_number) {
  return fmt::format("U{:05d}", unit_number);
}

std::string unit_institutional_id(std::int64_t unit_number) {
  return fmt::format("CF{:05d}", unit_number);
}

std::string user_institutional_id(std::int64_t user_number) {
  return fmt::format("USR{:06d}", user_number);
}

std::string admin_institutional_id(std::int64_t user_number) {
  return fmt::format("ADMIN{:06d}", user_number);
}

} // namespace seed::naming
