// The graduate placement decider: given what an agency wants to record about a young graduate
// placed at a cooperative (one PlacementEvent, "record this fact") and the placement's current
// state, decide which events to append, or which rule forbids it. Pure (no I/O); thread-safe.
//
// Given/when/then: state = fold(Evolve, given events); Decide(when, state) → then events.
#ifndef COOPLEDGER_DOMAIN_PROGRAMS_PLACEMENT_DECIDER_H_
#define COOPLEDGER_DOMAIN_PROGRAMS_PLACEMENT_DECIDER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "coop/v1/placement_events.pb.h"
#include "domain/common/decision_context.h"
#include "domain/programs/placement_state.h"

namespace coop::domain {

// `occurred_on` is the business date ("YYYY-MM-DD") of the fact: the placement's start, or its
// end. The only event is the fact, completed with its start or end date when left empty.
absl::StatusOr<std::vector<coop::v1::PlacementEvent>> DecidePlacement(
    const std::string& occurred_on, const coop::v1::PlacementEvent& fact,
    const PlacementState& state, const DecisionContext& context);

// PLACE-04: whether `ref` looks like an opaque reference rather than personal data (a name,
// an e-mail address, an ID or phone number): not empty, no white space, no '@', not only
// digits.
bool IsOpaquePersonRef(const std::string& ref);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_PROGRAMS_PLACEMENT_DECIDER_H_
