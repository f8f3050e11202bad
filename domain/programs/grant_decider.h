// The support grant decider: given a grant an agency wants to record (one GrantEvent, "record
// this fact") and the grant's current state, decide which events to append, or which rule
// forbids it. Pure (no I/O); thread-safe.
//
// Given/when/then: state = fold(Evolve, given events); Decide(when, state) → then events.
#ifndef COOPLEDGER_DOMAIN_PROGRAMS_GRANT_DECIDER_H_
#define COOPLEDGER_DOMAIN_PROGRAMS_GRANT_DECIDER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "coop/v1/grant_events.pb.h"
#include "domain/common/decision_context.h"
#include "domain/programs/grant_state.h"

namespace coop::domain {

// `occurred_on` is the business date ("YYYY-MM-DD") of the grant. The only event is the fact
// itself. Whether the recipient exists (and, for a group, is registered) is checked by the
// command service, which can read the recipient's stream; not here.
absl::StatusOr<std::vector<coop::v1::GrantEvent>> DecideGrant(const std::string& occurred_on,
                                                              const coop::v1::GrantEvent& fact,
                                                              const GrantState& state,
                                                              const DecisionContext& context);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_PROGRAMS_GRANT_DECIDER_H_
