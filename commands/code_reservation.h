// A cooperative's code is unique (COOP-16): the registration appends, in the same atomic
// append, the stream `coopcode-<code>` with one CooperativeCodeReserved event, expected not
// to exist yet (or, for a code a withdrawn registration released, at the release's version). A
// second registration with the code then fails that expectation. Before deciding, the code's stream
// is read, so that the refusal names the cooperative holding it. Thread-safe.
#ifndef COOPLEDGER_COMMANDS_CODE_RESERVATION_H_
#define COOPLEDGER_COMMANDS_CODE_RESERVATION_H_

#include <string>

#include "absl/status/status.h"
#include "commands/command_input.h"
#include "coop/v1/eventstore.pb.h"
#include "eventstore/event_store.h"

namespace coop::commands {

// A code becomes part of a stream id: 1 to 32 letters, digits or '-'. INVALID_ARGUMENT
// naming registration.code (COMMON-03) otherwise.
absl::Status CheckCooperativeCode(const std::string& code);

// The reservation stream of `code` for `cooperative_id`, its event not stamped (the
// executor stamps it as one of the registration's events).
coop::v1::StreamAppend CodeReservation(const std::string& cooperative_id, const std::string& code);

// Adds the reservation to the registration command `input`, and a precheck that refuses a
// code already reserved (ALREADY_EXISTS [COOP-16] naming the holder); a code a withdrawn
// registration released is reserved again (expected: the release's version). `store` is not
// owned and must outlive the command.
void ReserveCode(eventstore::EventStore* store, const std::string& cooperative_id,
                 const std::string& code, CommandInput* input);

// The release of `code`, held by the withdrawn cooperative, appended with the withdrawal
// (expected: the code stream's `version`, so a concurrent reservation cannot interleave).
coop::v1::StreamAppend CodeRelease(const std::string& cooperative_id, const std::string& code,
                                   const std::string& reason, uint64_t version);

}  // namespace coop::commands

#endif  // COOPLEDGER_COMMANDS_CODE_RESERVATION_H_
