// AppendSessionReactor: one coop.v1.EventStore/AppendSession call, pipelined appends.
//
// The client sends appends without waiting; each is prepared as a unary Append is
// (services/raw_append.h) and handed to the store's asynchronous path at once, so appends
// of one session share group commits with each other and with everyone else's. Each append
// is acknowledged on its own, in the order it was read, once the store has completed it:
// durable and its result, or the status a unary Append would have returned.
//
// A message may carry up to kMaxAppendsPerMessage appends (`appends`), each handled as if it
// had come alone; once a session has sent one such message, the acknowledgements ready
// together go out together (`following`, up to about kMaxAcknowledgementBytes), in order,
// whatever its later messages carry. After a cancellation the rest of a message's appends
// are not handed to the store.
//
// Flow control: the reactor reads the next message only while fewer than
// Bounds::max_in_flight appends (or Bounds::max_in_flight_bytes of them) await their
// acknowledgement, and at most one read and one write are outstanding; so at most
// max_in_flight + kMaxAppendsPerMessage - 1 appends are held. A client that sends faster than
// the log commits is slowed by HTTP/2 flow control, never buffered without bound.
//
// The session ends:
//   OK                after the client closed its side and every acknowledgement was sent;
//   INVALID_ARGUMENT  after a message that is not a valid AppendSessionRequest (the
//                     acknowledgements of the appends before it are sent first); not worth
//                     retrying unchanged;
//   CANCELLED         when the client cancels or goes away. Appends already handed to the store
//                     still commit or fail as they would; the client learns their outcome by
//                     reading the streams again (an event id makes a retry idempotent).
//
// Thread-safety: gRPC and the store's completer call it from their threads; one mutex guards
// its state, and gRPC operations are started outside it. It deletes itself once gRPC is done
// with it and the store has completed every append it handed over.
#ifndef COOPLEDGER_SERVICES_APPEND_SESSION_H_
#define COOPLEDGER_SERVICES_APPEND_SESSION_H_

#include <grpcpp/grpcpp.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "access/principal.h"
#include "coop/v1/eventstore.pb.h"
#include "eventstore/event_store.h"
#include "services/parsed_request.h"

namespace coop::services {

using AppendSessionRead = ParsedRequest<coop::v1::AppendSessionRequest>;

// The most appends one AppendSessionRequest may carry, and acknowledgements one response.
inline constexpr size_t kMaxAppendsPerMessage = 256;
// A response stops gathering acknowledgements once it reaches this many bytes, well under the
// 4 MiB gRPC clients accept by default (an acknowledgement may name up to 100 streams).
inline constexpr size_t kMaxAcknowledgementBytes = 1 << 20;

class AppendSessionReactor final
    : public grpc::ServerBidiReactor<AppendSessionRead, coop::v1::AppendSessionResponse> {
 public:
  struct Bounds {
    size_t max_in_flight = 256;
    size_t max_in_flight_bytes = 8 << 20;  // at least one append is always admitted
  };

  // Starts reading. `store` must outlive every session; `principal` was admitted with
  // kAppendRaw.
  AppendSessionReactor(eventstore::EventStore* store,
                       std::shared_ptr<const access::Principal> principal, Bounds bounds);

  void OnReadDone(bool ok) override;
  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

 private:
  struct Slot {
    size_t bytes = 0;
    std::optional<coop::v1::AppendSessionResponse> ack;  // set once the store completed it
  };

  // INVALID_ARGUMENT for a message with both `append` and `appends`, or too many appends.
  static absl::Status CheckSeveralAppends(const coop::v1::AppendSessionRequest& message);
  // Prepares one append of the message being read and hands it to the store (or completes it
  // with its refusal). REQUIRES: reading_ (no other read may start meanwhile).
  void HandOver(uint64_t sequence, const coop::v1::AppendRequest& append);
  // Called exactly once per append read, from whichever thread completes it.
  void Complete(uint64_t ordinal, coop::v1::AppendSessionResponse ack);
  // Decides under the mutex what to start next (a read, a write, the finish) and starts it.
  void Advance();
  // Deletes this once gRPC is done with it and no append is outstanding in the store.
  void ReleaseOne();

  eventstore::EventStore* const store_;
  const std::shared_ptr<const access::Principal> principal_;
  const Bounds bounds_;
  AppendSessionRead incoming_;                // the read in progress
  coop::v1::AppendSessionResponse outgoing_;  // the write in progress

  absl::Mutex mu_;
  std::deque<Slot> slots_ ABSL_GUARDED_BY(mu_);      // appends read, oldest first
  uint64_t first_ordinal_ ABSL_GUARDED_BY(mu_) = 0;  // ordinal of slots_.front()
  size_t in_flight_bytes_ ABSL_GUARDED_BY(mu_) = 0;
  bool reading_ ABSL_GUARDED_BY(mu_) = false;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool reads_done_ ABSL_GUARDED_BY(mu_) = false;           // the client closed its side
  bool several_per_message_ ABSL_GUARDED_BY(mu_) = false;  // the client has sent `appends`
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;            // cancelled, or a write failed
  absl::Status malformed_ ABSL_GUARDED_BY(mu_);            // a message that did not parse
  bool finishing_ ABSL_GUARDED_BY(mu_) = false;
  bool done_ ABSL_GUARDED_BY(mu_) = false;  // OnDone was called
  int holds_ ABSL_GUARDED_BY(mu_) = 0;      // appends outstanding + running callbacks
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_APPEND_SESSION_H_
