// The class decider: given a class an agency wants to record (one ClassEvent, "record this
// fact") and the class's current state, decide which events to append, or which rule forbids
// it. Pure (no I/O); thread-safe.
//
// Given/when/then: state = fold(Evolve, given events); Decide(when, state) → then events.
#ifndef COOPLEDGER_DOMAIN_PROGRAMS_CLASS_DECIDER_H_
#define COOPLEDGER_DOMAIN_PROGRAMS_CLASS_DECIDER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "coop/v1/class_events.pb.h"
#include "domain/common/decision_context.h"
#include "domain/programs/class_state.h"

namespace coop::domain {

// `occurred_on` is the business date ("YYYY-MM-DD") of the fact: a day of the class, from its
// start to its end. The only event is the fact itself.
absl::StatusOr<std::vector<coop::v1::ClassEvent>> DecideClass(const std::string& occurred_on,
                                                              const coop::v1::ClassEvent& fact,
                                                              const ClassState& state,
                                                              const DecisionContext& context);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_PROGRAMS_CLASS_DECIDER_H_
