// ProjectionSet: the server's projections and their runners, by name.
//
// Owns every projection added to it and one runner each. Queries find a projection's
// runner by name (to wait for a position, or read its status); Rebuild replaces a runner by
// one that rebuilds from position 1 beside the rows that serve, and switches to the new rows
// once they are live (ProjectionRunner), while every projection keeps serving.
//
// Lifetime: the event store and projection store must outlive the set; StopAll() must run
// before the event store closes.
//
// Thread-safety: Add and StartAll before use, from one thread; everything else is
// thread-safe. A runner pointer obtained from Runner() stays valid while the shared_ptr is
// held, even across a Rebuild (the old runner is then stopped: waits on it end UNAVAILABLE;
// WaitForPosition goes on with the new one).
#ifndef COOPLEDGER_PROJECTIONS_PROJECTION_SET_H_
#define COOPLEDGER_PROJECTIONS_PROJECTION_SET_H_

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "eventstore/event_store.h"
#include "projections/projection.h"
#include "projections/projection_runner.h"
#include "projections/projection_store.h"
#include "projections/shared_page_reader.h"

namespace coop::projections {

class ProjectionSet {
 public:
  ProjectionSet(coop::eventstore::EventStore* events, ProjectionStore* store,
                RunnerOptions options = {});
  ~ProjectionSet();  // StopAll()
  ProjectionSet(const ProjectionSet&) = delete;
  ProjectionSet& operator=(const ProjectionSet&) = delete;

  // Adds a projection (before StartAll). Its name must be unique.
  void Add(std::unique_ptr<Projection> projection);
  // Starts every runner from its checkpoint. A projection whose checkpoint is past the log's
  // head has applied events the log no longer holds (a log that lost its tail: relaxed
  // durability and a power cut; an older log put back under newer projections): resuming would
  // keep their rows and skip the events appended at those positions, so its rows are dropped
  // first and it starts again from position 1 (a warning in the log).
  absl::Status StartAll();
  void StopAll();  // idempotent

  // True if no projection was added (coopd --projections off).
  bool empty() const { return projections_.empty(); }
  // nullptr if there is no such projection.
  std::shared_ptr<ProjectionRunner> Runner(const std::string& name) const;
  Projection* Find(const std::string& name) const;
  // The reader the runners share (its counters say how many reads it saved).
  const SharedPageReader& page_reader() const { return *pages_; }
  // Every projection's status, in name order.
  std::vector<ProjectionStatus> Statuses() const;
  // Waits until the rows of every projection named hold `position` (see
  // ProjectionRunner::WaitForPosition, and across a Rebuild); the deadline covers them all.
  // Called with position 0 too: UNAVAILABLE at once for a projection whose version changed and
  // whose new rows are not live yet (ProjectionRunner::Serving). OUT_OF_RANGE naming the
  // head, at once, for a position past the log's head.
  absl::Status WaitForPosition(const std::vector<std::string>& names, uint64_t position,
                               absl::Duration timeout,
                               const std::function<bool()>& cancelled = nullptr) const;
  // WaitForPosition at the log's head as this call finds it: afterwards the rows hold every
  // event committed before the call (a check that reads views sees the writes before it).
  // CANCELLED within about 10 ms once `cancelled` (if given) returns true.
  absl::Status WaitForHead(const std::vector<std::string>& names, absl::Duration timeout,
                           const std::function<bool()>& cancelled = nullptr) const;

  // Stops the projection's runner and starts one that rebuilds it from position 1 beside the
  // rows that keep serving (RunnerOptions::force_rebuild). NOT_FOUND naming the known
  // projections for an unknown name.
  absl::Status Rebuild(const std::string& name);

 private:
  // The runner that replaced `runner` by a Rebuild (waiting, until `deadline`, for one under
  // way); nullptr if none did.
  std::shared_ptr<ProjectionRunner> Successor(const std::string& name,
                                              const ProjectionRunner* runner,
                                              absl::Time deadline) const;

  coop::eventstore::EventStore* const events_;
  ProjectionStore* const store_;
  // The runners read the log through one reader, so a page is read and decoded once for all
  // the runners near it (unless the options name a reader of their own).
  const std::unique_ptr<SharedPageReader> pages_;
  const RunnerOptions options_;
  // StartAll's: drops `name`'s rows (and a building generation) if they are past `head`.
  absl::Status ResetIfAheadOfLog(const std::string& name, uint64_t head);

  std::map<std::string, std::unique_ptr<Projection>> projections_;  // fixed after StartAll
  mutable absl::Mutex mu_;
  std::map<std::string, std::shared_ptr<ProjectionRunner>> runners_ ABSL_GUARDED_BY(mu_);
  bool stopped_ ABSL_GUARDED_BY(mu_) = false;
  std::set<std::string> replacing_ ABSL_GUARDED_BY(mu_);  // by a Rebuild under way
  absl::Mutex rebuild_mu_;                                // one Rebuild at a time
};

}  // namespace coop::projections

#endif  // COOPLEDGER_PROJECTIONS_PROJECTION_SET_H_
