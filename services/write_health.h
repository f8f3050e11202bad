// WriteHealth: whether the log's writes are getting through — what keeps coopd's health
// honest. It watches the store (as its StoreObserver, passing every call on to `next`, the
// metrics, if any): appends are waiting, and no group commit has completed for `stall_after`
// since the later of the last commit and the moment they began to wait, means the disk is not
// taking writes (full, failing, or far too slow). The server then reports NOT_SERVING on the
// health service, and SERVING again once a commit completes (CoopServer's health watch).
//
// Thread-safe: atomics only.
#ifndef COOPLEDGER_SERVICES_WRITE_HEALTH_H_
#define COOPLEDGER_SERVICES_WRITE_HEALTH_H_

#include <atomic>
#include <cstdint>

#include "absl/time/time.h"
#include "eventstore/store_observer.h"

namespace coop::services {

class WriteHealth final : public eventstore::StoreObserver {
 public:
  // `next` may be null; not owned.
  WriteHealth(absl::Duration stall_after, eventstore::StoreObserver* next);

  void OnAppendQueued() override;
  void OnCommit(size_t appends, size_t events, absl::Duration write, bool ok) override;
  void OnAppendDone(absl::Duration in_store, bool committed) override;

  // True when appends wait and no commit has completed for stall_after (above).
  bool Stalled(absl::Time now) const;
  // How long writes have been waiting without a commit (0 when none waits).
  absl::Duration Waited(absl::Time now) const;
  absl::Duration stall_after() const { return stall_after_; }

 private:
  const absl::Duration stall_after_;
  eventstore::StoreObserver* const next_;
  std::atomic<int64_t> waiting_{0};
  std::atomic<int64_t> waiting_since_micros_{0};
  std::atomic<int64_t> last_commit_micros_{0};
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_WRITE_HEALTH_H_
