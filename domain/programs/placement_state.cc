#include "domain/programs/placement_state.h"

#include "domain/common/dates.h"

namespace coop::domain {

const char* PlacementStatusName(PlacementStatus status) {
  switch (status) {
    case PlacementStatus::kNotPlaced:
      return "not placed";
    case PlacementStatus::kRunning:
      return "running";
    case PlacementStatus::kEnded:
      return "ended";
  }
  return "unknown";
}

PlacementState Evolve(PlacementState s, absl::CivilDay on, const coop::v1::PlacementEvent& event) {
  using E = coop::v1::PlacementEvent;
  switch (event.event_case()) {
    case E::kPlaced: {
      const auto& e = event.placed();
      s.status = PlacementStatus::kRunning;
      s.placement_id = e.placement_id();
      s.person_ref = e.person_ref();
      s.cooperative_id = e.cooperative_id();
      s.started_on = ParseDateOr(e.start_date(), on);
      s.planned_term_months = e.planned_term_months();
      break;
    }
    case E::kEnded:
      s.status = PlacementStatus::kEnded;
      s.ended_on = ParseDateOr(event.ended().end_date(), on);
      break;
    case E::EVENT_NOT_SET:
      break;
  }
  return s;
}

bool PlacementActiveOn(const PlacementState& s, absl::CivilDay day) {
  if (s.status == PlacementStatus::kNotPlaced || day < s.started_on) return false;
  return s.status == PlacementStatus::kRunning || day < s.ended_on;
}

}  // namespace coop::domain
