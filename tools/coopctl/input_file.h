// Local input: files named on the command line, "-" meaning standard input.
#ifndef COOPLEDGER_TOOLS_COOPCTL_INPUT_FILE_H_
#define COOPLEDGER_TOOLS_COOPCTL_INPUT_FILE_H_

#include <string>

namespace coopctl {

// The whole content of `path` (binary-safe), or of stdin for "-". Throws UsageError (exit
// code 2, no usage text) when it cannot be read.
std::string ReadInputFile(const std::string& path);

}  // namespace coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_INPUT_FILE_H_
