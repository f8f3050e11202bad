// The support grant aggregate as the CommandExecutor sees it. Stream `grant-<grant id>`. Its
// events are filed under the area the grant names (SupportGranted.area, optional); a grant
// without one is filed under no area and the projections place it through its recipient. The
// domain state does not keep the area, so the adapter's state keeps it beside the domain
// state. Stateless; thread-safe.
#ifndef COOPLEDGER_SERVICES_COMMANDS_GRANT_AGGREGATE_H_
#define COOPLEDGER_SERVICES_COMMANDS_GRANT_AGGREGATE_H_

#include <string>
#include <vector>

#include "coop/v1/grant_events.pb.h"
#include "domain/programs/grant_decider.h"
#include "domain/programs/grant_state.h"

namespace coop::services {

struct GrantAggregate {
  struct State {
    domain::GrantState domain;
    coop::v1::Area area;  // from SupportGranted, if it names one
  };
  using Event = coop::v1::GrantEvent;
  static constexpr const char* kName = "support grant";

  static std::string StreamId(const std::string& grant_id) { return "grant-" + grant_id; }

  static State Evolve(State state, absl::CivilDay on, const Event& event) {
    if (event.has_granted()) state.area = event.granted().area();
    state.domain = domain::Evolve(std::move(state.domain), on, event);
    return state;
  }
  static absl::StatusOr<std::vector<Event>> Decide(const std::string& occurred_on,
                                                   const Event& fact, const State& state,
                                                   const domain::DecisionContext& context) {
    return domain::DecideGrant(occurred_on, fact, state.domain, context);
  }
  static coop::v1::Area AreaOf(const State& state) { return state.area; }
  static bool Exists(const State& state) { return state.domain.granted; }
  static bool Creates(const Event& event) { return event.has_granted(); }
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_COMMANDS_GRANT_AGGREGATE_H_
