#include "services/http_feed.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "domain/areas/area_scope.h"
#include "domain/text/event_sentence.h"
#include "domain/text/event_titles.h"
#include "services/call_outcome.h"

namespace coop::services {
namespace {

using google::protobuf::Struct;

std::string JsonOf(const Struct& data) {
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(data, &json);  // strings only: converts
  return json;
}

void Put(Struct* data, const char* key, const std::string& value) {
  (*data->mutable_fields())[key].set_string_value(value);
}

// One SSE message; `id` 0: none.
std::string SseMessage(const char* event, uint64_t id, const Struct& data) {
  std::string text = absl::StrCat("event: ", event, "\n");
  if (id != 0) absl::StrAppend(&text, "id: ", id, "\n");
  absl::StrAppend(&text, "data: ", JsonOf(data), "\n\n");
  return text;
}

Struct PositionData(uint64_t position) {
  Struct data;
  Put(&data, "position", absl::StrCat(position));
  return data;
}

}  // namespace

std::unique_ptr<LiveFeed> LiveFeed::Open(const std::shared_ptr<grpc::Channel>& channel,
                                         FeedRequest request, absl::Duration first_wait,
                                         grpc::Status* refusal) {
  std::unique_ptr<LiveFeed> feed(new LiveFeed(std::move(request)));
  const FeedRequest& r = feed->request_;
  if (r.from_position > 0) {
    feed->subscribe_.set_from_position(r.from_position);
    // Positions before the first wanted count as sent: ids only grow.
    feed->last_id_ = feed->last_examined_ = r.from_position - 1;
  } else {
    feed->subscribe_.set_from_end(true);
  }
  feed->subscribe_.set_max_events_per_message(kEventsPerMessage);
  AddIdentity(r.identity, &feed->context_);
  auto stub = coop::v1::EventStore::NewStub(channel);
  stub->async()->Subscribe(&feed->context_, &feed->subscribe_, feed.get());
  // Reads are started from outside the reactions too (Next, after a pause): the hold keeps the
  // call alive for them until RemoveHold (gRPC's rule for operations from other threads).
  feed->AddHold();
  {
    absl::MutexLock lock(&feed->mu_);
    feed->read_outstanding_ = true;
  }
  feed->StartRead(&feed->reading_);
  feed->StartCall();
  bool refused = false;
  {
    LiveFeed* f = feed.get();
    absl::MutexLock lock(&f->mu_);
    f->mu_.AwaitWithTimeout(absl::Condition(
                                +[](LiveFeed* f) ABSL_EXCLUSIVE_LOCKS_REQUIRED(f->mu_) {
                                  return f->done_ || !f->queued_.empty();
                                },
                                f),
                            first_wait);
    if (f->done_ && f->queued_.empty() && !f->status_.ok()) {
      *refusal = f->status_;
      refused = true;
    }
  }
  if (refused) feed.reset();
  return feed;
}

LiveFeed::~LiveFeed() {
  Cancel();
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(&done_));
}

void LiveFeed::Cancel() {
  context_.TryCancel();
  bool release = false;
  {
    absl::MutexLock lock(&mu_);
    cancelled_ = true;
    // A read in flight ends (not ok) and releases the hold; a paused feed has none: release it
    // here, so that the call can end.
    if (!read_outstanding_ && !hold_released_) release = hold_released_ = true;
  }
  if (release) RemoveHold();
}

void LiveFeed::OnReadDone(bool ok) {
  bool read_again = false;
  bool release = false;
  {
    absl::MutexLock lock(&mu_);
    read_outstanding_ = false;
    if (!ok) {
      // The call is ending: no read will be started again; OnDone follows the release.
      if (!hold_released_) release = hold_released_ = true;
    } else {
      queued_.emplace_back();
      queued_.back().Swap(&reading_);
      queued_items_ += std::max<size_t>(1, queued_.back().events().events_size());
      if (queued_items_ >= kMaxQueued || cancelled_) {
        read_paused_ = true;  // Next starts the read again once the writer has taken them
        if (cancelled_ && !hold_released_) release = hold_released_ = true;
      } else {
        read_again = read_outstanding_ = true;
      }
    }
  }
  if (read_again) StartRead(&reading_);
  if (release) RemoveHold();
}

void LiveFeed::OnDone(const grpc::Status& status) {
  absl::MutexLock lock(&mu_);
  status_ = status;
  done_ = true;
}

std::optional<std::string> LiveFeed::Next(absl::Duration keep_alive) {
  std::deque<coop::v1::SubscribeResponse> batch;
  bool done = false;
  grpc::Status status;
  bool resume = false;
  {
    absl::MutexLock lock(&mu_);
    mu_.AwaitWithTimeout(absl::Condition(
                             +[](LiveFeed* f) ABSL_EXCLUSIVE_LOCKS_REQUIRED(f->mu_) {
                               return f->done_ || !f->queued_.empty();
                             },
                             this),
                         keep_alive);
    batch.swap(queued_);
    queued_items_ = 0;
    done = done_;
    status = status_;
    if (read_paused_ && !done && !cancelled_ && !hold_released_) {
      read_paused_ = false;
      resume = read_outstanding_ = true;
    }
  }
  if (resume) StartRead(&reading_);
  std::string text;
  for (const auto& message : batch) text += Format(message);
  const absl::Time now = absl::Now();
  if (!text.empty()) {
    last_write_ = now;
    return text;
  }
  if (!batch.empty() && now - last_write_ < keep_alive) return text;  // all outside the area
  if (batch.empty() && done) {
    if (end_sent_) return std::nullopt;
    end_sent_ = true;
    Struct data;
    Put(&data, "code", StatusCodeName(status.error_code()));
    Put(&data, "message", status.error_message());
    return SseMessage("end", 0, data);
  }
  last_write_ = now;
  if (last_examined_ > last_id_) {
    last_id_ = last_examined_;
    return SseMessage("checkpoint", last_id_, PositionData(last_id_));
  }
  return std::string(": keep-alive\n\n");
}

std::string LiveFeed::FormatEvent(const coop::v1::RecordedEvent& event) {
  last_examined_ = std::max(last_examined_, event.position());
  if (request_.area.has_value() && !domain::areas::AreaWithin(event.area(), *request_.area)) {
    return "";
  }
  if (event.position() <= last_id_) return "";  // never twice
  last_id_ = event.position();
  const auto language = request_.language;
  Struct data;
  Put(&data, "position", absl::StrCat(event.position()));
  Put(&data, "streamId", event.stream_id());
  Put(&data, "streamVersion", absl::StrCat(event.stream_version()));
  Put(&data, "type", event.type());
  const auto* title = domain::text::EventTitle(event.type());
  Put(&data, "title", title != nullptr ? title->In(language) : event.type());
  Put(&data, "sentence", domain::text::EventSentence(event, language));
  Put(&data, "recordedBy", domain::text::RecordedBy(event.metadata(), language));
  Put(&data, "occurredOn", event.occurred_on());
  Put(&data, "recordedAtMicros", absl::StrCat(event.recorded_at_micros()));
  Struct area;
  Put(&area, "code", event.area().code());
  Put(&area, "unitSet", event.area().unit_set());
  *(*data.mutable_fields())["area"].mutable_struct_value() = area;
  return SseMessage("recorded", event.position(), data);
}

std::string LiveFeed::Format(const coop::v1::SubscribeResponse& message) {
  switch (message.content_case()) {
    case coop::v1::SubscribeResponse::kEvent:
      return FormatEvent(message.event());
    case coop::v1::SubscribeResponse::kEvents: {
      std::string text;
      for (const auto& event : message.events().events()) text += FormatEvent(event);
      return text;
    }
    case coop::v1::SubscribeResponse::kCaughtUp:
    case coop::v1::SubscribeResponse::kCheckpoint: {
      const bool caught_up = message.has_caught_up();
      const uint64_t position =
          caught_up ? message.caught_up().position() : message.checkpoint().position();
      last_examined_ = std::max(last_examined_, position);
      last_id_ = std::max(last_id_, position);
      return SseMessage(caught_up ? "caught-up" : "checkpoint", last_id_, PositionData(position));
    }
    case coop::v1::SubscribeResponse::kFellBehind: {
      Struct data;
      Put(&data, "position", absl::StrCat(message.fell_behind().position()));
      Put(&data, "head", absl::StrCat(message.fell_behind().head()));
      return SseMessage("fell-behind", 0, data);
    }
    default:
      return "";
  }
}

}  // namespace coop::services
