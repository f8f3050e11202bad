// The cooperative-group aggregate (tổ hợp tác) as the CommandExecutor sees it: state, event
// union, evolve, decide, and the area its events are filed under (the group's commune, which
// GroupChanged may move). Stream `group-<group id>`. Stateless; thread-safe.
#ifndef COOPLEDGER_SERVICES_COMMANDS_GROUP_AGGREGATE_H_
#define COOPLEDGER_SERVICES_COMMANDS_GROUP_AGGREGATE_H_

#include <string>
#include <vector>

#include "coop/v1/group_events.pb.h"
#include "domain/group/group_decider.h"
#include "domain/group/group_state.h"

namespace coop::services {

struct GroupAggregate {
  using State = domain::GroupState;
  using Event = coop::v1::GroupEvent;
  static constexpr const char* kName = "cooperative group";

  static std::string StreamId(const std::string& group_id) { return "group-" + group_id; }

  static State Evolve(State state, absl::CivilDay on, const Event& event) {
    return domain::Evolve(std::move(state), on, event);
  }
  static absl::StatusOr<std::vector<Event>> Decide(const std::string& occurred_on,
                                                   const Event& fact, const State& state,
                                                   const domain::DecisionContext& context) {
    return domain::DecideGroup(occurred_on, fact, state, context);
  }
  static coop::v1::Area AreaOf(const State& state) { return state.address; }
  static bool Exists(const State& state) { return state.status != domain::GroupStatus::kUnformed; }
  static bool Creates(const Event& event) { return event.has_formed(); }
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_COMMANDS_GROUP_AGGREGATE_H_
