#include "tools/golden/projection_wait.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "coop/v1/eventstore.grpc.pb.h"
#include "coop/v1/reporting.grpc.pb.h"

namespace coop::golden {

absl::StatusOr<uint64_t> WaitForProjections(const std::shared_ptr<grpc::Channel>& channel,
                                            const CallOptions& call, const WaitOptions& wait) {
  auto reporting = coop::v1::Reporting::NewStub(channel);
  auto store = coop::v1::EventStore::NewStub(channel);
  const absl::Time give_up = absl::Now() + wait.timeout;
  for (;;) {
    coop::v1::ProjectionStatusReply statuses;
    auto status = reporting->GetProjectionStatus(NewContext(call).get(), {}, &statuses);
    if (!status.ok()) return FromGrpc(status, "GetProjectionStatus");
    coop::v1::LogInfo info;
    status = store->GetLogInfo(NewContext(call).get(), {}, &info);
    if (!status.ok()) return FromGrpc(status, "GetLogInfo");
    std::vector<std::string> behind;
    for (const auto& p : statuses.projections()) {
      if (p.state() == "failed" || p.state() == "stopped") {
        return absl::FailedPreconditionError(
            absl::StrCat("projection ", p.name(), " is ", p.state(), " at position ", p.position(),
                         p.error().empty() ? "" : absl::StrCat(": ", p.error())));
      }
      if (p.state() != "live" || p.position() != info.head_position()) {
        behind.push_back(absl::StrCat(p.name(), " (", p.state(), ", position ", p.position(), ")"));
      }
    }
    if (statuses.projections().empty()) {
      return absl::FailedPreconditionError("the server reports no projections");
    }
    if (behind.empty()) return info.head_position();
    if (absl::Now() >= give_up) {
      return absl::DeadlineExceededError(
          absl::StrCat("projections not live at the log head ", info.head_position(), " after ",
                       absl::FormatDuration(wait.timeout), ": ", absl::StrJoin(behind, ", ")));
    }
    absl::SleepFor(wait.poll_every);
  }
}

}  // namespace coop::golden
