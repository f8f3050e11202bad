// JsonCalls: the JSON face of coopd's reads (services/http_face.h). A POST to a method's path,
// "/coop.v1.Reporting/GetAnnualStatistics", with the request in protobuf's JSON mapping (an
// empty body is the empty request) becomes that very gRPC call over coopd's in-process channel,
// so the call gate (credentials, roles), every validation, the request log and the metrics
// apply exactly as to a gRPC client; the reply comes back in the same mapping (lowerCamelCase
// names, 64-bit integers as strings, fields at their default printed too).
//
// Served: every unary read of coop.v1.Reporting (not RebuildProjection, which changes state),
// and of coop.v1.EventStore GetLogInfo, GetStreamInfo, and the two reads that stream —
// ReadStream and ReadAll — whose messages come back together, {"responses": [ … ]}, bounded by
// the server's own page limit (a last "capped" message says where to read on).
//
// Errors are the call's status, mapped by services/http_status.h; a body that is not the
// request's JSON is 400 naming what did not parse, before any call is made.
//
// Thread-safe: Call may run on many threads at once.
#ifndef COOPLEDGER_SERVICES_HTTP_JSON_CALL_H_
#define COOPLEDGER_SERVICES_HTTP_JSON_CALL_H_

#include <google/protobuf/descriptor.h>
#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <string>

#include "absl/time/time.h"

namespace coop::services {

// What a call carries from the HTTP request into gRPC metadata.
struct HttpCallIdentity {
  std::string authorization;  // the Authorization header, as it came ("Bearer coop_…")
  std::string request_id;     // X-Request-Id; coopd makes one when empty or malformed
  // CallGate::RelayMarker(): the call is relayed by the HTTP face (services/call_gate.h).
  std::string relay_marker;
};

// Puts `identity` among a call's metadata.
void AddIdentity(const HttpCallIdentity& identity, grpc::ClientContext* context);

struct HttpAnswer {
  int status = 200;
  std::string body;        // JSON
  std::string request_id;  // the call's request id, as coopd settled it ("" if unknown)
};

class JsonCalls {
 public:
  // `channel`: coopd's in-process channel. Each call may take `deadline` at most (504 after).
  JsonCalls(std::shared_ptr<grpc::Channel> channel, absl::Duration deadline);

  // Whether `path` is one of the methods served.
  bool Serves(const std::string& path) const { return methods_.count(path) > 0; }
  HttpAnswer Call(const std::string& path, const std::string& body,
                  const HttpCallIdentity& identity) const;

 private:
  HttpAnswer CallUnary(const google::protobuf::MethodDescriptor& method,
                       const google::protobuf::Message& request,
                       grpc::ClientContext* context) const;
  HttpAnswer CallStreaming(const google::protobuf::MethodDescriptor& method,
                           const google::protobuf::Message& request,
                           grpc::ClientContext* context) const;

  std::shared_ptr<grpc::Channel> channel_;
  absl::Duration deadline_;
  // "/coop.v1.Reporting/GetAnnualStatistics" → its descriptor (the generated pool's).
  std::map<std::string, const google::protobuf::MethodDescriptor*> methods_;
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_HTTP_JSON_CALL_H_
