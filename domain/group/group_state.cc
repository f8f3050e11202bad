#include "domain/group/group_state.h"

#include "domain/common/dates.h"

namespace coop::domain {

bool IsTerminal(GroupStatus status) {
  return status == GroupStatus::kTerminated || status == GroupStatus::kConverted;
}

const char* GroupStatusName(GroupStatus status) {
  switch (status) {
    case GroupStatus::kUnformed:
      return "not formed";
    case GroupStatus::kFormed:
      return "formed, not yet notified or registered";
    case GroupStatus::kActive:
      return "active";
    case GroupStatus::kSuspended:
      return "suspended";
    case GroupStatus::kTerminating:
      return "terminating";
    case GroupStatus::kTerminated:
      return "terminated";
    case GroupStatus::kConverted:
      return "converted to a cooperative";
  }
  return "unknown";
}

GroupState Evolve(GroupState s, absl::CivilDay on, const coop::v1::GroupEvent& event) {
  using E = coop::v1::GroupEvent;
  const GroupStatus before = s.status;
  const absl::CivilDay ended_before = s.ended_on;
  switch (event.event_case()) {
    case E::kFormed: {
      const auto& e = event.formed();
      s.status = GroupStatus::kFormed;
      s.group_id = e.group_id();
      s.name = e.name();
      s.formed_on = on;
      s.term_months = e.term_months();
      s.no_fixed_term = e.no_fixed_term();
      s.address = e.address();
      s.members = e.members();
      s.has_capital_contributions = e.has_capital_contributions();
      s.representative_ref = e.representative_ref();
      s.activities.assign(e.activities().begin(), e.activities().end());
      s.origin = e.origin();
      s.origin_hall_id = e.origin_hall_id();
      break;
    }
    case E::kNotified:
      if (s.status == GroupStatus::kFormed) s.status = GroupStatus::kActive;
      s.notified = true;
      s.notified_on = on;
      s.notice_decree = event.notified().decree();
      break;
    case E::kRegistered:
      // A notified or suspended group keeps its status; a formed one becomes active.
      if (s.status == GroupStatus::kFormed) s.status = GroupStatus::kActive;
      s.registered = true;
      s.certificate_date = ParseDateOr(event.registered().certificate_date(), on);
      s.certificate_number = event.registered().certificate_number();
      break;
    case E::kChanged: {
      const auto& e = event.changed();
      if (!e.name().empty()) s.name = e.name();
      if (!e.address().code().empty()) s.address = e.address();
      if (!e.representative_ref().empty()) s.representative_ref = e.representative_ref();
      if (e.activities_changed()) s.activities.assign(e.activities().begin(), e.activities().end());
      break;
    }
    case E::kMembersChanged:
      s.members = event.members_changed().members();
      break;
    case E::kSuspended:
      s.status = GroupStatus::kSuspended;
      s.suspended_from = ParseDateOr(event.suspended().from(), on);
      s.suspended_until = ParseDateOr(event.suspended().until(), s.suspended_from);
      break;
    case E::kResumed:
      s.status = GroupStatus::kActive;
      break;
    case E::kTerminationNotified:
      s.status = GroupStatus::kTerminating;
      s.termination_notified_on = on;
      break;
    case E::kTerminated:
      s.status = GroupStatus::kTerminated;
      s.ended_on = on;
      break;
    case E::kConvertedToCooperative:
      s.status = GroupStatus::kConverted;
      s.ended_on = on;
      s.cooperative_id = event.converted_to_cooperative().cooperative_id();
      break;
    case E::EVENT_NOT_SET:
      break;
  }
  if (IsTerminal(before)) {
    s.status = before;
    s.ended_on = ended_before;
  } else if (s.status != before) {
    s.status_since = on;
    s.status_rule = "";
  }
  return s;
}

}  // namespace coop::domain
