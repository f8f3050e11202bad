// Local input: files named on the command line, "-" meaning standard input. Reading "-"
// consumes standard input: do it once, from one thread.
#ifndef COOPLEDGER_TOOLS_COOPCTL_INPUT_FILE_H_
#define COOPLEDGER_TOOLS_COOPCTL_INPUT_FILE_H_

#include <string>

#include "absl/status/statusor.h"

namespace coop::coopctl {

// The whole content of `path` (binary-safe), or of stdin for "-". A usage error without
// usage text (exit code 2) when it cannot be read.
absl::StatusOr<std::string> ReadInputFile(const std::string& path);

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_INPUT_FILE_H_
