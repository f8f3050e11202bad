// coopctl admin backup: the client of coop.v1.Admin's backups (cmd_admin_backup.cc).
// Thread-compatible.
#ifndef COOPLEDGER_TOOLS_COOPCTL_CMD_ADMIN_BACKUP_H_
#define COOPLEDGER_TOOLS_COOPCTL_CMD_ADMIN_BACKUP_H_

#include "absl/status/statusor.h"
#include "tools/coopctl/args.h"
#include "tools/coopctl/command.h"

namespace coop::coopctl {

// `args.positionals()` start with "backup". Exit code, or a usage error.
absl::StatusOr<int> RunAdminBackup(const Globals& globals, const ParsedArgs& args);

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_CMD_ADMIN_BACKUP_H_
