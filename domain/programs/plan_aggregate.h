// The annual plan aggregate's descriptor. A plan has no id of its own: it
// is an area's plan for a year, stream `plan-<unit set>-<area code>-<year>`
// (PlanStreamId), and its id is that stream id without "plan-". Its events are filed
// under the plan's area. Stateless; thread-safe.
#ifndef COOPLEDGER_DOMAIN_PROGRAMS_PLAN_AGGREGATE_H_
#define COOPLEDGER_DOMAIN_PROGRAMS_PLAN_AGGREGATE_H_

#include <string>
#include <vector>

#include "coop/v1/plan_events.pb.h"
#include "domain/programs/plan_decider.h"
#include "domain/programs/plan_state.h"

namespace coop::domain {

struct PlanAggregate {
  using State = PlanState;
  using Event = coop::v1::PlanEvent;
  static constexpr const char* kName = "annual plan";
  static constexpr char kStreamPrefix[] = "plan-";

  // "<unit set>-<area code>-<year>", e.g. "2025-03-966-2025".
  static std::string PlanId(const coop::v1::Area& area, int year) {
    return PlanStreamId(area, year).substr(sizeof(kStreamPrefix) - 1);
  }
  static std::string StreamId(const std::string& plan_id) {
    return std::string(kStreamPrefix) + plan_id;
  }

  static State Evolve(State state, absl::CivilDay on, const Event& event) {
    return coop::domain::Evolve(std::move(state), on, event);
  }
  static absl::StatusOr<std::vector<Event>> Decide(const std::string& occurred_on,
                                                   const Event& fact, const State& state,
                                                   const DecisionContext& context) {
    return DecidePlan(occurred_on, fact, state, context);
  }
  static coop::v1::Area AreaOf(const State& state) { return state.area; }
  static bool Exists(const State& state) { return state.set; }
  // Setting the targets creates the plan the first time and revises it afterwards.
  static bool Creates(const Event& event) { return event.has_targets_set(); }
};

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_PROGRAMS_PLAN_AGGREGATE_H_
