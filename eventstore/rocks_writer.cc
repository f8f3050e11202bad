// RocksEventStore: the append path, a two-stage pipeline.
//   callers      validate and enqueue; they never wait;
//   writer       takes everything queued as one batch (group commit) and decides each append
//                against the stream heads as they stand after the batches before it, so a
//                conflict fails only its own append; stages events, indexes and hashes into
//                one WriteBatch;
//   committer    writes the batch (fsynced in kSync), publishes the new head, completes the
//                calls, in batch order.
// While the committer waits for one fsync, the writer stages the next batch.
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

// One group commit. The writer thread stages it; the committer thread writes it and completes
// its calls. While it is in flight, the writer keeps reading its overlay (heads and ids) to
// stage the next batch on top of it.
// What a retry must repeat exactly to be the same event: everything the client chose except
// the metadata (who sent it, and how, may differ between a call and its retry).
struct RocksEventStore::StagedEvent {
  uint64_t position;
  std::string stream_id;
  uint64_t version;
  std::string type;
  uint32_t schema_version;
  std::string payload;
  std::string occurred_on;
  std::string area_code;
  std::string area_unit_set;

  bool SameContentAs(const std::string& stream, const coop::v1::ProposedEvent& e) const {
    return stream_id == stream && type == e.type() && schema_version == e.schema_version() &&
           payload == e.payload() && occurred_on == e.occurred_on() &&
           area_code == e.area().code() && area_unit_set == e.area().unit_set();
  }
};

struct RocksEventStore::Batch {
  uint64_t seq = 0;
  // Overlay, read by the writer only.
  std::unordered_map<std::string, keys::StreamHead> heads;  // streams changed in this batch
  std::unordered_map<std::string, StagedEvent> ids;         // uuid bytes -> staged event
  // Commit, handed to the committer.
  rocksdb::WriteBatch write_batch;
  keys::LogHead log_head;       // the log head after this batch
  uint64_t first_position = 0;  // of this batch
  int64_t recorded_at = 0;
  uint64_t events = 0;
  std::vector<PendingAppend> appends;
  std::vector<absl::StatusOr<coop::v1::AppendResponse>> results;
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
    } else if (!failure_.ok()) {
      refused = failure_;
    } else if (queued_bytes_ > 0 && queued_bytes_ + bytes > options_.max_queued_bytes) {
      refused = absl::ResourceExhaustedError(absl::StrCat(
          "the event store is overloaded (", queued_bytes_, " bytes of appends waiting); retry"));
    } else {
      queued_bytes_ += bytes;
      queue_.push_back(PendingAppend{std::move(request), std::move(done), bytes});
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
    if (options_.before_batch_hook) options_.before_batch_hook();
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
      // Fail-stop: nothing more is staged on top of a write that failed.
      in_flight_.clear();
      for (auto& p : pending) p.done(failure);
      continue;
    }
    auto batch = StageBatch(std::move(pending));
    absl::MutexLock lock(&mu_);
    handoff_ = std::move(batch);
  }
  absl::MutexLock lock(&mu_);
  writer_done_ = true;
}

std::shared_ptr<RocksEventStore::Batch> RocksEventStore::StageBatch(
    std::vector<PendingAppend> pending) {
  // Overlays of batches that are durable now are in RocksDB; forget them.
  const uint64_t durable = durable_seq_.load();
  while (!in_flight_.empty() && in_flight_.front()->seq <= durable) in_flight_.pop_front();

  auto batch = std::make_shared<Batch>();
  batch->seq = ++staged_seq_;
  batch->log_head = staged_head_;
  batch->first_position = batch->log_head.position + 1;
  batch->recorded_at = std::max(clock_->NowMicros(), batch->log_head.last_recorded_at_micros);
  batch->results.reserve(pending.size());
  for (auto& p : pending) batch->results.push_back(Stage(p.request, *batch));
  batch->appends = std::move(pending);
  if (batch->events > 0) {
    batch->log_head.last_recorded_at_micros = batch->recorded_at;
    batch->write_batch.Put(time_index_,
                           keys::TimeIndexKey(batch->recorded_at, batch->first_position), "");
    batch->write_batch.Put(meta_, std::string(keys::kLogHeadKey),
                           keys::EncodeLogHead(batch->log_head));
    staged_head_ = batch->log_head;
    in_flight_.push_back(batch);
  }
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
      if (handoff_ == nullptr) return;
      batch = std::move(handoff_);
      handoff_ = nullptr;
      failure = failure_;
    }
    if (failure.ok() && batch->events > 0) {
      rocksdb::WriteOptions write_options;
      write_options.sync = options_.durability == Durability::kSync;
      auto s = db_->Write(write_options, &batch->write_batch);
      if (!s.ok()) {
        // Later batches were staged on top of this one: the store stops taking appends
        // (fail-stop) rather than guess. Restarting coopd recovers from the durable state.
        failure = FromRocks(s,
                            "committing appends; the store accepts no more appends until "
                            "restarted");
        absl::MutexLock lock(&mu_);
        failure_ = failure;
      }
    }
    uint64_t rejected = 0;
    for (auto& r : batch->results) {
      if (r.ok() && !failure.ok()) r = failure;
      if (!r.ok()) ++rejected;
    }
    {
      absl::MutexLock lock(&mu_);
      if (failure.ok() && batch->events > 0) {
        head_ = batch->log_head;
        ++stats_.batches;
        stats_.events_committed += batch->events;
      }
      stats_.appends_committed += batch->results.size() - rejected;
      stats_.appends_rejected += rejected;
    }
    if (failure.ok()) {
      durable_seq_.store(batch->seq);
      if (batch->events > 0) notifier_->Publish(batch->log_head.position);
    }
    for (size_t i = 0; i < batch->appends.size(); ++i) {
      batch->appends[i].done(std::move(batch->results[i]));
    }
  }
}

absl::StatusOr<keys::StreamHead> RocksEventStore::ReadHead(const std::string& stream_id,
                                                           const Batch& batch) {
  if (auto it = batch.heads.find(stream_id); it != batch.heads.end()) return it->second;
  for (auto b = in_flight_.rbegin(); b != in_flight_.rend(); ++b) {
    if (auto it = (*b)->heads.find(stream_id); it != (*b)->heads.end()) return it->second;
  }
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

const RocksEventStore::StagedEvent* RocksEventStore::FindStagedId(const std::string& key,
                                                                  const Batch& batch) const {
  if (auto it = batch.ids.find(key); it != batch.ids.end()) return &it->second;
  for (auto b = in_flight_.rbegin(); b != in_flight_.rend(); ++b) {
    if (auto it = (*b)->ids.find(key); it != (*b)->ids.end()) return &it->second;
  }
  return nullptr;
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
  // Ids were validated before queuing; each is parsed once here, for the index keys.
  std::vector<std::string> id_keys;
  std::vector<StagedEvent> originals;
  std::string first_known;  // field path of the first id found already recorded
  for (int s = 0; s < request.streams_size(); ++s) {
    const auto& stream = request.streams(s);
    for (int e = 0; e < stream.events_size(); ++e) {
      const auto& event = stream.events(e);
      id_keys.push_back(UuidKey(*ParseUuid(event.event_id())));
      const std::string& key = id_keys.back();
      StagedEvent original;
      if (const auto* staged = FindStagedId(key, batch)) {
        original = *staged;
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
        // The id index is not covered by the hash chain: trust it only if the event agrees.
        if (auto stored_id = ParseUuid(ev.event_id()); !stored_id || UuidKey(*stored_id) != key) {
          return absl::DataLossError(absl::StrCat("event id index for ", event.event_id(),
                                                  " points at position ", position,
                                                  ", which holds another event"));
        }
        original = {ev.position(),    ev.stream_id(),      ev.stream_version(),
                    ev.type(),        ev.schema_version(), ev.payload(),
                    ev.occurred_on(), ev.area().code(),    ev.area().unit_set()};
      }
      if (!original.SameContentAs(stream.stream_id(), event)) {
        return absl::AlreadyExistsError(absl::StrCat(
            "streams[", s, "].events[", e, "].event_id: ", event.event_id(),
            " was already recorded at position ", original.position,
            " with different content (stream, type, schema version, payload, occurred_on or "
            "area)"));
      }
      if (originals.empty()) first_known = absl::StrCat("streams[", s, "].events[", e, "]");
      originals.push_back(std::move(original));
    }
  }
  if (!originals.empty()) {
    if (originals.size() != id_keys.size()) {
      return absl::AlreadyExistsError(
          absl::StrCat(first_known,
                       ".event_id: already recorded, but other ids of this append are not; "
                       "a retry must repeat the original append exactly"));
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
  size_t event_index = 0;
  for (int s = 0; s < request.streams_size(); ++s) {
    const auto& stream = request.streams(s);
    keys::StreamHead& head = heads[s];
    auto* result = response.add_streams();
    result->set_stream_id(stream.stream_id());
    result->set_first_version(head.version + 1);
    for (const auto& proposed : stream.events()) {
      const std::string& id_key = id_keys[event_index++];
      coop::v1::RecordedEvent event;
      event.set_position(++batch.log_head.position);
      event.set_stream_id(stream.stream_id());
      event.set_stream_version(++head.version);
      // Ids are stored in lower-case canonical form.
      if (IsCanonicalUuidText(proposed.event_id())) {
        event.set_event_id(proposed.event_id());
      } else {
        UuidBytes bytes;
        std::copy(id_key.begin(), id_key.end(), bytes.begin());
        event.set_event_id(FormatUuid(bytes));
      }
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
      auto& wb = batch.write_batch;
      wb.Put(events_, keys::EventKey(position), event.SerializeAsString());
      wb.Put(stream_index_, keys::StreamIndexKey(stream.stream_id(), head.version), position_value);
      wb.Put(event_ids_, id_key, position_value);
      if (event.has_area()) {
        wb.Put(area_index_,
               keys::AreaIndexKey(event.area().unit_set(), event.area().code(), position), "");
      }
      batch.ids[id_key] = {position,
                           stream.stream_id(),
                           head.version,
                           proposed.type(),
                           proposed.schema_version(),
                           proposed.payload(),
                           proposed.occurred_on(),
                           proposed.area().code(),
                           proposed.area().unit_set()};
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
