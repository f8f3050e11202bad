#include "projections/projection_set.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace coop::projections {

namespace {

RunnerOptions ReadingThrough(RunnerOptions options, SharedPageReader* pages) {
  if (options.shared_pages == nullptr) options.shared_pages = pages;
  return options;
}

}  // namespace

ProjectionSet::ProjectionSet(coop::eventstore::EventStore* events, ProjectionStore* store,
                             RunnerOptions options)
    : events_(events),
      store_(store),
      pages_(std::make_unique<SharedPageReader>(events)),
      options_(ReadingThrough(options, pages_.get())) {}

ProjectionSet::~ProjectionSet() { StopAll(); }

void ProjectionSet::Add(std::unique_ptr<Projection> projection) {
  const std::string name = projection->name();
  projections_[name] = std::move(projection);
}

absl::Status ProjectionSet::ResetIfAheadOfLog(const std::string& name, uint64_t head) {
  if (auto st = store_->EnsureProjection(name); !st.ok()) return st;
  auto building = store_->ReadGenerationMeta(name, Generation::kBuilding);
  if (building.ok() && building->has_value() && (*building)->checkpoint > head) {
    if (auto st = store_->DropBuilding(name); !st.ok()) return st;
  } else if (!building.ok() && !absl::IsNotFound(building.status())) {
    return building.status();
  }
  auto active = store_->ReadGenerationMeta(name, Generation::kActive);
  if (!active.ok()) return active.status();
  if (!active->has_value() || (*active)->checkpoint <= head) return absl::OkStatus();
  if (options_.log != nullptr) {
    options_.log->Warning(
        "projections",
        "phép chiếu đi trước sổ: xoá và dựng lại từ vị trí 1 / projection ahead of the log: "
        "dropped and rebuilt from position 1",
        {{"projection", name}, {"checkpoint", (*active)->checkpoint}, {"log_head", head}});
  }
  auto batch = store_->NewBatch(name);
  if (!batch.ok()) return batch.status();
  batch->DeleteAllRows();
  batch->SetMeta({(*active)->version, 0});
  return store_->Commit(*batch);
}

absl::Status ProjectionSet::StartAll() {
  const uint64_t head = events_->GetLogInfo().head_position();
  for (const auto& [name, projection] : projections_) {
    if (auto st = ResetIfAheadOfLog(name, head); !st.ok()) return st;
    auto runner = std::make_shared<ProjectionRunner>(events_, store_, projection.get(), options_);
    if (auto st = runner->Start(); !st.ok()) return st;
    absl::MutexLock lock(&mu_);
    runners_[name] = std::move(runner);
  }
  return absl::OkStatus();
}

void ProjectionSet::StopAll() {
  std::map<std::string, std::shared_ptr<ProjectionRunner>> runners;
  {
    absl::MutexLock lock(&mu_);
    stopped_ = true;
    runners = runners_;
  }
  for (auto& [name, runner] : runners) runner->Stop();
  pages_->Stop();  // no read of the log after this
}

std::shared_ptr<ProjectionRunner> ProjectionSet::Runner(const std::string& name) const {
  absl::MutexLock lock(&mu_);
  auto it = runners_.find(name);
  return it == runners_.end() ? nullptr : it->second;
}

Projection* ProjectionSet::Find(const std::string& name) const {
  auto it = projections_.find(name);
  return it == projections_.end() ? nullptr : it->second.get();
}

std::vector<ProjectionStatus> ProjectionSet::Statuses() const {
  std::vector<ProjectionStatus> out;
  absl::MutexLock lock(&mu_);
  for (const auto& [name, runner] : runners_) out.push_back(runner->status());
  return out;
}

absl::Status ProjectionSet::WaitForPosition(const std::vector<std::string>& names,
                                            uint64_t position, absl::Duration timeout,
                                            const std::function<bool()>& cancelled) const {
  // A projection whose version changed is not read until its new rows are live, whatever the
  // position asked for: its old rows were written by other code.
  for (const auto& name : names) {
    auto runner = Runner(name);
    if (runner == nullptr) return absl::NotFoundError(absl::StrCat("no projection ", name));
    if (auto st = runner->Serving(); !st.ok()) return st;
  }
  if (position == 0) return absl::OkStatus();
  // A position the log has not reached cannot be waited for: the caller learns it at once
  // instead of holding a query thread for the whole timeout. The notifier's head is cheap to
  // read; GetLogInfo (a lock and RocksDB's statistics) confirms only a position past it, as
  // a commit is in the log a moment before it is published.
  if (position > events_->notifier().head()) {
    if (const uint64_t head = events_->GetLogInfo().head_position(); position > head) {
      return absl::OutOfRangeError(
          absl::StrCat("min_position: ", position, " is past the log head (position ", head, ")"));
    }
  }
  const absl::Time deadline = absl::Now() + timeout;
  for (const auto& name : names) {
    auto runner = Runner(name);
    if (runner == nullptr) return absl::NotFoundError(absl::StrCat("no projection ", name));
    for (;;) {
      auto st = runner->WaitForPosition(
          position, std::max(deadline - absl::Now(), absl::ZeroDuration()), cancelled);
      if (st.ok()) break;
      // A runner stops when Rebuild replaces it: the wait goes on with its successor.
      if (!absl::IsUnavailable(st)) return st;
      auto successor = Successor(name, runner.get(), deadline);
      if (successor == nullptr) return st;
      runner = std::move(successor);
    }
  }
  return absl::OkStatus();
}

absl::Status ProjectionSet::WaitForHead(const std::vector<std::string>& names,
                                        absl::Duration timeout,
                                        const std::function<bool()>& cancelled) const {
  return WaitForPosition(names, events_->notifier().head(), timeout, cancelled);
}

std::shared_ptr<ProjectionRunner> ProjectionSet::Successor(const std::string& name,
                                                           const ProjectionRunner* runner,
                                                           absl::Time deadline) const {
  absl::MutexLock lock(&mu_);
  auto settled = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return stopped_ || replacing_.count(name) == 0;
  };
  mu_.AwaitWithDeadline(absl::Condition(&settled), deadline);
  if (stopped_) return nullptr;
  auto it = runners_.find(name);
  if (it == runners_.end() || it->second.get() == runner) return nullptr;
  return it->second;
}

absl::Status ProjectionSet::Rebuild(const std::string& name) {
  absl::MutexLock rebuild_lock(&rebuild_mu_);
  Projection* projection = Find(name);
  if (projection == nullptr) {
    std::vector<std::string> known;
    for (const auto& [known_name, unused] : projections_) known.push_back(known_name);
    return absl::NotFoundError(
        absl::StrCat("no projection \"", name, "\"; known: ", absl::StrJoin(known, ", ")));
  }
  {
    // Waits that the old runner ends meanwhile go on with the new one.
    absl::MutexLock lock(&mu_);
    if (stopped_) return absl::UnavailableError("the server is shutting down");
    replacing_.insert(name);
  }
  std::shared_ptr<ProjectionRunner> old_runner = Runner(name);
  if (old_runner) old_runner->Stop();
  RunnerOptions options = options_;
  options.force_rebuild = true;
  auto runner = std::make_shared<ProjectionRunner>(events_, store_, projection, options);
  // Started outside the lock (it creates a column family): queries keep finding runners.
  absl::Status started = runner->Start();
  if (!started.ok()) {
    // The rebuild could not begin: the projection goes on from its checkpoint, as before.
    runner = std::make_shared<ProjectionRunner>(events_, store_, projection, options_);
    if (auto st = runner->Start(); !st.ok()) runner = nullptr;
  }
  absl::ReleasableMutexLock lock(&mu_);
  replacing_.erase(name);
  if (stopped_ || runner == nullptr) {
    lock.Release();
    if (runner != nullptr) runner->Stop();  // StopAll ran meanwhile and could not see it
    return started.ok() ? absl::UnavailableError("the server is shutting down") : started;
  }
  runners_[name] = std::move(runner);
  return started;
}

}  // namespace coop::projections
