// seed/interrupt.hpp: a signal is recorded by the watcher, calls the
// registered canceller and surfaces at the next safe point.
#include "seed/io/interrupt.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>
#include <unistd.h>

using namespace seed;

namespace {
bool wait_for_signal(int expected) {
  for (int i = 0; i < 200; ++i) {
    if (interrupt::received() == expected)
      return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
}
} // namespace

TEST_CASE("interrupt: a signal cancels and is thrown at the next safe point", "[interrupt]") {
  interrupt::install();
  interrupt::reset();
  CHECK_NOTHROW(interrupt::throw_if_requested());

  for (int signal : {SIGINT, SIGTERM}) {
    std::atomic<int> cancels{0};
    {
      const interrupt::CancelScope scope([&] { ++cancels; });
      REQUIRE(kill(getpid(), signal) == 0);
      REQUIRE(wait_for_signal(signal));
      for (int i = 0; i < 200 && cancels == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      CHECK(cancels == 1);
    }
    try {
      interrupt::throw_if_requested();
      FAIL("no exception");
    } catch (const interrupt::Interrupted &e) {
      CHECK(e.signal() == signal);
      CHECK_THAT(e.what(), Catch::Contains(signal == SIGINT ? "SIGINT" : "SIGTERM"));
    }
    interrupt::reset();
  }
}

TEST_CASE("interrupt: outside a CancelScope a signal only records", "[interrupt]") {
  interrupt::install();
  interrupt::reset();
  REQUIRE(kill(getpid(), SIGINT) == 0);
  CHECK(wait_for_signal(SIGINT));
  CHECK_THROWS_AS(interrupt::throw_if_requested(), interrupt::Interrupted);
  interrupt::reset();
  CHECK(interrupt::received() == 0);
}
