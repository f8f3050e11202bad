// The cooperative-group decider: given what an agency wants to record about a tổ hợp tác (one
// GroupEvent, "record this fact") and the group's current state, decide which events to
// append, or which rule forbids it. Pure (no I/O); thread-safe.
//
// Given/when/then: state = fold(Evolve, given events); Decide(when, state) → then events.
//
// The eras of a group's paperwork: a notice to the commune under Decree 151/2007 (before 25
// Nov 2019, at least 3 members), then under Decree 77/2019 (at least 2 members); from 1 July
// 2024 a registration certificate under Law 17/2023/QH15 Art. 107 instead of a notice. A
// group that has neither is Formed, not Active. Only a registered group converts to a
// cooperative, 12 months or more after its certificate, with every member agreeing.
//
// Not decided here (they need other streams or the calendar): that a hall a group is
// formalised from exists, that the cooperative a group converts to records its origin, that a
// group which must register under Art. 107 did so within 18 months, and the automatic
// termination 3 months after a terminating notice; the services and projections do that.
#ifndef COOPLEDGER_DOMAIN_GROUP_GROUP_DECIDER_H_
#define COOPLEDGER_DOMAIN_GROUP_GROUP_DECIDER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "coop/v1/group_events.pb.h"
#include "domain/common/decision_context.h"
#include "domain/group/group_state.h"

namespace coop::domain {

// GROUP-01: the fewest members a group may have on `day`: 3 under Decree 151/2007 (before 25
// Nov 2019), 2 from then on.
int64_t MinimumGroupMembers(absl::CivilDay day);
// GROUP-05: the decree a notice given on `day` is under; unspecified from 1 July 2024, when
// notices gave way to registration.
coop::v1::GroupNoticeDecree NoticeDecreeInForce(absl::CivilDay day);

// `occurred_on` is the business date ("YYYY-MM-DD") of the fact. The events returned all
// happened on that date; today that is always the fact itself.
absl::StatusOr<std::vector<coop::v1::GroupEvent>> DecideGroup(const std::string& occurred_on,
                                                              const coop::v1::GroupEvent& fact,
                                                              const GroupState& state,
                                                              const DecisionContext& context);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_GROUP_GROUP_DECIDER_H_
