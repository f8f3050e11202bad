// DecideCommand: what one command appends to its aggregate's stream, decided against the
// aggregate's state. The decider (from the aggregate's descriptor in domain/) returns the
// events or the rule that forbids the fact; the events are then stamped (commands/
// event_envelope.h) and filed under the area the aggregate has after them.
//
// FoldStream: the state a stream read from the log gives an aggregate.
//
// Both pure. The command executor runs them against the stream it loaded from the store; the
// data generators (tools/scale) against the state they fold themselves, so both write the
// same events. Thread-safe.
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
#include "domain/common/event_union_codec.h"
#include "domain/common/stream_corrections.h"

namespace coop::commands {

template <typename Aggregate>
struct Decision {
  // The aggregate after the events.
  typename Aggregate::State after;
  // The decider's events, in order, stamped as the command's events 0, 1, …
  std::vector<typename Aggregate::Event> events;
  coop::v1::Area area;  // the area they are filed under (may be empty)
};

// The aggregate's state from its stream as read from the log: the effective events (voided
// ones left out, amended ones with their replacement: domain/common/stream_corrections.h),
// each of the aggregate's types decoded and folded with Evolve on its business date (the
// default day if it has none); events of other types (the corrections, a code reservation)
// are skipped, and so is a payload that does not parse.
template <typename Aggregate>
typename Aggregate::State FoldStream(const std::vector<coop::v1::RecordedEvent>& stream) {
  const domain::EventUnionCodec& codec = domain::CodecFor<typename Aggregate::Event>();
  typename Aggregate::State state;
  for (const auto& recorded : domain::EffectiveEvents(stream)) {
    typename Aggregate::Event event;
    if (!codec.Decode(recorded, &event)) continue;
    state = Aggregate::Evolve(std::move(state),
                              domain::ParseDateOr(recorded.occurred_on(), absl::CivilDay()), event);
  }
  return state;
}

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
