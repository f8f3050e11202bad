// CommandWorkers: a small fixed pool of threads that run commands (load a stream, decide,
// append and wait for the commit), so that gRPC threads never wait on the store. A command
// handler enqueues a task and returns its reactor; the task finishes the call.
// Thread-safe.
#ifndef COOPLEDGER_COMMANDS_COMMAND_WORKERS_H_
#define COOPLEDGER_COMMANDS_COMMAND_WORKERS_H_

#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"

namespace coop::commands {

class CommandWorkers {
 public:
  // `max_queued`: tasks that may wait for a thread (0: no bound).
  explicit CommandWorkers(int threads, size_t max_queued = 0);
  ~CommandWorkers();  // Stop()

  // Runs `task` on a worker. After Stop(), runs nothing and returns false. With a bound, a full
  // queue also returns false: use TryPost to tell the two apart.
  bool Post(std::function<void()> task);
  // The same, saying why not: UNAVAILABLE after Stop(); RESOURCE_EXHAUSTED when max_queued
  // tasks are already waiting (the caller may retry shortly).
  absl::Status TryPost(std::function<void()> task);
  // Tasks waiting for a thread now (not those running).
  size_t queued() const;
  // Tasks running on a thread now.
  size_t running() const;
  // Runs what is queued, then joins the workers. Idempotent.
  void Stop();

 private:
  void Loop();

  mutable absl::Mutex mu_;
  std::deque<std::function<void()>> tasks_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  size_t running_ ABSL_GUARDED_BY(mu_) = 0;
  const size_t max_queued_;
  std::vector<std::thread> threads_;
};

}  // namespace coop::commands

#endif  // COOPLEDGER_COMMANDS_COMMAND_WORKERS_H_
