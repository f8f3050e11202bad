// Usage errors: a mistake on the command line (or in local input coopctl reads) as an
// absl::Status. coopctl reports them with exit code 2, every other error with exit code 1.
// A usage error is INVALID_ARGUMENT with a payload under kUsageErrorPayloadUrl that says
// whether the subcommand's usage text follows the message. Pure functions; thread-safe.
#ifndef COOPLEDGER_TOOLS_COOPCTL_USAGE_ERROR_H_
#define COOPLEDGER_TOOLS_COOPCTL_USAGE_ERROR_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace coop::coopctl {

inline constexpr char kUsageErrorPayloadUrl[] = "type.coop/coopctl.UsageError";

// A usage error with `message` (printed after "error: "). `show_usage` asks for the
// subcommand's usage text after the message: an unknown option does, an unreadable input
// file does not.
absl::Status UsageError(absl::string_view message, bool show_usage = true);

// A message in Vietnamese, then the same in English on a second line, indented to line up
// under the first when printed after "error: ". Every message coopctl's access features
// (credentials, TLS, admin principal) print is written this way.
std::string ViEn(absl::string_view vietnamese, absl::string_view english);

// True if `status` was made by UsageError.
bool IsUsageError(const absl::Status& status);

// True if `status` is a usage error that asks for the usage text.
bool ShowsUsage(const absl::Status& status);

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_USAGE_ERROR_H_
