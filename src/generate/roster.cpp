#include "seed/generate/roster.hpp"

#include "seed/generate/fake.hpp"
#include "seed/model/naming.hpp"

#include <numeric>
#include <stdexcept>

namespace seed::roster {

std::int64_t size(const Plan &plan, std::int64_t unit_index) {
  return plan.users_in_unit(unit_index) + plan.options().entries_max;
}

Person person(const Plan &plan, std::int64_t unit_index, std::int64_t position) {
  const auto users = plan.users_in_unit(unit_index);
  if (position < users) {
    // The first draw of the user's own stream, as the users table's row has it.
    const auto user_index = plan.first_user_of_unit(unit_index) + position;
    auto rng =
        Rng::keyed(plan.stream_seed(), Stream::users, static_cast<std::uint64_t>(user_index));
    return {naming::user_institutional_id(plan.user_number(user_index)),
            fake::person(rng).display_name};
  }
  const auto member = position - users + 1;
  auto rng = Rng::keyed(plan.stream_seed(), Stream::roster,
                        (static_cast<std::uint64_t>(unit_index) << 24) |
                            static_cast<std::uint64_t>(member));
  return {naming::member_institutional_id(plan.unit_number(unit_index), member),
          fake::person(rng).display_name};
}

Draw::Draw(std::int64_t size, Rng rng) : order_(static_cast<std::size_t>(size)), rng_(rng) {
  std::iota(order_.begin(), order_.end(), std::int64_t{0});
}

std::int64_t Draw::next() {
  if (taken_ == order_.size())
    throw std::length_error("roster exhausted: more member entries than people");
  const auto pick = taken_ + static_cast<std::size_t>(rng_.below(order_.size() - taken_));
  std::swap(order_[taken_], order_[pick]);
  return order_[taken_++];
}

} // namespace seed::roster
