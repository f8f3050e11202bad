#include "services/call_outcome.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace coop::services {

std::string StatusCodeName(grpc::StatusCode code) {
  static const char* const kNames[] = {"OK",
                                       "CANCELLED",
                                       "UNKNOWN",
                                       "INVALID_ARGUMENT",
                                       "DEADLINE_EXCEEDED",
                                       "NOT_FOUND",
                                       "ALREADY_EXISTS",
                                       "PERMISSION_DENIED",
                                       "RESOURCE_EXHAUSTED",
                                       "FAILED_PRECONDITION",
                                       "ABORTED",
                                       "OUT_OF_RANGE",
                                       "UNIMPLEMENTED",
                                       "INTERNAL",
                                       "UNAVAILABLE",
                                       "DATA_LOSS",
                                       "UNAUTHENTICATED"};
  const int index = static_cast<int>(code);
  return index >= 0 && index <= 16 ? kNames[index] : absl::StrCat("CODE_", index);
}

std::string RuleIdOf(const std::string& message) {
  if (message.size() < 3 || message[0] != '[') return "";
  const size_t end = message.find(']');
  if (end == std::string::npos || end < 2 || end > 24) return "";
  const std::string rule = message.substr(1, end - 1);
  for (char c : rule) {
    if (!absl::ascii_isupper(static_cast<unsigned char>(c)) &&
        !absl::ascii_isdigit(static_cast<unsigned char>(c)) && c != '-') {
      return "";
    }
  }
  return rule;
}

}  // namespace coop::services
