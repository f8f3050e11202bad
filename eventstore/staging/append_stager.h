// AppendStager: the backend-neutral part of the append path, which every backend reuses.
// Given the appends of one group commit, in commit order, it decides each against the stream
// heads as the appends before it left them:
//   1. idempotency by event id, before anything else: an append whose every id is already
//      recorded with the same content gets its original result (duplicate = true) even if
//      the stream has moved on; an id with other content, or some ids known and others not,
//      is ALREADY_EXISTS;
//   2. the expected version (ANY, NO_STREAM, STREAM_EXISTS, EXACT n): a mismatch is ABORTED
//      naming the current version, and fails that append alone;
//   3. staging: gap-free positions after the log head, stream versions, recorded_at (one per
//      batch, never less than the previous one), the canonical encoding, the hash chain and
//      the RFC 9162 leaf hash.
// Every staged event and stream head goes to the backend's BatchSink; the backend writes the
// batch atomically, then calls MarkDurable.
//
// Pipelining: the stager keeps an overlay (heads and ids) of every batch staged but not yet
// durable, so the next batch can be staged while the previous one is being written.
//
// Thread-safety: Stage and Abandon are called from one thread at a time (the backend's
// writer); MarkDurable from any thread.
#ifndef COOPLEDGER_EVENTSTORE_STAGING_APPEND_STAGER_H_
#define COOPLEDGER_EVENTSTORE_STAGING_APPEND_STAGER_H_

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "coop/v1/eventstore.pb.h"
#include "eventstore/staging/heads.h"

namespace coop::eventstore {

// What is durable, as the backend stores it.
class CommittedState {
 public:
  virtual ~CommittedState() = default;
  // The durable head of `stream_id` (version 0 if the stream has no events).
  virtual absl::StatusOr<StreamHead> ReadStreamHead(const std::string& stream_id) = 0;
  // The durable event whose id is `id_key` (the UUID's 16 bytes), or nullopt. An index that
  // points at an event that does not carry the id is DATA_LOSS.
  virtual absl::StatusOr<std::optional<coop::v1::RecordedEvent>> FindEventById(
      const std::string& id_key) = 0;
};

// Where one batch's staged writes go; the backend makes them durable together.
class BatchSink {
 public:
  virtual ~BatchSink() = default;
  // A staged event, complete (position, version, recorded_at, hashes), and its id's 16 bytes.
  virtual void PutEvent(const coop::v1::RecordedEvent& event, const std::string& id_key) = 0;
  // A stream's head after this batch's events (once per stream and append).
  virtual void PutStreamHead(const std::string& stream_id, const StreamHead& head) = 0;
  // Once per batch that staged events, after them: the log head after the batch, and the
  // batch's first position (every event of a batch has the batch's recorded_at).
  virtual void PutLogHead(const LogHead& head, uint64_t first_position) = 0;
};

// The outcome of staging one batch.
struct StagedBatch {
  uint64_t seq = 0;             // pass to MarkDurable once written
  LogHead log_head;             // after the batch
  uint64_t first_position = 0;  // of the batch
  int64_t recorded_at = 0;
  uint64_t events = 0;  // staged; 0 if every append failed or was a duplicate
  // One per append, in order: its response, or its own error (which staged nothing).
  std::vector<absl::StatusOr<coop::v1::AppendResponse>> results;
};

class AppendStager {
 public:
  // `committed` is not owned and must outlive the stager. `durable_head` is the log head
  // the backend opened with.
  AppendStager(CommittedState* committed, const LogHead& durable_head);
  ~AppendStager();

  // Stages `appends` (already validated: ValidateAppend) as one batch recorded at
  // max(now_micros, the last recorded_at), in order, on top of every batch staged before.
  StagedBatch Stage(const std::vector<const coop::v1::AppendRequest*>& appends, int64_t now_micros,
                    BatchSink& sink);
  // Every batch up to `seq` is durable: the backend's CommittedState now answers for it.
  void MarkDurable(uint64_t seq);
  // A batch failed to be written: forget every batch in flight (the backend stops taking
  // appends; a restart recovers from what is durable).
  void Abandon();

 private:
  struct StagedEvent;
  struct Overlay;

  absl::StatusOr<coop::v1::AppendResponse> StageOne(const coop::v1::AppendRequest& request,
                                                    StagedBatch& batch, Overlay& overlay,
                                                    BatchSink& sink);
  // Heads and ids as staged so far: this batch, then batches in flight, then the backend.
  absl::StatusOr<StreamHead> ReadHead(const std::string& stream_id, const Overlay& overlay);
  const StagedEvent* FindStagedId(const std::string& id_key, const Overlay& overlay) const;

  CommittedState* const committed_;
  LogHead staged_head_;  // after everything staged
  uint64_t staged_seq_ = 0;
  std::deque<std::shared_ptr<Overlay>> in_flight_;  // staged, not yet known durable
  std::atomic<uint64_t> durable_seq_{0};
};

// OK if `current` (0: no stream) satisfies the append's expected version; otherwise ABORTED
// naming the stream, what was expected and the current version.
absl::Status CheckExpectedVersion(const coop::v1::StreamAppend& stream, uint64_t current);

}  // namespace coop::eventstore

#endif  // COOPLEDGER_EVENTSTORE_STAGING_APPEND_STAGER_H_
