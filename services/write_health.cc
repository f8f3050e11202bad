#include "services/write_health.h"

#include <algorithm>

#include "absl/time/clock.h"

namespace coop::services {

WriteHealth::WriteHealth(absl::Duration stall_after, eventstore::StoreObserver* next)
    : stall_after_(stall_after), next_(next) {}

void WriteHealth::OnAppendQueued() {
  // The time first: the health watch never sees a wait without its start.
  if (waiting_.load(std::memory_order_acquire) == 0) {
    waiting_since_micros_.store(absl::ToUnixMicros(absl::Now()), std::memory_order_release);
  }
  waiting_.fetch_add(1, std::memory_order_acq_rel);
  if (next_ != nullptr) next_->OnAppendQueued();
}

void WriteHealth::OnCommit(size_t appends, size_t events, absl::Duration write, bool ok) {
  if (ok) last_commit_micros_.store(absl::ToUnixMicros(absl::Now()), std::memory_order_release);
  if (next_ != nullptr) next_->OnCommit(appends, events, write, ok);
}

void WriteHealth::OnAppendDone(absl::Duration in_store, bool committed) {
  waiting_.fetch_sub(1, std::memory_order_acq_rel);
  if (next_ != nullptr) next_->OnAppendDone(in_store, committed);
}

absl::Duration WriteHealth::Waited(absl::Time now) const {
  if (waiting_.load(std::memory_order_acquire) <= 0) return absl::ZeroDuration();
  const int64_t since = std::max(waiting_since_micros_.load(std::memory_order_acquire),
                                 last_commit_micros_.load(std::memory_order_acquire));
  return std::max(absl::ZeroDuration(), now - absl::FromUnixMicros(since));
}

bool WriteHealth::Stalled(absl::Time now) const { return Waited(now) >= stall_after_; }

}  // namespace coop::services
