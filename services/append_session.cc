#include "services/append_session.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "services/grpc_status.h"
#include "services/raw_append.h"

namespace coop::services {
namespace {

coop::v1::AppendSessionResponse Acknowledgement(uint64_t sequence,
                                                absl::StatusOr<coop::v1::AppendResponse> result) {
  coop::v1::AppendSessionResponse ack;
  ack.set_sequence(sequence);
  if (result.ok()) {
    *ack.mutable_appended() = std::move(*result);
  } else {
    ack.mutable_failed()->set_code(static_cast<int32_t>(result.status().code()));
    ack.mutable_failed()->set_message(std::string(result.status().message()));
  }
  return ack;
}

}  // namespace

AppendSessionReactor::AppendSessionReactor(eventstore::EventStore* store,
                                           std::shared_ptr<const access::Principal> principal,
                                           Bounds bounds)
    : store_(store), principal_(std::move(principal)), bounds_(bounds) {
  Advance();
}

void AppendSessionReactor::OnReadDone(bool ok) {
  if (!ok) {
    {
      absl::MutexLock lock(&mu_);
      reading_ = false;
      reads_done_ = true;
    }
    Advance();
    return;
  }
  if (!incoming_.status().ok()) {
    {
      absl::MutexLock lock(&mu_);
      reading_ = false;
      malformed_ = incoming_.status();
    }
    Advance();
    return;
  }
  const coop::v1::AppendSessionRequest& message = incoming_.message();
  if (auto st = CheckSeveralAppends(message); !st.ok()) {
    {
      absl::MutexLock lock(&mu_);
      reading_ = false;
      malformed_ = st;
    }
    Advance();
    return;
  }
  if (message.appends_size() == 0) {
    HandOver(message.sequence(), message.append());
  } else {
    {
      absl::MutexLock lock(&mu_);
      several_per_message_ = true;
    }
    for (int i = 0; i < message.appends_size(); ++i) {
      {
        absl::MutexLock lock(&mu_);
        if (cancelled_) break;  // nobody will read their acknowledgements: append no more
      }
      HandOver(message.sequence() + static_cast<uint64_t>(i), message.appends(i));
    }
  }
  // The next read, which reuses incoming_, starts only now: every append of this message has
  // been handed to the store.
  {
    absl::MutexLock lock(&mu_);
    reading_ = false;
  }
  Advance();
}

absl::Status AppendSessionReactor::CheckSeveralAppends(
    const coop::v1::AppendSessionRequest& message) {
  if (message.appends_size() == 0) return absl::OkStatus();
  if (message.has_append()) {
    return absl::InvalidArgumentError(
        "appends: một thông điệp mang `append` hoặc `appends`, không cả hai / a message carries "
        "`append` or `appends`, not both");
  }
  if (message.appends_size() > static_cast<int>(kMaxAppendsPerMessage)) {
    return absl::InvalidArgumentError(
        absl::StrCat("appends: tối đa ", kMaxAppendsPerMessage, " lần ghi mỗi thông điệp, nhận ",
                     message.appends_size(), " / at most ", kMaxAppendsPerMessage,
                     " appends per message, got ", message.appends_size()));
  }
  return absl::OkStatus();
}

void AppendSessionReactor::HandOver(uint64_t sequence, const coop::v1::AppendRequest& append) {
  const size_t bytes = append.ByteSizeLong();
  auto prepared = PrepareRawAppend(append, *principal_);
  uint64_t ordinal;
  {
    absl::MutexLock lock(&mu_);
    ordinal = first_ordinal_ + slots_.size();
    slots_.push_back(Slot{bytes, std::nullopt});
    in_flight_bytes_ += bytes;
    ++holds_;
  }
  // Handed to the store before the next read may start (reading_ is still true), so that the
  // store queues a session's appends in the order they were read: an append that expects the
  // version the one before it creates must come after it.
  if (!prepared.ok()) {
    Complete(ordinal, Acknowledgement(sequence, prepared.status()));
  } else {
    store_->AppendAsync(std::move(*prepared),
                        [this, ordinal, sequence](absl::StatusOr<coop::v1::AppendResponse> r) {
                          Complete(ordinal, Acknowledgement(sequence, std::move(r)));
                        });
  }
}

void AppendSessionReactor::Complete(uint64_t ordinal, coop::v1::AppendSessionResponse ack) {
  {
    absl::MutexLock lock(&mu_);
    if (!finishing_) slots_[ordinal - first_ordinal_].ack = std::move(ack);
  }
  Advance();
  ReleaseOne();
}

void AppendSessionReactor::OnWriteDone(bool ok) {
  {
    absl::MutexLock lock(&mu_);
    writing_ = false;
    if (!ok) cancelled_ = true;  // the client went away
  }
  Advance();
}

void AppendSessionReactor::OnCancel() {
  {
    absl::MutexLock lock(&mu_);
    cancelled_ = true;
  }
  Advance();
}

void AppendSessionReactor::Advance() {
  bool start_write = false;
  bool start_read = false;
  std::optional<grpc::Status> finish;
  {
    absl::MutexLock lock(&mu_);
    if (finishing_) return;
    if (!cancelled_ && !writing_ && !slots_.empty() && slots_.front().ack.has_value()) {
      outgoing_ = std::move(*slots_.front().ack);
      in_flight_bytes_ -= slots_.front().bytes;
      slots_.pop_front();
      ++first_ordinal_;
      // A client that sends several appends a message takes several acknowledgements a
      // message: every one ready behind the first, in order.
      size_t bytes = several_per_message_ ? outgoing_.ByteSizeLong() : 0;
      while (several_per_message_ && !slots_.empty() && slots_.front().ack.has_value() &&
             outgoing_.following_size() + 1 < static_cast<int>(kMaxAppendsPerMessage) &&
             bytes < kMaxAcknowledgementBytes) {
        bytes += slots_.front().ack->ByteSizeLong();
        *outgoing_.add_following() = std::move(*slots_.front().ack);
        in_flight_bytes_ -= slots_.front().bytes;
        slots_.pop_front();
        ++first_ordinal_;
      }
      writing_ = start_write = true;
      // No buffer hint here, although a group commit completes many acknowledgements at once:
      // gRPC streams whose writes carry the hint can stall for good (grpc/grpc#12975,
      // #34823), and a subscription that used it stopped after some two million events in a
      // catch-up run of coop-bench (docs/PERFORMANCE.md).
    }
    if (!cancelled_ && !reading_ && !reads_done_ && malformed_.ok() &&
        slots_.size() < bounds_.max_in_flight &&
        (slots_.empty() || in_flight_bytes_ < bounds_.max_in_flight_bytes)) {
      reading_ = start_read = true;
    }
    if (!writing_) {
      if (cancelled_) {
        finish = grpc::Status(grpc::StatusCode::CANCELLED, "the append session was cancelled");
      } else if (slots_.empty() && !malformed_.ok()) {
        finish = ToGrpcStatus(malformed_);
      } else if (slots_.empty() && reads_done_) {
        finish = grpc::Status::OK;
      }
    }
    if (finish.has_value()) finishing_ = true;
  }
  if (start_write) StartWrite(&outgoing_);
  if (start_read) StartRead(&incoming_);
  if (finish.has_value()) Finish(*finish);
}

void AppendSessionReactor::OnDone() {
  bool release;
  {
    absl::MutexLock lock(&mu_);
    done_ = true;
    release = holds_ == 0;
  }
  if (release) delete this;
}

void AppendSessionReactor::ReleaseOne() {
  bool release;
  {
    absl::MutexLock lock(&mu_);
    --holds_;
    release = done_ && holds_ == 0;
  }
  if (release) delete this;
}

}  // namespace coop::services
