// The HTTP face's answer to a gRPC status (services/http_face.h): which HTTP status code, and
// the JSON error body every refusal carries:
//
//   {"code":"INVALID_ARGUMENT","httpStatus":400,"message":"…","ruleId":"COOP-12"}
//
// ("ruleId" only when the message names a rule, services/call_outcome.h). The codes:
//
//   400  INVALID_ARGUMENT, OUT_OF_RANGE, and a body that is not the request's JSON
//   401  UNAUTHENTICATED
//   403  PERMISSION_DENIED
//   404  NOT_FOUND, and a method the face does not serve
//   409  FAILED_PRECONDITION, ABORTED, ALREADY_EXISTS
//   413  a body above the limit (HTTP's own; no gRPC code)
//   429  RESOURCE_EXHAUSTED
//   499  CANCELLED (the caller went away; nginx's convention, never seen by that caller)
//   501  UNIMPLEMENTED
//   503  UNAVAILABLE, and live feeds at their cap
//   504  DEADLINE_EXCEEDED
//   500  anything else (INTERNAL, DATA_LOSS, UNKNOWN)
//
// May the caller retry? 429, 503 and 504 yes, after a pause; 409 after reading the state
// again; the rest not unchanged. Pure functions; thread-safe.
#ifndef COOPLEDGER_SERVICES_HTTP_STATUS_H_
#define COOPLEDGER_SERVICES_HTTP_STATUS_H_

#include <grpcpp/support/status.h>

#include <string>

namespace coop::services {

int HttpStatusFor(grpc::StatusCode code);

// The JSON error body for `status` (never OK), with `http_status` as the code it is sent with.
std::string HttpErrorBody(const grpc::Status& status, int http_status);

// An error of the face itself, not of a call: `code_name` as "PAYLOAD_TOO_LARGE".
std::string HttpErrorBody(const std::string& code_name, int http_status,
                          const std::string& message);

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_HTTP_STATUS_H_
