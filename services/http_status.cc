#include "services/http_status.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include "services/call_outcome.h"

namespace coop::services {
namespace {

std::string JsonOf(const google::protobuf::Struct& body) {
  std::string json;
  // A Struct of strings and numbers always converts.
  (void)google::protobuf::util::MessageToJsonString(body, &json);
  return json;
}

google::protobuf::Struct ErrorStruct(const std::string& code_name, int http_status,
                                     const std::string& message) {
  google::protobuf::Struct body;
  auto& fields = *body.mutable_fields();
  fields["code"].set_string_value(code_name);
  fields["httpStatus"].set_number_value(http_status);
  fields["message"].set_string_value(message);
  return body;
}

}  // namespace

int HttpStatusFor(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return 200;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::OUT_OF_RANGE:
      return 400;
    case grpc::StatusCode::UNAUTHENTICATED:
      return 401;
    case grpc::StatusCode::PERMISSION_DENIED:
      return 403;
    case grpc::StatusCode::NOT_FOUND:
      return 404;
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::ABORTED:
    case grpc::StatusCode::ALREADY_EXISTS:
      return 409;
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return 429;
    case grpc::StatusCode::CANCELLED:
      return 499;
    case grpc::StatusCode::UNIMPLEMENTED:
      return 501;
    case grpc::StatusCode::UNAVAILABLE:
      return 503;
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return 504;
    default:
      return 500;
  }
}

std::string HttpErrorBody(const grpc::Status& status, int http_status) {
  auto body = ErrorStruct(StatusCodeName(status.error_code()), http_status, status.error_message());
  if (std::string rule = RuleIdOf(status.error_message()); !rule.empty()) {
    (*body.mutable_fields())["ruleId"].set_string_value(rule);
  }
  return JsonOf(body);
}

std::string HttpErrorBody(const std::string& code_name, int http_status,
                          const std::string& message) {
  return JsonOf(ErrorStruct(code_name, http_status, message));
}

}  // namespace coop::services
