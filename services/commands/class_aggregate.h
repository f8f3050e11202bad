// The class aggregate (training, propaganda, vocational) as the CommandExecutor sees it. Stream
// `class-<class id>`. Its events are filed under the class's area (ClassHeld.area: a commune,
// or the district or province it was held at). The domain state does not keep the area, so
// the adapter's state keeps it beside the domain state. Stateless; thread-safe.
#ifndef COOPLEDGER_SERVICES_COMMANDS_CLASS_AGGREGATE_H_
#define COOPLEDGER_SERVICES_COMMANDS_CLASS_AGGREGATE_H_

#include <string>
#include <vector>

#include "coop/v1/class_events.pb.h"
#include "domain/programs/class_decider.h"
#include "domain/programs/class_state.h"

namespace coop::services {

struct ClassAggregate {
  struct State {
    domain::ClassState domain;
    coop::v1::Area area;  // from ClassHeld
  };
  using Event = coop::v1::ClassEvent;
  static constexpr const char* kName = "class";

  static std::string StreamId(const std::string& class_id) { return "class-" + class_id; }

  static State Evolve(State state, absl::CivilDay on, const Event& event) {
    if (event.has_held()) state.area = event.held().area();
    state.domain = domain::Evolve(std::move(state.domain), on, event);
    return state;
  }
  static absl::StatusOr<std::vector<Event>> Decide(const std::string& occurred_on,
                                                   const Event& fact, const State& state,
                                                   const domain::DecisionContext& context) {
    return domain::DecideClass(occurred_on, fact, state.domain, context);
  }
  static coop::v1::Area AreaOf(const State& state) { return state.area; }
  static bool Exists(const State& state) { return state.domain.held; }
  static bool Creates(const Event& event) { return event.has_held(); }
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_COMMANDS_CLASS_AGGREGATE_H_
