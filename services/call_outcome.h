// What a finished call's status says, in the words the metrics and the request log use: the
// status code's canonical name, and the rule id a refusal names first. Pure functions.
#ifndef COOPLEDGER_SERVICES_CALL_OUTCOME_H_
#define COOPLEDGER_SERVICES_CALL_OUTCOME_H_

#include <grpcpp/support/status.h>

#include <string>

namespace coop::services {

// "OK", "CANCELLED", "INVALID_ARGUMENT", … ("CODE_N" for a number gRPC does not define).
std::string StatusCodeName(grpc::StatusCode code);

// The rule id a refusal's message starts with ("[COOP-12] …" gives "COOP-12"): upper-case
// letters, digits and '-', at most 22 characters. "" when the message names none.
std::string RuleIdOf(const std::string& message);

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_CALL_OUTCOME_H_
