#include "tools/bench/projection_lag.h"

#include <grpcpp/client_context.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>

#include "absl/strings/str_format.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "tools/bench/channel_pool.h"
#include "tools/bench/grpc_code_name.h"

namespace coop::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct Slowest {
  std::string name;
  uint64_t behind = 0;
  int count = 0;        // projections reported
  std::string stalled;  // a projection failed or stopped, with its state and error
};

// The projection furthest behind `head`; a failed call is reported in `error`.
Slowest SlowestBehind(coop::v1::Reporting::Stub& stub, uint64_t head, std::string* error) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  coop::v1::ProjectionStatusReply reply;
  const grpc::Status status =
      stub.GetProjectionStatus(&context, coop::v1::ProjectionStatusRequest(), &reply);
  Slowest slowest;
  if (!status.ok()) {
    *error = absl::StrFormat("GetProjectionStatus failed: %s %s", GrpcCodeName(status.error_code()),
                             status.error_message());
    return slowest;
  }
  slowest.count = reply.projections_size();
  for (const auto& projection : reply.projections()) {
    if (projection.state() == "failed" || projection.state() == "stopped") {
      slowest.stalled =
          absl::StrFormat("%s is %s at position %u %s", projection.name(), projection.state(),
                          projection.position(), projection.error());
    }
    const uint64_t behind = head > projection.position() ? head - projection.position() : 0;
    if (slowest.name.empty() || behind > slowest.behind) {
      slowest.name = projection.name();
      slowest.behind = behind;
    }
  }
  return slowest;
}

}  // namespace

std::string ProjectionLagAtEnd(const std::shared_ptr<grpc::Channel>& channel,
                               double timeout_seconds) {
  const auto stopped = Clock::now();
  auto info = ProbeServer(channel, 5'000);
  if (!info.ok()) {
    return absl::StrFormat("projections: the server did not answer: %s", info.status().message());
  }
  const uint64_t head = info->head_position();
  auto stub = coop::v1::Reporting::NewStub(channel);
  std::string error;
  const Slowest at_stop = SlowestBehind(*stub, head, &error);
  if (!error.empty()) return "projections: " + error;
  if (at_stop.count == 0) return "projections: none runs (coopd --projections off)";
  Slowest now = at_stop;
  while (now.behind > 0) {
    if (!now.stalled.empty()) return "projections: " + now.stalled;
    if (std::chrono::duration<double>(Clock::now() - stopped).count() > timeout_seconds) {
      return absl::StrFormat(
          "projections: when the writing stopped the slowest (%s) was %u events behind; "
          "after %.0f s %s was still %u behind",
          at_stop.name, at_stop.behind, timeout_seconds, now.name, now.behind);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    now = SlowestBehind(*stub, head, &error);
    if (!error.empty()) return "projections: " + error;
  }
  return absl::StrFormat(
      "projections: when the writing stopped the slowest (%s) was %u events behind; all %d "
      "reached the head %.2f s later",
      at_stop.name, at_stop.behind, at_stop.count,
      std::chrono::duration<double>(Clock::now() - stopped).count());
}

}  // namespace coop::bench
