// The community-hall aggregate (hội quán)'s descriptor: state, event union,
// evolve, decide, and the area its events are filed under (the hall's commune). Stream
// `hall-<hall id>`. Stateless; thread-safe.
#ifndef COOPLEDGER_DOMAIN_HALL_HALL_AGGREGATE_H_
#define COOPLEDGER_DOMAIN_HALL_HALL_AGGREGATE_H_

#include <string>
#include <vector>

#include "coop/v1/hall_events.pb.h"
#include "domain/hall/hall_decider.h"
#include "domain/hall/hall_state.h"

namespace coop::domain {

struct HallAggregate {
  using State = HallState;
  using Event = coop::v1::HallEvent;
  static constexpr const char* kName = "community hall";

  // Stream `hall-<id>`: the aggregate's id is the stream id without the prefix.
  static constexpr char kStreamPrefix[] = "hall-";
  static std::string StreamId(const std::string& hall_id) {
    return std::string(kStreamPrefix) + hall_id;
  }

  static State Evolve(State state, absl::CivilDay on, const Event& event) {
    return coop::domain::Evolve(std::move(state), on, event);
  }
  static absl::StatusOr<std::vector<Event>> Decide(const std::string& occurred_on,
                                                   const Event& fact, const State& state,
                                                   const DecisionContext& context) {
    return DecideHall(occurred_on, fact, state, context);
  }
  static coop::v1::Area AreaOf(const State& state) { return state.address; }
  static bool Exists(const State& state) { return state.status != HallStatus::kUnfounded; }
  static bool Creates(const Event& event) { return event.has_founded(); }
};

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_HALL_HALL_AGGREGATE_H_
