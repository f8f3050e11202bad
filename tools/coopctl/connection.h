// The gRPC side of coopctl: channel and stub to the server, call deadlines, error reporting.
// Thread-safe.
#ifndef COOPLEDGER_TOOLS_COOPCTL_CONNECTION_H_
#define COOPLEDGER_TOOLS_COOPCTL_CONNECTION_H_

#include <grpcpp/grpcpp.h>

#include <memory>

#include "coop/v1/eventstore.grpc.pb.h"
#include "tools/coopctl/command.h"

namespace coop::coopctl {

// Largest response message the client accepts.
inline constexpr int kMaxReceiveMessageBytes = 32 * 1024 * 1024;

// An insecure channel to `globals.server`, accepting responses up to kMaxReceiveMessageBytes.
std::shared_ptr<grpc::Channel> NewChannel(const Globals& globals);

// A stub to `globals.server` over an insecure channel. The channel connects lazily, so an
// unreachable server shows up as UNAVAILABLE on the first call.
std::unique_ptr<coop::v1::EventStore::Stub> NewStub(const Globals& globals);

// Sets the per-call deadline (now + globals.timeout).
void SetDeadline(const Globals& globals, grpc::ClientContext* context);

// Prints "error: CODE: message" to stderr and returns kExitServerError.
int ReportRpcError(const grpc::Status& status);

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_CONNECTION_H_
