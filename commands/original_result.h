// The result of an earlier run of a command, found through the event ids derived from its
// command id: its events in the command's stream carry DerivedEventId(command_id, 0, 1, ...).
// Thread-safe.
#ifndef COOPLEDGER_COMMANDS_ORIGINAL_RESULT_H_
#define COOPLEDGER_COMMANDS_ORIGINAL_RESULT_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "commands/command_input.h"
#include "coop/v1/registry.pb.h"
#include "eventstore/event_store.h"

namespace coop::commands {

// nullopt if the command has not run; otherwise its reply, with duplicate = true.
// ALREADY_EXISTS if the command id was used for a different command: one whose first event is
// in another stream or carries another request digest (commands/command_digest.h).
absl::StatusOr<std::optional<coop::v1::CommandReply>> FindOriginalResult(
    eventstore::EventStore* store, const CommandInput& input);

// Every event of a stream, in order (empty if it does not exist).
absl::StatusOr<std::vector<coop::v1::RecordedEvent>> ReadWholeStream(eventstore::EventStore* store,
                                                                     const std::string& stream_id);

}  // namespace coop::commands

#endif  // COOPLEDGER_COMMANDS_ORIGINAL_RESULT_H_
