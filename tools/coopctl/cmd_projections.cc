// coopctl projections status: where each projection stands (Reporting.GetProjectionStatus).
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "command.h"
#include "connection.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "output.h"

namespace coopctl {
namespace {

constexpr char kUsage[] =
    "usage: coopctl projections status\n"
    "\n"
    "For each projection: its version, the last log position it applied, the log head, the\n"
    "lag between them, events applied per second recently, and its state (rebuilding,\n"
    "catching up, live, stopped, failed — with the error).\n";

int RunProjections(const Globals& globals, const ParsedArgs& args) {
  const auto& positionals = args.positionals();
  if (positionals.size() != 1 || positionals[0] != "status") {
    throw UsageError("expected: coopctl projections status");
  }
  auto stub = coop::v1::Reporting::NewStub(NewChannel(globals));
  grpc::ClientContext context;
  SetDeadline(globals, &context);
  coop::v1::ProjectionStatusReply reply;
  grpc::Status status = stub->GetProjectionStatus(&context, {}, &reply);
  if (!status.ok()) return ReportRpcError(status);
  for (const auto& p : reply.projections()) {
    if (globals.json) {
      std::cout << ToJsonLine(p) << "\n";
      continue;
    }
    std::cout << absl::StrFormat(
        "%-22s v%-3d %-12s position %d / head %d  lag %d  %.0f events/s%s\n", p.name(), p.version(),
        p.state(), p.position(), p.head(), p.lag(), p.events_per_second(),
        p.error().empty() ? "" : absl::StrCat("  error: ", p.error()));
  }
  return kExitOk;
}

}  // namespace

Command ProjectionsCommand() {
  return {
      "projections", "projection status: position, lag, speed, state", kUsage, {}, &RunProjections};
}

}  // namespace coopctl
