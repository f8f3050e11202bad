// ProjectionRunner: runs one projection on its own thread.
//
// From the stored checkpoint it reads the log forwards in pages (EventStore::ReadAll), applies
// every event, and commits the page's rows together with the new checkpoint in one atomic
// WriteBatch, so a crash neither applies an event twice nor skips one. Once the log is
// exhausted it waits on the store's CommitNotifier and follows live.
//
// If the stored version differs from projection.version(), Start() drops the projection's
// rows (one DeleteRange over its family's rows, with meta {version, 0} in the same batch)
// and the runner rebuilds from position 1; other projections keep running meanwhile.
//
// Lifetime: the event store, projection store and projection must outlive the runner, and
// the runner must be stopped before the event store is closed (a read must not be running).
//
// Thread-safety: Start and Stop may be called from any thread (Stop is idempotent and also
// run by the destructor; do not call them concurrently with the destructor). status() and
// WaitForPosition are thread-safe and may be called concurrently with everything else.
#ifndef COOPLEDGER_PROJECTIONS_PROJECTION_RUNNER_H_
#define COOPLEDGER_PROJECTIONS_PROJECTION_RUNNER_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <thread>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "eventstore/event_store.h"
#include "projections/projection.h"
#include "projections/projection_store.h"

namespace coop::projections {

enum class ProjectionState {
  kStarting,    // Start() not called yet
  kRebuilding,  // version changed: rebuilding from position 1, not caught up yet
  kCatchingUp,  // behind the head, reading pages as fast as it can
  kLive,        // caught up; following commits as they are notified
  kStopped,     // Stop() called (or stop_after_pages reached)
  kFailed,      // Apply or storage failed; see ProjectionStatus::error
};
const char* ProjectionStateName(ProjectionState state);

struct ProjectionStatus {
  std::string name;
  uint32_t version = 0;
  uint64_t position = 0;         // checkpoint: last applied position
  uint64_t head = 0;             // the log head as last notified
  uint64_t lag = 0;              // head - position (0 if ahead of the notified head)
  double events_per_second = 0;  // over the last few seconds
  ProjectionState state = ProjectionState::kStarting;
  // Set in kFailed; also while a failed read of the log is being retried (state unchanged).
  absl::Status error;
  uint64_t read_failures = 0;  // failed reads of the log so far (each retried)
};

struct RunnerOptions {
  uint32_t page_size = 2048;  // events per ReadAll page and per WriteBatch
  // Testing: the runner stops by itself (state kStopped) after committing this many pages.
  uint64_t stop_after_pages = 0;  // 0 = never
  // A failed read of the log is retried after this delay (the runner stays in its state).
  absl::Duration read_retry_delay = absl::Milliseconds(200);
  // Start() drops the rows and rebuilds from position 1 even if the version is unchanged
  // (an operator's "projections rebuild").
  bool force_rebuild = false;
  // Where Start() says how the projection starts: "projection NAME resumes after position N",
  // "... starts from position 1" (new) or "... rebuilds from position 1 (...)". Not owned;
  // nullptr: silent.
  std::ostream* log = nullptr;
};

class ProjectionRunner {
 public:
  ProjectionRunner(coop::eventstore::EventStore* events, ProjectionStore* store,
                   Projection* projection, RunnerOptions options = {});
  ~ProjectionRunner();  // Stop()
  ProjectionRunner(const ProjectionRunner&) = delete;
  ProjectionRunner& operator=(const ProjectionRunner&) = delete;

  // Creates the projection's family, reads its meta (dropping the rows on a version change)
  // and starts the thread. FAILED_PRECONDITION if called twice.
  absl::Status Start();
  // Finishes the page in progress (committed or not at all), then joins the thread.
  // Idempotent.
  void Stop();

  ProjectionStatus status() const;
  // Blocks until the projection has applied `position` (read-your-writes). OK once reached;
  // DEADLINE_EXCEEDED naming the position reached if `timeout` passes first; the runner's
  // error if it failed, UNAVAILABLE if it stopped, before reaching it; CANCELLED within about
  // 10 ms once `cancelled` (if given) returns true, so that a query whose caller gave up or a
  // server that shuts down frees the thread at once.
  absl::Status WaitForPosition(uint64_t position, absl::Duration timeout,
                               const std::function<bool()>& cancelled = nullptr) const;

 private:
  struct Wake;  // shared with notifier callbacks, which may outlive a wait
  void Run();
  // Reads, applies and commits one page. Sets *end_of_log. Returns false to stop.
  bool RunPage(bool* end_of_log);
  void Fail(absl::Status error);
  bool Sleep(absl::Duration d);  // false if stopping

  coop::eventstore::EventStore* const events_;
  ProjectionStore* const store_;
  Projection* const projection_;
  const RunnerOptions options_;
  const std::string name_;
  const uint32_t version_;
  std::shared_ptr<Wake> wake_;

  mutable absl::Mutex mu_;
  bool started_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  uint64_t position_ ABSL_GUARDED_BY(mu_) = 0;
  ProjectionState state_ ABSL_GUARDED_BY(mu_) = ProjectionState::kStarting;
  absl::Status error_ ABSL_GUARDED_BY(mu_);
  absl::Status last_read_error_ ABSL_GUARDED_BY(mu_);  // of the last read; OK once one succeeds
  uint64_t read_failures_ ABSL_GUARDED_BY(mu_) = 0;
  bool rebuilding_ ABSL_GUARDED_BY(mu_) = false;
  std::deque<std::pair<absl::Time, uint64_t>> samples_ ABSL_GUARDED_BY(mu_);
  uint64_t pages_ = 0;  // runner thread only
  std::thread thread_;
  absl::Mutex stop_mu_;  // serialises Stop()
};

}  // namespace coop::projections

#endif  // COOPLEDGER_PROJECTIONS_PROJECTION_RUNNER_H_
