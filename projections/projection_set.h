// ProjectionSet: the server's projections and their runners, by name.
//
// Owns every projection added to it and one runner each. Queries find a projection's
// runner by name (to wait for a position, or read its status); Rebuild replaces a runner by
// one that drops the rows and starts again from position 1, while the other projections
// keep running and serving.
//
// Lifetime: the event store and projection store must outlive the set; StopAll() must run
// before the event store closes.
//
// Thread-safety: Add and StartAll before use, from one thread; everything else is
// thread-safe. A runner pointer obtained from Runner() stays valid while the shared_ptr is
// held, even across a Rebuild (the old runner is then stopped: waits on it end UNAVAILABLE).
#ifndef COOPLEDGER_PROJECTIONS_PROJECTION_SET_H_
#define COOPLEDGER_PROJECTIONS_PROJECTION_SET_H_

#include <functional>
#include <map>
#include <memory>
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
  absl::Status StartAll();
  void StopAll();  // idempotent

  // nullptr if there is no such projection.
  std::shared_ptr<ProjectionRunner> Runner(const std::string& name) const;
  Projection* Find(const std::string& name) const;
  // Every projection's status, in name order.
  std::vector<ProjectionStatus> Statuses() const;
  // Waits until every projection named has applied `position` (see
  // ProjectionRunner::WaitForPosition); the deadline covers them all. OUT_OF_RANGE naming the
  // head, at once, for a position past the log's head.
  absl::Status WaitForPosition(const std::vector<std::string>& names, uint64_t position,
                               absl::Duration timeout,
                               const std::function<bool()>& cancelled = nullptr) const;

  // Stops the projection's runner and starts one that drops the rows and rebuilds from
  // position 1. NOT_FOUND naming the known projections for an unknown name.
  absl::Status Rebuild(const std::string& name);

 private:
  coop::eventstore::EventStore* const events_;
  ProjectionStore* const store_;
  const RunnerOptions options_;
  std::map<std::string, std::unique_ptr<Projection>> projections_;  // fixed after StartAll
  mutable absl::Mutex mu_;
  std::map<std::string, std::shared_ptr<ProjectionRunner>> runners_ ABSL_GUARDED_BY(mu_);
  bool stopped_ ABSL_GUARDED_BY(mu_) = false;
  absl::Mutex rebuild_mu_;  // one Rebuild at a time
};

}  // namespace coop::projections

#endif  // COOPLEDGER_PROJECTIONS_PROJECTION_SET_H_
