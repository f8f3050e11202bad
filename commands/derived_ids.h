// Event ids derived from a command id: a name-based UUID of (command id, event index) in
// coopledger's own namespace. The same command always produces the same ids, which is what
// makes a retried command idempotent end to end. Pure; thread-safe.
#ifndef COOPLEDGER_COMMANDS_DERIVED_IDS_H_
#define COOPLEDGER_COMMANDS_DERIVED_IDS_H_

#include <string>

namespace coop::commands {

// REQUIRES: command_id is a UUID (any case).
std::string DerivedEventId(const std::string& command_id, int index);

}  // namespace coop::commands

#endif  // COOPLEDGER_COMMANDS_DERIVED_IDS_H_
