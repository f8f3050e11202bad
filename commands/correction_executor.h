// CorrectionExecutor: voids or amends an earlier event of a stream by appending an
// EventVoided / EventAmended to the same stream, after checking
//   1. the correction rules: CORR-01 (the event is the stream's), CORR-02 (still counts),
//      CORR-03 (not a correction), CORR-05 (a reason; a replacement of the named, same type),
//      CORR-06 (dated on or after the event), CORR-10 (not a withdrawn record), PERSON-05 (an
//      erasure of personal data is never corrected); voiding the
//      creating event withdraws the record, if no live record names it (CORR-09), releasing a
//      cooperative's code in the same append;
//   2. for a stream of a domain aggregate, that aggregate's own rules
//      (commands/correction_check.h): the replacement as the command that would record it, the
//      identity kept (CORR-07), every later command still allowed (CORR-08). A refusal of the
//      replacement names its fields as replacement.<field>;
//   3. an amended cooperative code as a new registration's: COOP-16, reserved in the same
//      append (the old code stays reserved to the cooperative).
// A recorder corrects only streams in its areas (commands/recorder_scope.h). Idempotent by
// command id like every command; on a version conflict it checks again (bounded), unless the
// client gave the expected version.
// Blocks on the store: call it from a CommandWorkers thread. Thread-safe.
#ifndef COOPLEDGER_COMMANDS_CORRECTION_EXECUTOR_H_
#define COOPLEDGER_COMMANDS_CORRECTION_EXECUTOR_H_

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "commands/command_input.h"
#include "coop/v1/registry.pb.h"
#include "domain/common/decision_context.h"
#include "eventstore/event_store.h"

namespace coop::commands {

struct Correction {
  std::string event_id;          // the event corrected
  std::string reason;            // required
  bool amend = false;            // false: void
  std::string replacement;       // amend: the new payload, of the corrected event's type
  std::string replacement_type;  // amend: that type's name, e.g. "coop.v1.CooperativeRated"
};

class CorrectionExecutor {
 public:
  // `store` is not owned. `context` gives the deciders' context (today, area checks), as for
  // the command executor.
  CorrectionExecutor(eventstore::EventStore* store,
                     std::function<domain::DecisionContext()> context)
      : store_(store), context_(std::move(context)) {}
  // `input.stream_id` names the stream of the corrected event.
  absl::StatusOr<coop::v1::CommandReply> Execute(const CommandInput& input,
                                                 const Correction& correction);

 private:
  eventstore::EventStore* const store_;
  const std::function<domain::DecisionContext()> context_;
};

}  // namespace coop::commands

#endif  // COOPLEDGER_COMMANDS_CORRECTION_EXECUTOR_H_
