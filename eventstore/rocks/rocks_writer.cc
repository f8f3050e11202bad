// RocksEventStore: the append path, a two-stage pipeline.
//   callers      validate and enqueue; they never wait;
//   writer       takes everything queued as one batch (group commit) and has the shared
//                AppendStager decide each append against the stream heads as they stand after
//                the batches before it, so a conflict fails only its own append; the staged
//                events, indexes and heads go into one WriteBatch;
//   committer    writes the batch (fsynced in kSync) and publishes the new head;
//   completer    completes the calls, in batch order.
// While the committer waits for one fsync, the writer stages the next batch; while the
// completer answers a batch's calls (for the command services, the commands' replies, sent
// on that thread), the committer writes the next. Answering on the committer took about a third
// of its time, and no batch was written meanwhile (docs/PERFORMANCE.md).
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "base/big_endian.h"
#include "base/kill_point.h"
#include "base/rocks_status.h"
#include "eventstore/rocks/keys.h"
#include "eventstore/rocks/rocks_event_store.h"
#include "eventstore/validation.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"

namespace coop::eventstore {

// One group commit. The writer thread stages it; the committer thread writes it; the completer
// thread completes its calls.
struct RocksEventStore::Batch {
  StagedBatch staged;
  rocksdb::WriteBatch write_batch;
  std::vector<PendingAppend> appends;
};

// Puts what the stager stages into a batch's WriteBatch: the event, its stream index, id
// index and area index entries, its Merkle nodes, the stream heads, the time index and the log
// head.
class RocksEventStore::Sink final : public BatchSink {
 public:
  // REQUIRES: on the writer thread (it advances the store's merkle_range_).
  Sink(RocksEventStore& store, rocksdb::WriteBatch* batch) : store_(store), wb_(*batch) {}

  void PutEvent(const coop::v1::RecordedEvent& event, const std::string& id_key) override {
    const uint64_t position = event.position();
    std::string position_value;
    base::PutU64(&position_value, position);
    wb_.Put(store_.events_, keys::EventKey(position), event.SerializeAsString());
    wb_.Put(store_.stream_index_, keys::StreamIndexKey(event.stream_id(), event.stream_version()),
            position_value);
    wb_.Put(store_.event_ids_, id_key, position_value);
    if (event.has_area()) {
      wb_.Put(store_.area_index_,
              keys::AreaIndexKey(event.area().unit_set(), event.area().code(), position), "");
    }
    // The leaf, and every perfect subtree it completes, in the same batch as the event.
    if (!store_.rocks_options_.keep_merkle_tree) return;
    store_.merkle_range_.Append(event.leaf_hash(),
                                [this](int level, uint64_t index, const std::string& hash) {
                                  wb_.Put(store_.merkle_, keys::MerkleNodeKey(level, index), hash);
                                });
  }
  void PutStreamHead(const std::string& stream_id, const StreamHead& head) override {
    wb_.Put(store_.streams_, stream_id, keys::EncodeStreamHead(head));
  }
  void PutLogHead(const LogHead& head, uint64_t first_position) override {
    wb_.Put(store_.time_index_, keys::TimeIndexKey(head.last_recorded_at_micros, first_position),
            "");
    wb_.Put(store_.meta_, std::string(keys::kLogHeadKey), keys::EncodeLogHead(head));
    if (!store_.rocks_options_.keep_merkle_tree) return;
    std::string merkle_size;
    base::PutU64(&merkle_size, head.position);
    wb_.Put(store_.meta_, std::string(keys::kMerkleSizeKey), merkle_size);
  }

 private:
  RocksEventStore& store_;
  rocksdb::WriteBatch& wb_;
};

void RocksEventStore::AppendAsync(coop::v1::AppendRequest request, AppendCallback done) {
  if (auto st = ValidateAppend(request, options_.limits); !st.ok()) {
    done(st);
    return;
  }
  const size_t bytes = request.ByteSizeLong();
  absl::Status refused;
  {
    absl::MutexLock lock(&mu_);
    if (closing_) {
      refused = absl::UnavailableError("the event store is closing");
    } else if (!failure_.ok() && !absl::IsResourceExhausted(failure_)) {
      // Stopped for good. (After a full disk the writer tries to resume: appends still queue.)
      refused = failure_;
    } else if (queued_bytes_ > 0 && queued_bytes_ + bytes > options_.max_queued_bytes) {
      refused = absl::ResourceExhaustedError(absl::StrCat(
          "the event store is overloaded (", queued_bytes_, " bytes of appends waiting); retry"));
    } else {
      queued_bytes_ += bytes;
      queue_.push_back(PendingAppend{std::move(request), std::move(done), bytes,
                                     options_.observer != nullptr ? absl::Now() : absl::Time()});
      if (options_.observer != nullptr) options_.observer->OnAppendQueued();
      return;
    }
  }
  done(refused);
}

void RocksEventStore::WriterLoop() {
  for (;;) {
    {
      absl::MutexLock lock(&mu_);
      auto ready = [this]()
                       ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return !queue_.empty() || closing_; };
      mu_.Await(absl::Condition(&ready));
      if (queue_.empty()) break;  // closing, and everything queued has been staged
    }
    if (rocks_options_.before_batch_hook) rocks_options_.before_batch_hook();
    std::vector<PendingAppend> pending;
    absl::Status failure;
    {
      // Take the queue only once the committer has taken the previous batch: everything that
      // arrived during its fsync then shares the next one.
      absl::MutexLock lock(&mu_);
      auto slot_free = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return handoff_ == nullptr; };
      mu_.Await(absl::Condition(&slot_free));
      size_t batch_bytes = 0;
      while (!queue_.empty() && pending.size() < options_.max_appends_per_batch &&
             (pending.empty() || batch_bytes + queue_.front().bytes <= options_.max_batch_bytes)) {
        batch_bytes += queue_.front().bytes;
        queued_bytes_ -= queue_.front().bytes;
        pending.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      failure = failure_;
    }
    if (!failure.ok()) {
      // Nothing more is staged on top of a write that failed. A full disk is the one failure
      // the store recovers from, once RocksDB can write again (TryResume); any other stops it.
      stager_->Abandon();
      if (!absl::IsResourceExhausted(failure) || !TryResume()) {
        const absl::Time now = absl::Now();
        for (auto& p : pending) {
          if (options_.observer != nullptr) options_.observer->OnAppendDone(now - p.queued, false);
          p.done(failure);
        }
        continue;
      }
    }
    auto batch = StageBatch(std::move(pending));
    absl::MutexLock lock(&mu_);
    handoff_ = std::move(batch);
  }
  absl::MutexLock lock(&mu_);
  writer_done_ = true;
}

bool RocksEventStore::TryResume() {
  const absl::Time now = absl::Now();
  if (now - last_resume_attempt_ < absl::Seconds(1)) return false;
  last_resume_attempt_ = now;
  // RocksDB flushes every memtable before it resumes, so the write-ahead log that holds the
  // failed write's torn tail is never replayed past.
  // Busy while RocksDB's own recovery waits for free space; OK once it (or this) has resumed.
  if (!db_->Resume().ok()) return false;
  LogHead head;
  {
    absl::MutexLock lock(&mu_);
    head = head_;
  }
  // Staging starts again from what is durable: the stager's overlay and the Merkle range as
  // staged were ahead of it.
  if (rocks_options_.keep_merkle_tree && !OpenMerkle(head.position).ok()) return false;
  stager_ = std::make_unique<AppendStager>(static_cast<CommittedState*>(this), head);
  absl::MutexLock lock(&mu_);
  failure_ = absl::OkStatus();
  return true;
}

std::shared_ptr<RocksEventStore::Batch> RocksEventStore::StageBatch(
    std::vector<PendingAppend> pending) {
  auto batch = std::make_shared<Batch>();
  std::vector<const coop::v1::AppendRequest*> requests;
  requests.reserve(pending.size());
  for (const auto& p : pending) requests.push_back(&p.request);
  Sink sink(*this, &batch->write_batch);
  batch->staged = stager_->Stage(requests, clock_->NowMicros(), sink);
  batch->appends = std::move(pending);
  return batch;
}

void RocksEventStore::CommitterLoop() {
  for (;;) {
    std::shared_ptr<Batch> batch;
    absl::Status failure;
    {
      absl::MutexLock lock(&mu_);
      auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
        return handoff_ != nullptr || writer_done_;
      };
      mu_.Await(absl::Condition(&ready));
      if (handoff_ == nullptr) {
        absl::MutexLock done(&completions_mu_);
        committer_done_ = true;
        return;
      }
      batch = std::move(handoff_);
      handoff_ = nullptr;
      failure = failure_;
    }
    StoreObserver* const observer = options_.observer;
    if (failure.ok() && batch->staged.events > 0) {
      rocksdb::WriteOptions write_options;
      write_options.sync = options_.durability == Durability::kSync;
      const absl::Time write_began = observer != nullptr ? absl::Now() : absl::Time();
      base::KillPoint("eventstore.group_commit.before_write");
      auto s = db_->Write(write_options, &batch->write_batch);
      if (s.ok()) base::KillPoint("eventstore.group_commit.after_write");
      if (observer != nullptr) {
        observer->OnCommit(batch->appends.size(), batch->staged.events, absl::Now() - write_began,
                           s.ok());
      }
      if (!s.ok()) {
        // Later batches were staged on top of this one: the store stops taking appends
        // (fail-stop) rather than guess. Restarting coopd recovers from the durable state.
        failure = s.IsNoSpace()
                      ? absl::ResourceExhaustedError(absl::StrCat(
                            "the disk of the event log is full (", s.ToString(),
                            "): appends are refused until space is freed; reads go on"))
                      : base::FromRocks(s,
                                        "committing appends; the store accepts no more appends "
                                        "until restarted");
        absl::MutexLock lock(&mu_);
        failure_ = failure;
      }
    }
    uint64_t rejected = 0;
    for (auto& r : batch->staged.results) {
      if (r.ok() && !failure.ok()) r = failure;
      if (!r.ok()) ++rejected;
    }
    {
      absl::MutexLock lock(&mu_);
      if (failure.ok() && batch->staged.events > 0) {
        head_ = batch->staged.log_head;
        ++stats_.batches;
        stats_.events_committed += batch->staged.events;
      }
      stats_.appends_committed += batch->staged.results.size() - rejected;
      stats_.appends_rejected += rejected;
    }
    if (failure.ok()) {
      stager_->MarkDurable(batch->staged.seq);
      if (batch->staged.events > 0) notifier_->Publish(batch->staged.log_head.position);
    }
    absl::MutexLock lock(&completions_mu_);
    auto room = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(completions_mu_) {
      return completions_.size() < kMaxBatchesToComplete;
    };
    completions_mu_.Await(absl::Condition(&room));
    completions_.push_back(std::move(batch));
  }
}

void RocksEventStore::CompleterLoop() {
  for (;;) {
    std::deque<std::shared_ptr<Batch>> batches;
    {
      absl::MutexLock lock(&completions_mu_);
      auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(completions_mu_) {
        return !completions_.empty() || committer_done_;
      };
      completions_mu_.Await(absl::Condition(&ready));
      if (completions_.empty()) return;  // the committer stopped and every batch is answered
      batches.swap(completions_);
    }
    StoreObserver* const observer = options_.observer;
    for (auto& batch : batches) {
      const absl::Time now = observer != nullptr ? absl::Now() : absl::Time();
      for (size_t i = 0; i < batch->appends.size(); ++i) {
        if (observer != nullptr) {
          observer->OnAppendDone(now - batch->appends[i].queued, batch->staged.results[i].ok());
        }
        batch->appends[i].done(std::move(batch->staged.results[i]));
      }
    }
  }
}

}  // namespace coop::eventstore
