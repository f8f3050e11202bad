// The OCOP product aggregate's descriptor. Stream `ocop-<product id>`.
// No OCOP event carries an area (a product belongs to a cooperative, whose address lives in
// the cooperative's stream), so its events are filed under no area: AreaOf is empty and the
// projections place a product through its cooperative. Stateless; thread-safe.
#ifndef COOPLEDGER_DOMAIN_PROGRAMS_OCOP_AGGREGATE_H_
#define COOPLEDGER_DOMAIN_PROGRAMS_OCOP_AGGREGATE_H_

#include <string>
#include <vector>

#include "coop/v1/ocop_events.pb.h"
#include "domain/common/aggregate_owner.h"
#include "domain/programs/ocop_decider.h"
#include "domain/programs/ocop_state.h"

namespace coop::domain {

struct OcopAggregate {
  using State = OcopState;
  using Event = coop::v1::OcopEvent;
  static constexpr const char* kName = "OCOP product";

  // Stream `ocop-<id>`: the aggregate's id is the stream id without the prefix.
  static constexpr char kStreamPrefix[] = "ocop-";
  static std::string StreamId(const std::string& product_id) {
    return std::string(kStreamPrefix) + product_id;
  }

  static State Evolve(State state, absl::CivilDay on, const Event& event) {
    return coop::domain::Evolve(std::move(state), on, event);
  }
  static absl::StatusOr<std::vector<Event>> Decide(const std::string& occurred_on,
                                                   const Event& fact, const State& state,
                                                   const DecisionContext& context) {
    return DecideOcop(occurred_on, fact, state, context);
  }
  static coop::v1::Area AreaOf(const State&) { return {}; }
  // A recorder's scope is judged on the product's cooperative (commands/recorder_scope.h).
  static AggregateOwner OwnerOf(const State& state) {
    return {.cooperative_id = state.cooperative_id, .group_id = {}};
  }
  static bool Exists(const State& state) { return state.status != OcopStatus::kUnenrolled; }
  static bool Creates(const Event& event) { return event.has_enrolled(); }
};

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_PROGRAMS_OCOP_AGGREGATE_H_
