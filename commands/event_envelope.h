// The envelope of a command's events: the one place that decides what a command puts around
// each event it appends (event id derived from the command id, business date, area, who
// recorded it, correlation id), and the correction events the write path builds itself
// (EventVoided, EventAmended).
//
// Shared by the command executor, the correction executor and the national-scale generator
// (tools/scale), so a generated history is byte for byte what the command services would have
// written. Pure functions; thread-safe.
#ifndef COOPLEDGER_COMMANDS_EVENT_ENVELOPE_H_
#define COOPLEDGER_COMMANDS_EVENT_ENVELOPE_H_

#include <string>
#include <vector>

#include "coop/v1/eventstore.pb.h"
#include "domain/common/event_union_codec.h"

namespace coop::commands {

// What one command stamps on every event it appends.
struct CommandStamp {
  std::string command_id;   // a UUID; event i gets DerivedEventId(command_id, i)
  std::string occurred_on;  // YYYY-MM-DD
  // Who recorded it (actor, agency, client). Its correlation id is set to the command id.
  coop::v1::EventMetadata metadata;
  // The digest of the command's request (commands/command_digest.h), put on its first event
  // only; empty for events not recorded through a command service (e.g. generated history).
  std::string command_digest;
};

// Sets the command's `index`-th event's id, business date and metadata, and files it under
// `area` (none if `area` is empty).
void StampEvent(const CommandStamp& stamp, const coop::v1::Area& area, int index,
                coop::v1::ProposedEvent* event);

// Encodes `events` (members of the event union `Event`) as the command's events number
// `first_index`, `first_index + 1`, … filed under `area`, and appends them to `stream`.
// Returns the next index.
template <typename Event>
int AddCommandEvents(const CommandStamp& stamp, const coop::v1::Area& area,
                     const std::vector<Event>& events, int first_index,
                     coop::v1::StreamAppend* stream) {
  int index = first_index;
  for (const auto& event : events) {
    auto* proposed = stream->add_events();
    domain::CodecFor<Event>().Encode(event, proposed);
    StampEvent(stamp, area, index++, proposed);
  }
  return index;
}

// The correction events, not stamped: they take the corrected event's date and area.
coop::v1::ProposedEvent VoidingEvent(const std::string& event_id, const std::string& reason);
coop::v1::ProposedEvent AmendingEvent(const std::string& event_id, const std::string& reason,
                                      const std::string& replacement);

}  // namespace coop::commands

#endif  // COOPLEDGER_COMMANDS_EVENT_ENVELOPE_H_
