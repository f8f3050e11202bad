// coopctl admin compact: the client of coop.v1.Admin/CompactStores (cmd_admin_compact.cc).
// Thread-compatible.
#ifndef COOPLEDGER_TOOLS_COOPCTL_CMD_ADMIN_COMPACT_H_
#define COOPLEDGER_TOOLS_COOPCTL_CMD_ADMIN_COMPACT_H_

#include "absl/status/statusor.h"
#include "tools/coopctl/args.h"
#include "tools/coopctl/command.h"

namespace coop::coopctl {

// `args.positionals()` start with "compact". Exit code, or a usage error.
absl::StatusOr<int> RunAdminCompact(const Globals& globals, const ParsedArgs& args);

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_CMD_ADMIN_COMPACT_H_
