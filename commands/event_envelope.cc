#include "commands/event_envelope.h"

#include "commands/derived_ids.h"
#include "coop/v1/corrections.pb.h"

namespace coop::commands {

void StampEvent(const CommandStamp& stamp, const coop::v1::Area& area, int index,
                coop::v1::ProposedEvent* event) {
  event->set_event_id(DerivedEventId(stamp.command_id, index));
  event->set_occurred_on(stamp.occurred_on);
  *event->mutable_metadata() = stamp.metadata;
  event->mutable_metadata()->set_correlation_id(stamp.command_id);
  if (index == 0 && !stamp.command_digest.empty()) {
    event->mutable_metadata()->set_command_digest(stamp.command_digest);
  }
  if (!area.code().empty()) *event->mutable_area() = area;
}

coop::v1::ProposedEvent VoidingEvent(const std::string& event_id, const std::string& reason) {
  coop::v1::EventVoided voided;
  voided.set_event_id(event_id);
  voided.set_reason(reason);
  coop::v1::ProposedEvent event;
  event.set_type(coop::v1::EventVoided::descriptor()->full_name());
  event.set_schema_version(1);
  event.set_payload(voided.SerializeAsString());
  return event;
}

coop::v1::ProposedEvent AmendingEvent(const std::string& event_id, const std::string& reason,
                                      const std::string& replacement) {
  coop::v1::EventAmended amended;
  amended.set_event_id(event_id);
  amended.set_reason(reason);
  amended.set_replacement(replacement);
  coop::v1::ProposedEvent event;
  event.set_type(coop::v1::EventAmended::descriptor()->full_name());
  event.set_schema_version(1);
  event.set_payload(amended.SerializeAsString());
  return event;
}

}  // namespace coop::commands
