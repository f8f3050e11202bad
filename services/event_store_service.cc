#include "services/event_store_service.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "eventstore/validation.h"
#include "services/grpc_status.h"
#include "services/paged_event_writer.h"
#include "services/raw_append.h"

namespace coop::services {
namespace {

constexpr uint32_t kReadPageSize = 256;
// A page also stops at about this many payload bytes (at least one event), so that a reader
// who stops reading holds about one page, not 256 events of up to 1 MiB each.
constexpr uint64_t kReadPageBytes = 1 << 20;
// ReadStream's store call has no byte bound: its first call reads few events, later ones as
// many as the biggest payload seen allows, and each page keeps about kReadPageBytes of them.
constexpr uint32_t kFirstStreamPageSize = 8;
// A verification reads the whole range on a thread of its own; one runs at a time, so that
// auditors cannot together take both cores from the writer.
constexpr size_t kMaxConcurrentVerifications = 1;

using Page = PagedEventWriter::Page;

grpc::ServerWriteReactor<coop::v1::ReadResponse>* FailedRead(const absl::Status& status) {
  // A reactor that finishes at once with an error.
  return new PagedEventWriter([status]() -> absl::StatusOr<Page> { return status; });
}

grpc::ServerWriteReactor<coop::v1::SubscribeResponse>* FailedSubscription(
    const absl::Status& status) {
  // A reactor that finishes at once with an error.
  class Failed final : public grpc::ServerWriteReactor<coop::v1::SubscribeResponse> {
   public:
    explicit Failed(const absl::Status& st) { Finish(ToGrpcStatus(st)); }
    void OnDone() override { delete this; }
  };
  return new Failed(status);
}

uint32_t Budget(uint32_t requested, const eventstore::Limits& limits) {
  return requested == 0 || requested > limits.max_read_count ? limits.max_read_count : requested;
}

// Whether the server, not the client, set the read's size: then a read that stops with more to
// come says so (ReadResponse.capped).
bool CappedByServer(uint32_t requested, const eventstore::Limits& limits) {
  return requested == 0 || requested > limits.max_read_count;
}

Page CappedPage(uint64_t resume_from, uint32_t limit) {
  Page page;
  page.capped.emplace();
  page.capped->set_resume_from(resume_from);
  page.capped->set_limit(limit);
  return page;
}

}  // namespace

EventStoreService::EventStoreService(eventstore::EventStore* store, const CallGate* gate)
    : store_(store), gate_(gate) {
  ParseRequestsOf(&EventStoreService::Append, &EventStoreService::OpenAppendSession,
                  &EventStoreService::ReadStream, &EventStoreService::ReadAll,
                  &EventStoreService::Subscribe, &EventStoreService::GetStreamInfo,
                  &EventStoreService::GetLogInfo, &EventStoreService::VerifyLog);
}

EventStoreService::~EventStoreService() { Shutdown(); }

void EventStoreService::Shutdown() {
  stopping_.store(true);
  subscriptions_.StopAll();
  std::vector<Verifier> verifiers;
  {
    absl::MutexLock lock(&mu_);
    verifiers.swap(verifiers_);
  }
  for (auto& v : verifiers) v.thread.join();
}

grpc::ServerUnaryReactor* EventStoreService::Append(grpc::CallbackServerContext* context,
                                                    const coop::v1::AppendRequest* request,
                                                    coop::v1::AppendResponse* response) {
  auto* reactor = context->DefaultReactor();
  auto principal = AdmitOrFinish(*gate_, context, reactor, access::Permission::kAppendRaw);
  if (principal == nullptr) return reactor;
  auto stamped = PrepareRawAppend(*request, *principal);
  if (!stamped.ok()) {
    reactor->Finish(ToGrpcStatus(stamped.status()));
    return reactor;
  }
  store_->AppendAsync(std::move(*stamped),
                      [reactor, response](absl::StatusOr<coop::v1::AppendResponse> result) {
                        if (result.ok()) *response = std::move(*result);
                        reactor->Finish(ToGrpcStatus(result.status()));
                      });
  return reactor;
}

grpc::ServerBidiReactor<AppendSessionRead, coop::v1::AppendSessionResponse>*
EventStoreService::OpenAppendSession(grpc::CallbackServerContext* context) {
  auto principal = gate_->Admit(*context, access::Permission::kAppendRaw);
  if (!principal.ok()) {
    return new RefusedBidi<AppendSessionRead, coop::v1::AppendSessionResponse>(
        ToGrpcStatus(principal.status()));
  }
  return new AppendSessionReactor(store_, std::move(*principal), AppendSessionReactor::Bounds{});
}

grpc::ServerWriteReactor<coop::v1::ReadResponse>* EventStoreService::ReadStream(
    grpc::CallbackServerContext* context, const coop::v1::ReadStreamRequest* request) {
  if (auto admitted = gate_->Admit(*context, access::Permission::kReadEvents); !admitted.ok()) {
    return FailedRead(admitted.status());
  }
  if (auto st = eventstore::ValidateDirection("direction", request->direction()); !st.ok()) {
    return FailedRead(st);
  }
  const bool backwards = request->direction() == coop::v1::BACKWARDS;
  // Reject an unknown stream up front, so the error comes before any message.
  if (auto info = store_->GetStreamInfo(request->stream_id()); !info.ok()) {
    return FailedRead(info.status());
  }
  struct Cursor {
    coop::v1::ReadStreamRequest next;
    uint32_t remaining;
    bool capped_by_server;
    bool done = false;
    uint32_t page_size = kFirstStreamPageSize;
  };
  auto cursor =
      std::make_shared<Cursor>(Cursor{*request, Budget(request->max_count(), store_->limits()),
                                      CappedByServer(request->max_count(), store_->limits())});
  const uint32_t limit = store_->limits().max_read_count;
  return new PagedEventWriter([store = store_, cursor, backwards, limit]() -> absl::StatusOr<Page> {
    if (cursor->done) return Page();
    if (cursor->remaining == 0) {
      cursor->done = true;
      if (!cursor->capped_by_server) return Page();
      // More follows only if the stream has a next version.
      coop::v1::ReadStreamRequest probe = cursor->next;
      probe.set_max_count(1);
      auto more = store->ReadStream(probe);
      if (!more.ok() || more->empty()) return Page();
      return CappedPage(cursor->next.from_version(), limit);
    }
    cursor->next.set_max_count(std::min(cursor->remaining, cursor->page_size));
    auto events = store->ReadStream(cursor->next);
    if (!events.ok()) return events.status();
    if (events->size() < cursor->next.max_count()) cursor->done = true;
    // Keep about kReadPageBytes (at least one event); the rest is read again next time.
    size_t largest = 1;
    uint64_t bytes = 0;
    size_t keep = 0;
    for (; keep < events->size() && (keep == 0 || bytes < kReadPageBytes); ++keep) {
      bytes += (*events)[keep].payload().size();
      largest = std::max(largest, (*events)[keep].payload().size());
    }
    if (keep < events->size()) {
      events->resize(keep);
      cursor->done = false;
    }
    cursor->page_size =
        static_cast<uint32_t>(std::clamp<uint64_t>(kReadPageBytes / largest, 1, kReadPageSize));
    if (!events->empty()) {
      const uint64_t last = events->back().stream_version();
      if (backwards && last <= 1) cursor->done = true;
      cursor->next.set_from_version(backwards ? last - 1 : last + 1);
    }
    cursor->remaining -= static_cast<uint32_t>(events->size());
    Page page;
    page.events = std::move(*events);
    return page;
  });
}

grpc::ServerWriteReactor<coop::v1::ReadResponse>* EventStoreService::ReadAll(
    grpc::CallbackServerContext* context, const coop::v1::ReadAllRequest* request) {
  if (auto admitted = gate_->Admit(*context, access::Permission::kReadEvents); !admitted.ok()) {
    return FailedRead(admitted.status());
  }
  if (auto st = eventstore::ValidateDirection("direction", request->direction()); !st.ok()) {
    return FailedRead(st);
  }
  const bool backwards = request->direction() == coop::v1::BACKWARDS;
  uint64_t from = request->from_position();
  if (request->from_case() == coop::v1::ReadAllRequest::kFromRecordedAtMicros) {
    auto position = store_->PositionAtTime(request->from_recorded_at_micros(), backwards);
    if (!position.ok()) return FailedRead(position.status());
    if (backwards && *position == 0) {
      return new PagedEventWriter([]() -> absl::StatusOr<Page> { return Page(); });
    }
    from = *position;
  }
  struct Cursor {
    eventstore::ReadAllQuery query;
    uint32_t remaining;
    bool capped_by_server = false;
    bool done = false;
  };
  auto cursor = std::make_shared<Cursor>();
  cursor->capped_by_server = CappedByServer(request->max_count(), store_->limits());
  cursor->query.from_position = from;
  cursor->query.backwards = backwards;
  cursor->query.filter = request->filter();
  cursor->query.max_scan = 16 * kReadPageSize;
  cursor->remaining = Budget(request->max_count(), store_->limits());
  // Validate the filter before the first message.
  {
    eventstore::ReadAllQuery probe = cursor->query;
    probe.max_count = 1;
    probe.max_scan = 1;
    if (auto page = store_->ReadAll(probe); !page.ok()) return FailedRead(page.status());
  }
  const uint32_t limit = store_->limits().max_read_count;
  return new PagedEventWriter([store = store_, cursor, limit]() -> absl::StatusOr<Page> {
    if (!cursor->done && cursor->remaining == 0) {
      cursor->done = true;
      const uint64_t next = cursor->query.from_position;
      const bool more = cursor->query.backwards ? next > 0 : next <= store->notifier().head();
      if (cursor->capped_by_server && more) return CappedPage(next, limit);
      return Page();
    }
    Page out;
    // A sparse filter may examine many pages before one event matches; after a bounded
    // amount it reports a checkpoint instead, which hands the thread back.
    uint64_t scanned = 0;
    while (out.events.empty() && !cursor->done && cursor->remaining > 0) {
      if (scanned >= kMaxScanPerReaction) {
        out.checkpoint = cursor->query.backwards ? cursor->query.from_position + 1
                                                 : cursor->query.from_position - 1;
        return out;
      }
      cursor->query.max_count = std::min(cursor->remaining, kReadPageSize);
      cursor->query.max_bytes = kReadPageBytes;
      auto page = store->ReadAll(cursor->query);
      if (!page.ok()) return page.status();
      scanned += page->examined;
      cursor->query.from_position = page->next_position;
      if (page->end_of_log || (cursor->query.backwards && page->next_position == 0)) {
        cursor->done = true;
      }
      cursor->remaining -= static_cast<uint32_t>(page->events.size());
      out.events = std::move(page->events);
    }
    return out;
  });
}

grpc::ServerWriteReactor<coop::v1::SubscribeResponse>* EventStoreService::Subscribe(
    grpc::CallbackServerContext* context, const coop::v1::SubscribeRequest* request) {
  if (auto admitted = gate_->Admit(*context, access::Permission::kReadEvents); !admitted.ok()) {
    return FailedSubscription(admitted.status());
  }
  const uint64_t head = store_->notifier().head();
  uint64_t from = 1;
  switch (request->from_case()) {
    case coop::v1::SubscribeRequest::kFromPosition:
      from = std::max<uint64_t>(1, request->from_position());
      break;
    case coop::v1::SubscribeRequest::kFromEnd:
      from = head + 1;
      break;
    case coop::v1::SubscribeRequest::kFromRecordedAtMicros: {
      auto position = store_->PositionAtTime(request->from_recorded_at_micros(), false);
      if (!position.ok()) return FailedSubscription(position.status());
      from = *position;
      break;
    }
    default:
      break;
  }
  // A start beyond the head waits for the log to reach it (services/subscription.h); it does
  // not begin at the head, which would send events the subscriber did not ask for.
  if (auto st = eventstore::ValidateFilter(request->filter(), store_->limits()); !st.ok()) {
    return FailedSubscription(st);
  }
  if (auto st = ValidateEventsPerMessage(request->max_events_per_message()); !st.ok()) {
    return FailedSubscription(st);
  }
  return StartSubscription(store_, &subscriptions_, from, request->filter(),
                           request->max_events_per_message());
}

grpc::ServerUnaryReactor* EventStoreService::GetStreamInfo(
    grpc::CallbackServerContext* context, const coop::v1::GetStreamInfoRequest* request,
    coop::v1::StreamInfo* response) {
  auto* reactor = context->DefaultReactor();
  if (AdmitOrFinish(*gate_, context, reactor, access::Permission::kReadEvents) == nullptr) {
    return reactor;
  }
  auto info = store_->GetStreamInfo(request->stream_id());
  if (info.ok()) *response = std::move(*info);
  reactor->Finish(ToGrpcStatus(info.status()));
  return reactor;
}

grpc::ServerUnaryReactor* EventStoreService::GetLogInfo(grpc::CallbackServerContext* context,
                                                        const coop::v1::GetLogInfoRequest* request,
                                                        coop::v1::LogInfo* response) {
  auto* reactor = context->DefaultReactor();
  if (AdmitOrFinish(*gate_, context, reactor, access::Permission::kReadEvents) == nullptr) {
    return reactor;
  }
  *response = store_->GetLogInfo();
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

grpc::ServerUnaryReactor* EventStoreService::VerifyLog(grpc::CallbackServerContext* context,
                                                       const coop::v1::VerifyLogRequest* request,
                                                       coop::v1::VerifyLogResponse* response) {
  auto* reactor = context->DefaultReactor();
  if (AdmitOrFinish(*gate_, context, reactor, access::Permission::kVerifyLog) == nullptr) {
    return reactor;
  }
  if (request->to_position() != 0 && request->from_position() > request->to_position()) {
    reactor->Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                 "from_position: must not be after to_position"));
    return reactor;
  }
  if (const uint64_t head = store_->GetLogInfo().head_position();
      request->from_position() > head || request->to_position() > head) {
    reactor->Finish(
        grpc::Status(grpc::StatusCode::OUT_OF_RANGE,
                     absl::StrCat(request->from_position() > head ? "from_position" : "to_position",
                                  ": past the log head (position ", head, ")")));
    return reactor;
  }
  absl::MutexLock lock(&mu_);
  std::erase_if(verifiers_, [](Verifier& v) {
    if (!v.done->load()) return false;
    v.thread.join();
    return true;
  });
  if (verifiers_.size() >= kMaxConcurrentVerifications) {
    reactor->Finish(
        grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                     absl::StrCat("at most ", kMaxConcurrentVerifications,
                                  " verification runs at a time; retry when it has finished")));
    return reactor;
  }
  auto done = std::make_shared<std::atomic<bool>>(false);
  // Stops early when the client gives up or the server shuts down.
  auto cancelled = [context, stopping = &stopping_] {
    return stopping->load() || context->IsCancelled();
  };
  std::thread thread([store = store_, reactor, response, done, cancelled,
                      from = request->from_position(), to = request->to_position()] {
    auto result = store->Verify(from, to, cancelled);
    if (result.ok()) *response = std::move(*result);
    // Done before the answer: a client that verifies again on its answer finds the slot free.
    done->store(true);
    reactor->Finish(ToGrpcStatus(result.status()));
  });
  verifiers_.push_back(Verifier{std::move(thread), std::move(done)});
  return reactor;
}

}  // namespace coop::services
