// The cooperative decider: given what an agency wants to record about a cooperative or union
// (one CooperativeEvent, "record this fact") and the cooperative's current state, decide which
// events to append, or which rule forbids it. Pure (no I/O); thread-safe.
//
// Given/when/then: state = fold(Evolve, given events); Decide(when, state) → then events.
#ifndef COOPLEDGER_DOMAIN_COOPERATIVE_COOPERATIVE_DECIDER_H_
#define COOPLEDGER_DOMAIN_COOPERATIVE_COOPERATIVE_DECIDER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "coop/v1/cooperative_events.pb.h"
#include "domain/common/decision_context.h"
#include "domain/cooperative/cooperative_state.h"

namespace coop::domain {

// `occurred_on` is the business date ("YYYY-MM-DD") of the fact. The events returned all
// happened on that date; a revocation that is not for tax enforcement also starts dissolution.
absl::StatusOr<std::vector<coop::v1::CooperativeEvent>> DecideCooperative(
    const std::string& occurred_on, const coop::v1::CooperativeEvent& fact,
    const CooperativeState& state, const DecisionContext& context);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_COOPERATIVE_COOPERATIVE_DECIDER_H_
