// RocksEventStore: the append path. Callers validate and enqueue; the single writer thread
// drains the queue into one WriteBatch per round (group commit), deciding each append against
// the stream heads as they stand inside the batch, so a conflict fails only its own append.
#include <unordered_map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "eventstore/canonical.h"
#include "eventstore/rocks_event_store.h"
#include "eventstore/rocks_status.h"
#include "eventstore/uuid.h"
#include "eventstore/validation.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"

namespace coop::eventstore {

struct RocksEventStore::Batch {
  struct StagedEvent {
    uint64_t position;
    std::string stream_id;
    uint64_t version;
    std::string type;
    std::string payload;
  };
  rocksdb::WriteBatch write_batch;
  std::unordered_map<std::string, keys::StreamHead> heads;  // streams changed in this batch
  std::unordered_map<std::string, StagedEvent> ids;         // uuid bytes -> staged event
  keys::LogHead log_head;
  int64_t recorded_at = 0;
  uint64_t events = 0;
};

void RocksEventStore::AppendAsync(coop::v1::AppendRequest request, AppendCallback done) {
  if (auto st = ValidateAppend(request, options_.limits); !st.ok()) {
    done(st);
    return;
  }
  {
    absl::MutexLock lock(&mu_);
    if (!closing_) {
      queue_.push_back(PendingAppend{std::move(request), std::move(done)});
      return;
    }
  }
  done(absl::UnavailableError("the event store is closing"));
}

void RocksEventStore::WriterLoop() {
  for (;;) {
    {
      absl::MutexLock lock(&mu_);
      auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
        return !queue_.empty() || closing_;
      };
      mu_.Await(absl::Condition(&ready));
      if (queue_.empty()) return;  // closing, and everything queued is committed
    }
    if (options_.before_batch_hook) options_.before_batch_hook();
    std::deque<PendingAppend> pending;
    {
      absl::MutexLock lock(&mu_);
      while (!queue_.empty() && pending.size() < options_.max_appends_per_batch) {
        pending.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    CommitBatch(pending);
  }
}

void RocksEventStore::CommitBatch(std::deque<PendingAppend>& pending) {
  Batch batch;
  {
    absl::MutexLock lock(&mu_);
    batch.log_head = head_;
  }
  batch.recorded_at = std::max(clock_->NowMicros(), batch.log_head.last_recorded_at_micros);

  std::vector<absl::StatusOr<coop::v1::AppendResponse>> results;
  results.reserve(pending.size());
  uint64_t rejected = 0;
  for (auto& p : pending) {
    results.push_back(Stage(p.request, batch));
    if (!results.back().ok()) ++rejected;
  }
  if (batch.events > 0) {
    batch.log_head.last_recorded_at_micros = batch.recorded_at;
    batch.write_batch.Put(meta_, std::string(keys::kLogHeadKey), keys::EncodeLogHead(batch.log_head));
    rocksdb::WriteOptions write_options;
    write_options.sync = options_.durability == Durability::kSync;
    auto s = db_->Write(write_options, &batch.write_batch);
    if (!s.ok()) {
      absl::Status failure = FromRocks(s, "committing appends");
      for (auto& r : results) {
        if (r.ok()) r = failure;
      }
      rejected = results.size();
      batch.events = 0;
    } else {
      absl::MutexLock lock(&mu_);
      head_ = batch.log_head;
    }
  }
  {
    absl::MutexLock lock(&mu_);
    if (batch.events > 0) ++stats_.batches;
    stats_.appends_committed += results.size() - rejected;
    stats_.appends_rejected += rejected;
    stats_.events_committed += batch.events;
  }
  if (batch.events > 0) notifier_->Publish(batch.log_head.position);
  for (size_t i = 0; i < pending.size(); ++i) pending[i].done(std::move(results[i]));
}

absl::StatusOr<keys::StreamHead> RocksEventStore::ReadHead(const std::string& stream_id,
                                                          const Batch& batch) {
  if (auto it = batch.heads.find(stream_id); it != batch.heads.end()) return it->second;
  std::string value;
  auto s = db_->Get(rocksdb::ReadOptions(), streams_, stream_id, &value);
  keys::StreamHead head;
  if (s.IsNotFound()) return head;
  if (!s.ok()) return FromRocks(s, absl::StrCat("reading stream head of ", stream_id));
  if (!keys::DecodeStreamHead(value, &head)) {
    return absl::DataLossError(absl::StrCat("stream head of ", stream_id, " is malformed"));
  }
  return head;
}

namespace {

absl::Status CheckExpected(const coop::v1::StreamAppend& stream, uint64_t current) {
  const auto& expected = stream.expected();
  const std::string& id = stream.stream_id();
  switch (expected.kind()) {
    case coop::v1::ExpectedVersion::NO_STREAM:
      if (current != 0) {
        return absl::AbortedError(absl::StrCat("stream '", id,
                                               "': expected no stream, but it exists; current "
                                               "version ",
                                               current));
      }
      break;
    case coop::v1::ExpectedVersion::STREAM_EXISTS:
      if (current == 0) {
        return absl::AbortedError(absl::StrCat(
            "stream '", id, "': expected the stream to exist, but it does not; current version 0"));
      }
      break;
    case coop::v1::ExpectedVersion::EXACT:
      if (current != expected.version()) {
        return absl::AbortedError(absl::StrCat("stream '", id, "': expected version ",
                                               expected.version(), ", current version ", current));
      }
      break;
    default:
      break;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<coop::v1::AppendResponse> RocksEventStore::Stage(
    const coop::v1::AppendRequest& request, Batch& batch) {
  // 1. Idempotency, before the expected version: a retry of a committed append must return
  //    its original result even though the stream has moved on.
  size_t total = 0;
  std::vector<Batch::StagedEvent> originals;
  for (int s = 0; s < request.streams_size(); ++s) {
    const auto& stream = request.streams(s);
    for (int e = 0; e < stream.events_size(); ++e) {
      const auto& event = stream.events(e);
      ++total;
      const std::string key = UuidKey(*ParseUuid(event.event_id()));
      Batch::StagedEvent original;
      if (auto it = batch.ids.find(key); it != batch.ids.end()) {
        original = it->second;
      } else {
        std::string value;
        auto st = db_->Get(rocksdb::ReadOptions(), event_ids_, key, &value);
        if (st.IsNotFound()) continue;
        if (!st.ok()) return FromRocks(st, "reading the event id index");
        uint64_t position = keys::GetU64(value);
        auto stored = ReadEventAt(position);
        if (!stored.ok()) return stored.status();
        if (!stored->has_value()) {
          return absl::DataLossError(
              absl::StrCat("event id index points at missing position ", position));
        }
        const auto& ev = **stored;
        original = {ev.position(), ev.stream_id(), ev.stream_version(), ev.type(), ev.payload()};
      }
      if (original.stream_id != stream.stream_id() || original.type != event.type() ||
          original.payload != event.payload()) {
        return absl::AlreadyExistsError(absl::StrCat(
            "streams[", s, "].events[", e, "].event_id: ", event.event_id(),
            " was already recorded at position ", original.position,
            " with different content (stream, type or payload)"));
      }
      originals.push_back(std::move(original));
    }
  }
  if (!originals.empty()) {
    if (originals.size() != total) {
      return absl::AlreadyExistsError(absl::StrCat(
          "event id ", FormatUuid(*ParseUuid(request.streams(0).events(0).event_id())),
          ": some ids of this append were already recorded and some were not; a retry must "
          "repeat the original append exactly"));
    }
    coop::v1::AppendResponse response;
    response.set_duplicate(true);
    response.set_first_position(UINT64_MAX);
    size_t index = 0;
    for (const auto& stream : request.streams()) {
      auto* result = response.add_streams();
      result->set_stream_id(stream.stream_id());
      result->set_first_version(UINT64_MAX);
      for (int e = 0; e < stream.events_size(); ++e, ++index) {
        const auto& o = originals[index];
        result->set_first_version(std::min(result->first_version(), o.version));
        result->set_last_version(std::max(result->last_version(), o.version));
        response.set_first_position(std::min(response.first_position(), o.position));
        response.set_last_position(std::max(response.last_position(), o.position));
      }
    }
    return response;
  }

  // 2. Expected versions, against the heads as this batch has left them.
  std::vector<keys::StreamHead> heads;
  heads.reserve(request.streams_size());
  for (const auto& stream : request.streams()) {
    auto head = ReadHead(stream.stream_id(), batch);
    if (!head.ok()) return head.status();
    if (auto st = CheckExpected(stream, head->version); !st.ok()) return st;
    heads.push_back(*head);
  }

  // 3. Stage: positions, versions, hashes, and every index entry, into the shared batch.
  coop::v1::AppendResponse response;
  response.set_first_position(batch.log_head.position + 1);
  for (int s = 0; s < request.streams_size(); ++s) {
    const auto& stream = request.streams(s);
    keys::StreamHead& head = heads[s];
    auto* result = response.add_streams();
    result->set_stream_id(stream.stream_id());
    result->set_first_version(head.version + 1);
    for (const auto& proposed : stream.events()) {
      coop::v1::RecordedEvent event;
      event.set_position(++batch.log_head.position);
      event.set_stream_id(stream.stream_id());
      event.set_stream_version(++head.version);
      event.set_event_id(FormatUuid(*ParseUuid(proposed.event_id())));
      event.set_type(proposed.type());
      event.set_schema_version(proposed.schema_version());
      event.set_payload(proposed.payload());
      *event.mutable_metadata() = proposed.metadata();
      if (!proposed.area().code().empty()) *event.mutable_area() = proposed.area();
      event.set_occurred_on(proposed.occurred_on());
      event.set_recorded_at_micros(batch.recorded_at);
      const std::string canonical = CanonicalEncoding(event);
      event.set_prev_hash(batch.log_head.chain_hash);
      batch.log_head.chain_hash = ChainHash(batch.log_head.chain_hash, canonical);
      event.set_hash(batch.log_head.chain_hash);
      event.set_leaf_hash(LeafHash(canonical));

      const uint64_t position = event.position();
      std::string position_value;
      keys::PutU64(&position_value, position);
      const std::string id_key = UuidKey(*ParseUuid(proposed.event_id()));
      auto& wb = batch.write_batch;
      wb.Put(events_, keys::EventKey(position), event.SerializeAsString());
      wb.Put(stream_index_, keys::StreamIndexKey(stream.stream_id(), head.version),
             position_value);
      wb.Put(event_ids_, id_key, position_value);
      wb.Put(time_index_, keys::TimeIndexKey(batch.recorded_at, position), "");
      if (event.has_area()) {
        wb.Put(area_index_,
               keys::AreaIndexKey(event.area().unit_set(), event.area().code(), position), "");
      }
      batch.ids[id_key] = {position, stream.stream_id(), head.version, proposed.type(),
                           proposed.payload()};
      if (head.first_position == 0) {
        head.first_position = position;
        head.created_at_micros = batch.recorded_at;
      }
      head.last_position = position;
      head.last_recorded_at_micros = batch.recorded_at;
      ++batch.events;
    }
    result->set_last_version(head.version);
    batch.write_batch.Put(streams_, stream.stream_id(), keys::EncodeStreamHead(head));
    batch.heads[stream.stream_id()] = head;
  }
  response.set_last_position(batch.log_head.position);
  return response;
}

}  // namespace coop::eventstore
