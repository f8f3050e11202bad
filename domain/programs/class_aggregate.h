// The class aggregate (training, propaganda, vocational)'s descriptor. Stream
// `class-<class id>`. Its events are filed under the class's area (ClassHeld.area: a commune,
// or the district or province it was held at). The domain state does not keep the area, so
// the descriptor's state keeps it beside the domain state. Stateless; thread-safe.
#ifndef COOPLEDGER_DOMAIN_PROGRAMS_CLASS_AGGREGATE_H_
#define COOPLEDGER_DOMAIN_PROGRAMS_CLASS_AGGREGATE_H_

#include <string>
#include <vector>

#include "coop/v1/class_events.pb.h"
#include "domain/programs/class_decider.h"
#include "domain/programs/class_state.h"

namespace coop::domain {

struct ClassAggregate {
  struct State {
    ClassState domain;
    coop::v1::Area area;  // from ClassHeld
  };
  using Event = coop::v1::ClassEvent;
  static constexpr const char* kName = "class";

  // Stream `class-<id>`: the aggregate's id is the stream id without the prefix.
  static constexpr char kStreamPrefix[] = "class-";
  static std::string StreamId(const std::string& class_id) {
    return std::string(kStreamPrefix) + class_id;
  }

  static State Evolve(State state, absl::CivilDay on, const Event& event) {
    if (event.has_held()) state.area = event.held().area();
    state.domain = coop::domain::Evolve(std::move(state.domain), on, event);
    return state;
  }
  static absl::StatusOr<std::vector<Event>> Decide(const std::string& occurred_on,
                                                   const Event& fact, const State& state,
                                                   const DecisionContext& context) {
    return DecideClass(occurred_on, fact, state.domain, context);
  }
  static coop::v1::Area AreaOf(const State& state) { return state.area; }
  static bool Exists(const State& state) { return state.domain.held; }
  static bool Creates(const Event& event) { return event.has_held(); }
};

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_PROGRAMS_CLASS_AGGREGATE_H_
