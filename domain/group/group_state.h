// The state of one cooperative group (tổ hợp tác, THT), folded from its events: what the
// decider needs to apply the rules. Pure value type; not thread-safe (copy it).
#ifndef COOPLEDGER_DOMAIN_GROUP_GROUP_STATE_H_
#define COOPLEDGER_DOMAIN_GROUP_GROUP_STATE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "coop/v1/group_events.pb.h"

namespace coop::domain {

enum class GroupStatus {
  kUnformed,  // no event yet
  kFormed,    // the contract exists; not yet notified nor registered
  kActive,    // notified to the commune or registered
  kSuspended,
  kTerminating,  // notified its termination: ends by itself 3 months later (GROUP-15)
  kTerminated,   // terminal
  kConverted,    // terminal: became a cooperative
};

bool IsTerminal(GroupStatus status);
const char* GroupStatusName(GroupStatus status);

struct GroupState {
  GroupStatus status = GroupStatus::kUnformed;
  absl::CivilDay status_since;  // the first day in `status`
  // Empty when an event set the status; the calendar's rule id (group_calendar.h) when the
  // calendar did.
  const char* status_rule = "";
  std::string group_id;
  std::string name;
  absl::CivilDay formed_on;
  int term_months = 0;
  bool no_fixed_term = false;
  coop::v1::Area address;
  int64_t members = 0;
  bool has_capital_contributions = false;
  std::string representative_ref;
  std::vector<std::string> activities;
  coop::v1::GroupOrigin origin = coop::v1::GROUP_ORIGIN_UNSPECIFIED;
  std::string origin_hall_id;
  bool notified = false;
  absl::CivilDay notified_on;
  coop::v1::GroupNoticeDecree notice_decree = coop::v1::GROUP_NOTICE_DECREE_UNSPECIFIED;
  bool registered = false;
  absl::CivilDay certificate_date;  // the registration certificate's date
  std::string certificate_number;
  absl::CivilDay suspended_from;
  absl::CivilDay suspended_until;
  absl::CivilDay termination_notified_on;
  absl::CivilDay ended_on;     // terminated or converted
  std::string cooperative_id;  // the cooperative it converted to
};

// Applies one event that happened on `occurred_on`. Events come from the log and are trusted:
// Evolve never fails. It applies no calendar: readers and the decider apply AdvanceTo
// (group_calendar.h) for the day they judge. A terminal status is final: an event after it
// (only a log written before the calendar rules could hold one) changes no status.
GroupState Evolve(GroupState state, absl::CivilDay occurred_on, const coop::v1::GroupEvent& event);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_GROUP_GROUP_STATE_H_
