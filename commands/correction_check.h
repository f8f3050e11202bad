// A correction checked against the rules of the aggregate whose stream it corrects, so that a
// correction can reach no state a command could not:
//   CORR-07  an amendment keeps the record's identity (a creation's ids stay the stream's) and
//            decides into one event of the corrected event's type, with what else its command
//            recorded unchanged in number;
//   the aggregate's own rules: the replacement is decided as the command that would have
//            produced it, on the corrected event's date, against the stream before it (a charter
//            capital of −5, 0 members, the wrong law, a bad address all fail as they would
//            as commands);
//   CORR-08  every later command that the decider accepted before the correction is still
//            accepted after it (replayed in stream order, each against the state the
//            correction leaves). Commands the history already broke (a log older than a rule)
//            block nothing: only new refusals count.
// The stored replacement is the decider's event (so a field the decider completes is filled).
//
// `Aggregate` is a descriptor as for CommandExecutor (command_executor.h). The stream is the
// whole stream as read (corrections included); `target` is one of its events, not a
// correction, still counting. Pure; thread-safe.
#ifndef COOPLEDGER_COMMANDS_CORRECTION_CHECK_H_
#define COOPLEDGER_COMMANDS_CORRECTION_CHECK_H_

#include <google/protobuf/message.h>

#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "coop/v1/event.pb.h"
#include "domain/common/dates.h"
#include "domain/common/decision_context.h"
#include "domain/common/event_union_codec.h"
#include "domain/common/rules.h"
#include "domain/common/stream_corrections.h"

namespace coop::commands {

// OK if every string field of `original` (a creating event's payload) that holds `aggregate_id`
// holds it in `replacement` too; otherwise INVALID_ARGUMENT [CORR-07] naming the field.
absl::Status CheckIdentityKept(const google::protobuf::Message& original,
                               const google::protobuf::Message& replacement,
                               const std::string& aggregate_id);

namespace correction_internal {

using Events = std::vector<coop::v1::RecordedEvent>;

// Where the target sits in the stream's effective events: [0, first) before it, [first, end)
// its command's events (the target first among them), [end, size) the later commands.
struct Split {
  Events effective;
  size_t first = 0;
  size_t end = 0;
};

inline Split SplitAt(const Events& stream, const std::string& target_id) {
  Split split;
  split.effective = domain::EffectiveEvents(stream);
  const Events& e = split.effective;
  while (split.first < e.size() && e[split.first].event_id() != target_id) ++split.first;
  split.end = split.first + 1;
  const std::string& command = e[split.first].metadata().correlation_id();
  while (split.end < e.size() && !command.empty() &&
         e[split.end].metadata().correlation_id() == command) {
    ++split.end;
  }
  return split;
}

template <typename Aggregate>
typename Aggregate::State Fold(typename Aggregate::State state, const Events& events, size_t from,
                               size_t to, const coop::v1::RecordedEvent* skip = nullptr) {
  const auto& codec = domain::CodecFor<typename Aggregate::Event>();
  for (size_t i = from; i < to; ++i) {
    if (&events[i] == skip) continue;
    typename Aggregate::Event event;
    if (!codec.Decode(events[i], &event)) continue;
    state = Aggregate::Evolve(
        std::move(state), domain::ParseDateOr(events[i].occurred_on(), absl::CivilDay()), event);
  }
  return state;
}

// The later commands of `events` from `from`, replayed from `state`: each command's first event
// decided as the fact it recorded, then all its events applied. The refusals, by index.
template <typename Aggregate>
std::map<size_t, absl::Status> ReplayLater(typename Aggregate::State state, const Events& events,
                                           size_t from, const domain::DecisionContext& ctx) {
  const auto& codec = domain::CodecFor<typename Aggregate::Event>();
  std::map<size_t, absl::Status> refused;
  for (size_t i = from; i < events.size();) {
    size_t end = i + 1;
    const std::string& command = events[i].metadata().correlation_id();
    while (end < events.size() && !command.empty() &&
           events[end].metadata().correlation_id() == command) {
      ++end;
    }
    typename Aggregate::Event fact;
    if (codec.Decode(events[i], &fact)) {
      auto decided = Aggregate::Decide(events[i].occurred_on(), fact, state, ctx);
      if (!decided.ok()) refused.emplace(i, decided.status());
    }
    state = Fold<Aggregate>(std::move(state), events, i, end);
    i = end;
  }
  return refused;
}

// CORR-08: FAILED_PRECONDITION naming the first later command refused after the correction but
// not before.
template <typename Aggregate>
absl::Status CheckLaterCommands(const typename Aggregate::State& before,
                                const typename Aggregate::State& after, const Events& events,
                                size_t from, const domain::DecisionContext& ctx) {
  const auto refused_before = ReplayLater<Aggregate>(before, events, from, ctx);
  const auto refused_after = ReplayLater<Aggregate>(after, events, from, ctx);
  for (const auto& [index, status] : refused_after) {
    if (refused_before.contains(index)) continue;
    const coop::v1::RecordedEvent& later = events[index];
    return domain::Violation(
        "CORR-08", "event_id",
        absl::StrCat("the later ", later.type(), " of ", later.occurred_on(), " (event ",
                     later.event_id(), ") would no longer be allowed: ", status.message()));
  }
  return absl::OkStatus();
}

}  // namespace correction_internal

// An amendment of `target` with `fact` (the replacement as sent, decoded as an event of the
// aggregate and checked field by field): the payload to store, or the refusal. A decider's
// refusal names the fields of the event union as the decider does ("members",
// "suspended.until").
template <typename Aggregate>
absl::StatusOr<std::string> CheckAmendment(const std::vector<coop::v1::RecordedEvent>& stream,
                                           const coop::v1::RecordedEvent& target,
                                           const typename Aggregate::Event& fact,
                                           const std::string& aggregate_id,
                                           const domain::DecisionContext& ctx) {
  using namespace correction_internal;  // NOLINT(build/namespaces): this header's own helpers
  using Event = typename Aggregate::Event;
  const auto& codec = domain::CodecFor<Event>();
  Split split = SplitAt(stream, target.event_id());
  coop::v1::RecordedEvent& amended = split.effective[split.first];
  Event original;
  if (!codec.Decode(amended, &original)) {
    return domain::Violation(
        "CORR-05", "event_id",
        absl::StrCat(target.type(), " is not an event of a ", Aggregate::kName));
  }
  const auto before_target = Fold<Aggregate>({}, split.effective, 0, split.first);
  const auto before = Fold<Aggregate>(before_target, split.effective, split.first, split.end);
  auto decided = Aggregate::Decide(target.occurred_on(), fact, before_target, ctx);
  if (!decided.ok()) return decided.status();
  coop::v1::ProposedEvent stored;
  if (!decided->empty()) codec.Encode(decided->front(), &stored);
  if (decided->empty() || stored.type() != target.type()) {
    return domain::Violation(
        "CORR-07", "replacement",
        absl::StrCat("as a command it would record ", decided->empty() ? "nothing" : stored.type(),
                     ", not a ", target.type()));
  }
  if (decided->size() != split.end - split.first) {
    return domain::Violation(
        "CORR-07", "replacement",
        absl::StrCat("as a command it would record ", decided->size(),
                     " events where the "
                     "original command recorded ",
                     split.end - split.first, "; void the event and record the command again"));
  }
  if (Aggregate::Creates(original)) {
    if (auto st = CheckIdentityKept(original, fact, aggregate_id); !st.ok()) return st;
  }
  amended.set_payload(stored.payload());
  const auto after = Fold<Aggregate>(before_target, split.effective, split.first, split.end);
  if (auto st = CheckLaterCommands<Aggregate>(before, after, split.effective, split.end, ctx);
      !st.ok()) {
    return st;
  }
  return stored.payload();
}

// A void of `target`: OK, or CORR-08 naming a later command it would break.
template <typename Aggregate>
absl::Status CheckVoid(const std::vector<coop::v1::RecordedEvent>& stream,
                       const coop::v1::RecordedEvent& target, const domain::DecisionContext& ctx) {
  using namespace correction_internal;  // NOLINT(build/namespaces): this header's own helpers
  const Split split = SplitAt(stream, target.event_id());
  const auto before_target = Fold<Aggregate>({}, split.effective, 0, split.first);
  const auto before = Fold<Aggregate>(before_target, split.effective, split.first, split.end);
  const auto after = Fold<Aggregate>(before_target, split.effective, split.first, split.end,
                                     &split.effective[split.first]);
  return CheckLaterCommands<Aggregate>(before, after, split.effective, split.end, ctx);
}

}  // namespace coop::commands

#endif  // COOPLEDGER_COMMANDS_CORRECTION_CHECK_H_
