#include "services/view_wait.h"

#include "absl/strings/str_cat.h"

namespace coop::services {

absl::Status ServerStoppingError(absl::string_view detail) {
  if (detail.empty()) return absl::UnavailableError(kServerStoppingMessage);
  return absl::UnavailableError(absl::StrCat(kServerStoppingMessage, " (", detail, ")"));
}

std::function<bool()> GiveUpWhen(const std::atomic<bool>* stopping,
                                 const grpc::CallbackServerContext* call) {
  return [stopping, call] {
    return (stopping != nullptr && stopping->load()) || (call != nullptr && call->IsCancelled());
  };
}

absl::Status WaitOutcome(const absl::Status& status, const std::atomic<bool>* stopping,
                         absl::string_view what) {
  if (!absl::IsCancelled(status)) return status;
  if (stopping != nullptr && stopping->load()) {
    return ServerStoppingError(absl::StrCat("the wait of ", what, " ended"));
  }
  return absl::CancelledError(absl::StrCat(
      "cuộc gọi đã bị huỷ hoặc hết hạn khi đang chờ / the call was cancelled or expired while ",
      what, " waited: ", status.message()));
}

}  // namespace coop::services
