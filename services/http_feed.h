// LiveFeed: one live feed of the HTTP face (services/http_face.h) as Server-Sent Events: a
// coop.v1.EventStore/Subscribe over coopd's in-process channel (so the caller's credentials
// and role are checked by the call gate, as for a gRPC subscriber), narrowed to an area the way
// a recorder's scope is (domain/areas/area_scope.h: a district's feed has its communes' events,
// across the 2025 reform), each event told in a sentence (domain/text/event_sentence.h).
//
// What a client reads (every "id" is a log position, so a client that reconnects with
// Last-Event-ID set to the last id it saw gets the next position on, with no gap and no
// duplicate):
//
//   event: recorded      id: 1234   data: {"position":"1234","streamId":…,"streamVersion":…,
//                                          "type":…,"title":…,"sentence":…,"recordedBy":…,
//                                          "occurredOn":…,"recordedAtMicros":…,"area":{…}}
//   event: caught-up     id: N      data: {"position":"N"}   everything up to N is sent; live now
//   event: checkpoint    id: N      data: {"position":"N"}   examined up to N, nothing matched
//   event: fell-behind              data: {"position":…,"head":…}   served from the log again
//   event: end                      data: {"code":…,"message":…}    the subscription ended
//   ": keep-alive"                  a comment when nothing else was sent for a while
//
// The subscription asks for up to kEventsPerMessage events a message (a feed resumed far back
// catches up several times faster). Memory is bounded: once kMaxQueued events (or other
// messages) wait for the HTTP writer, the subscription is not read (gRPC's flow control slows
// it, and the store's subscriber falls behind and is served from the log, as any slow
// subscriber).
//
// Thread-safety: Next is called by one thread (the HTTP worker that writes the feed); Cancel
// from any. Destroying the feed cancels the subscription and waits for it to end. A hold keeps
// the gRPC call alive while Next may start a read from outside the reactions; it is released
// once, when the stream ends or the feed is cancelled with no read in flight.
#ifndef COOPLEDGER_SERVICES_HTTP_FEED_H_
#define COOPLEDGER_SERVICES_HTTP_FEED_H_

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "coop/v1/eventstore.grpc.pb.h"
#include "domain/text/language.h"
#include "services/http_json_call.h"

namespace coop::services {

struct FeedRequest {
  std::optional<coop::v1::Area> area;  // none: every event
  domain::text::Language language = domain::text::Language::kVietnamese;
  uint64_t from_position = 0;  // the first position wanted; 0: only events appended from now
  HttpCallIdentity identity;
};

class LiveFeed : public grpc::ClientReadReactor<coop::v1::SubscribeResponse> {
 public:
  static constexpr size_t kMaxQueued = 1024;
  static constexpr uint32_t kEventsPerMessage = 64;

  // Subscribes and waits up to `first_wait` for the first message or the end, so that a refusal
  // (no credentials, a role without the events-reading permission) is answered as an HTTP
  // error before any byte of the stream: the status is returned then, and the feed discarded.
  static std::unique_ptr<LiveFeed> Open(const std::shared_ptr<grpc::Channel>& channel,
                                        FeedRequest request, absl::Duration first_wait,
                                        grpc::Status* refusal);
  ~LiveFeed() override;

  // The next text to write: the messages that arrived, or a keep-alive (a checkpoint when
  // events were examined and none matched) after `keep_alive` without any. After the
  // subscription ended: its "end" message once, then nullopt.
  std::optional<std::string> Next(absl::Duration keep_alive);
  // Ends the subscription (the next Next returns its "end" message).
  void Cancel();

  // grpc::ClientReadReactor
  void OnReadDone(bool ok) override;
  void OnDone(const grpc::Status& status) override;

 private:
  explicit LiveFeed(FeedRequest request) : request_(std::move(request)) {}
  // The SSE text of one subscription message ("" for events outside the area).
  std::string Format(const coop::v1::SubscribeResponse& message);
  // The SSE text of one event ("" outside the area, or already sent).
  std::string FormatEvent(const coop::v1::RecordedEvent& event);

  const FeedRequest request_;
  grpc::ClientContext context_;
  coop::v1::SubscribeRequest subscribe_;
  coop::v1::SubscribeResponse reading_;  // the one read in flight writes here

  absl::Mutex mu_;
  std::deque<coop::v1::SubscribeResponse> queued_ ABSL_GUARDED_BY(mu_);
  size_t queued_items_ ABSL_GUARDED_BY(mu_) = 0;        // events in queued_, and its other messages
  bool read_paused_ ABSL_GUARDED_BY(mu_) = false;       // queue full: the next read not started
  bool read_outstanding_ ABSL_GUARDED_BY(mu_) = false;  // a StartRead awaits its OnReadDone
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;         // Cancel was called: no read restarts
  bool hold_released_ ABSL_GUARDED_BY(mu_) = false;     // RemoveHold done (exactly once)
  bool done_ ABSL_GUARDED_BY(mu_) = false;
  grpc::Status status_ ABSL_GUARDED_BY(mu_);

  // The writer's own (Next's thread only).
  bool end_sent_ = false;
  uint64_t last_id_ = 0;        // the last id written
  uint64_t last_examined_ = 0;  // the last position received, matched or not
  absl::Time last_write_ = absl::Now();
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_HTTP_FEED_H_
