// The coopctl entry point: finds the subcommand, parses its options, runs it.
#ifndef COOPLEDGER_TOOLS_COOPCTL_CLI_H_
#define COOPLEDGER_TOOLS_COOPCTL_CLI_H_

#include <string>
#include <vector>

namespace coopctl {

// `args` excludes the program name. Returns the process exit code.
int RunCli(const std::vector<std::string>& args);

}  // namespace coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_CLI_H_
