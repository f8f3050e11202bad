#include "tools/bench/pipelined_worker.h"

#include <chrono>
#include <utility>

#include "absl/strings/str_cat.h"

namespace coop::bench {

PipelinedWorker::PipelinedWorker(PipelinedWorkerConfig config,
                                 std::unique_ptr<AppendConnection> connection,
                                 const MeasureWindow* window)
    : config_(std::move(config)), connection_(std::move(connection)), window_(window) {
  if (!connection_->pipelined()) config_.depth = 1;
  const uint64_t owned = (config_.streams - config_.index + config_.writers - 1) / config_.writers;
  versions_.assign(owned, 0);  // a new run id: every stream starts out absent
  in_flight_.resize(config_.depth);
}

PipelinedWorker::Sent PipelinedWorker::SendOne(bool more_follow) {
  if (failed_streams_ == versions_.size()) return Sent::kNoStreamLeft;
  size_t local;
  do {
    local = rng_.Below(versions_.size());
  } while (versions_[local] < 0);
  const uint64_t n = static_cast<uint64_t>(config_.index) + local * config_.writers;
  append_.stream = absl::StrCat("bench-", config_.run_id, "-", n);
  append_.expected = static_cast<uint64_t>(versions_[local]);
  FillUuidV4(rng_, &append_.event_id);
  append_.payload.resize(rng_.Between(config_.payload_min, config_.payload_max));
  rng_.Fill(append_.payload.data(), append_.payload.size());
  const auto sent = MeasureWindow::Clock::now();
  if (auto st = connection_->Send(append_, more_follow); !st.ok()) {
    stats_.AddError(absl::StrCat("Send ", absl::StatusCodeToString(st.code())), st.ToString());
    return Sent::kConnectionLost;
  }
  ++versions_[local];
  in_flight_[(head_ + count_) % in_flight_.size()] = InFlight{local, sent};
  ++count_;
  return Sent::kOne;
}

void PipelinedWorker::Run() {
  bool connected = true;
  bool sending = true;
  for (;;) {
    // Refill once half the window is free (depth 1: once it is empty), the whole burst at once:
    // every append but the last may be held back by the connection.
    if (sending && !window_->stopped() && count_ <= in_flight_.size() / 2) {
      while (count_ < in_flight_.size()) {
        const Sent sent = SendOne(/*more_follow=*/count_ + 1 < in_flight_.size());
        if (sent == Sent::kOne) continue;
        sending = false;
        connected = sent != Sent::kConnectionLost;
        if (connected) connection_->Flush();  // the burst ended early: send what was held
        break;
      }
    }
    if (count_ == 0) break;
    if (!connected && count_ > 0) {
      // Their outcome is unknown; the connection cannot tell any more.
      stats_.AddError("Append outcome unknown (connection lost)",
                      absl::StrCat(count_, " appends in flight"));
      break;
    }
    absl::Status outcome = connection_->Receive();
    const auto done = MeasureWindow::Clock::now();
    const InFlight oldest = in_flight_[head_];
    head_ = (head_ + 1) % in_flight_.size();
    --count_;
    if (!outcome.ok()) {
      stats_.AddError(absl::StrCat("Append ", absl::StatusCodeToString(outcome.code())),
                      outcome.ToString());
      if (versions_[oldest.local] >= 0) {
        versions_[oldest.local] = -1;
        ++failed_streams_;
      }
      if (outcome.code() == absl::StatusCode::kUnavailable) {
        connected = sending = false;  // the connection is gone, and what is in flight
      }
      continue;
    }
    if (window_->InWindow(done)) {
      ++stats_.ops;
      ++stats_.events;
      stats_.latency.Record(static_cast<uint64_t>(
          std::chrono::duration_cast<std::chrono::nanoseconds>(done - oldest.sent).count()));
    }
  }
  if (connected) {
    if (auto st = connection_->Close(); !st.ok()) {
      stats_.AddError(absl::StrCat("Close ", absl::StatusCodeToString(st.code())), st.ToString());
    }
  }
}

}  // namespace coop::bench
