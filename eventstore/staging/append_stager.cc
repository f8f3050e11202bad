#include "eventstore/staging/append_stager.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "base/uuid.h"
#include "eventstore/canonical.h"

namespace coop::eventstore {

// What a retry must repeat exactly to be the same event: everything the client chose except
// the metadata (who sent it, and how, may differ between a call and its retry).
struct AppendStager::StagedEvent {
  uint64_t position;
  std::string stream_id;
  uint64_t version;
  std::string type;
  uint32_t schema_version;
  std::string payload;
  std::string occurred_on;
  std::string area_code;
  std::string area_unit_set;

  static StagedEvent Of(const coop::v1::RecordedEvent& e) {
    return {e.position(),    e.stream_id(),      e.stream_version(),
            e.type(),        e.schema_version(), e.payload(),
            e.occurred_on(), e.area().code(),    e.area().unit_set()};
  }
  bool SameContentAs(const std::string& stream, const coop::v1::ProposedEvent& e) const {
    return stream_id == stream && type == e.type() && schema_version == e.schema_version() &&
           payload == e.payload() && occurred_on == e.occurred_on() &&
           area_code == e.area().code() && area_unit_set == e.area().unit_set();
  }
};

// The heads and ids one batch changed, read while later batches are staged on top of it.
struct AppendStager::Overlay {
  uint64_t seq = 0;
  std::unordered_map<std::string, StreamHead> heads;  // streams changed in the batch
  std::unordered_map<std::string, StagedEvent> ids;   // uuid bytes -> staged event
};

AppendStager::AppendStager(CommittedState* committed, const LogHead& durable_head)
    : committed_(committed), staged_head_(durable_head) {}

AppendStager::~AppendStager() = default;

void AppendStager::MarkDurable(uint64_t seq) { durable_seq_.store(seq); }

void AppendStager::Abandon() { in_flight_.clear(); }

StagedBatch AppendStager::Stage(const std::vector<const coop::v1::AppendRequest*>& appends,
                                int64_t now_micros, BatchSink& sink) {
  // Overlays of batches that are durable now are answered by the backend; forget them.
  const uint64_t durable = durable_seq_.load();
  while (!in_flight_.empty() && in_flight_.front()->seq <= durable) in_flight_.pop_front();

  auto overlay = std::make_shared<Overlay>();
  StagedBatch batch;
  batch.seq = overlay->seq = ++staged_seq_;
  batch.log_head = staged_head_;
  batch.first_position = batch.log_head.position + 1;
  batch.recorded_at = std::max(now_micros, batch.log_head.last_recorded_at_micros);
  batch.results.reserve(appends.size());
  for (const auto* request : appends) {
    batch.results.push_back(StageOne(*request, batch, *overlay, sink));
  }
  if (batch.events > 0) {
    batch.log_head.last_recorded_at_micros = batch.recorded_at;
    sink.PutLogHead(batch.log_head, batch.first_position);
    staged_head_ = batch.log_head;
    in_flight_.push_back(std::move(overlay));
  }
  return batch;
}

absl::StatusOr<StreamHead> AppendStager::ReadHead(const std::string& stream_id,
                                                  const Overlay& overlay) {
  if (auto it = overlay.heads.find(stream_id); it != overlay.heads.end()) return it->second;
  for (auto b = in_flight_.rbegin(); b != in_flight_.rend(); ++b) {
    if (auto it = (*b)->heads.find(stream_id); it != (*b)->heads.end()) return it->second;
  }
  return committed_->ReadStreamHead(stream_id);
}

const AppendStager::StagedEvent* AppendStager::FindStagedId(const std::string& key,
                                                            const Overlay& overlay) const {
  if (auto it = overlay.ids.find(key); it != overlay.ids.end()) return &it->second;
  for (auto b = in_flight_.rbegin(); b != in_flight_.rend(); ++b) {
    if (auto it = (*b)->ids.find(key); it != (*b)->ids.end()) return &it->second;
  }
  return nullptr;
}

absl::Status CheckExpectedVersion(const coop::v1::StreamAppend& stream, uint64_t current) {
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

absl::StatusOr<coop::v1::AppendResponse> AppendStager::StageOne(
    const coop::v1::AppendRequest& request, StagedBatch& batch, Overlay& overlay, BatchSink& sink) {
  // 1. Idempotency, before the expected version: a retry of a committed append must return
  //    its original result even though the stream has moved on.
  // Ids were validated before staging; each is parsed once here, for the index keys.
  std::vector<std::string> id_keys;
  std::vector<StagedEvent> originals;
  std::string first_known;  // field path of the first id found already recorded
  for (int s = 0; s < request.streams_size(); ++s) {
    const auto& stream = request.streams(s);
    for (int e = 0; e < stream.events_size(); ++e) {
      const auto& event = stream.events(e);
      id_keys.push_back(base::UuidKey(*base::ParseUuid(event.event_id())));
      const std::string& key = id_keys.back();
      StagedEvent original;
      if (const auto* staged = FindStagedId(key, overlay)) {
        original = *staged;
      } else {
        auto stored = committed_->FindEventById(key);
        if (!stored.ok()) return stored.status();
        if (!stored->has_value()) continue;
        original = StagedEvent::Of(**stored);
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

  // 2. Expected versions, against the heads as the batches before have left them.
  std::vector<StreamHead> heads;
  heads.reserve(request.streams_size());
  for (const auto& stream : request.streams()) {
    auto head = ReadHead(stream.stream_id(), overlay);
    if (!head.ok()) return head.status();
    if (auto st = CheckExpectedVersion(stream, head->version); !st.ok()) return st;
    heads.push_back(*head);
  }

  // 3. Stage: positions, versions, hashes; every event and head goes to the sink.
  coop::v1::AppendResponse response;
  response.set_first_position(batch.log_head.position + 1);
  size_t event_index = 0;
  for (int s = 0; s < request.streams_size(); ++s) {
    const auto& stream = request.streams(s);
    StreamHead& head = heads[s];
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
      if (base::IsCanonicalUuidText(proposed.event_id())) {
        event.set_event_id(proposed.event_id());
      } else {
        base::UuidBytes bytes;
        std::copy(id_key.begin(), id_key.end(), bytes.begin());
        event.set_event_id(base::FormatUuid(bytes));
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
      sink.PutEvent(event, id_key);

      overlay.ids[id_key] = {
          event.position(),       stream.stream_id(),        head.version,
          proposed.type(),        proposed.schema_version(), proposed.payload(),
          proposed.occurred_on(), proposed.area().code(),    proposed.area().unit_set()};
      if (head.first_position == 0) {
        head.first_position = event.position();
        head.created_at_micros = batch.recorded_at;
      }
      head.last_position = event.position();
      head.last_recorded_at_micros = batch.recorded_at;
      ++batch.events;
    }
    result->set_last_version(head.version);
    sink.PutStreamHead(stream.stream_id(), head);
    overlay.heads[stream.stream_id()] = head;
  }
  response.set_last_position(batch.log_head.position);
  return response;
}

}  // namespace coop::eventstore
