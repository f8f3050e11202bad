#include "projections/projection_runner.h"

#include <pthread.h>

#include "absl/strings/str_cat.h"

namespace coop::projections {
namespace {

// events_per_second is measured over this window.
constexpr absl::Duration kRateWindow = absl::Seconds(10);

}  // namespace

const char* ProjectionStateName(ProjectionState state) {
  switch (state) {
    case ProjectionState::kStarting:
      return "starting";
    case ProjectionState::kRebuilding:
      return "rebuilding";
    case ProjectionState::kCatchingUp:
      return "catching_up";
    case ProjectionState::kLive:
      return "live";
    case ProjectionState::kStopped:
      return "stopped";
    case ProjectionState::kFailed:
      return "failed";
  }
  return "unknown";
}

// Set by notifier callbacks and by Stop(); shared so a callback that already started can
// finish after the runner is gone.
struct ProjectionRunner::Wake {
  absl::Mutex mu;
  bool signalled ABSL_GUARDED_BY(mu) = false;
};

ProjectionRunner::ProjectionRunner(coop::eventstore::EventStore* events, ProjectionStore* store,
                                   Projection* projection, RunnerOptions options)
    : events_(events),
      store_(store),
      projection_(projection),
      options_(options),
      name_(projection->name()),
      version_(projection->version()),
      wake_(std::make_shared<Wake>()) {}

ProjectionRunner::~ProjectionRunner() { Stop(); }

absl::Status ProjectionRunner::Start() {
  absl::MutexLock stop_lock(&stop_mu_);
  {
    absl::MutexLock lock(&mu_);
    if (started_) return absl::FailedPreconditionError(absl::StrCat(name_, " already started"));
    started_ = true;
  }
  if (auto st = store_->EnsureProjection(name_); !st.ok()) return st;
  auto meta = store_->ReadMeta(name_);
  if (!meta.ok()) return meta.status();
  uint64_t position = 0;
  bool rebuilding = false;
  if (!meta->has_value() || (*meta)->version != version_ || options_.force_rebuild) {
    // New projection, or a changed version: drop the rows and start from position 1, in one
    // synced batch so a crash cannot leave old rows under the new version.
    auto batch = store_->NewBatch(name_);
    if (!batch.ok()) return batch.status();
    if (meta->has_value()) {
      batch->DeleteAllRows();
      rebuilding = true;
    }
    batch->SetMeta({version_, 0});
    if (auto st = store_->Commit(*batch); !st.ok()) return st;
  } else {
    position = (*meta)->checkpoint;
  }
  if (options_.log != nullptr) {
    if (position > 0) {
      *options_.log << "projection " << name_ << " resumes after position " << position
                    << std::endl;
    } else if (rebuilding) {
      *options_.log << "projection " << name_ << " rebuilds from position 1 ("
                    << (options_.force_rebuild ? "asked for" : "version changed") << ")"
                    << std::endl;
    } else {
      *options_.log << "projection " << name_ << " starts from position 1" << std::endl;
    }
  }
  {
    absl::MutexLock lock(&mu_);
    position_ = position;
    rebuilding_ = rebuilding;
    state_ = rebuilding ? ProjectionState::kRebuilding : ProjectionState::kCatchingUp;
    samples_.emplace_back(absl::Now(), position);
  }
  thread_ = std::thread([this] { Run(); });
  pthread_setname_np(thread_.native_handle(), "coop-projection");
  return absl::OkStatus();
}

void ProjectionRunner::Stop() {
  absl::MutexLock stop_lock(&stop_mu_);
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  {
    absl::MutexLock lock(&wake_->mu);
    wake_->signalled = true;
  }
  if (thread_.joinable()) thread_.join();
  absl::MutexLock lock(&mu_);
  if (state_ != ProjectionState::kFailed) state_ = ProjectionState::kStopped;
}

void ProjectionRunner::Run() {
  auto& notifier = events_->notifier();
  for (;;) {
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) break;
    }
    bool end_of_log = false;
    if (!RunPage(&end_of_log)) break;
    if (!end_of_log) continue;

    // Caught up: wait until a commit moves the head past our position, or Stop().
    uint64_t position;
    {
      absl::MutexLock lock(&wake_->mu);
      wake_->signalled = false;
    }
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) break;
      state_ = ProjectionState::kLive;
      rebuilding_ = false;
      position = position_;
    }
    std::shared_ptr<Wake> wake = wake_;
    // On shutdown the notifier wakes every waiter; the store is closing then, so the runner
    // must not read: it only wakes for a real commit (and Stop() wakes it otherwise).
    uint64_t ticket = notifier.NotifyWhenAbove(position, [wake, n = &notifier] {
      if (n->is_shut_down()) return;
      absl::MutexLock lock(&wake->mu);
      wake->signalled = true;
    });
    {
      absl::MutexLock lock(&wake_->mu);
      wake_->mu.Await(absl::Condition(&wake_->signalled));
    }
    if (ticket != 0) notifier.Cancel(ticket);
  }
  absl::MutexLock lock(&mu_);
  if (state_ != ProjectionState::kFailed) state_ = ProjectionState::kStopped;
}

bool ProjectionRunner::RunPage(bool* end_of_log) {
  uint64_t from;
  {
    absl::MutexLock lock(&mu_);
    from = position_ + 1;
  }
  coop::eventstore::ReadAllQuery query;
  query.from_position = from;
  query.max_count = options_.page_size;
  auto page = events_->ReadAll(query);
  if (!page.ok()) {
    // Transient (e.g. the store is busy): retried, and shown in status() meanwhile.
    {
      absl::MutexLock lock(&mu_);
      ++read_failures_;
      last_read_error_ = page.status();
    }
    return Sleep(options_.read_retry_delay);
  }
  {
    absl::MutexLock lock(&mu_);
    last_read_error_ = absl::OkStatus();
  }
  if (page->events.empty()) {
    *end_of_log = true;
    return true;
  }
  auto batch = store_->NewBatch(name_);
  if (!batch.ok()) {
    Fail(batch.status());
    return false;
  }
  uint64_t expected = from;
  projection_->BeginPage(from);
  for (const auto& event : page->events) {
    if (event.position() != expected) {
      Fail(absl::DataLossError(absl::StrCat("projection ", name_, " expected position ", expected,
                                            " but read ", event.position())));
      return false;
    }
    ++expected;
    if (auto st = projection_->Apply(event, *batch); !st.ok()) {
      Fail(absl::Status(st.code(), absl::StrCat("projection ", name_, " at position ",
                                                event.position(), ": ", st.message())));
      return false;
    }
  }
  const uint64_t last = page->events.back().position();
  if (auto st = projection_->FinishPage(*batch, last); !st.ok()) {
    Fail(absl::Status(st.code(), absl::StrCat("projection ", name_, ": ", st.message())));
    return false;
  }
  batch->SetMeta({version_, last});
  if (auto st = store_->Commit(*batch); !st.ok()) {
    Fail(st);
    return false;
  }
  *end_of_log = page->end_of_log;
  ++pages_;
  const bool stop_now = options_.stop_after_pages != 0 && pages_ >= options_.stop_after_pages;
  absl::MutexLock lock(&mu_);
  position_ = last;
  const absl::Time now = absl::Now();
  samples_.emplace_back(now, last);
  while (samples_.size() > 2 && samples_[1].first < now - kRateWindow) samples_.pop_front();
  if (stop_now) {
    state_ = ProjectionState::kStopped;
    return false;
  }
  if (page->end_of_log) {
    state_ = ProjectionState::kLive;
    rebuilding_ = false;
  } else {
    state_ = rebuilding_ ? ProjectionState::kRebuilding : ProjectionState::kCatchingUp;
  }
  return true;
}

void ProjectionRunner::Fail(absl::Status error) {
  absl::MutexLock lock(&mu_);
  state_ = ProjectionState::kFailed;
  error_ = std::move(error);
}

bool ProjectionRunner::Sleep(absl::Duration d) {
  {
    absl::MutexLock lock(&wake_->mu);
    wake_->mu.AwaitWithTimeout(absl::Condition(&wake_->signalled), d);
  }
  absl::MutexLock lock(&mu_);
  return !stopping_;
}

ProjectionStatus ProjectionRunner::status() const {
  ProjectionStatus status;
  status.name = name_;
  status.version = version_;
  status.head = events_->notifier().head();
  const absl::Time now = absl::Now();
  absl::MutexLock lock(&mu_);
  status.position = position_;
  status.lag = status.head > position_ ? status.head - position_ : 0;
  status.state = state_;
  status.error = error_;
  status.read_failures = read_failures_;
  if (status.error.ok() && !last_read_error_.ok()) {
    status.error = absl::Status(
        last_read_error_.code(),
        absl::StrCat("reading the log failed (retrying): ", last_read_error_.message()));
  }
  // Rate over the samples inside the window (measured up to now, so it decays when idle).
  for (const auto& [time, position] : samples_) {
    if (time < now - kRateWindow) continue;
    const double seconds = absl::ToDoubleSeconds(now - time);
    if (seconds > 0 && position_ > position) {
      status.events_per_second = static_cast<double>(position_ - position) / seconds;
    }
    break;
  }
  return status;
}

absl::Status ProjectionRunner::WaitForPosition(uint64_t position, absl::Duration timeout,
                                               const std::function<bool()>& cancelled) const {
  // How often a wait looks at `cancelled`.
  constexpr absl::Duration kCancelCheck = absl::Milliseconds(10);
  absl::MutexLock lock(&mu_);
  auto done = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return position_ >= position || state_ == ProjectionState::kFailed ||
           state_ == ProjectionState::kStopped;
  };
  const absl::Time deadline = absl::Now() + timeout;
  for (;;) {
    const absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration()) break;
    if (mu_.AwaitWithTimeout(absl::Condition(&done),
                             cancelled ? std::min(left, kCancelCheck) : left)) {
      break;
    }
    if (cancelled && cancelled()) {
      return absl::CancelledError(absl::StrCat("the wait for projection ", name_,
                                               " to reach position ", position,
                                               " ended: the call was cancelled or the server is "
                                               "shutting down"));
    }
  }
  if (position_ >= position) return absl::OkStatus();
  if (state_ == ProjectionState::kFailed) return error_;
  if (state_ == ProjectionState::kStopped) {
    return absl::UnavailableError(absl::StrCat("projection ", name_, " stopped at position ",
                                               position_, " before reaching ", position));
  }
  return absl::DeadlineExceededError(absl::StrCat("projection ", name_, " reached position ",
                                                  position_, ", not ", position, ", within ",
                                                  absl::FormatDuration(timeout)));
}

}  // namespace coop::projections
