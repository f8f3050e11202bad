// CommandInput: one command as the executors see it, whatever its service: who sent it, when
// it happened, which stream it is about, and what it must not collide with. A plain struct.
#ifndef COOPLEDGER_COMMANDS_COMMAND_INPUT_H_
#define COOPLEDGER_COMMANDS_COMMAND_INPUT_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "access/principal.h"
#include "commands/event_envelope.h"
#include "coop/v1/eventstore.pb.h"

namespace coop::commands {

struct CommandInput {
  // The command id (a UUID chosen by the client), the business date, and who recorded it:
  // what the command stamps on every event it appends.
  CommandStamp stamp;
  std::string aggregate_id;
  std::string stream_id;
  std::optional<uint64_t> expected_version;
  // Streams appended atomically with the aggregate's events, each with its expectation (e.g.
  // the reservation of a cooperative code: no stream yet, or the version that released it).
  // Their event ids are left empty: they are derived from the command id too.
  std::vector<coop::v1::StreamAppend> reservations;
  // Checked before each attempt, after the original-result lookup (e.g. "this code is
  // already used"), so that a retry of the command itself still gets its first result. It
  // may set the expectations of this attempt's copy of `reservations`.
  std::function<absl::Status(std::vector<coop::v1::StreamAppend>* reservations)> precheck;
  // Who sent it, from the gRPC edge: a recorder acts only within its areas
  // (commands/recorder_scope.h). Null for in-process callers (tests, generators): no limit.
  std::shared_ptr<const access::Principal> principal;
};

}  // namespace coop::commands

#endif  // COOPLEDGER_COMMANDS_COMMAND_INPUT_H_
