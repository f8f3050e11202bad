// The gRPC side of coopctl: channel and stub to the server, call deadlines, error reporting.
// Thread-safe.
#ifndef COOPLEDGER_TOOLS_COOPCTL_CONNECTION_H_
#define COOPLEDGER_TOOLS_COOPCTL_CONNECTION_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "coop/v1/eventstore.grpc.pb.h"
#include "tools/coopctl/command.h"

namespace coop::coopctl {

// Largest response message the client accepts.
inline constexpr int kMaxReceiveMessageBytes = 32 * 1024 * 1024;

// A channel to `globals.server`, accepting responses up to kMaxReceiveMessageBytes: TLS
// (grpc::SslCredentials with globals.tls_ca_pem as roots and the client certificate, if any;
// globals.tls_server_name as GRPC_SSL_TARGET_NAME_OVERRIDE_ARG) if globals.tls, plaintext
// otherwise. With a token, every call on the channel carries the metadata
// "authorization: Bearer <token>", added by a client interceptor rather than by call
// credentials, since gRPC sends no call credentials over plaintext and coopd accepts tokens
// over plaintext from loopback peers. Every stub and context of coopctl is made on a channel
// from here, so no call goes out without the token. Every call also carries
// "x-request-id: <globals.request_id>" (the server's log names it).
std::shared_ptr<grpc::Channel> NewChannel(const Globals& globals);

// A stub to `globals.server` on NewChannel(globals). The channel connects lazily, so an
// unreachable server shows up as UNAVAILABLE on the first call.
std::unique_ptr<coop::v1::EventStore::Stub> NewStub(const Globals& globals);

// Whether a gRPC target is on this machine: a unix: socket, localhost, 127.x.x.x or ::1
// (with or without a dns:, ipv4: or ipv6: scheme and a port). coopctl sends a token in
// plaintext only to such a target.
bool IsLocalTarget(const std::string& target);

// Sets the per-call deadline (now + globals.timeout).
void SetDeadline(const Globals& globals, grpc::ClientContext* context);

// Prints "error: CODE: message" to stderr and returns kExitServerError. UNAUTHENTICATED gets
// two lines more saying, in Vietnamese and English, which credentials to check.
int ReportRpcError(const grpc::Status& status);

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_CONNECTION_H_
