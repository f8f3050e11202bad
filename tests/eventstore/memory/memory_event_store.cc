#include "tests/eventstore/memory/memory_event_store.h"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "base/uuid.h"
#include "eventstore/canonical.h"
#include "eventstore/event_filter.h"
#include "eventstore/staging/append_stager.h"
#include "eventstore/staging/chain_verifier.h"
#include "eventstore/staging/heads.h"
#include "eventstore/validation.h"
#include "verify/merkle.h"

namespace coop::testing {
namespace {

using eventstore::LogHead;
using eventstore::StreamHead;

// One folder's log. Shared by the stores that open the folder in turn.
struct Log {
  absl::Mutex mu;
  bool held ABSL_GUARDED_BY(mu) = false;
  std::vector<coop::v1::RecordedEvent> events ABSL_GUARDED_BY(mu);  // position p at p - 1
  std::map<std::string, StreamHead> heads ABSL_GUARDED_BY(mu);
  std::map<std::string, std::vector<uint64_t>> stream_positions ABSL_GUARDED_BY(mu);
  std::unordered_map<std::string, uint64_t> ids ABSL_GUARDED_BY(mu);  // uuid bytes -> position
  LogHead head ABSL_GUARDED_BY(mu);
};

std::shared_ptr<Log> LogOf(const std::string& dir) {
  static absl::Mutex mu;
  static auto* logs = new std::map<std::string, std::shared_ptr<Log>>();
  absl::MutexLock lock(&mu);
  auto& log = (*logs)[dir];
  if (!log) log = std::make_shared<Log>();
  return log;
}

// What one append stages, applied to the log once staging is done.
class PendingWrites final : public eventstore::BatchSink {
 public:
  void PutEvent(const coop::v1::RecordedEvent& event, const std::string& id_key) override {
    events_.push_back({event, id_key});
  }
  void PutStreamHead(const std::string& stream_id, const StreamHead& head) override {
    heads_[stream_id] = head;
  }
  void PutLogHead(const LogHead& head, uint64_t /*first_position*/) override { head_ = head; }

  void ApplyTo(Log& log) ABSL_EXCLUSIVE_LOCKS_REQUIRED(log.mu) {
    for (auto& [event, id_key] : events_) {
      log.ids[id_key] = event.position();
      log.stream_positions[event.stream_id()].push_back(event.position());
      log.events.push_back(std::move(event));
    }
    for (const auto& [stream, head] : heads_) log.heads[stream] = head;
    if (head_) log.head = *head_;
  }

 private:
  std::vector<std::pair<coop::v1::RecordedEvent, std::string>> events_;
  std::map<std::string, StreamHead> heads_;
  std::optional<LogHead> head_;
};

class MemoryEventStore final : public eventstore::EventStore, private eventstore::CommittedState {
 public:
  MemoryEventStore(std::shared_ptr<Log> log, const eventstore::StoreOptions& options)
      : log_(std::move(log)),
        options_(options),
        clock_(options.clock ? options.clock : eventstore::SystemClock::Default()) {
    LogHead head;
    {
      absl::MutexLock lock(&log_->mu);
      head = log_->head;
    }
    notifier_ = std::make_unique<eventstore::CommitNotifier>(head.position);
    stager_ = std::make_unique<eventstore::AppendStager>(
        static_cast<eventstore::CommittedState*>(this), head);
  }
  ~MemoryEventStore() override { Close(); }

  void Close() override {
    absl::MutexLock closing(&close_mu_);  // a second caller waits until the first has finished
    {
      absl::MutexLock lock(&append_mu_);
      if (closed_) return;
      closed_ = true;
    }
    notifier_->Shutdown();
    absl::MutexLock lock(&log_->mu);
    log_->held = false;
  }

  void AppendAsync(coop::v1::AppendRequest request, eventstore::AppendCallback done) override {
    if (auto st = eventstore::ValidateAppend(request, options_.limits); !st.ok()) {
      done(st);
      return;
    }
    absl::StatusOr<coop::v1::AppendResponse> result;
    {
      absl::MutexLock lock(&append_mu_);
      if (closed_) {
        result = absl::UnavailableError("the event store is closing");
      } else {
        PendingWrites writes;
        auto batch = stager_->Stage({&request}, clock_->NowMicros(), writes);
        if (batch.events > 0) {
          absl::MutexLock log_lock(&log_->mu);
          writes.ApplyTo(*log_);
        }
        stager_->MarkDurable(batch.seq);
        if (batch.events > 0) notifier_->Publish(batch.log_head.position);
        result = std::move(batch.results.front());
      }
    }
    done(std::move(result));
  }

  absl::StatusOr<std::vector<coop::v1::RecordedEvent>> ReadStream(
      const coop::v1::ReadStreamRequest& request) override {
    if (auto st = eventstore::ValidateStreamId("stream_id", request.stream_id(), options_.limits);
        !st.ok()) {
      return st;
    }
    const uint32_t max_count = eventstore::ReadCount(request.max_count(), options_.limits);
    absl::MutexLock lock(&log_->mu);
    auto it = log_->stream_positions.find(request.stream_id());
    if (it == log_->stream_positions.end()) {
      return absl::NotFoundError(absl::StrCat("stream '", request.stream_id(), "' has no events"));
    }
    const std::vector<uint64_t>& positions = it->second;  // version v at v - 1
    std::vector<coop::v1::RecordedEvent> events;
    if (request.direction() == coop::v1::BACKWARDS) {
      uint64_t v = request.from_version() == 0
                       ? positions.size()
                       : std::min<uint64_t>(request.from_version(), positions.size());
      for (; v >= 1 && events.size() < max_count; --v) {
        events.push_back(log_->events[positions[v - 1] - 1]);
      }
    } else {
      for (uint64_t v = std::max<uint64_t>(1, request.from_version());
           v <= positions.size() && events.size() < max_count; ++v) {
        events.push_back(log_->events[positions[v - 1] - 1]);
      }
    }
    return events;
  }

  // As the RocksDB backend: with exactly one area in the filter, only that area's events
  // count as examined (RocksDB reads them from its area index), and once they run out the
  // page says the whole log up to its end was examined.
  absl::StatusOr<eventstore::ReadPage> ReadAll(const eventstore::ReadAllQuery& query) override {
    if (auto st = eventstore::ValidateFilter(query.filter, options_.limits); !st.ok()) return st;
    const uint32_t max_count = eventstore::ReadCount(query.max_count, options_.limits);
    eventstore::EventMatcher matcher(query.filter);
    const auto* area = matcher.SingleArea();
    auto indexed = [&](const coop::v1::RecordedEvent& e) {
      return area == nullptr ||
             (e.area().unit_set() == area->first && e.area().code() == area->second);
    };
    eventstore::ReadPage page;
    page.end_of_log = true;
    absl::MutexLock lock(&log_->mu);
    const uint64_t head = log_->events.size();
    uint64_t bytes = 0;
    auto full = [&] {
      return page.events.size() >= max_count ||
             (query.max_scan != 0 && page.examined >= query.max_scan) ||
             (query.max_bytes != 0 && bytes >= query.max_bytes);
    };
    auto take = [&](const coop::v1::RecordedEvent& event) {
      bytes += event.payload().size();
      page.events.push_back(event);
      if (query.with_stored_bytes) page.stored_bytes.push_back(event.SerializeAsString());
    };
    if (query.backwards) {
      uint64_t p = query.from_position == 0 ? head : std::min(query.from_position, head);
      for (; p >= 1; --p) {
        const auto& event = log_->events[p - 1];
        if (!indexed(event)) continue;
        if (full()) {
          page.end_of_log = false;
          break;
        }
        ++page.examined;
        page.next_position = p - 1;
        if (matcher.Matches(event)) take(event);
      }
      if (page.end_of_log) page.next_position = 0;
    } else {
      uint64_t p = std::max<uint64_t>(1, query.from_position);
      page.next_position = p;
      for (; p <= head; ++p) {
        const auto& event = log_->events[p - 1];
        if (!indexed(event)) continue;
        if (full()) {
          page.end_of_log = false;
          break;
        }
        ++page.examined;
        page.next_position = p + 1;
        if (matcher.Matches(event)) take(event);
      }
      if (page.end_of_log) page.next_position = std::max(page.next_position, head + 1);
    }
    return page;
  }

  absl::StatusOr<uint64_t> PositionAtTime(int64_t micros, bool backwards) override {
    absl::MutexLock lock(&log_->mu);
    const auto& events = log_->events;
    const uint64_t head = events.size();
    if (backwards && micros == INT64_MAX) return head;
    // recorded_at never decreases along positions: the first event recorded after the bound.
    const int64_t bound = backwards ? micros : (micros == INT64_MIN ? micros : micros - 1);
    auto first_after = std::partition_point(
        events.begin(), events.end(),
        [&](const coop::v1::RecordedEvent& e) { return e.recorded_at_micros() <= bound; });
    const uint64_t position = static_cast<uint64_t>(first_after - events.begin()) + 1;
    return backwards ? position - 1 : position;
  }

  absl::StatusOr<coop::v1::StreamInfo> GetStreamInfo(const std::string& stream_id) override {
    if (auto st = eventstore::ValidateStreamId("stream_id", stream_id, options_.limits); !st.ok()) {
      return st;
    }
    absl::MutexLock lock(&log_->mu);
    auto it = log_->heads.find(stream_id);
    if (it == log_->heads.end()) {
      return absl::NotFoundError(absl::StrCat("stream '", stream_id, "' has no events"));
    }
    return eventstore::ToStreamInfo(stream_id, it->second);
  }

  absl::StatusOr<std::optional<coop::v1::RecordedEvent>> FindEvent(
      const std::string& event_id) override {
    auto id = base::ParseUuid(event_id);
    if (!id) return absl::InvalidArgumentError("event_id: must be a UUID");
    return FindEventById(base::UuidKey(*id));
  }

  coop::v1::LogInfo GetLogInfo() override {
    absl::MutexLock lock(&log_->mu);
    return eventstore::ToLogInfo(log_->head, options_.durability);
  }

  // Recomputed from the events' leaf hashes each time: a second backend needs no stored tree
  // to answer the same roots and proofs.
  absl::StatusOr<std::string> MerkleNode(int level, uint64_t index) override {
    absl::MutexLock lock(&log_->mu);
    if (level < 0 || level > 63 || index >= (log_->head.position >> level)) {
      return absl::OutOfRangeError(
          absl::StrCat("merkle node ", level, "/", index, " is beyond the log's head"));
    }
    return SubtreeOf(index << level, uint64_t{1} << level);
  }

  using EventStore::Verify;
  absl::StatusOr<coop::v1::VerifyLogResponse> Verify(
      uint64_t from, uint64_t to, const std::function<bool()>& cancelled) override {
    std::vector<coop::v1::RecordedEvent> events;
    LogHead head;
    {
      absl::MutexLock lock(&log_->mu);
      events = log_->events;
      head = log_->head;
    }
    const auto range = eventstore::ClampVerifyRange(from, to, head.position);
    if (range.empty()) return eventstore::EmptyRangeVerified(range);
    eventstore::ChainVerifier verifier(
        range.from, range.to,
        range.from > 1 ? events[range.from - 2].hash() : std::string(eventstore::kHashSize, '\0'));
    for (uint64_t p = range.from; p <= events.size() && !verifier.Done(); ++p) {
      if (cancelled && p % 4096 == 0 && cancelled()) {
        return absl::CancelledError(absl::StrCat("verification cancelled at position ", p));
      }
      if (!verifier.Next(p, &events[p - 1])) break;
    }
    return verifier.Finish(head);
  }

  eventstore::CommitNotifier& notifier() override { return *notifier_; }
  const eventstore::Limits& limits() const override { return options_.limits; }

 private:
  // The root of the perfect subtree of the leaves [start, start + size).
  std::string SubtreeOf(uint64_t start, uint64_t size) ABSL_EXCLUSIVE_LOCKS_REQUIRED(log_->mu) {
    if (size == 1) return log_->events[start].leaf_hash();
    return verify::MerkleNodeHash(SubtreeOf(start, size / 2),
                                  SubtreeOf(start + size / 2, size / 2));
  }

  // CommittedState, for the stager (under append_mu_).
  absl::StatusOr<StreamHead> ReadStreamHead(const std::string& stream_id) override {
    absl::MutexLock lock(&log_->mu);
    auto it = log_->heads.find(stream_id);
    return it == log_->heads.end() ? StreamHead() : it->second;
  }
  absl::StatusOr<std::optional<coop::v1::RecordedEvent>> FindEventById(
      const std::string& id_key) override {
    absl::MutexLock lock(&log_->mu);
    auto it = log_->ids.find(id_key);
    if (it == log_->ids.end()) return std::optional<coop::v1::RecordedEvent>();
    return std::optional<coop::v1::RecordedEvent>(log_->events[it->second - 1]);
  }

  const std::shared_ptr<Log> log_;
  const eventstore::StoreOptions options_;
  const eventstore::Clock* const clock_;
  std::unique_ptr<eventstore::CommitNotifier> notifier_;
  absl::Mutex close_mu_;   // serialises Close
  absl::Mutex append_mu_;  // one append staged and committed at a time
  bool closed_ ABSL_GUARDED_BY(append_mu_) = false;
  std::unique_ptr<eventstore::AppendStager> stager_ ABSL_PT_GUARDED_BY(append_mu_);
};

}  // namespace

absl::StatusOr<std::unique_ptr<eventstore::EventStore>> OpenMemoryEventStore(
    const std::string& dir, const eventstore::StoreOptions& options) {
  auto log = LogOf(dir);
  {
    absl::MutexLock lock(&log->mu);
    if (log->held) {
      return absl::UnavailableError(absl::StrCat("the in-memory log ", dir, " is open already"));
    }
    log->held = true;
  }
  return std::unique_ptr<eventstore::EventStore>(new MemoryEventStore(std::move(log), options));
}

}  // namespace coop::testing
