// The cooperative aggregate as the CommandExecutor sees it: its state, event union, evolve,
// decide, and the area its events are filed under (its address). Stateless; thread-safe.
#ifndef COOPLEDGER_SERVICES_COMMANDS_COOPERATIVE_AGGREGATE_H_
#define COOPLEDGER_SERVICES_COMMANDS_COOPERATIVE_AGGREGATE_H_

#include <string>
#include <vector>

#include "coop/v1/cooperative_events.pb.h"
#include "domain/cooperative/cooperative_decider.h"
#include "domain/cooperative/cooperative_state.h"

namespace coop::services {

struct CooperativeAggregate {
  using State = domain::CooperativeState;
  using Event = coop::v1::CooperativeEvent;
  static constexpr const char* kName = "cooperative";

  static std::string StreamId(const std::string& cooperative_id) {
    return "coop-" + cooperative_id;
  }
  static std::string CodeStreamId(const std::string& code) { return "coopcode-" + code; }

  static State Evolve(State state, absl::CivilDay on, const Event& event) {
    return domain::Evolve(std::move(state), on, event);
  }
  static absl::StatusOr<std::vector<Event>> Decide(const std::string& occurred_on,
                                                   const Event& fact, const State& state,
                                                   const domain::DecisionContext& context) {
    return domain::DecideCooperative(occurred_on, fact, state, context);
  }
  static coop::v1::Area AreaOf(const State& state) { return state.address; }
  static bool Exists(const State& state) {
    return state.status != domain::CooperativeStatus::kUnregistered;
  }
  static bool Creates(const Event& event) { return event.has_registered(); }
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_COMMANDS_COOPERATIVE_AGGREGATE_H_
