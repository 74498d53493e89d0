// SIGINT/SIGTERM handling: the run stops at the next safe point, the server
// cancels the statement in flight, the transaction is rolled back, and the
// process exits 130 (SIGINT) or 143 (SIGTERM).
//
// The signals are blocked in every thread and received by one watcher thread
// (sigwait), so no work happens in a signal handler: the watcher records the
// signal and calls the registered canceller (PQcancel is thread-safe).
#pragma once

#include <functional>
#include <stdexcept>

namespace seed::interrupt {

// --- Interface ---

// Thrown at a safe point after a signal arrived.
class Interrupted : public std::runtime_error {
public:
  explicit Interrupted(int signal);
  [[nodiscard]] int signal() const noexcept { return signal_; }

private:
  int signal_;
};

// Blocks SIGINT and SIGTERM and starts the watcher. Call once, at the start
// of main, before any other thread exists (threads inherit the mask).
void install();

// The signal received so far, or 0.
[[nodiscard]] int received() noexcept;

// Throws Interrupted if a signal arrived.
void throw_if_requested();

// While alive, a signal calls `cancel` (from the watcher thread).
class CancelScope {
public:
  explicit CancelScope(std::function<void()> cancel);
  ~CancelScope();
  CancelScope(const CancelScope &) = delete;
  CancelScope &operator=(const CancelScope &) = delete;
};

// For tests: forget a received signal.
void reset() noexcept;

} // namespace seed::interrupt
