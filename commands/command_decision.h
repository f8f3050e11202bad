// DecideCommand: what one command appends to its aggregate's stream, decided against the
// aggregate's state. The decider (from the aggregate's descriptor in domain/) returns the
// events or the rule that forbids the fact; the events are then stamped (commands/
// event_envelope.h) and filed under the area the aggregate has after them.
//
// Pure: the command executor runs it against the stream it loaded from the store; the data
// generators (tools/scale) against the state they fold themselves, so both write the same
// events. Thread-safe.
//
// `Aggregate` is a descriptor such as domain::CooperativeAggregate: State, Event (an event
// union), Decide(occurred_on, fact, state, context), Evolve(state, day, event), AreaOf(state).
#ifndef COOPLEDGER_COMMANDS_COMMAND_DECISION_H_
#define COOPLEDGER_COMMANDS_COMMAND_DECISION_H_

#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "commands/event_envelope.h"
#include "coop/v1/eventstore.pb.h"
#include "domain/common/dates.h"
#include "domain/common/decision_context.h"

namespace coop::commands {

template <typename Aggregate>
struct Decision {
  // The aggregate after the events.
  typename Aggregate::State after;
  // The decider's events, in order, stamped as the command's events 0, 1, …
  std::vector<typename Aggregate::Event> events;
  coop::v1::Area area;  // the area they are filed under (may be empty)
};

// Errors: the decider's rule violation (INVALID_ARGUMENT / FAILED_PRECONDITION, naming the
// rule and the field), or INVALID_ARGUMENT naming `occurred_on` if it is not a date.
template <typename Aggregate>
absl::StatusOr<Decision<Aggregate>> DecideCommand(const std::string& occurred_on,
                                                  const typename Aggregate::Event& fact,
                                                  typename Aggregate::State state,
                                                  const domain::DecisionContext& context) {
  auto events = Aggregate::Decide(occurred_on, fact, state, context);
  if (!events.ok()) return events.status();
  auto on = domain::ParseDate("occurred_on", occurred_on);
  if (!on.ok()) return on.status();
  for (const auto& e : *events) state = Aggregate::Evolve(std::move(state), *on, e);
  Decision<Aggregate> decision;
  decision.area = Aggregate::AreaOf(state);
  decision.after = std::move(state);
  decision.events = *std::move(events);
  return decision;
}

// Appends the decision's events to `stream` as the command's events 0, 1, …; returns the
// next index (where further streams of the same command, e.g. a code reservation, go on).
template <typename Aggregate>
int AddDecidedEvents(const CommandStamp& stamp, const Decision<Aggregate>& decision,
                     coop::v1::StreamAppend* stream) {
  return AddCommandEvents(stamp, decision.area, decision.events, 0, stream);
}

}  // namespace coop::commands

#endif  // COOPLEDGER_COMMANDS_COMMAND_DECISION_H_
