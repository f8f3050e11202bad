// EventStore: the append-only, hash-chained event log, as an interface. Everything above the
// event store (projections, commands, services) holds an EventStore and nothing else of it.
//
// Backends: RocksDB (eventstore/rocks/) is the embedded default, opened through the factory
// in store_factory.h. Another backend (e.g. a replicated one) implements this interface,
// reuses the shared staging code in eventstore/staging/ (idempotency, expected versions,
// gap-free positions, hash chain, verification), and passes the conformance suite in
// tests/eventstore/conformance/. The store knows nothing of cooperatives: payloads are opaque
// bytes.
//
// Thread-safety: every method may be called concurrently from any thread.
#ifndef COOPLEDGER_EVENTSTORE_EVENT_STORE_H_
#define COOPLEDGER_EVENTSTORE_EVENT_STORE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/compaction.h"
#include "coop/v1/eventstore.pb.h"
#include "eventstore/commit_notifier.h"
#include "eventstore/store_options.h"

namespace coop::eventstore {

// Completes an asynchronous append. Called exactly once: for input refused before it was
// queued, on the caller's thread before AppendAsync returns; otherwise on whichever thread the
// backend completes appends on (RocksDB: its completer thread, after the batch is durable; the
// test-only in-memory backend: the caller's). It must not block.
using AppendCallback = std::function<void(absl::StatusOr<coop::v1::AppendResponse>)>;

struct ReadAllQuery {
  // Forwards: first position to read (0 = 1). Backwards: last position to read (0 = the head).
  uint64_t from_position = 0;
  bool backwards = false;
  uint32_t max_count = 0;  // 0 = Limits::max_read_count
  coop::v1::EventFilter filter;
  // Stop after examining this many events even if fewer matched (0 = no bound), so a
  // caller holding a thread can page through a sparse filter.
  uint64_t max_scan = 0;
  // Stop once the page's events hold this many bytes of payload (0 = no bound); a page holds
  // at least one event. With events of up to 1 MiB, a count alone would let one page of a
  // stalled reader hold hundreds of megabytes.
  uint64_t max_bytes = 0;
  // Also return each event's bytes as the log holds them (a serialized coop.v1.RecordedEvent),
  // for a reader that keeps events as bytes and need not serialize them again.
  bool with_stored_bytes = false;
};

struct ReadPage {
  std::vector<coop::v1::RecordedEvent> events;
  // With ReadAllQuery::with_stored_bytes, events[i]'s bytes as stored; else empty.
  std::vector<std::string> stored_bytes;
  // Where the next page starts (forwards: the first position not examined yet;
  // backwards: the last one not examined yet, 0 once the start was reached).
  uint64_t next_position = 0;
  // True if the page ended because the log (as of this read) was exhausted.
  bool end_of_log = false;
  // How many events the read examined (matching or not).
  uint64_t examined = 0;
};

class EventStore {
 public:
  virtual ~EventStore() = default;

  // Appends atomically to every stream in the request. Validates input first (nothing is
  // queued on error), then checks idempotency by event id, then expected versions.
  // Errors: INVALID_ARGUMENT / RESOURCE_EXHAUSTED for bad input, ALREADY_EXISTS for an event
  // id reused with different content, ABORTED for a wrong expected version (message gives
  // the current version), UNAVAILABLE when the store is closing or failed.
  virtual void AppendAsync(coop::v1::AppendRequest request, AppendCallback done) = 0;
  // Blocking form of AppendAsync, for tools and tests. Not for gRPC threads.
  absl::StatusOr<coop::v1::AppendResponse> Append(coop::v1::AppendRequest request);

  // NOT_FOUND if the stream has no events.
  virtual absl::StatusOr<std::vector<coop::v1::RecordedEvent>> ReadStream(
      const coop::v1::ReadStreamRequest& request) = 0;
  virtual absl::StatusOr<ReadPage> ReadAll(const ReadAllQuery& query) = 0;
  // Forwards: the first position recorded at or after `micros` (head + 1 if none).
  // Backwards: the last position recorded at or before `micros` (0 if none).
  virtual absl::StatusOr<uint64_t> PositionAtTime(int64_t micros, bool backwards) = 0;

  virtual absl::StatusOr<coop::v1::StreamInfo> GetStreamInfo(const std::string& stream_id) = 0;
  // The committed event with this id (any letter case), or nullopt. INVALID_ARGUMENT if the
  // id is not a UUID.
  virtual absl::StatusOr<std::optional<coop::v1::RecordedEvent>> FindEvent(
      const std::string& event_id) = 0;
  virtual coop::v1::LogInfo GetLogInfo() = 0;
  // Recomputes the hash chain over [from, to] (0 = start / head). A storage error (e.g. a
  // damaged file) is returned as a status naming the file; tampering is reported in the
  // response with the first bad position. `cancelled`, if given, is polled every few thousand
  // events; when it returns true the verification stops with CANCELLED.
  virtual absl::StatusOr<coop::v1::VerifyLogResponse> Verify(
      uint64_t from, uint64_t to, const std::function<bool()>& cancelled) = 0;
  absl::StatusOr<coop::v1::VerifyLogResponse> Verify(uint64_t from, uint64_t to) {
    return Verify(from, to, nullptr);
  }

  // Commits what is queued, completes every call, ends subscriptions' waits, and releases the
  // storage. Appends arriving afterwards fail with UNAVAILABLE. Idempotent; a second caller
  // waits until the first has finished. REQUIRES: no read is running or starts afterwards.
  virtual void Close() = 0;

  // Writes a consistent copy of the committed log into the new folder `dir` (its parent must
  // exist), which OpenEventStore opens as a store of its own: every append whose commit had
  // completed when the copy began, none in part. Appends go on meanwhile. For the online backup
  // (backup/). FAILED_PRECONDITION if `dir` exists; UNIMPLEMENTED for a backend that cannot
  // (the default); UNAVAILABLE for I/O errors, after which a partial `dir` may be left.
  virtual absl::Status Checkpoint(const std::string& dir);

  // Compacts the stored log now (coop.v1.Admin/CompactStores), while appends and reads go on:
  // nothing read changes, only how it is laid out on disk. `cancelled` (may be empty) is asked
  // between steps: true stops it with CANCELLED. UNIMPLEMENTED for a backend that has nothing
  // to compact (the default); UNAVAILABLE for I/O errors.
  virtual absl::StatusOr<base::Compaction> Compact(const std::function<bool()>& cancelled);

  // --- The log as an RFC 9162 Merkle tree over the events' leaf hashes (verify/merkle.h):
  // leaf index = position − 1, and a tree of size n covers positions 1..n. A backend keeps the
  // roots of the perfect subtrees as events commit, so heads and proofs never read events.

  // The root of perfect subtree `index` at `level`: of the leaves [index·2^level,
  // (index+1)·2^level). OUT_OF_RANGE unless the subtree lies within the committed log.
  virtual absl::StatusOr<std::string> MerkleNode(int level, uint64_t index) = 0;
  // The root of the tree of the first `size` positions (the empty tree's for 0). OUT_OF_RANGE
  // beyond the committed head (a head may be asked for any past size).
  absl::StatusOr<std::string> TreeRoot(uint64_t size);
  // The audit path of `position` in the tree of `tree_size` positions. INVALID_ARGUMENT
  // unless 1 <= position <= tree_size; OUT_OF_RANGE beyond the head.
  absl::StatusOr<std::vector<std::string>> InclusionProof(uint64_t position, uint64_t tree_size);
  // That the tree of `new_size` positions extends the one of `old_size`. INVALID_ARGUMENT
  // unless 1 <= old_size <= new_size; OUT_OF_RANGE beyond the head.
  absl::StatusOr<std::vector<std::string>> ConsistencyProof(uint64_t old_size, uint64_t new_size);

  // Told after every durable commit; subscriptions wait on it.
  virtual CommitNotifier& notifier() = 0;
  virtual const Limits& limits() const = 0;
};

}  // namespace coop::eventstore

#endif  // COOPLEDGER_EVENTSTORE_EVENT_STORE_H_
