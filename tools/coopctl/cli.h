// The coopctl entry point: finds the subcommand, parses its options, runs it, and turns its
// errors into messages on stderr and exit codes. Call from one thread at a time: it writes to
// stdout and stderr, and some subcommands change the process's signal mask.
#ifndef COOPLEDGER_TOOLS_COOPCTL_CLI_H_
#define COOPLEDGER_TOOLS_COOPCTL_CLI_H_

#include <string>
#include <vector>

namespace coop::coopctl {

struct Command;

// `args` excludes the program name. Returns the process exit code.
int RunCli(const std::vector<std::string>& args);

// The global usage text (coopctl --help): the subcommands, each in Vietnamese then English,
// the generated commands by service, and the global options.
std::string GlobalUsage();

// A subcommand's usage text (coopctl SUBCOMMAND --help): its own text, then the global options.
std::string CommandUsage(const Command& command);

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_CLI_H_
