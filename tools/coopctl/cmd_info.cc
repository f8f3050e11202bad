// coopctl info: the log's head and chain (GetLogInfo), or one stream (GetStreamInfo).
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "tools/coopctl/command.h"
#include "tools/coopctl/connection.h"
#include "tools/coopctl/output.h"

namespace coop::coopctl {
namespace {

constexpr char kUsage[] =
    "usage: coopctl info [STREAM]\n"
    "\n"
    "Không có STREAM: vị trí đầu sổ, đầu chuỗi băm (hex), thời điểm ghi gần nhất, phiên bản\n"
    "định dạng và chế độ ghi bền (durability). Có STREAM: phiên bản của luồng (số sự kiện), vị\n"
    "trí nhật ký đầu tiên và cuối cùng, thời điểm tạo và thời điểm ghi gần nhất, và nhóm luồng\n"
    "(category). Luồng không có thì trả NOT_FOUND.\n"
    "Without STREAM: the log's head position, chain head (hex), last recorded time, format\n"
    "version and durability. With STREAM: its version (number of events), first and last\n"
    "log positions, creation and last recorded times, and category. An unknown stream is\n"
    "NOT_FOUND.\n";

absl::StatusOr<int> RunInfo(const Globals& globals, const ParsedArgs& args) {
  const auto& positionals = args.positionals();
  if (positionals.size() > 1) {
    return UsageError(absl::StrCat("unexpected argument '", positionals[1], "'"));
  }
  auto stub = NewStub(globals);
  grpc::ClientContext context;
  SetDeadline(globals, &context);
  if (positionals.empty()) {
    coop::v1::LogInfo info;
    grpc::Status status = stub->GetLogInfo(&context, coop::v1::GetLogInfoRequest(), &info);
    if (!status.ok()) return ReportRpcError(status);
    Output(globals.json).Print(info);
  } else {
    coop::v1::GetStreamInfoRequest request;
    request.set_stream_id(positionals[0]);
    coop::v1::StreamInfo info;
    grpc::Status status = stub->GetStreamInfo(&context, request, &info);
    if (!status.ok()) return ReportRpcError(status);
    Output(globals.json).Print(info);
  }
  return kExitOk;
}

}  // namespace

Command InfoCommand() {
  return {"info",
          "đầu sổ và đầu chuỗi băm / log head and chain head, or one stream's version",
          kUsage,
          {},
          &RunInfo};
}

}  // namespace coop::coopctl
