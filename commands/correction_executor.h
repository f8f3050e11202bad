// CorrectionExecutor: voids or amends an earlier event of a stream by appending an
// EventVoided / EventAmended to the same stream, after checking the correction rules
// (CORR-01..05); a recorder corrects only streams in its areas (commands/recorder_scope.h).
// Idempotent by command id like every command; on a version conflict it
// checks again (bounded), unless the client gave the expected version.
// Blocks on the store: call it from a CommandWorkers thread. Thread-safe.
#ifndef COOPLEDGER_COMMANDS_CORRECTION_EXECUTOR_H_
#define COOPLEDGER_COMMANDS_CORRECTION_EXECUTOR_H_

#include <string>

#include "absl/status/statusor.h"
#include "commands/command_input.h"
#include "coop/v1/registry.pb.h"
#include "eventstore/event_store.h"

namespace coop::commands {

struct Correction {
  std::string event_id;     // the event corrected
  std::string reason;       // required
  bool amend = false;       // false: void
  std::string replacement;  // amend: the new payload, of the corrected event's type
};

class CorrectionExecutor {
 public:
  explicit CorrectionExecutor(eventstore::EventStore* store) : store_(store) {}
  // `input.stream_id` names the stream of the corrected event.
  absl::StatusOr<coop::v1::CommandReply> Execute(const CommandInput& input,
                                                 const Correction& correction);

 private:
  eventstore::EventStore* const store_;
};

}  // namespace coop::commands

#endif  // COOPLEDGER_COMMANDS_CORRECTION_EXECUTOR_H_
