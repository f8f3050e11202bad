// HistoryStore: a new event store that receives a generated history (the national-scale
// history of tools/scale), opened the way a generator needs it:
//   - in a new or empty folder only (a generator never writes into an existing log);
//   - relaxed durability: a generator that is interrupted is rerun, not recovered;
//   - every event recorded at one fixed instant, so that the whole log, hashes included, is
//     the same for the same generator input;
//   - written stream by stream through a BulkAppender (commands/bulk_appender.h).
//
// Thread-safety: sink() is fed from one thread; the counters may be read from any thread.
#ifndef COOPLEDGER_COMMANDS_HISTORY_STORE_H_
#define COOPLEDGER_COMMANDS_HISTORY_STORE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "commands/stream_sink.h"
#include "coop/v1/eventstore.pb.h"
#include "eventstore/clock.h"
#include "eventstore/event_store.h"

namespace coop::commands {

class BulkAppender;

class HistoryStore {
 public:
  // Creates the store in `dir`, every event recorded at `recorded_at_micros`.
  // FAILED_PRECONDITION if `dir` exists and is not empty; the store's own errors otherwise.
  static absl::StatusOr<std::unique_ptr<HistoryStore>> Create(const std::string& dir,
                                                              int64_t recorded_at_micros);
  ~HistoryStore();  // Close()

  // Where the generator writes its streams; Finish() waits until they are committed.
  // REQUIRES (this and the three below): not closed.
  StreamSink& sink();
  uint64_t events_committed() const;
  coop::v1::LogInfo info() { return store_->GetLogInfo(); }
  // The store itself, for readers that follow the log as it is written (e.g. projections).
  eventstore::EventStore* events() { return store_.get(); }
  // Recomputes the hash chain of the whole log.
  absl::StatusOr<coop::v1::VerifyLogResponse> Verify() { return store_->Verify(0, 0); }
  // Waits for appends in flight and closes the store. Idempotent.
  void Close();

 private:
  explicit HistoryStore(int64_t recorded_at_micros);

  eventstore::ManualClock clock_;
  std::unique_ptr<eventstore::EventStore> store_;
  std::unique_ptr<BulkAppender> appender_;
};

}  // namespace coop::commands

#endif  // COOPLEDGER_COMMANDS_HISTORY_STORE_H_
