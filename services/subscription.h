// Subscription: the server side of EventStore.Subscribe.
//
// Catch-up and live use one mechanism: a cursor over the log. The subscription reads a page
// from RocksDB at its cursor, sends it one message at a time (one event a message, or up to
// `events_per_message` of the page's events together), and reads the next page only when the
// client has taken the last message. When the cursor reaches the head it sends
// `caught_up` (the last position examined) and waits on the CommitNotifier; a commit wakes it
// and it reads on from the same cursor. Events therefore come in position order with no gap
// and no duplicate across the switch, live events are never buffered per subscriber, and a
// client that stops reading holds one page of memory and never touches the writer. A live
// subscriber found more than `kFellBehindLag` positions behind the head is told `fell_behind`
// and catches up again (with a new `caught_up` at the end).
//
// Lifetime: the reactor is owned by gRPC and deletes itself in OnDone; the state it shares
// with the notifier's wake callback and the registry is reference-counted, and after OnDone
// the state no longer touches the reactor.
// Thread-safety: gRPC reactions, notifier wakes and Stop() may race; all go through State::mu.
#ifndef COOPLEDGER_SERVICES_SUBSCRIPTION_H_
#define COOPLEDGER_SERVICES_SUBSCRIPTION_H_

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <cstdint>
#include <memory>

#include "absl/status/status.h"
#include "coop/v1/eventstore.pb.h"
#include "eventstore/event_store.h"

namespace coop::services {

class SubscriptionRegistry;

inline constexpr uint64_t kFellBehindLag = 10'000;
inline constexpr uint32_t kSubscriptionPageSize = 256;
// A page also stops at this many payload bytes (at least one event): a stalled subscriber
// holds one page, about 1 MiB, not 256 events of up to 1 MiB each.
inline constexpr uint64_t kSubscriptionPageBytes = 1 << 20;
// A reaction examines at most this many events without a match, then sends a checkpoint,
// which hands the thread back until the client has taken it.
inline constexpr uint64_t kMaxScanPerReaction = 64 * 1024;
// The most events one `events` message may carry: at most one page.
inline constexpr uint32_t kMaxEventsPerMessage = kSubscriptionPageSize;
// An `events` message also ends once its events reach this many bytes (at least one event),
// well under gRPC's default 4 MiB a client accepts: a page's payload may reach about 2 MiB (it
// stops after the event that passes kSubscriptionPageBytes) and envelopes add more.
inline constexpr size_t kMaxEventsMessageBytes = 1 << 20;

// Checks SubscribeRequest.max_events_per_message: INVALID_ARGUMENT naming the field above
// kMaxEventsPerMessage (the caller's mistake; do not retry unchanged).
absl::Status ValidateEventsPerMessage(uint32_t events_per_message);

// Starts a subscription at `from_position` (the first position wanted; past the head, it
// waits without a message until the log reaches the position before it). With
// `events_per_message` above 1 (and at most kMaxEventsPerMessage), a page's events go out in
// `events` messages of up to that many (and about kMaxEventsMessageBytes); 0 or 1 sends each
// as an `event` message. `registry` must outlive the call.
grpc::ServerWriteReactor<coop::v1::SubscribeResponse>* StartSubscription(
    eventstore::EventStore* store, SubscriptionRegistry* registry, uint64_t from_position,
    const coop::v1::EventFilter& filter, uint32_t events_per_message = 1);

// Tracks live subscriptions so the server can end them on shutdown.
// Thread-safe.
class SubscriptionRegistry {
 public:
  class Handle {
   public:
    virtual ~Handle() = default;
    // Ends the subscription with UNAVAILABLE; safe to call at any time, more than once.
    virtual void Stop() = 0;
  };
  void Add(const std::shared_ptr<Handle>& handle);
  void Remove(const Handle* handle);
  // Stops every subscription and refuses new ones (they are stopped at once).
  void StopAll();
  bool stopping() const;
  size_t size() const;
  // fell_behind messages sent since the server started (metrics).
  void NoteFellBehind() { fell_behind_.fetch_add(1, std::memory_order_relaxed); }
  uint64_t fell_behind() const { return fell_behind_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> fell_behind_{0};
  mutable absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::weak_ptr<Handle>> handles_ ABSL_GUARDED_BY(mu_);
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_SUBSCRIPTION_H_
