// The support grant aggregate's descriptor. Stream `grant-<grant id>`. Its
// events are filed under the area the grant names (SupportGranted.area, optional); a grant
// without one is filed under no area and the projections place it through its recipient. The
// domain state does not keep the area, so the descriptor's state keeps it beside the domain
// state. Stateless; thread-safe.
#ifndef COOPLEDGER_DOMAIN_PROGRAMS_GRANT_AGGREGATE_H_
#define COOPLEDGER_DOMAIN_PROGRAMS_GRANT_AGGREGATE_H_

#include <string>
#include <vector>

#include "coop/v1/grant_events.pb.h"
#include "domain/common/aggregate_owner.h"
#include "domain/programs/grant_decider.h"
#include "domain/programs/grant_state.h"

namespace coop::domain {

struct GrantAggregate {
  struct State {
    GrantState domain;
    coop::v1::Area area;       // from SupportGranted, if it names one
    AggregateOwner recipient;  // the cooperative or group it was given to
  };
  using Event = coop::v1::GrantEvent;
  static constexpr const char* kName = "support grant";

  // Stream `grant-<id>`: the aggregate's id is the stream id without the prefix.
  static constexpr char kStreamPrefix[] = "grant-";
  static std::string StreamId(const std::string& grant_id) {
    return std::string(kStreamPrefix) + grant_id;
  }

  static State Evolve(State state, absl::CivilDay on, const Event& event) {
    if (event.has_granted()) {
      state.area = event.granted().area();
      state.recipient = {.cooperative_id = event.granted().cooperative_id(),
                         .group_id = event.granted().group_id()};
    }
    state.domain = coop::domain::Evolve(std::move(state.domain), on, event);
    return state;
  }
  static absl::StatusOr<std::vector<Event>> Decide(const std::string& occurred_on,
                                                   const Event& fact, const State& state,
                                                   const DecisionContext& context) {
    return DecideGrant(occurred_on, fact, state.domain, context);
  }
  static coop::v1::Area AreaOf(const State& state) { return state.area; }
  // A recorder's scope is judged on the recipient (commands/recorder_scope.h).
  static AggregateOwner OwnerOf(const State& state) { return state.recipient; }
  static bool Exists(const State& state) { return state.domain.granted; }
  static bool Creates(const Event& event) { return event.has_granted(); }
};

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_PROGRAMS_GRANT_AGGREGATE_H_
