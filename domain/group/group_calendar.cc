#include "domain/group/group_calendar.h"

#include "domain/common/dates.h"

namespace coop::domain {

std::optional<GroupTimedTransition> GroupDueTransition(GroupStatus status,
                                                       absl::CivilDay suspended_until,
                                                       absl::CivilDay termination_notified_on,
                                                       absl::CivilDay day) {
  if (status == GroupStatus::kSuspended && suspended_until < day) {
    return GroupTimedTransition{GroupStatus::kActive, suspended_until + 1, kGroupSuspensionEndRule};
  }
  if (status == GroupStatus::kTerminating) {
    const absl::CivilDay automatic = AddMonths(termination_notified_on, 3);
    if (automatic <= day) {
      return GroupTimedTransition{GroupStatus::kTerminated, automatic,
                                  kGroupAutomaticTerminationRule};
    }
  }
  return std::nullopt;
}

GroupState AdvanceTo(GroupState state, absl::CivilDay day) {
  auto due =
      GroupDueTransition(state.status, state.suspended_until, state.termination_notified_on, day);
  if (!due.has_value()) return state;
  state.status = due->to;
  state.status_since = due->on;
  state.status_rule = due->rule;
  if (IsTerminal(due->to)) state.ended_on = due->on;
  return state;
}

std::optional<GroupStatus> GroupStatusFromName(const std::string& name) {
  using S = GroupStatus;
  for (S status : {S::kUnformed, S::kFormed, S::kActive, S::kSuspended, S::kTerminating,
                   S::kTerminated, S::kConverted}) {
    if (name == GroupStatusName(status)) return status;
  }
  return std::nullopt;
}

}  // namespace coop::domain
