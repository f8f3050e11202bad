#include "eventstore/event_filter.h"

namespace coop::eventstore {

EventMatcher::EventMatcher(const coop::v1::EventFilter& filter)
    : types_(filter.event_types().begin(), filter.event_types().end()),
      prefixes_(filter.stream_prefixes().begin(), filter.stream_prefixes().end()) {
  for (const auto& area : filter.areas()) areas_.emplace(area.unit_set(), area.code());
}

bool EventMatcher::Matches(const coop::v1::RecordedEvent& event) const {
  if (!types_.empty() && !types_.contains(event.type())) return false;
  if (!prefixes_.empty()) {
    bool any = false;
    for (const auto& p : prefixes_) {
      if (event.stream_id().starts_with(p)) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  if (!areas_.empty() && !areas_.contains({event.area().unit_set(), event.area().code()})) {
    return false;
  }
  return true;
}

const std::pair<std::string, std::string>* EventMatcher::SingleArea() const {
  return areas_.size() == 1 ? &*areas_.begin() : nullptr;
}

}  // namespace coop::eventstore
