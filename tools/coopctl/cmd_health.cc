// coopctl health: asks the server's gRPC health service (grpc.health.v1.Health/Check) whether
// it is SERVING; exit 0 if so, 1 otherwise. For container health checks and Kubernetes exec
// probes where TLS is on (deploy/): the health service is open to every caller, so no token
// is needed, and the global TLS options (--tls_ca, --tls_server_name) apply as to any call.
#include <iostream>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "tools/coopctl/command.h"
#include "tools/coopctl/connection.h"
#include "tools/coopctl/output.h"
#include "tools/coopctl/usage_error.h"

namespace coop::coopctl {
namespace {

using grpc::health::v1::HealthCheckResponse;

constexpr char kUsage[] =
    "usage: coopctl health [--service NAME]\n"
    "\n"
    "Hỏi dịch vụ sức khỏe gRPC của máy chủ (grpc.health.v1.Health/Check). Mã thoát 0 khi\n"
    "máy chủ trả lời SERVING; 1 khi NOT_SERVING (đĩa không ghi xong, máy chủ đang dừng hoặc\n"
    "đang nạp dữ liệu mẫu), khi không gọi được (UNAVAILABLE, hết hạn --timeout) hoặc dịch vụ\n"
    "không có (NOT_FOUND). Không cần mã truy cập; TLS như mọi lệnh (--tls_ca, --tls_server_name).\n"
    "\n"
    "Asks the server's gRPC health service (grpc.health.v1.Health/Check). Exit code 0 when it\n"
    "answers SERVING; 1 when NOT_SERVING (its disk completes no write, it is stopping or\n"
    "loading the demo), when it cannot be called (UNAVAILABLE, past --timeout) or the service\n"
    "is unknown (NOT_FOUND). Needs no token; TLS as for every command (--tls_ca,\n"
    "--tls_server_name). For probes: coopctl --timeout 5s health\n"
    "\n"
    "  --service NAME   dịch vụ cần hỏi (mặc định: cả máy chủ)\n"
    "                   the service to ask about (default: the server as a whole)\n";

absl::StatusOr<int> RunHealth(const Globals& globals, const ParsedArgs& args) {
  if (!args.positionals().empty()) {
    return UsageError(absl::StrCat("unexpected argument '", args.positionals()[0], "'"));
  }
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(args.Get("service").value_or(""));
  auto stub = grpc::health::v1::Health::NewStub(NewChannel(globals));
  grpc::ClientContext context;
  SetDeadline(globals, &context);
  HealthCheckResponse response;
  grpc::Status status = stub->Check(&context, request, &response);
  if (!status.ok()) {
    ReportRpcError(status);
    std::cerr << "  "
              << ViEn("không hỏi được sức khỏe của máy chủ " + globals.server,
                      "could not ask the health of the server at " + globals.server)
              << "\n";
    return kExitServerError;
  }
  const std::string name = HealthCheckResponse::ServingStatus_Name(response.status());
  if (globals.json) {
    std::cout << ToJsonLine(response) << "\n";
  } else if (response.status() == HealthCheckResponse::SERVING) {
    std::cout << "SERVING  máy chủ đang phục vụ / the server is serving\n";
  }
  if (response.status() == HealthCheckResponse::SERVING) return kExitOk;
  std::cerr << "error: " << name << ": "
            << ViEn("máy chủ không phục vụ; xem nhật ký của coopd",
                    "the server is not serving; see coopd's log")
            << "\n";
  return kExitServerError;
}

}  // namespace

Command HealthCommand() {
  return {
      "health",
      "hỏi tình trạng máy chủ; mã thoát 0 nếu SERVING / ask the server's gRPC health; exit 0 if "
      "SERVING (for probes)",
      kUsage,
      {{"service", true, false}},
      &RunHealth};
}

}  // namespace coop::coopctl
