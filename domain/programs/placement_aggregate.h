// The graduate placement aggregate's descriptor. Stream
// `placement-<placement id>`. No placement event carries an area (the graduate works at a
// cooperative, whose address lives in the cooperative's stream), so its events are filed
// under no area: AreaOf is empty and the projections place a placement through its
// cooperative. Stateless; thread-safe.
#ifndef COOPLEDGER_DOMAIN_PROGRAMS_PLACEMENT_AGGREGATE_H_
#define COOPLEDGER_DOMAIN_PROGRAMS_PLACEMENT_AGGREGATE_H_

#include <string>
#include <vector>

#include "coop/v1/placement_events.pb.h"
#include "domain/common/aggregate_owner.h"
#include "domain/programs/placement_decider.h"
#include "domain/programs/placement_state.h"

namespace coop::domain {

struct PlacementAggregate {
  using State = PlacementState;
  using Event = coop::v1::PlacementEvent;
  static constexpr const char* kName = "graduate placement";

  // Stream `placement-<id>`: the aggregate's id is the stream id without the prefix.
  static constexpr char kStreamPrefix[] = "placement-";
  static std::string StreamId(const std::string& placement_id) {
    return std::string(kStreamPrefix) + placement_id;
  }

  static State Evolve(State state, absl::CivilDay on, const Event& event) {
    return coop::domain::Evolve(std::move(state), on, event);
  }
  static absl::StatusOr<std::vector<Event>> Decide(const std::string& occurred_on,
                                                   const Event& fact, const State& state,
                                                   const DecisionContext& context) {
    return DecidePlacement(occurred_on, fact, state, context);
  }
  static coop::v1::Area AreaOf(const State&) { return {}; }
  // A recorder's scope is judged on the host cooperative (commands/recorder_scope.h).
  static AggregateOwner OwnerOf(const State& state) {
    return {.cooperative_id = state.cooperative_id, .group_id = {}};
  }
  static bool Exists(const State& state) { return state.status != PlacementStatus::kNotPlaced; }
  static bool Creates(const Event& event) { return event.has_placed(); }
};

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_PROGRAMS_PLACEMENT_AGGREGATE_H_
