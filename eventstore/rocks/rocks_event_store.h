// RocksEventStore: the embedded event store on RocksDB, the default backend. The key layout
// is in eventstore/README.md; the decisions of an append (idempotency, expected versions,
// positions, hash chain) are the shared AppendStager's (eventstore/staging/).
//
// One writer thread owns the log head: appends queue up, the writer stages everything
// queued as one batch into one WriteBatch; a committer thread writes it (fsynced in
// Durability::kSync) and tells the CommitNotifier; a completer thread then completes every
// waiting call, in batch order, while the committer writes the next batch. One fsync thus
// serves every append of a batch, and the next batch is staged while the previous one is being
// synced.
//
// Thread-safety: all public methods are thread-safe. Callbacks of AppendAsync run on the
// completer thread, one after another, and must not block: a callback that blocks holds back
// every later answer and, once kMaxBatchesToComplete batches wait for it, every commit.
#ifndef COOPLEDGER_EVENTSTORE_ROCKS_ROCKS_EVENT_STORE_H_
#define COOPLEDGER_EVENTSTORE_ROCKS_ROCKS_EVENT_STORE_H_

#include <deque>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "eventstore/event_store.h"
#include "eventstore/rocks/rocks_options.h"
#include "eventstore/staging/append_stager.h"
#include "verify/merkle.h"

namespace rocksdb {
class DB;
class ColumnFamilyHandle;
}  // namespace rocksdb

namespace coop::eventstore {

class RocksEventStore final : public EventStore, private CommittedState {
 public:
  // Opens (or creates) the store in `dir`. Reads the log head from the meta family; it does
  // not scan the log.
  static absl::StatusOr<std::unique_ptr<RocksEventStore>> Open(
      const std::string& dir, const StoreOptions& options,
      const RocksOptions& rocks_options = RocksOptions());
  ~RocksEventStore() override;  // Close()

  void Close() override;
  absl::Status Checkpoint(const std::string& dir) override;
  // Every column family in turn, down to the last level (base/rocks_compact.h); Close stops a
  // compaction running (UNAVAILABLE) and waits for it.
  absl::StatusOr<base::Compaction> Compact(const std::function<bool()>& cancelled) override;

  void AppendAsync(coop::v1::AppendRequest request, AppendCallback done) override;
  absl::StatusOr<std::vector<coop::v1::RecordedEvent>> ReadStream(
      const coop::v1::ReadStreamRequest& request) override;
  absl::StatusOr<ReadPage> ReadAll(const ReadAllQuery& query) override;
  absl::StatusOr<uint64_t> PositionAtTime(int64_t micros, bool backwards) override;
  absl::StatusOr<coop::v1::StreamInfo> GetStreamInfo(const std::string& stream_id) override;
  absl::StatusOr<std::optional<coop::v1::RecordedEvent>> FindEvent(
      const std::string& event_id) override;
  coop::v1::LogInfo GetLogInfo() override;
  absl::StatusOr<std::string> MerkleNode(int level, uint64_t index) override;
  using EventStore::Verify;
  absl::StatusOr<coop::v1::VerifyLogResponse> Verify(
      uint64_t from, uint64_t to, const std::function<bool()>& cancelled) override;
  CommitNotifier& notifier() override { return *notifier_; }
  const Limits& limits() const override { return options_.limits; }

  // Counters of the writer, for tests and benchmarks.
  struct WriterStats {
    uint64_t batches = 0;  // WriteBatches committed
    uint64_t appends_committed = 0;
    uint64_t appends_rejected = 0;  // failed in the writer (conflict, duplicate id mismatch)
    uint64_t events_committed = 0;
    uint64_t queued_appends = 0;  // now: accepted, not yet taken into a batch
  };
  WriterStats writer_stats() const;

 private:
  struct PendingAppend {
    coop::v1::AppendRequest request;
    AppendCallback done;
    size_t bytes = 0;
    absl::Time queued;  // for StoreObserver::OnAppendDone
  };
  struct Batch;  // one group commit (rocks_writer.cc)
  class Sink;    // stages into a Batch's WriteBatch (rocks_writer.cc)

  RocksEventStore(const std::string& dir, const StoreOptions& options,
                  const RocksOptions& rocks_options);
  absl::Status OpenDb();
  // Brings the merkle family level with a log written before it existed (reading the leaf
  // hashes of the events it lacks), then resumes merkle_range_ from it.
  absl::Status OpenMerkle(uint64_t head_position);
  void WriterLoop();
  // Writer thread, after a write refused for a full disk: asks RocksDB to resume writing (at
  // most once a second); once it has, clears the failure and stages again from the durable
  // head. False while the disk is still full.
  bool TryResume();
  void CommitterLoop();
  // Completes the calls of each batch the committer has written, in batch order.
  void CompleterLoop();
  std::shared_ptr<Batch> StageBatch(std::vector<PendingAppend> pending);
  absl::StatusOr<std::optional<coop::v1::RecordedEvent>> ReadEventAt(uint64_t position);

  // CommittedState, for the stager; also the reads of GetStreamInfo and FindEvent.
  absl::StatusOr<StreamHead> ReadStreamHead(const std::string& stream_id) override;
  absl::StatusOr<std::optional<coop::v1::RecordedEvent>> FindEventById(
      const std::string& id_key) override;

  const std::string dir_;
  const StoreOptions options_;
  const RocksOptions rocks_options_;
  std::shared_ptr<rocksdb::Statistics> statistics_;  // RocksDB's tickers; set by OpenDb
  const Clock* clock_;
  std::unique_ptr<rocksdb::DB> db_;
  // Column families; owned, destroyed before db_.
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  rocksdb::ColumnFamilyHandle* meta_ = nullptr;
  rocksdb::ColumnFamilyHandle* events_ = nullptr;
  rocksdb::ColumnFamilyHandle* stream_index_ = nullptr;
  rocksdb::ColumnFamilyHandle* streams_ = nullptr;
  rocksdb::ColumnFamilyHandle* event_ids_ = nullptr;
  rocksdb::ColumnFamilyHandle* time_index_ = nullptr;
  rocksdb::ColumnFamilyHandle* area_index_ = nullptr;
  rocksdb::ColumnFamilyHandle* merkle_ = nullptr;
  std::unique_ptr<CommitNotifier> notifier_;

  // The durable log head, advanced by the committer.
  LogHead head_ ABSL_GUARDED_BY(mu_);
  // Writer-thread state: the decisions, with the overlay of batches in flight, and the Merkle
  // tree's compact range as staged (ahead of the durable head while batches are in flight).
  std::unique_ptr<AppendStager> stager_;
  verify::CompactRange merkle_range_;

  mutable absl::Mutex mu_;
  std::deque<PendingAppend> queue_ ABSL_GUARDED_BY(mu_);
  size_t queued_bytes_ ABSL_GUARDED_BY(mu_) = 0;
  bool closing_ ABSL_GUARDED_BY(mu_) = false;
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
  int checkpoints_running_ ABSL_GUARDED_BY(mu_) = 0;     // Close waits for them
  int compactions_running_ ABSL_GUARDED_BY(mu_) = 0;     // Close stops and waits for them
  std::shared_ptr<Batch> handoff_ ABSL_GUARDED_BY(mu_);  // staged, waiting for the committer
  bool writer_done_ ABSL_GUARDED_BY(mu_) = false;
  // A failed write stops all later appends: for good, or, for a full disk (RESOURCE_EXHAUSTED),
  // until RocksDB writes again (TryResume).
  absl::Status failure_ ABSL_GUARDED_BY(mu_);
  WriterStats stats_ ABSL_GUARDED_BY(mu_);
  absl::Time last_resume_attempt_ = absl::InfinitePast();  // writer thread
  // Batches written, their calls not yet completed, in order. The committer waits while
  // kMaxBatchesToComplete are: what waits to be answered stays bounded.
  static constexpr size_t kMaxBatchesToComplete = 4;
  absl::Mutex completions_mu_;
  std::deque<std::shared_ptr<Batch>> completions_ ABSL_GUARDED_BY(completions_mu_);
  bool committer_done_ ABSL_GUARDED_BY(completions_mu_) = false;
  std::thread writer_;
  std::thread committer_;
  std::thread completer_;
};

}  // namespace coop::eventstore

#endif  // COOPLEDGER_EVENTSTORE_ROCKS_ROCKS_EVENT_STORE_H_
