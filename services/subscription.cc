#include "services/subscription.h"

#include <algorithm>
#include <deque>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/grpc_status.h"
#include "services/view_wait.h"

namespace coop::services {
namespace {

class SubscribeReactor;

class SubscriptionState final : public SubscriptionRegistry::Handle,
                                public std::enable_shared_from_this<SubscriptionState> {
 public:
  SubscriptionState(eventstore::EventStore* store, SubscriptionRegistry* registry,
                    uint64_t from_position, const coop::v1::EventFilter& filter,
                    uint32_t events_per_message)
      : store_(store),
        registry_(registry),
        cursor_(from_position),
        filter_(filter),
        events_per_message_(std::max<uint32_t>(1, events_per_message)) {}

  void Attach(SubscribeReactor* reactor) {
    absl::MutexLock lock(&mu_);
    reactor_ = reactor;
  }
  void Pump() {
    absl::MutexLock lock(&mu_);
    PumpLocked();
  }
  void Wake() {
    absl::MutexLock lock(&mu_);
    ticket_ = 0;
    if (store_->notifier().is_shut_down()) {
      FinishLocked(grpc::Status(grpc::StatusCode::UNAVAILABLE, "the event store is closing"));
      return;
    }
    PumpLocked();
  }
  void OnWriteDone(bool ok);
  void OnCancel() {
    absl::MutexLock lock(&mu_);
    FinishLocked(grpc::Status(grpc::StatusCode::CANCELLED, "subscription cancelled"));
  }
  void OnDone() {
    {
      absl::MutexLock lock(&mu_);
      reactor_ = nullptr;
      finished_ = true;
      if (ticket_ != 0) store_->notifier().Cancel(ticket_);
      ticket_ = 0;
    }
    registry_->Remove(this);
  }
  void Stop() override {
    absl::MutexLock lock(&mu_);
    FinishLocked(ToGrpcStatus(ServerStoppingError()));
  }

 private:
  void PumpLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void FinishLocked(const grpc::Status& status) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  eventstore::EventStore* const store_;
  SubscriptionRegistry* const registry_;
  absl::Mutex mu_;
  SubscribeReactor* reactor_ ABSL_GUARDED_BY(mu_) = nullptr;
  uint64_t cursor_ ABSL_GUARDED_BY(mu_);  // next position to examine
  const coop::v1::EventFilter filter_;
  const uint32_t events_per_message_;
  bool caught_up_sent_ ABSL_GUARDED_BY(mu_) = false;
  bool write_in_flight_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  std::optional<grpc::Status> pending_finish_ ABSL_GUARDED_BY(mu_);
  uint64_t ticket_ ABSL_GUARDED_BY(mu_) = 0;
  std::deque<coop::v1::SubscribeResponse> outbox_ ABSL_GUARDED_BY(mu_);
  coop::v1::SubscribeResponse current_ ABSL_GUARDED_BY(mu_);
};

class SubscribeReactor final : public grpc::ServerWriteReactor<coop::v1::SubscribeResponse> {
 public:
  explicit SubscribeReactor(std::shared_ptr<SubscriptionState> state) : state_(std::move(state)) {}
  void OnWriteDone(bool ok) override { state_->OnWriteDone(ok); }
  void OnCancel() override { state_->OnCancel(); }
  void OnDone() override {
    state_->OnDone();
    delete this;
  }

 private:
  std::shared_ptr<SubscriptionState> state_;
};

void SubscriptionState::OnWriteDone(bool ok) {
  absl::MutexLock lock(&mu_);
  write_in_flight_ = false;
  if (!ok) {
    FinishLocked(grpc::Status(grpc::StatusCode::CANCELLED, "the client stopped reading"));
    return;
  }
  if (pending_finish_) {
    FinishLocked(*pending_finish_);
    return;
  }
  PumpLocked();
}

void SubscriptionState::FinishLocked(const grpc::Status& status) {
  if (finished_ || reactor_ == nullptr) return;
  if (write_in_flight_) {
    if (!pending_finish_) pending_finish_ = status;
    return;
  }
  finished_ = true;
  if (ticket_ != 0) store_->notifier().Cancel(ticket_);
  ticket_ = 0;
  reactor_->Finish(status);
}

void SubscriptionState::PumpLocked() {
  if (finished_ || write_in_flight_ || reactor_ == nullptr) return;
  uint64_t scanned_without_match = 0;
  for (;;) {
    if (!outbox_.empty()) {
      current_ = std::move(outbox_.front());
      outbox_.pop_front();
      write_in_flight_ = true;
      reactor_->StartWrite(&current_);
      return;
    }
    const uint64_t head = store_->notifier().head();
    if (caught_up_sent_ && head >= cursor_ && head - (cursor_ - 1) > kFellBehindLag) {
      caught_up_sent_ = false;
      registry_->NoteFellBehind();
      auto* fell = outbox_.emplace_back().mutable_fell_behind();
      fell->set_position(cursor_ - 1);
      fell->set_head(head);
      continue;
    }
    if (scanned_without_match >= kMaxScanPerReaction) {
      outbox_.emplace_back().mutable_checkpoint()->set_position(cursor_ - 1);
      continue;
    }
    if (cursor_ > head + 1) {
      // A start past the head waits, silently, until the log reaches the position before it:
      // caught_up then names a position that exists and no earlier event is sent.
      ticket_ = store_->notifier().NotifyWhenAbove(cursor_ - 2,
                                                   [self = shared_from_this()] { self->Wake(); });
      if (ticket_ == 0) {
        FinishLocked(grpc::Status(grpc::StatusCode::UNAVAILABLE, "the event store is closing"));
      }
      return;
    }
    eventstore::ReadAllQuery query;
    query.from_position = cursor_;
    query.max_count = kSubscriptionPageSize;
    query.max_bytes = kSubscriptionPageBytes;
    query.max_scan = 16 * kSubscriptionPageSize;
    query.filter = filter_;
    auto page = store_->ReadAll(query);
    if (!page.ok()) {
      FinishLocked(ToGrpcStatus(page.status()));
      return;
    }
    scanned_without_match += page->examined;
    cursor_ = page->next_position;
    if (events_per_message_ == 1) {
      for (auto& event : page->events) *outbox_.emplace_back().mutable_event() = std::move(event);
    } else {
      coop::v1::EventBatch* batch = nullptr;
      size_t batch_bytes = 0;
      for (size_t i = 0; i < page->events.size(); ++i) {
        const size_t bytes = page->events[i].ByteSizeLong();
        if (batch == nullptr || batch->events_size() >= static_cast<int>(events_per_message_) ||
            batch_bytes + bytes > kMaxEventsMessageBytes) {
          batch = outbox_.emplace_back().mutable_events();
          batch->mutable_events()->Reserve(
              static_cast<int>(std::min<size_t>(events_per_message_, page->events.size() - i)));
          batch_bytes = 0;
        }
        batch_bytes += bytes;
        *batch->add_events() = std::move(page->events[i]);
      }
    }
    if (!outbox_.empty() || !page->end_of_log) continue;
    if (!caught_up_sent_) {
      caught_up_sent_ = true;
      outbox_.emplace_back().mutable_caught_up()->set_position(cursor_ - 1);
      continue;
    }
    // Live and at the head: sleep until a commit moves the head past what was examined.
    ticket_ = store_->notifier().NotifyWhenAbove(cursor_ - 1,
                                                 [self = shared_from_this()] { self->Wake(); });
    if (ticket_ == 0) {
      FinishLocked(grpc::Status(grpc::StatusCode::UNAVAILABLE, "the event store is closing"));
    }
    return;
  }
}

}  // namespace

absl::Status ValidateEventsPerMessage(uint32_t events_per_message) {
  if (events_per_message <= kMaxEventsPerMessage) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("max_events_per_message: tối đa ", kMaxEventsPerMessage,
                   " sự kiện mỗi thông điệp, nhận ", events_per_message, " / at most ",
                   kMaxEventsPerMessage, " events per message, got ", events_per_message));
}

grpc::ServerWriteReactor<coop::v1::SubscribeResponse>* StartSubscription(
    eventstore::EventStore* store, SubscriptionRegistry* registry, uint64_t from_position,
    const coop::v1::EventFilter& filter, uint32_t events_per_message) {
  auto state = std::make_shared<SubscriptionState>(store, registry, from_position, filter,
                                                   events_per_message);
  auto* reactor = new SubscribeReactor(state);
  state->Attach(reactor);
  registry->Add(state);
  if (registry->stopping()) {
    state->Stop();
  } else {
    state->Pump();
  }
  return reactor;
}

void SubscriptionRegistry::Add(const std::shared_ptr<Handle>& handle) {
  absl::MutexLock lock(&mu_);
  handles_.push_back(handle);
}

void SubscriptionRegistry::Remove(const Handle* handle) {
  absl::MutexLock lock(&mu_);
  std::erase_if(handles_, [&](const std::weak_ptr<Handle>& w) {
    auto h = w.lock();
    return h == nullptr || h.get() == handle;
  });
}

void SubscriptionRegistry::StopAll() {
  std::vector<std::shared_ptr<Handle>> live;
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    for (auto& w : handles_) {
      if (auto h = w.lock()) live.push_back(std::move(h));
    }
  }
  for (auto& h : live) h->Stop();
}

bool SubscriptionRegistry::stopping() const {
  absl::MutexLock lock(&mu_);
  return stopping_;
}

size_t SubscriptionRegistry::size() const {
  absl::MutexLock lock(&mu_);
  return handles_.size();
}

}  // namespace coop::services
