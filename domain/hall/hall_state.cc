#include "domain/hall/hall_state.h"

namespace coop::domain {

bool IsTerminal(HallStatus status) { return status == HallStatus::kFormalised; }

const char* HallStatusName(HallStatus status) {
  switch (status) {
    case HallStatus::kUnfounded:
      return "not founded";
    case HallStatus::kActive:
      return "active";
    case HallStatus::kFormalised:
      return "formalised";
  }
  return "unknown";
}

HallState Evolve(HallState s, absl::CivilDay on, const coop::v1::HallEvent& event) {
  using E = coop::v1::HallEvent;
  switch (event.event_case()) {
    case E::kFounded: {
      const auto& e = event.founded();
      s.status = HallStatus::kActive;
      s.hall_id = e.hall_id();
      s.name = e.name();
      s.founded_on = on;
      s.address = e.address();
      s.hamlet = e.hamlet();
      s.field = e.field();
      s.members = e.members();
      break;
    }
    case E::kMembersChanged:
      s.members = event.members_changed().members();
      break;
    case E::kFormalised:
      s.status = HallStatus::kFormalised;
      s.formalised_on = on;
      s.formalised_as = event.formalised().formalised_as();
      s.new_aggregate_id = event.formalised().new_aggregate_id();
      break;
    case E::EVENT_NOT_SET:
      break;
  }
  return s;
}

}  // namespace coop::domain
