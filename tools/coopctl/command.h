// The subcommand table: what every coopctl subcommand declares, and the options all share.
// Commands are immutable once built; AllCommands() builds them once and is thread-safe.
#ifndef COOPLEDGER_TOOLS_COOPCTL_COMMAND_H_
#define COOPLEDGER_TOOLS_COOPCTL_COMMAND_H_

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "tools/coopctl/args.h"

namespace coop::coopctl {

// Process exit codes.
inline constexpr int kExitOk = 0;
inline constexpr int kExitServerError = 1;  // the RPC failed (any gRPC status but OK)
inline constexpr int kExitUsage = 2;        // bad command line or unreadable local input
inline constexpr int kExitTampered = 3;     // verify found a broken hash chain

inline constexpr char kDefaultServer[] = "127.0.0.1:50051";

// The environment variable that may hold the bearer token (see Globals::token).
inline constexpr char kTokenEnvironmentVariable[] = "COOP_TOKEN";

// Options accepted before or after any subcommand.
struct Globals {
  std::string server = kDefaultServer;
  bool json = false;
  // The language the server writes labels, names and sentences in: "vi" (the default) or "en".
  std::string lang = "vi";
  absl::Duration timeout = absl::Seconds(30);  // deadline of each unary or paged call

  // TLS: on when --tls_ca or --tls_cert/--tls_key is given. The PEM texts of the files
  // (empty tls_ca_pem: gRPC's default roots).
  bool tls = false;
  std::string tls_ca_pem;
  std::string tls_cert_pem;
  std::string tls_key_pem;
  std::string tls_server_name;  // --tls_server_name: the name the certificate must carry
  // The bearer token sent on every call as "authorization: Bearer <token>": the first line of
  // --token_file, else $COOP_TOKEN, trimmed; empty: none. Never taken from a flag's value.
  std::string token;
  // Sent on every call as "x-request-id", so that the server's log lines of this run can be
  // found (services/request_log.h): --request_id, else made at start ("coopctl-" and 14
  // hexadecimal digits). 1 to 64 characters of [A-Za-z0-9._:-].
  std::string request_id;
};

struct Command {
  using Run = std::function<absl::StatusOr<int>(const Globals& globals, const ParsedArgs& args)>;
  Command() = default;
  Command(std::string name_, std::string summary_, std::string usage_,
          std::vector<OptionSpec> options_, Run run_)
      : name(std::move(name_)),
        summary(std::move(summary_)),
        usage(std::move(usage_)),
        options(std::move(options_)),
        run(std::move(run_)) {}

  std::string name;
  // For the global usage text: "Vietnamese / English" for a built-in subcommand (the English
  // is printed on a line of its own); the generated commands are listed by name only.
  std::string summary;
  std::string usage;                // full usage text, printed by "coopctl NAME --help"
  std::vector<OptionSpec> options;  // without the global ones
  // Runs the parsed command; returns the exit code, or an error: a usage error (exit code 2)
  // for bad arguments, any other status for a failure (printed, exit code 1).
  Run run;
  // Heading the command is listed under in the global usage ("" = the built-in subcommands;
  // generated commands use their service's full name).
  std::string section;
  // Options may be spelled with '_' for '-' (generated commands, whose flags are field names).
  bool underscores_as_dashes = false;
};

// The global options (--server, --json, --timeout, --tls_ca, --tls_cert, --tls_key,
// --tls_server_name, --token_file, --help). Those spelled with '_' may also be spelled with
// '-' (--tls-ca), as a command's own options are.
const std::vector<OptionSpec>& GlobalOptionSpecs();
// Reads the global options out of a parse result, reading the files they name and the
// environment variable COOP_TOKEN. A usage error for a bad --server or --timeout, for
// --tls_cert without --tls_key (or the reverse), for --tls_server_name without TLS, for an
// unreadable file or an empty token, and for a token to be sent in plaintext to a server that
// is not on this machine.
absl::StatusOr<Globals> GlobalsFrom(const ParsedArgs& args);
// A usage error if `args` (the whole command line, before a "--") holds "--token" or
// "--token=...": a secret given as a flag shows in `ps` and in shell history.
absl::Status RefuseTokenFlag(const std::vector<std::string>& args);

// One per subcommand file.
Command AppendCommand();
Command ReadCommand();
Command TailCommand();
Command InfoCommand();
Command VerifyCommand();
// The server's gRPC health (grpc.health.v1), for probes.
Command HealthCommand();
Command ProjectionsCommand();
Command HistoryCommand();
Command ImportCommand();
// Reporting (coop.v1.Reporting): figures, plans, views.
Command StatsCommand();
Command ReportCommand();
Command AreasCommand();
// The auditor's checks (coop.v1.Audit), made with verify/.
Command AuditCommand();
Command ExplainCommand();
Command PlanCommand();
Command ComplianceCommand();
Command ShowCommand();
Command ListCommand();
Command OcopCommand();
Command Criterion13Command();
// Local administration, without a server: the principals file (--auth_config) of coopd.
Command AdminCommand();
// One per RPC of a coop.v1 service that returns coop.v1.CommandReply (cmd_generated.cc),
// built from the compiled-in descriptors.
std::vector<Command> GeneratedCommands();

// Every subcommand, in the order the usage text lists them.
const std::vector<Command>& AllCommands();

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_COMMAND_H_
