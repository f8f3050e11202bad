// The subcommand table: what every coopctl subcommand declares, and the options all share.
#ifndef COOPLEDGER_TOOLS_COOPCTL_COMMAND_H_
#define COOPLEDGER_TOOLS_COOPCTL_COMMAND_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "args.h"

namespace coopctl {

// Process exit codes.
inline constexpr int kExitOk = 0;
inline constexpr int kExitServerError = 1;  // the RPC failed (any gRPC status but OK)
inline constexpr int kExitUsage = 2;        // bad command line or unreadable local input
inline constexpr int kExitTampered = 3;     // verify found a broken hash chain

inline constexpr char kDefaultServer[] = "127.0.0.1:50051";

// Options accepted before or after any subcommand.
struct Globals {
  std::string server = kDefaultServer;
  bool json = false;
  absl::Duration timeout = absl::Seconds(30);  // deadline of each unary or paged call
};

struct Command {
  std::string name;
  std::string summary;              // one line, for the global usage text
  std::string usage;                // full usage text, printed by "coopctl NAME --help"
  std::vector<OptionSpec> options;  // without the global ones
  // Runs the parsed command; returns the exit code. Throws UsageError for bad arguments.
  int (*run)(const Globals& globals, const ParsedArgs& args);
};

// The global options (--server, --json, --timeout, --help).
const std::vector<OptionSpec>& GlobalOptionSpecs();
// Reads the global options out of a parse result; throws UsageError for a bad --timeout.
Globals GlobalsFrom(const ParsedArgs& args);

// One per subcommand file.
Command AppendCommand();
Command ReadCommand();
Command TailCommand();
Command InfoCommand();
Command VerifyCommand();

// Every subcommand, in the order the usage text lists them.
const std::vector<Command>& AllCommands();

}  // namespace coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_COMMAND_H_
