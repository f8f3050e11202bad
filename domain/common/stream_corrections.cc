#include "domain/common/stream_corrections.h"

#include <map>
#include <set>
#include <string>

#include "coop/v1/corrections.pb.h"
#include "eventstore/uuid.h"

namespace coop::domain {
namespace {

std::string CanonicalId(const std::string& id) {
  auto bytes = eventstore::ParseUuid(id);
  return bytes ? eventstore::FormatUuid(*bytes) : id;
}

}  // namespace

bool IsCorrection(const coop::v1::RecordedEvent& event) {
  return event.type() == coop::v1::EventVoided::descriptor()->full_name() ||
         event.type() == coop::v1::EventAmended::descriptor()->full_name();
}

std::vector<coop::v1::RecordedEvent> EffectiveEvents(
    const std::vector<coop::v1::RecordedEvent>& stream) {
  std::set<std::string> voided;
  std::map<std::string, std::string> replacement;
  for (const auto& event : stream) {
    if (event.type() == coop::v1::EventVoided::descriptor()->full_name()) {
      coop::v1::EventVoided voided_event;
      if (voided_event.ParseFromString(event.payload())) {
        voided.insert(CanonicalId(voided_event.event_id()));
      }
    } else if (event.type() == coop::v1::EventAmended::descriptor()->full_name()) {
      coop::v1::EventAmended amended;
      if (amended.ParseFromString(event.payload())) {
        replacement[CanonicalId(amended.event_id())] = amended.replacement();
      }
    }
  }
  std::vector<coop::v1::RecordedEvent> effective;
  for (const auto& event : stream) {
    if (IsCorrection(event) || voided.contains(event.event_id())) continue;
    effective.push_back(event);
    if (auto it = replacement.find(event.event_id()); it != replacement.end()) {
      effective.back().set_payload(it->second);
    }
  }
  return effective;
}

}  // namespace coop::domain
