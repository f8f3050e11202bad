#include "domain/common/stream_corrections.h"

#include <map>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "base/uuid.h"
#include "coop/v1/corrections.pb.h"
#include "domain/common/rules.h"

namespace coop::domain {
namespace {

std::string CanonicalId(const std::string& id) {
  auto bytes = base::ParseUuid(id);
  return bytes ? base::FormatUuid(*bytes) : id;
}

}  // namespace

bool IsCorrection(const coop::v1::RecordedEvent& event) {
  return event.type() == coop::v1::EventVoided::descriptor()->full_name() ||
         event.type() == coop::v1::EventAmended::descriptor()->full_name();
}

std::optional<Withdrawal> WithdrawalOf(const std::vector<const coop::v1::RecordedEvent*>& stream) {
  const coop::v1::RecordedEvent* creating = nullptr;
  for (const auto* event : stream) {
    if (!IsCorrection(*event)) {
      creating = event;
      break;
    }
  }
  if (creating == nullptr) return std::nullopt;
  for (const auto* event : stream) {
    if (event->type() != coop::v1::EventVoided::descriptor()->full_name()) continue;
    coop::v1::EventVoided voided;
    if (!voided.ParseFromString(event->payload()) ||
        CanonicalId(voided.event_id()) != creating->event_id()) {
      continue;
    }
    return Withdrawal{creating->event_id(), voided.reason(), event->occurred_on(),
                      event->position()};
  }
  return std::nullopt;
}

std::optional<Withdrawal> WithdrawalOf(const std::vector<coop::v1::RecordedEvent>& stream) {
  std::vector<const coop::v1::RecordedEvent*> refs;
  refs.reserve(stream.size());
  for (const auto& event : stream) refs.push_back(&event);
  return WithdrawalOf(refs);
}

absl::Status WithdrawnError(absl::string_view what, const std::string& id,
                            const Withdrawal& withdrawal) {
  return Violation(
      "CORR-10", "event",
      absl::StrCat(what, " ", id, " was withdrawn on ", withdrawal.occurred_on, " (",
                   withdrawal.reason, "): nothing more is recorded or corrected for it"));
}

std::vector<const coop::v1::RecordedEvent*> EffectiveEventRefs(
    const std::vector<const coop::v1::RecordedEvent*>& stream,
    std::vector<std::unique_ptr<coop::v1::RecordedEvent>>* amended) {
  std::set<std::string> voided;
  std::map<std::string, std::string> replacement;
  for (const auto* event : stream) {
    if (event->type() == coop::v1::EventVoided::descriptor()->full_name()) {
      coop::v1::EventVoided voided_event;
      if (voided_event.ParseFromString(event->payload())) {
        voided.insert(CanonicalId(voided_event.event_id()));
      }
    } else if (event->type() == coop::v1::EventAmended::descriptor()->full_name()) {
      coop::v1::EventAmended amended_event;
      if (amended_event.ParseFromString(event->payload())) {
        replacement[CanonicalId(amended_event.event_id())] = amended_event.replacement();
      }
    }
  }
  std::vector<const coop::v1::RecordedEvent*> effective;
  // A withdrawn record: its creating event voided, nothing of it counts.
  for (const auto* event : stream) {
    if (IsCorrection(*event)) continue;
    if (voided.contains(event->event_id())) return effective;
    break;
  }
  effective.reserve(stream.size());
  for (const auto* event : stream) {
    if (IsCorrection(*event) || voided.contains(event->event_id())) continue;
    if (auto it = replacement.find(event->event_id()); it != replacement.end()) {
      auto copy = std::make_unique<coop::v1::RecordedEvent>(*event);
      copy->set_payload(it->second);
      effective.push_back(copy.get());
      amended->push_back(std::move(copy));
    } else {
      effective.push_back(event);
    }
  }
  return effective;
}

std::vector<coop::v1::RecordedEvent> EffectiveEvents(
    const std::vector<coop::v1::RecordedEvent>& stream) {
  std::vector<const coop::v1::RecordedEvent*> refs;
  refs.reserve(stream.size());
  for (const auto& event : stream) refs.push_back(&event);
  std::vector<std::unique_ptr<coop::v1::RecordedEvent>> amended;
  std::vector<coop::v1::RecordedEvent> effective;
  for (const auto* event : EffectiveEventRefs(refs, &amended)) effective.push_back(*event);
  return effective;
}

}  // namespace coop::domain
