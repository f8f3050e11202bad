// The request log: every call's request id, and one line of the server's log (base/json_log.h)
// when the call ends. A gRPC server interceptor; gRPC makes one per call.
//
// The request id is the call's "x-request-id" metadata when the client sends one of 1 to 64
// characters of [A-Za-z0-9._:-] (coopctl sends one per run, --request_id to choose it);
// anything else (absent, too long, other characters) is replaced by one made here ("coopd-"
// and 16 hexadecimal digits), so no client text reaches the log unchecked. Either way the id
// is put among the call's received metadata, where handlers read it (CallGate's
// failed-authentication line), and sent back to the client in the reply's initial metadata.
//
// The line, component "rpc": fields method, code (StatusCodeName), duration_ms, request_id, and
// rule when a command is refused under a rule id. Its level says who should look:
//   debug    OK (hidden at the default --log_level info);
//   info     the caller's to fix or retry: CANCELLED, INVALID_ARGUMENT, DEADLINE_EXCEEDED,
//            NOT_FOUND, ALREADY_EXISTS, PERMISSION_DENIED, FAILED_PRECONDITION, ABORTED,
//            OUT_OF_RANGE, UNAUTHENTICATED;
//   warning  the server's limits: RESOURCE_EXHAUSTED, UNAVAILABLE, UNIMPLEMENTED;
//   error    the server's fault: UNKNOWN, INTERNAL, DATA_LOSS.
// Never the request, the reply or the status message: they may carry a field's value, and
// personal data stays out of the log.
//
// Thread-safe: each interceptor lives on its own call; the log is thread-safe.
#ifndef COOPLEDGER_SERVICES_REQUEST_LOG_H_
#define COOPLEDGER_SERVICES_REQUEST_LOG_H_

#include <grpcpp/support/server_interceptor.h>

#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "base/json_log.h"

namespace coop::services {

inline constexpr char kRequestIdHeader[] = "x-request-id";

// Whether `id` may be used as it is (1 to 64 characters of [A-Za-z0-9._:-]).
bool IsUsableRequestId(absl::string_view id);

// The level of the line for a call that ended with `code` (above).
base::LogLevel RequestLogLevel(grpc::StatusCode code);

// The interceptor factory. `log` (may be null: ids only) must outlive the server.
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> RequestLogInterceptors(
    const base::JsonLog* log);

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_REQUEST_LOG_H_
