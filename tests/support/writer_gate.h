// WriterGate: holds the RocksDB event store's writer in its first round (before it takes a
// batch) until released, so that the appends a test submits meanwhile provably land in one
// group commit, with one recorded_at. Install Hook() as RocksOptions::before_batch_hook.
// Header-only test support; thread-safe.
#ifndef COOPLEDGER_TESTS_SUPPORT_WRITER_GATE_H_
#define COOPLEDGER_TESTS_SUPPORT_WRITER_GATE_H_

#include <atomic>
#include <functional>

#include "absl/synchronization/notification.h"

namespace coop::testing {

class WriterGate {
 public:
  std::function<void()> Hook() {
    return [this] {
      if (calls_.fetch_add(1) == 0) {
        held_.Notify();
        release_.WaitForNotification();
      }
    };
  }
  void WaitUntilHeld() { held_.WaitForNotification(); }
  // Idempotent (from one thread), so a test may release in its TearDown as well.
  void Release() {
    if (!release_.HasBeenNotified()) release_.Notify();
  }

 private:
  std::atomic<int> calls_{0};
  absl::Notification held_, release_;
};

}  // namespace coop::testing

#endif  // COOPLEDGER_TESTS_SUPPORT_WRITER_GATE_H_
