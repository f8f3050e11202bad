#include "tools/golden/call_options.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace coop::golden {

std::unique_ptr<grpc::ClientContext> NewContext(const CallOptions& options) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(absl::ToChronoTime(absl::Now() + options.timeout));
  if (!options.authorization.empty()) context->AddMetadata("authorization", options.authorization);
  return context;
}

absl::Status FromGrpc(const grpc::Status& status, absl::string_view what) {
  if (status.ok()) return absl::OkStatus();
  // gRPC's codes and absl's are the same numbers.
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      absl::StrCat(what, ": ", status.error_message()));
}

}  // namespace coop::golden
