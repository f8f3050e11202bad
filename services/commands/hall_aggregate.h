// The community-hall aggregate (hội quán) as the CommandExecutor sees it: state, event union,
// evolve, decide, and the area its events are filed under (the hall's commune). Stream
// `hall-<hall id>`. Stateless; thread-safe.
#ifndef COOPLEDGER_SERVICES_COMMANDS_HALL_AGGREGATE_H_
#define COOPLEDGER_SERVICES_COMMANDS_HALL_AGGREGATE_H_

#include <string>
#include <vector>

#include "coop/v1/hall_events.pb.h"
#include "domain/hall/hall_decider.h"
#include "domain/hall/hall_state.h"

namespace coop::services {

struct HallAggregate {
  using State = domain::HallState;
  using Event = coop::v1::HallEvent;
  static constexpr const char* kName = "community hall";

  static std::string StreamId(const std::string& hall_id) { return "hall-" + hall_id; }

  static State Evolve(State state, absl::CivilDay on, const Event& event) {
    return domain::Evolve(std::move(state), on, event);
  }
  static absl::StatusOr<std::vector<Event>> Decide(const std::string& occurred_on,
                                                   const Event& fact, const State& state,
                                                   const domain::DecisionContext& context) {
    return domain::DecideHall(occurred_on, fact, state, context);
  }
  static coop::v1::Area AreaOf(const State& state) { return state.address; }
  static bool Exists(const State& state) { return state.status != domain::HallStatus::kUnfounded; }
  static bool Creates(const Event& event) { return event.has_founded(); }
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_COMMANDS_HALL_AGGREGATE_H_
