#include "seed/io/interrupt.hpp"

#include <atomic>
#include <csignal>
#include <cstring>
#include <mutex>
#include <pthread.h>
#include <thread>

namespace seed::interrupt {
namespace {

std::atomic<int> received_signal{0};
std::mutex cancel_mutex;
std::function<void()> current_cancel;

const char *signal_name(int signal) {
  switch (signal) {
  case SIGINT:
    return "SIGINT";
  case SIGTERM:
    return "SIGTERM";
  default:
    return "a signal";
  }
}

sigset_t watched_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

} // namespace

Interrupted::Interrupted(int signal)
    : std::runtime_error(std::string("interrupted by ") + signal_name(signal)), signal_(signal) {}

void install() {
  static std::once_flag once;
  std::call_once(once, [] {
    const sigset_t set = watched_signals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    std::thread([set] {
      for (;;) {
        int signal = 0;
        if (sigwait(&set, &signal) != 0)
          continue;
        received_signal.store(signal);
        const std::lock_guard lock(cancel_mutex);
        if (current_cancel)
          current_cancel();
      }
    }).detach();
  });
}

int received() noexcept {
  return received_signal.load();
}

void throw_if_requested() {
  if (const int signal = received())
    throw Interrupted(signal);
}

CancelScope::CancelScope(std::function<void()> cancel) {
  const std::lock_guard lock(cancel_mutex);
  current_cancel = std::move(cancel);
}

CancelScope::~CancelScope() {
  const std::lock_guard lock(cancel_mutex);
  current_cancel = nullptr;
}

void reset() noexcept {
  received_signal.store(0);
}

} // namespace seed::interrupt
