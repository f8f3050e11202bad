#include "projections/projection_runner.h"

#include <pthread.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/cleanup/cleanup.h"
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
      wake_(std::make_shared<Wake>()),
      // Without a set's reader, a reader of its own that keeps one page and reads nothing ahead.
      own_pages_(options.shared_pages != nullptr
                     ? nullptr
                     : std::make_unique<SharedPageReader>(events, /*max_pages=*/1,
                                                          SharedPageReader::kDefaultMaxPageBytes,
                                                          /*read_ahead=*/false)),
      reader_(options.shared_pages != nullptr ? options.shared_pages : own_pages_.get()),
      convoy_id_(reader_->Join()) {}

ProjectionRunner::~ProjectionRunner() { Stop(); }

absl::Status ProjectionRunner::Start() {
  absl::MutexLock stop_lock(&stop_mu_);
  {
    absl::MutexLock lock(&mu_);
    if (started_) return absl::FailedPreconditionError(absl::StrCat(name_, " already started"));
    started_ = true;
  }
  if (auto st = store_->EnsureProjection(name_); !st.ok()) return st;
  auto active = store_->ReadGenerationMeta(name_, Generation::kActive);
  if (!active.ok()) return active.status();
  std::optional<ProjectionMeta> building;
  if (auto meta = store_->ReadGenerationMeta(name_, Generation::kBuilding); meta.ok()) {
    building = *meta;
  } else if (!absl::IsNotFound(meta.status())) {
    return meta.status();
  }

  uint64_t position = 0;         // of the generation this runner writes
  uint64_t served_position = 0;  // of the generation readers read
  bool other_version = false;    // the rows readers would read are of another version
  Generation target = Generation::kActive;
  std::string how;
  if (!active->has_value()) {
    // A new projection: nothing serves yet, so it is built in place.
    if (auto st = store_->DropBuilding(name_); !st.ok()) return st;
    auto batch = store_->NewBatch(name_);
    if (!batch.ok()) return batch.status();
    batch->SetMeta({version_, 0});
    if (auto st = store_->Commit(*batch); !st.ok()) return st;
    how = "starts from position 1";
  } else {
    const ProjectionMeta served = **active;
    other_version = served.version != version_;
    std::string why = "asked for";
    if (other_version) {
      why = absl::StrCat("version ", served.version, " -> ", version_);
    } else if (!options_.force_rebuild) {
      why = "asked for before a restart";
    }
    const std::string meanwhile = other_version ? "; its queries are UNAVAILABLE until it is live"
                                                : "; the old rows serve until it is live";
    if (building.has_value() && building->version == version_ && !options_.force_rebuild) {
      // A rebuild that stopped before its switch (a crash, a restart): it goes on.
      target = Generation::kBuilding;
      position = building->checkpoint;
      how =
          absl::StrCat("resumes its rebuild after position ", position, " (", why, ")", meanwhile);
    } else if (options_.force_rebuild || other_version) {
      // Built beside the rows that serve, in a generation of its own.
      if (auto st = store_->BeginBuilding(name_, version_); !st.ok()) return st;
      target = Generation::kBuilding;
      how = absl::StrCat("rebuilds from position 1 (", why, ")", meanwhile);
    } else {
      // An abandoned build of another version, if any, is of no use.
      if (auto st = store_->DropBuilding(name_); !st.ok()) return st;
      position = served.checkpoint;
      how = position > 0 ? absl::StrCat("resumes after position ", position)
                         : std::string("starts from position 1");
    }
    served_position = other_version ? 0 : served.checkpoint;
  }
  if (options_.log != nullptr) {
    options_.log->Info("projections", "phép chiếu khởi động / projection starts",
                       {{"projection", name_}, {"start", how}});
  }
  {
    absl::MutexLock lock(&mu_);
    target_ = target;
    position_ = position;
    served_position_ = target == Generation::kActive ? position : served_position;
    serving_other_version_ = target == Generation::kBuilding && other_version;
    state_ = target == Generation::kBuilding ? ProjectionState::kRebuilding
                                             : ProjectionState::kCatchingUp;
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
  reader_->Leave(convoy_id_);  // ends a wait for the runners behind at once
  if (thread_.joinable()) thread_.join();
  absl::MutexLock lock(&mu_);
  if (state_ != ProjectionState::kFailed) state_ = ProjectionState::kStopped;
}

void ProjectionRunner::Run() {
  auto& notifier = events_->notifier();
  absl::Time last_live_read = absl::InfinitePast();
  for (;;) {
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) break;
    }
    bool end_of_log = false;
    if (!RunPage(&end_of_log)) break;
    if (!end_of_log) continue;
    if (!SwitchIfBuilding()) break;

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
    // Commits coming fast: let more of them gather before the next page is read, unless a
    // caller waits for a position (it reads its own writes without this delay).
    const absl::Time next_read = last_live_read + options_.live_read_interval;
    if (absl::Now() < next_read) {
      absl::MutexLock lock(&mu_);
      mu_.AwaitWithDeadline(absl::Condition(this, &ProjectionRunner::ReadsAtOnce), next_read);
    }
    last_live_read = absl::Now();
  }
  reader_->Leave(convoy_id_);  // on every way out: nobody waits for a runner that stopped
  absl::MutexLock lock(&mu_);
  if (state_ != ProjectionState::kFailed) state_ = ProjectionState::kStopped;
}

bool ProjectionRunner::RunPage(bool* end_of_log) {
  uint64_t from;
  {
    absl::MutexLock lock(&mu_);
    from = position_ + 1;
  }
  if (options_.before_page) options_.before_page(name_, from);
  auto page = reader_->Read(from, options_.page_size, convoy_id_);
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
  if (page->empty()) {
    *end_of_log = true;
    return true;
  }
  Generation target;
  {
    absl::MutexLock lock(&mu_);
    target = target_;
  }
  auto batch = store_->NewBatch(name_, target);
  if (!batch.ok()) {
    Fail(batch.status());
    return false;
  }
  const uint64_t commit_events =
      options_.catch_up_commit_events == 0 ? options_.page_size : options_.catch_up_commit_events;
  uint64_t expected = from;
  uint64_t applied = 0;
  // The slices read before `page` for this commit: held until FinishPage returns, for the
  // pointers a projection may keep to their events and stored bytes (projection.h). So a
  // runner holds up to a commit's events (catch_up_commit_events) beyond what the shared
  // reader keeps; runners catching up together hold the same slices.
  std::vector<PageView> earlier;
  projection_->BeginPage(from);
  for (;;) {
    for (size_t i = 0; i < page->size(); ++i) {
      const coop::v1::RecordedEvent& event = *(page->begin() + i);
      if (event.position() != expected) {
        Fail(absl::DataLossError(absl::StrCat("projection ", name_, " expected position ", expected,
                                              " but read ", event.position())));
        return false;
      }
      ++expected;
      if (auto st = projection_->ApplyStored(event, page->stored_bytes(i), *batch); !st.ok()) {
        Fail(absl::Status(st.code(), absl::StrCat("projection ", name_, " at position ",
                                                  event.position(), ": ", st.message())));
        return false;
      }
    }
    applied += page->size();
    if (page->end_of_log() || applied >= commit_events) break;
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) break;
    }
    // Catching up: the next page goes into the same commit. A failed or empty read ends the
    // commit with what was applied (the read is retried from there).
    auto next = reader_->Read(expected, options_.page_size, convoy_id_);
    if (!next.ok() || next->empty()) break;
    earlier.push_back(std::move(*page));
    page = std::move(next);
  }
  const uint64_t last = expected - 1;
  if (auto st = projection_->FinishPage(*batch, last); !st.ok()) {
    Fail(absl::Status(st.code(), absl::StrCat("projection ", name_, ": ", st.message())));
    return false;
  }
  batch->SetMeta({version_, last});
  // Unlogged far behind the head; once unlogged, until half the lag is left, so that a runner
  // whose lag hovers about the threshold does not flush its family at every other commit.
  const uint64_t head = events_->notifier().head();
  const uint64_t lag = head > last ? head - last : 0;
  const uint64_t threshold = unlogged_ ? options_.unlogged_lag / 2 : options_.unlogged_lag;
  unlogged_ = options_.unlogged_lag != 0 && !page->end_of_log() && lag >= threshold;
  batch->SetUnlogged(unlogged_);
  if (auto st = store_->Commit(*batch); !st.ok()) {
    Fail(st);
    return false;
  }
  *end_of_log = page->end_of_log();
  ++pages_;
  const bool stop_now = options_.stop_after_pages != 0 && pages_ >= options_.stop_after_pages;
  const bool building = target == Generation::kBuilding;
  {
    absl::MutexLock lock(&mu_);
    position_ = last;
    if (!building) served_position_ = last;
    const absl::Time now = absl::Now();
    samples_.emplace_back(now, last);
    while (samples_.size() > 2 && samples_[1].first < now - kRateWindow) samples_.pop_front();
    if (stop_now) {
      state_ = ProjectionState::kStopped;
      return false;
    }
    if (building) {
      state_ = ProjectionState::kRebuilding;  // live once switched (SwitchIfBuilding)
    } else {
      state_ = page->end_of_log() ? ProjectionState::kLive : ProjectionState::kCatchingUp;
    }
  }
  if (building && options_.after_rebuild_page) options_.after_rebuild_page(last);
  return true;
}

bool ProjectionRunner::SwitchIfBuilding() {
  {
    absl::MutexLock lock(&mu_);
    if (target_ != Generation::kBuilding) return true;
  }
  // Caught up with the head: the new generation is live, and becomes the one readers read.
  if (auto st = store_->SwitchToBuilding(name_); !st.ok()) {
    Fail(st);
    return false;
  }
  absl::MutexLock lock(&mu_);
  target_ = Generation::kActive;
  served_position_ = position_;
  serving_other_version_ = false;
  state_ = ProjectionState::kLive;
  return true;
}

void ProjectionRunner::Fail(absl::Status error) {
  reader_->Leave(convoy_id_);  // a failed runner moves no more: nobody waits for it
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
  status.served_position = served_position_;
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

absl::Status ProjectionRunner::Serving() const {
  const uint64_t head = events_->notifier().head();
  absl::MutexLock lock(&mu_);
  if (!serving_other_version_) return absl::OkStatus();
  if (state_ == ProjectionState::kFailed) {
    return absl::UnavailableError(absl::StrCat("projection ", name_,
                                               " is being rebuilt but failed at position ",
                                               position_, ": ", error_.message()));
  }
  return absl::UnavailableError(absl::StrCat("projection ", name_, " is being rebuilt: position ",
                                             position_, " of head ", head, "; retry later"));
}

absl::Status ProjectionRunner::WaitForPosition(uint64_t position, absl::Duration timeout,
                                               const std::function<bool()>& cancelled) const {
  // How often a wait looks at `cancelled`.
  constexpr absl::Duration kCancelCheck = absl::Milliseconds(10);
  absl::MutexLock lock(&mu_);
  // Readers read the served generation: during a rebuild, the old one until the switch.
  auto done = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return served_position_ >= position || state_ == ProjectionState::kFailed ||
           state_ == ProjectionState::kStopped;
  };
  const absl::Time deadline = absl::Now() + timeout;
  ++waiters_;  // the runner stops gathering commits (Run) until this wait ends
  absl::Cleanup waited = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { --waiters_; };
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
  if (served_position_ >= position) return absl::OkStatus();
  if (state_ == ProjectionState::kFailed) return error_;
  if (state_ == ProjectionState::kStopped) {
    return absl::UnavailableError(absl::StrCat("projection ", name_, " stopped at position ",
                                               served_position_, " before reaching ", position));
  }
  const std::string rebuild =
      target_ == Generation::kBuilding
          ? absl::StrCat(" (it is being rebuilt, at position ", position_, ")")
          : std::string();
  return absl::DeadlineExceededError(absl::StrCat("projection ", name_, " reached position ",
                                                  served_position_, ", not ", position, ", within ",
                                                  absl::FormatDuration(timeout), rebuild));
}

}  // namespace coop::projections
