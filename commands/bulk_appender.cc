#include "commands/bulk_appender.h"

#include <utility>

namespace coop::commands {

BulkAppender::BulkAppender(eventstore::EventStore* store, const BulkAppenderOptions& options)
    : store_(store), options_(options) {}

BulkAppender::~BulkAppender() {
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(this, &BulkAppender::Idle));
}

absl::Status BulkAppender::Add(coop::v1::StreamAppend stream) {
  size_t bytes = stream.stream_id().size();
  for (const auto& e : stream.events()) bytes += e.payload().size() + 200;
  const size_t events = static_cast<size_t>(stream.events_size());
  if (pending_.streams_size() > 0 &&
      (static_cast<size_t>(pending_.streams_size()) >= options_.max_streams ||
       pending_events_ + events > options_.max_events ||
       pending_bytes_ + bytes > options_.max_bytes)) {
    if (auto st = Flush(); !st.ok()) return st;
  }
  *pending_.add_streams() = std::move(stream);
  pending_events_ += events;
  pending_bytes_ += bytes;
  return absl::OkStatus();
}

absl::Status BulkAppender::Flush() {
  if (pending_.streams_size() == 0) return FirstError();
  {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(this, &BulkAppender::HasRoom));
    if (!error_.ok()) return error_;
    ++in_flight_;
  }
  const uint64_t streams = static_cast<uint64_t>(pending_.streams_size());
  const uint64_t events = pending_events_;
  coop::v1::AppendRequest request;
  request.Swap(&pending_);
  pending_events_ = 0;
  pending_bytes_ = 0;
  store_->AppendAsync(std::move(request),
                      [this, streams, events](absl::StatusOr<coop::v1::AppendResponse> done) {
                        if (done.ok()) {
                          events_committed_.fetch_add(events);
                          streams_committed_.fetch_add(streams);
                        }
                        absl::MutexLock lock(&mu_);
                        if (!done.ok() && error_.ok()) error_ = done.status();
                        --in_flight_;
                      });
  return absl::OkStatus();
}

absl::Status BulkAppender::FirstError() {
  absl::MutexLock lock(&mu_);
  return error_;
}

absl::Status BulkAppender::Finish() {
  if (auto st = Flush(); !st.ok()) return st;
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(this, &BulkAppender::Idle));
  return error_;
}

}  // namespace coop::commands
