// The input format of the fuzz targets that take events (event_payload, command): a list of
// coop.v1.RecordedEvent, each written as protobuf field 1 (length-delimited), which is the
// wire format of any message `{ repeated RecordedEvent events = 1; }`. A cut or broken entry
// ends the list, so every prefix of an input is itself an input.
//
// StoredLog then makes of such a list what the event store would have recorded: only events
// its validation accepts (eventstore/validation.h), ids unique and in canonical lower case,
// gap-free positions, stream versions counted per stream, recorded_at never decreasing.
// What the store guarantees is not fuzzed; everything it stores opaquely (payloads, types,
// dates, areas) is. Pure functions; thread-safe.
#ifndef COOPLEDGER_FUZZ_EVENT_LIST_H_
#define COOPLEDGER_FUZZ_EVENT_LIST_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "coop/v1/event.pb.h"

namespace coop::fuzz {

// At most this many events are read, so that one input stays fast (projections re-fold a
// stream on every event of it).
inline constexpr size_t kMaxEvents = 32;

std::vector<coop::v1::RecordedEvent> ParseEventList(const uint8_t* data, size_t size);
std::string SerializeEventList(const std::vector<coop::v1::RecordedEvent>& events);

std::vector<coop::v1::RecordedEvent> StoredLog(const std::vector<coop::v1::RecordedEvent>& events);

}  // namespace coop::fuzz

#endif  // COOPLEDGER_FUZZ_EVENT_LIST_H_
