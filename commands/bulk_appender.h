// BulkAppender: writes a generated history into an event store, stream by stream. The sink of
// the data generators (tools/scale): it packs whole streams into large multi-stream appends
// and keeps a bounded number in flight on the store, so generation and the store's writer
// overlap.
//
// Thread-safety: Add and Finish are called from one thread; the counters may be read from
// any thread.
#ifndef COOPLEDGER_COMMANDS_BULK_APPENDER_H_
#define COOPLEDGER_COMMANDS_BULK_APPENDER_H_

#include <atomic>
#include <cstdint>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "commands/stream_sink.h"
#include "coop/v1/eventstore.pb.h"
#include "eventstore/event_store.h"

namespace coop::commands {

struct BulkAppenderOptions {
  // An append closes when it reaches any of these (the store's limits are 100 streams and
  // 10,000 events per append; a single stream is never split).
  size_t max_streams = 100;
  size_t max_events = 8'000;
  size_t max_bytes = 8 << 20;
  // Appends submitted and not yet committed.
  int max_in_flight = 8;
};

class BulkAppender final : public StreamSink {
 public:
  // `store` is not owned and must outlive the appender.
  BulkAppender(eventstore::EventStore* store, const BulkAppenderOptions& options);
  ~BulkAppender() override;  // waits for appends in flight

  // The first failed append's error, once known, is returned by every later call.
  absl::Status Add(coop::v1::StreamAppend stream) override;
  absl::Status Finish() override;

  uint64_t events_committed() const { return events_committed_.load(); }
  uint64_t streams_committed() const { return streams_committed_.load(); }

 private:
  absl::Status Flush();
  absl::Status FirstError();
  bool HasRoom() const ABSL_SHARED_LOCKS_REQUIRED(mu_) {
    return in_flight_ < options_.max_in_flight || !error_.ok();
  }
  bool Idle() const ABSL_SHARED_LOCKS_REQUIRED(mu_) { return in_flight_ == 0; }

  eventstore::EventStore* const store_;
  const BulkAppenderOptions options_;
  coop::v1::AppendRequest pending_;
  size_t pending_events_ = 0;
  size_t pending_bytes_ = 0;

  absl::Mutex mu_;
  int in_flight_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Status error_ ABSL_GUARDED_BY(mu_);
  std::atomic<uint64_t> events_committed_{0};
  std::atomic<uint64_t> streams_committed_{0};
};

}  // namespace coop::commands

#endif  // COOPLEDGER_COMMANDS_BULK_APPENDER_H_
