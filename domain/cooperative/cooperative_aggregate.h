// The cooperative aggregate's descriptor: its state, event union, evolve,
// decide, and the area its events are filed under (its address). Stateless; thread-safe.
#ifndef COOPLEDGER_DOMAIN_COOPERATIVE_COOPERATIVE_AGGREGATE_H_
#define COOPLEDGER_DOMAIN_COOPERATIVE_COOPERATIVE_AGGREGATE_H_

#include <string>
#include <vector>

#include "coop/v1/cooperative_events.pb.h"
#include "domain/cooperative/cooperative_decider.h"
#include "domain/cooperative/cooperative_state.h"

namespace coop::domain {

struct CooperativeAggregate {
  using State = CooperativeState;
  using Event = coop::v1::CooperativeEvent;
  static constexpr const char* kName = "cooperative";

  // Stream `coop-<id>`: the aggregate's id is the stream id without the prefix.
  static constexpr char kStreamPrefix[] = "coop-";
  static std::string StreamId(const std::string& cooperative_id) {
    return std::string(kStreamPrefix) + cooperative_id;
  }
  // Stream `coopcode-<code>`: the reservation that keeps a cooperative code unique (COOP-16).
  static constexpr char kCodeStreamPrefix[] = "coopcode-";
  static std::string CodeStreamId(const std::string& code) {
    return std::string(kCodeStreamPrefix) + code;
  }

  static State Evolve(State state, absl::CivilDay on, const Event& event) {
    return coop::domain::Evolve(std::move(state), on, event);
  }
  static absl::StatusOr<std::vector<Event>> Decide(const std::string& occurred_on,
                                                   const Event& fact, const State& state,
                                                   const DecisionContext& context) {
    return DecideCooperative(occurred_on, fact, state, context);
  }
  static coop::v1::Area AreaOf(const State& state) { return state.address; }
  static bool Exists(const State& state) {
    return state.status != CooperativeStatus::kUnregistered;
  }
  static bool Creates(const Event& event) { return event.has_registered(); }
};

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_COOPERATIVE_COOPERATIVE_AGGREGATE_H_
