#include "tools/coopctl/usage_error.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"

namespace coop::coopctl {
namespace {

constexpr char kShowUsage[] = "show_usage";
constexpr char kNoUsage[] = "no_usage";

}  // namespace

absl::Status UsageError(absl::string_view message, bool show_usage) {
  absl::Status status = absl::InvalidArgumentError(message);
  status.SetPayload(kUsageErrorPayloadUrl, absl::Cord(show_usage ? kShowUsage : kNoUsage));
  return status;
}

std::string ViEn(absl::string_view vietnamese, absl::string_view english) {
  return absl::StrCat(vietnamese, "\n       ", english);
}

bool IsUsageError(const absl::Status& status) {
  return status.code() == absl::StatusCode::kInvalidArgument &&
         status.GetPayload(kUsageErrorPayloadUrl).has_value();
}

bool ShowsUsage(const absl::Status& status) {
  // IsUsageError: the payload is there.
  return IsUsageError(status) && *status.GetPayload(kUsageErrorPayloadUrl) == kShowUsage;
}

}  // namespace coop::coopctl
