// The subcommands of `coopctl audit` beyond the proofs of cmd_audit.cc, each in a file of its
// own: export (cmd_audit_export.cc), verify of an export, offline (cmd_audit_verify.cc), the
// verifiable read (cmd_audit_read.cc) and the audit trail (cmd_audit_trail.cc). Each returns
// the exit code as cmd_audit.cc documents it.
#ifndef COOPLEDGER_TOOLS_COOPCTL_AUDIT_COMMANDS_H_
#define COOPLEDGER_TOOLS_COOPCTL_AUDIT_COMMANDS_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tools/coopctl/args.h"
#include "tools/coopctl/cli_words.h"
#include "tools/coopctl/command.h"

namespace coop::coopctl {

absl::StatusOr<int> RunAuditExport(const Globals& globals, const ParsedArgs& args);
absl::StatusOr<int> RunAuditVerify(const Globals& globals, const ParsedArgs& args);
absl::StatusOr<int> RunAuditRead(const Globals& globals, const ParsedArgs& args);
absl::StatusOr<int> RunAuditTrail(const Globals& globals, const ParsedArgs& args);

// Prints "KHÔNG HỢP LỆ: …" / "NOT VERIFIED: …" with why's message on stderr; returns exit
// code 3.
int NotVerified(const absl::Status& why, Language language);
// The same for a check that failed at `position`: "… vị trí P: …" / "… position P: …".
int NotVerifiedAt(uint64_t position, const std::string& vietnamese, const std::string& english,
                  Language language);

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_AUDIT_COMMANDS_H_
