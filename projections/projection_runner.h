// ProjectionRunner: runs one projection on its own thread.
//
// From the stored checkpoint it reads the log forwards in pages (EventStore::ReadAll, or the
// SharedPageReader of its set, which reads each page once for all runners near it), applies
// every event, and commits the page's rows together with the new checkpoint in one atomic
// WriteBatch, so a crash neither applies an event twice nor skips one. Once the log is
// exhausted it waits on the store's CommitNotifier and follows live.
//
// Rebuilds never take rows away from readers (issue 10). If the stored version differs from
// projection.version(), or force_rebuild is set, Start() begins a building generation beside
// the active one (ProjectionStore::BeginBuilding) and the runner fills it from position 1
// while readers keep the active rows; once it reaches the head it switches
// (ProjectionStore::SwitchToBuilding) and follows live on the new rows. A rebuild that stopped
// before its switch (crash, restart) resumes from its own checkpoint at the next Start().
// Meanwhile WaitForPosition is answered by the rows readers read: the old ones, as of their
// checkpoint, until the switch. After a version change the old rows were written by other
// code: Serving() is UNAVAILABLE until the switch (ProjectionSet::WaitForPosition asks it).
// A projection that has never committed is built in place (nothing serves yet).
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
#include <string>
#include <thread>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "base/json_log.h"
#include "eventstore/event_store.h"
#include "projections/projection.h"
#include "projections/projection_store.h"
#include "projections/shared_page_reader.h"

namespace coop::projections {

enum class ProjectionState {
  kStarting,    // Start() not called yet
  kRebuilding,  // building a new generation from position 1 (version changed, or asked for)
  kCatchingUp,  // behind the head, reading pages as fast as it can
  kLive,        // caught up; following commits as they are notified
  kStopped,     // Stop() called (or stop_after_pages reached)
  kFailed,      // Apply or storage failed; see ProjectionStatus::error
};
const char* ProjectionStateName(ProjectionState state);

struct ProjectionStatus {
  std::string name;
  uint32_t version = 0;
  uint64_t position = 0;         // checkpoint: last applied position (of a rebuild, if any)
  uint64_t served_position = 0;  // checkpoint of the rows readers read (0: none servable)
  uint64_t head = 0;             // the log head as last notified
  uint64_t lag = 0;              // head - position (0 if ahead of the notified head)
  double events_per_second = 0;  // over the last few seconds
  ProjectionState state = ProjectionState::kStarting;
  // Set in kFailed; also while a failed read of the log is being retried (state unchanged).
  absl::Status error;
  uint64_t read_failures = 0;  // failed reads of the log so far (each retried)
};

struct RunnerOptions {
  uint32_t page_size = 2048;  // events per read of the log
  // While catching up (a page read did not reach the head), one commit (Projection's
  // BeginPage .. FinishPage, one WriteBatch) takes consecutive pages up to this many events,
  // so a projection that works once per commit (a fold per touched entity) does that work
  // less often in a rebuild. Live, every page read is committed at once. 0: page_size.
  // (32,768 did not speed up the national rebuild of the statistics: an entity's events are
  // spread over the whole log, so a larger commit touches nearly as many entities.)
  uint32_t catch_up_commit_events = 0;
  // What coopd takes for catch_up_commit_events (services::ServerOptions), so that a tool
  // measuring the projections (coop-scale-gen --projections) runs them as the server does.
  static constexpr uint32_t kServerCatchUpCommitEvents = 16384;
  // While catching up at least this many events behind the head, commits skip RocksDB's
  // write-ahead log (projection_store.h, "Unlogged batches"): a national rebuild is about a
  // tenth faster, and a crash meanwhile costs re-applying what the projection's family had not
  // flushed (at most a memtable, 64 MiB of rows). Once below half this lag they are logged
  // again. 0: always logged.
  uint64_t unlogged_lag = 1 << 18;
  // Where the runner reads the log: shared with the other runners of a set (not owned; see
  // shared_page_reader.h). nullptr: the runner reads the log itself.
  SharedPageReader* shared_pages = nullptr;
  // Testing: the runner stops by itself (state kStopped) after committing this many pages.
  uint64_t stop_after_pages = 0;  // 0 = never
  // Live, a runner reads the log at most once per this interval: commits that come faster are
  // gathered into one page, so that a busy log wakes each projection about 4 times a second,
  // not once per commit, and an entity with several events in a burst is folded once. A commit
  // after a quiet spell is read at once, and so is every commit while a caller waits in
  // WaitForPosition: the gathering never delays reading one's own writes. (Under load, a
  // projection's lag grows by up to about twice this: a commit just after a read waits the
  // interval, then the page that holds it takes its time to apply.) Measured through the command
  // services (docs/PERFORMANCE.md): the projections took about 0.10 CPU seconds a thousand events
  // with 10 ms, 0.07 with 50 ms and 0.05 with 100 ms; the demo's import, whose cooperatives
  // have long histories re-folded at every page that touches them, 1.47 CPU seconds with
  // 100 ms, 0.55 with 250 ms and 0.28 with 1 s. 250 ms keeps the lag well under a second.
  static constexpr absl::Duration kDefaultLiveReadInterval = absl::Milliseconds(250);
  absl::Duration live_read_interval = kDefaultLiveReadInterval;
  // A failed read of the log is retried after this delay (the runner stays in its state).
  absl::Duration read_retry_delay = absl::Milliseconds(200);
  // Start() rebuilds from position 1 beside the rows that serve even if the version is
  // unchanged (an operator's "projections rebuild").
  bool force_rebuild = false;
  // Testing: called on the runner's thread after each page committed to a building generation
  // (before the next page is read), with the position reached. It may block; Stop() waits.
  std::function<void(uint64_t position)> after_rebuild_page;
  // Testing: called on the runner's thread before each commit's first read of the log (live,
  // before every page; while catching up, not before the further pages one commit takes), with
  // the projection's name and the first position it will read. It may block (so that a test
  // can hold a view behind the log); Stop() waits.
  std::function<void(const std::string& name, uint64_t from)> before_page;
  // Where Start() says how the projection starts, in one line with the fields projection (its
  // name) and start: "resumes after position N", "starts from position 1" (new), "rebuilds
  // from position 1 (...)" or "resumes its rebuild after position N (...)". Not owned;
  // nullptr: silent.
  const base::JsonLog* log = nullptr;
};

class ProjectionRunner {
 public:
  ProjectionRunner(coop::eventstore::EventStore* events, ProjectionStore* store,
                   Projection* projection, RunnerOptions options = {});
  ~ProjectionRunner();  // Stop()
  ProjectionRunner(const ProjectionRunner&) = delete;
  ProjectionRunner& operator=(const ProjectionRunner&) = delete;

  // Creates the projection's family, reads its meta (beginning or resuming a rebuild beside
  // the active rows on a version change or force_rebuild) and starts the thread.
  // FAILED_PRECONDITION if called twice.
  absl::Status Start();
  // Finishes the page in progress (committed or not at all), then joins the thread.
  // Idempotent.
  void Stop();

  ProjectionStatus status() const;
  // OK if readers may read the projection's rows; UNAVAILABLE ("projection NAME is being
  // rebuilt: position P of head H; retry later") while a version change is being built.
  absl::Status Serving() const;
  // Blocks until the rows readers read hold `position` (read-your-writes): during a rebuild,
  // once the new rows are live and switched to if the old ones do not. OK once reached;
  // DEADLINE_EXCEEDED naming the position reached if `timeout` passes first; the runner's
  // error if it failed, UNAVAILABLE if it stopped, before reaching it; CANCELLED within about
  // 10 ms once `cancelled` (if given) returns true, so that a query whose caller gave up or a
  // server that shuts down frees the thread at once. While a caller waits, the runner reads
  // every commit at once instead of gathering them (RunnerOptions::live_read_interval).
  absl::Status WaitForPosition(uint64_t position, absl::Duration timeout,
                               const std::function<bool()>& cancelled = nullptr) const;

 private:
  struct Wake;  // shared with notifier callbacks, which may outlive a wait
  void Run();
  // Reads, applies and commits one page (while catching up, several: catch_up_commit_events).
  // Sets *end_of_log. Returns false to stop.
  bool RunPage(bool* end_of_log);
  // At the head: a building generation becomes the active one. Returns false to stop.
  bool SwitchIfBuilding();
  void Fail(absl::Status error);
  bool Sleep(absl::Duration d);  // false if stopping
  // True when the runner must not wait to gather commits: it is stopping, or a caller waits.
  bool ReadsAtOnce() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_ || waiters_ > 0; }

  coop::eventstore::EventStore* const events_;
  ProjectionStore* const store_;
  Projection* const projection_;
  const RunnerOptions options_;
  const std::string name_;
  const uint32_t version_;
  std::shared_ptr<Wake> wake_;
  const std::unique_ptr<SharedPageReader> own_pages_;  // when the options name no reader
  SharedPageReader* const reader_;                     // where the log is read
  const uint64_t convoy_id_;                           // in reader_'s convoy, until Stop()
  bool unlogged_ = false;  // the last commit skipped the write-ahead log (Run's thread only)

  mutable absl::Mutex mu_;
  bool started_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  // Written by this runner: the active generation, or a rebuild's beside it.
  Generation target_ ABSL_GUARDED_BY(mu_) = Generation::kActive;
  uint64_t position_ ABSL_GUARDED_BY(mu_) = 0;               // of target_
  uint64_t served_position_ ABSL_GUARDED_BY(mu_) = 0;        // of the active generation
  bool serving_other_version_ ABSL_GUARDED_BY(mu_) = false;  // its rows: another version
  ProjectionState state_ ABSL_GUARDED_BY(mu_) = ProjectionState::kStarting;
  absl::Status error_ ABSL_GUARDED_BY(mu_);
  absl::Status last_read_error_ ABSL_GUARDED_BY(mu_);  // of the last read; OK once one succeeds
  uint64_t read_failures_ ABSL_GUARDED_BY(mu_) = 0;
  // Callers in WaitForPosition: while there are any, the runner reads each commit at once
  // instead of gathering commits (RunnerOptions::live_read_interval).
  mutable int waiters_ ABSL_GUARDED_BY(mu_) = 0;
  std::deque<std::pair<absl::Time, uint64_t>> samples_ ABSL_GUARDED_BY(mu_);
  uint64_t pages_ = 0;  // runner thread only
  std::thread thread_;
  absl::Mutex stop_mu_;  // serialises Stop()
};

}  // namespace coop::projections

#endif  // COOPLEDGER_PROJECTIONS_PROJECTION_RUNNER_H_
