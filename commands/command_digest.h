// The digest of a command request: what a retry must repeat exactly. A command id names one
// command; reusing it for a different request (another command, another cooperative, other
// figures) is ALREADY_EXISTS, never a silent "duplicate" that drops the new request. The
// digest is stored on the command's first event (EventMetadata.command_digest).
// Pure; thread-safe.
#ifndef COOPLEDGER_COMMANDS_COMMAND_DIGEST_H_
#define COOPLEDGER_COMMANDS_COMMAND_DIGEST_H_

#include <google/protobuf/message.h>

#include <string>

namespace coop::commands {

// Lower-case hex SHA-256 of the request's type name and its deterministic serialisation,
// without header.expected_version (a retry may carry a version read again).
// Call it on the checked request (services/command_call.h), so that text differing only in
// Unicode normal form or the case of an id is the same command.
std::string CommandDigest(const google::protobuf::Message& request);

}  // namespace coop::commands

#endif  // COOPLEDGER_COMMANDS_COMMAND_DIGEST_H_
