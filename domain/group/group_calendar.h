// The legal calendar of a cooperative group (THT): what changes by the calendar alone. As for
// cooperatives (domain/cooperative/cooperative_calendar.h), a status due by time is derived
// for the day asked by every reader (the decider, the registry view, the statistics); it is
// never written as an event.
//
// | rule     | what it says                                                                |
// |----------|-----------------------------------------------------------------------------|
// | GROUP-14 | a group's suspension ends after its last day: active again from the next day |
// | GROUP-15 | a group that notified its termination ends by itself 3 months after the      |
// |          | notice, unless its termination is recorded earlier                           |
//
// Pure; thread-safe.
#ifndef COOPLEDGER_DOMAIN_GROUP_GROUP_CALENDAR_H_
#define COOPLEDGER_DOMAIN_GROUP_GROUP_CALENDAR_H_

#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "domain/group/group_state.h"

namespace coop::domain {

inline constexpr char kGroupSuspensionEndRule[] = "GROUP-14";
inline constexpr char kGroupAutomaticTerminationRule[] = "GROUP-15";

// A change of a group's status due by the calendar alone.
struct GroupTimedTransition {
  GroupStatus to = GroupStatus::kActive;
  absl::CivilDay on;      // the first day in the new status
  const char* rule = "";  // kGroupSuspensionEndRule or kGroupAutomaticTerminationRule
};

// The transition due on or before `day` for a group recorded in `status`, if any: a suspension
// (its last day `suspended_until`) ends the day after; a termination notified on
// `termination_notified_on` takes effect 3 months later.
std::optional<GroupTimedTransition> GroupDueTransition(GroupStatus status,
                                                       absl::CivilDay suspended_until,
                                                       absl::CivilDay termination_notified_on,
                                                       absl::CivilDay day);

// The state on `day`: `state` with the transition due by then applied (status, status_since,
// status_rule, and ended_on for a termination).
GroupState AdvanceTo(GroupState state, absl::CivilDay day);

// The status named as on the wire (GroupStatusName), or nullopt for a name it never gives.
std::optional<GroupStatus> GroupStatusFromName(const std::string& name);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_GROUP_GROUP_CALENDAR_H_
