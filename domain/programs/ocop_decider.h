// The OCOP product decider: given what an agency wants to record about an OCOP product (one
// OcopEvent, "record this fact") and the product's current state, decide which events to
// append, or which rule forbids it. Pure (no I/O); thread-safe.
//
// Given/when/then: state = fold(Evolve, given events); Decide(when, state) → then events.
#ifndef COOPLEDGER_DOMAIN_PROGRAMS_OCOP_DECIDER_H_
#define COOPLEDGER_DOMAIN_PROGRAMS_OCOP_DECIDER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "coop/v1/ocop_events.pb.h"
#include "domain/common/decision_context.h"
#include "domain/programs/ocop_state.h"

namespace coop::domain {

// `occurred_on` is the business date ("YYYY-MM-DD") of the fact; for a rating, its decision
// date. The only event is the fact, a rating completed with its decision date and expiry
// date when they were left empty.
absl::StatusOr<std::vector<coop::v1::OcopEvent>> DecideOcop(const std::string& occurred_on,
                                                            const coop::v1::OcopEvent& fact,
                                                            const OcopState& state,
                                                            const DecisionContext& context);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_PROGRAMS_OCOP_DECIDER_H_
