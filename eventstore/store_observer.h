// StoreObserver: what a store tells whoever watches it (the server's metrics,
// services/metrics.h) about its writes, without knowing what is done with it. The store calls
// it after each group commit (RocksDB: on its committer thread) and for each append it
// completes (on its completer thread; and, for each append it queues, on the appending thread);
// an implementation must be quick and must not block or call back into the store.
// Thread-safety: implementations synchronise themselves (atomics): OnAppendQueued runs on any
// thread, OnCommit and OnAppendDone on the store's own threads.
#ifndef COOPLEDGER_EVENTSTORE_STORE_OBSERVER_H_
#define COOPLEDGER_EVENTSTORE_STORE_OBSERVER_H_

#include <cstddef>

#include "absl/time/time.h"

namespace coop::eventstore {

class StoreObserver {
 public:
  virtual ~StoreObserver() = default;

  // An append was accepted into the store's queue (called on the appending thread).
  virtual void OnAppendQueued() {}
  // A group commit was written: `appends` completed by it (committed or rejected), `events`
  // written, and how long its write (with its fsync in Durability::kSync) took. `ok` false: the
  // write failed (the store stops taking appends, or, for a full disk, until it writes again).
  virtual void OnCommit(size_t appends, size_t events, absl::Duration write, bool ok) = 0;
  // An append is being completed: how long it was in the store (queued to completed), and
  // whether it committed.
  virtual void OnAppendDone(absl::Duration in_store, bool committed) = 0;
};

}  // namespace coop::eventstore

#endif  // COOPLEDGER_EVENTSTORE_STORE_OBSERVER_H_
