#include "fuzz/event_list.h"

#include <google/protobuf/io/coded_stream.h>

#include <algorithm>
#include <map>
#include <set>

#include "base/uuid.h"
#include "coop/v1/eventstore.pb.h"
#include "eventstore/validation.h"

namespace coop::fuzz {
namespace {

constexpr uint32_t kEventTag = (1 << 3) | 2;  // field 1, length-delimited

// The event as the client proposed it: what the store's validation sees.
coop::v1::AppendRequest AsAppend(const coop::v1::RecordedEvent& e) {
  coop::v1::AppendRequest request;
  auto* stream = request.add_streams();
  stream->set_stream_id(e.stream_id());
  auto* proposed = stream->add_events();
  proposed->set_event_id(e.event_id());
  proposed->set_type(e.type());
  proposed->set_schema_version(e.schema_version());
  proposed->set_payload(e.payload());
  *proposed->mutable_metadata() = e.metadata();
  *proposed->mutable_area() = e.area();
  proposed->set_occurred_on(e.occurred_on());
  return request;
}

}  // namespace

std::vector<coop::v1::RecordedEvent> ParseEventList(const uint8_t* data, size_t size) {
  google::protobuf::io::CodedInputStream in(data,
                                            static_cast<int>(std::min<size_t>(size, 1 << 30)));
  std::vector<coop::v1::RecordedEvent> events;
  while (events.size() < kMaxEvents && in.ReadTag() == kEventTag) {
    uint32_t length = 0;
    std::string bytes;
    coop::v1::RecordedEvent event;
    if (!in.ReadVarint32(&length) || !in.ReadString(&bytes, static_cast<int>(length)) ||
        !event.ParseFromString(bytes)) {
      break;
    }
    events.push_back(std::move(event));
  }
  return events;
}

std::string SerializeEventList(const std::vector<coop::v1::RecordedEvent>& events) {
  std::string out;
  for (const auto& event : events) {
    const std::string bytes = event.SerializeAsString();
    out.push_back(static_cast<char>(kEventTag));
    uint32_t length = static_cast<uint32_t>(bytes.size());
    do {  // varint
      out.push_back(static_cast<char>((length & 0x7F) | (length > 0x7F ? 0x80 : 0)));
      length >>= 7;
    } while (length != 0);
    out += bytes;
  }
  return out;
}

std::vector<coop::v1::RecordedEvent> StoredLog(const std::vector<coop::v1::RecordedEvent>& events) {
  const eventstore::Limits limits;
  std::vector<coop::v1::RecordedEvent> log;
  std::set<std::string> ids;
  std::map<std::string, uint64_t> versions;
  int64_t recorded_at = 0;
  for (const auto& event : events) {
    if (!eventstore::ValidateAppend(AsAppend(event), limits).ok()) continue;
    const std::string id = base::FormatUuid(*base::ParseUuid(event.event_id()));
    if (!ids.insert(id).second) continue;  // the store refuses a second event with an id
    coop::v1::RecordedEvent stored = event;
    stored.set_event_id(id);
    stored.set_position(log.size() + 1);
    stored.set_stream_version(++versions[event.stream_id()]);
    recorded_at = std::max(recorded_at, event.recorded_at_micros());
    stored.set_recorded_at_micros(recorded_at);
    stored.clear_prev_hash();
    stored.clear_hash();
    stored.clear_leaf_hash();
    log.push_back(std::move(stored));
  }
  return log;
}

}  // namespace coop::fuzz
