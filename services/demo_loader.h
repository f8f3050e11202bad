// Applies the demo history (commands/demo) through the server's own gRPC services, over an
// in-process channel, so every demo command takes exactly the path of a client's command.
// Commands of one aggregate go in order, and a command that names another record (a grant's
// cooperative, a conversion's group: DemoCommand::after) goes after that record's commands
// listed before it; the rest go in parallel (waves, many in flight), so group commit keeps
// loading fast.
// Call from one thread, before the server reports SERVING.
#ifndef COOPLEDGER_SERVICES_DEMO_LOADER_H_
#define COOPLEDGER_SERVICES_DEMO_LOADER_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <vector>

#include "absl/status/status.h"
#include "commands/demo/demo_history.h"

namespace coop::services {

// Called after each wave with (commands applied, commands in all).
using DemoProgress = std::function<void(size_t done, size_t total)>;

// Stops at the first rejected command, returning its error with the command's method and date.
// `authorization` is the header every command carries (CallGate::InternalAuthorization(): the
// loader is coopd itself, admitted as the local admin whether authentication is on or not).
absl::Status ApplyDemo(grpc::Server* server, const std::string& authorization,
                       const std::vector<demo::DemoCommand>& commands,
                       const DemoProgress& progress);
// The same over any channel, e.g. to a running coopd (coop-bench --mode commands measures the
// import this way). An empty `authorization` sends none (a coopd in open mode).
absl::Status ApplyDemoOver(const std::shared_ptr<grpc::Channel>& channel,
                           const std::string& authorization,
                           const std::vector<demo::DemoCommand>& commands,
                           const DemoProgress& progress);

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_DEMO_LOADER_H_
