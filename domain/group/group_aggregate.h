// The cooperative-group aggregate (tổ hợp tác)'s descriptor: state, event
// union, evolve, decide, and the area its events are filed under (the group's commune, which
// GroupChanged may move). Stream `group-<group id>`. Stateless; thread-safe.
#ifndef COOPLEDGER_DOMAIN_GROUP_GROUP_AGGREGATE_H_
#define COOPLEDGER_DOMAIN_GROUP_GROUP_AGGREGATE_H_

#include <string>
#include <vector>

#include "coop/v1/group_events.pb.h"
#include "domain/group/group_decider.h"
#include "domain/group/group_state.h"

namespace coop::domain {

struct GroupAggregate {
  using State = GroupState;
  using Event = coop::v1::GroupEvent;
  static constexpr const char* kName = "cooperative group";

  // Stream `group-<id>`: the aggregate's id is the stream id without the prefix.
  static constexpr char kStreamPrefix[] = "group-";
  static std::string StreamId(const std::string& group_id) {
    return std::string(kStreamPrefix) + group_id;
  }

  static State Evolve(State state, absl::CivilDay on, const Event& event) {
    return coop::domain::Evolve(std::move(state), on, event);
  }
  static absl::StatusOr<std::vector<Event>> Decide(const std::string& occurred_on,
                                                   const Event& fact, const State& state,
                                                   const DecisionContext& context) {
    return DecideGroup(occurred_on, fact, state, context);
  }
  static coop::v1::Area AreaOf(const State& state) { return state.address; }
  static bool Exists(const State& state) { return state.status != GroupStatus::kUnformed; }
  static bool Creates(const Event& event) { return event.has_formed(); }
};

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_GROUP_GROUP_AGGREGATE_H_
