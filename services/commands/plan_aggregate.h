// The annual plan aggregate as the CommandExecutor sees it. A plan has no id of its own: it
// is an area's plan for a year, stream `plan-<unit set>-<area code>-<year>`
// (domain::PlanStreamId), and its id is that stream id without "plan-". Its events are filed
// under the plan's area. Stateless; thread-safe.
#ifndef COOPLEDGER_SERVICES_COMMANDS_PLAN_AGGREGATE_H_
#define COOPLEDGER_SERVICES_COMMANDS_PLAN_AGGREGATE_H_

#include <string>
#include <string_view>
#include <vector>

#include "coop/v1/plan_events.pb.h"
#include "domain/programs/plan_decider.h"
#include "domain/programs/plan_state.h"

namespace coop::services {

struct PlanAggregate {
  using State = domain::PlanState;
  using Event = coop::v1::PlanEvent;
  static constexpr const char* kName = "annual plan";
  static constexpr std::string_view kStreamPrefix = "plan-";

  // "<unit set>-<area code>-<year>", e.g. "2025-03-966-2025".
  static std::string PlanId(const coop::v1::Area& area, int year) {
    return domain::PlanStreamId(area, year).substr(kStreamPrefix.size());
  }
  static std::string StreamId(const std::string& plan_id) {
    return std::string(kStreamPrefix) + plan_id;
  }

  static State Evolve(State state, absl::CivilDay on, const Event& event) {
    return domain::Evolve(std::move(state), on, event);
  }
  static absl::StatusOr<std::vector<Event>> Decide(const std::string& occurred_on,
                                                   const Event& fact, const State& state,
                                                   const domain::DecisionContext& context) {
    return domain::DecidePlan(occurred_on, fact, state, context);
  }
  static coop::v1::Area AreaOf(const State& state) { return state.area; }
  static bool Exists(const State& state) { return state.set; }
  // Setting the targets creates the plan the first time and revises it afterwards.
  static bool Creates(const Event& event) { return event.has_targets_set(); }
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_COMMANDS_PLAN_AGGREGATE_H_
