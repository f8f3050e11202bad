// The community-hall decider: given what an agency wants to record about a hội quán (one
// HallEvent, "record this fact") and the hall's current state, decide which events to append,
// or which rule forbids it. Pure (no I/O); thread-safe.
//
// Given/when/then: state = fold(Evolve, given events); Decide(when, state) → then events.
//
// A hall has no legal status: it is founded, its members change, and it may be formalised
// once as a cooperative group (THT) or a cooperative (HTX). Formalisation is terminal for the
// hall's record (HALL-02): the new group or cooperative is recorded in its own stream, which
// names the hall as its origin (GroupFormed.origin_hall_id). A gathering that carries on
// under the same name after formalising is the new aggregate, not the hall; the yearly count
// of halls decides whether a formalised hall still counts (the projections say which).
#ifndef COOPLEDGER_DOMAIN_HALL_HALL_DECIDER_H_
#define COOPLEDGER_DOMAIN_HALL_HALL_DECIDER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "coop/v1/hall_events.pb.h"
#include "domain/common/decision_context.h"
#include "domain/hall/hall_state.h"

namespace coop::domain {

// `occurred_on` is the business date ("YYYY-MM-DD") of the fact. The events returned all
// happened on that date; today that is always the fact itself.
absl::StatusOr<std::vector<coop::v1::HallEvent>> DecideHall(const std::string& occurred_on,
                                                            const coop::v1::HallEvent& fact,
                                                            const HallState& state,
                                                            const DecisionContext& context);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_HALL_HALL_DECIDER_H_
