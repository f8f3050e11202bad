// The graduate placement aggregate as the CommandExecutor sees it. Stream
// `placement-<placement id>`. No placement event carries an area (the graduate works at a
// cooperative, whose address lives in the cooperative's stream), so its events are filed
// under no area: AreaOf is empty and the projections place a placement through its
// cooperative. Stateless; thread-safe.
#ifndef COOPLEDGER_SERVICES_COMMANDS_PLACEMENT_AGGREGATE_H_
#define COOPLEDGER_SERVICES_COMMANDS_PLACEMENT_AGGREGATE_H_

#include <string>
#include <vector>

#include "coop/v1/placement_events.pb.h"
#include "domain/programs/placement_decider.h"
#include "domain/programs/placement_state.h"

namespace coop::services {

struct PlacementAggregate {
  using State = domain::PlacementState;
  using Event = coop::v1::PlacementEvent;
  static constexpr const char* kName = "graduate placement";

  static std::string StreamId(const std::string& placement_id) {
    return "placement-" + placement_id;
  }

  static State Evolve(State state, absl::CivilDay on, const Event& event) {
    return domain::Evolve(std::move(state), on, event);
  }
  static absl::StatusOr<std::vector<Event>> Decide(const std::string& occurred_on,
                                                   const Event& fact, const State& state,
                                                   const domain::DecisionContext& context) {
    return domain::DecidePlacement(occurred_on, fact, state, context);
  }
  static coop::v1::Area AreaOf(const State&) { return {}; }
  static bool Exists(const State& state) {
    return state.status != domain::PlacementStatus::kNotPlaced;
  }
  static bool Creates(const Event& event) { return event.has_placed(); }
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_COMMANDS_PLACEMENT_AGGREGATE_H_
