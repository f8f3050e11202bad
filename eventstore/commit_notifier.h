// CommitNotifier: tells waiters that the log head moved past a position.
//
// The writer calls Publish(head) after each durable batch; it only stores the head and
// signals, so a waiter can never stall the writer. Wake callbacks run on the notifier's own
// dispatch thread, outside its lock; a callback should do little (read a page, start an
// asynchronous write) and must not block.
//
// Thread-safe: every method may be called from any thread.
#ifndef COOPLEDGER_EVENTSTORE_COMMIT_NOTIFIER_H_
#define COOPLEDGER_EVENTSTORE_COMMIT_NOTIFIER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace coop::eventstore {

class CommitNotifier {
 public:
  explicit CommitNotifier(uint64_t initial_head);
  ~CommitNotifier();  // calls Shutdown()
  CommitNotifier(const CommitNotifier&) = delete;
  CommitNotifier& operator=(const CommitNotifier&) = delete;

  void Publish(uint64_t head);
  uint64_t head() const;

  // Runs `wake` once on the dispatch thread as soon as head() > after, or when the notifier
  // shuts down (check is_shut_down() in the callback). Returns a ticket for Cancel, or 0 if
  // the notifier has already shut down (then `wake` is never called).
  uint64_t NotifyWhenAbove(uint64_t after, std::function<void()> wake);
  // Forgets a waiter that has not been woken yet. A callback already running is not stopped.
  void Cancel(uint64_t ticket);

  // Wakes every waiter and stops the dispatch thread. Later NotifyWhenAbove calls return 0.
  // Idempotent.
  void Shutdown();
  bool is_shut_down() const;

 private:
  struct Waiter {
    uint64_t after;
    std::function<void()> wake;
  };
  void DispatchLoop();

  mutable absl::Mutex mu_;
  uint64_t head_ ABSL_GUARDED_BY(mu_);
  bool shut_down_ ABSL_GUARDED_BY(mu_) = false;
  uint64_t next_ticket_ ABSL_GUARDED_BY(mu_) = 1;
  std::map<uint64_t, Waiter> waiters_ ABSL_GUARDED_BY(mu_);
  bool dispatch_pending_ ABSL_GUARDED_BY(mu_) = false;
  std::thread dispatcher_;
};

}  // namespace coop::eventstore

#endif  // COOPLEDGER_EVENTSTORE_COMMIT_NOTIFIER_H_
