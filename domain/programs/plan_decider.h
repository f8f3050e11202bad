// The annual plan decider: given targets an area sets itself for a year (one PlanEvent,
// "record this fact") and the plan's current state, decide which events to append, or which
// rule forbids it. Pure (no I/O); thread-safe.
//
// Given/when/then: state = fold(Evolve, given events); Decide(when, state) → then events.
#ifndef COOPLEDGER_DOMAIN_PROGRAMS_PLAN_DECIDER_H_
#define COOPLEDGER_DOMAIN_PROGRAMS_PLAN_DECIDER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "coop/v1/plan_events.pb.h"
#include "domain/common/decision_context.h"
#include "domain/programs/plan_state.h"

namespace coop::domain {

// `occurred_on` is the business date ("YYYY-MM-DD") of the plan (its approval). The only event
// is the fact itself; it replaces the targets set before. The area is checked against the
// reference data when the plan is first set; a revision names the same area and year.
absl::StatusOr<std::vector<coop::v1::PlanEvent>> DecidePlan(const std::string& occurred_on,
                                                            const coop::v1::PlanEvent& fact,
                                                            const PlanState& state,
                                                            const DecisionContext& context);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_PROGRAMS_PLAN_DECIDER_H_
