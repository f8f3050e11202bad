// coopctl verify: has the server recompute the hash chain (VerifyLog).
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "tools/coopctl/command.h"
#include "tools/coopctl/connection.h"
#include "tools/coopctl/output.h"

namespace coop::coopctl {
namespace {

constexpr char kUsage[] =
    "usage: coopctl verify [--from POSITION] [--to POSITION]\n"
    "\n"
    "Tính lại chuỗi băm trên một khoảng vị trí nhật ký ở máy chủ. In OK kèm khoảng đó và đầu\n"
    "chuỗi tại đó, hoặc vị trí sai đầu tiên và điều sai ở vị trí ấy. Mã thoát 0 khi chuỗi\n"
    "nguyên vẹn, 3 khi kiểm tra không qua (sổ bị sửa hoặc hư hỏng). Khoảng lớn có thể mất nhiều\n"
    "thời gian: tăng --timeout nếu cần.\n"
    "Recomputes the hash chain over a range of log positions on the server. Prints OK with\n"
    "the range and the chain head there, or the first bad position and what is wrong with it.\n"
    "Exit code 0 when the chain is intact, 3 when verification fails (tampering or damage).\n"
    "A large range can take long: raise --timeout if needed.\n"
    "\n"
    "  --from N   vị trí đầu tiên cần kiểm (mặc định 1)\n"
    "             first position to verify (default 1)\n"
    "  --to N     vị trí cuối cùng cần kiểm (mặc định: đầu sổ)\n"
    "             last position to verify (default: the head)\n";

absl::StatusOr<int> RunVerify(const Globals& globals, const ParsedArgs& args) {
  if (!args.positionals().empty()) {
    return UsageError(absl::StrCat("unexpected argument '", args.positionals()[0], "'"));
  }
  absl::StatusOr<uint64_t> from = args.GetUintOr("from", 0);
  if (!from.ok()) return from.status();
  absl::StatusOr<uint64_t> to = args.GetUintOr("to", 0);
  if (!to.ok()) return to.status();
  coop::v1::VerifyLogRequest request;
  request.set_from_position(*from);
  request.set_to_position(*to);
  auto stub = NewStub(globals);
  grpc::ClientContext context;
  SetDeadline(globals, &context);
  coop::v1::VerifyLogResponse response;
  grpc::Status status = stub->VerifyLog(&context, request, &response);
  if (!status.ok()) {
    ReportRpcError(status);
    return status.error_code() == grpc::StatusCode::DATA_LOSS ? kExitTampered : kExitServerError;
  }
  Output(globals.json).Print(response);
  return response.ok() ? kExitOk : kExitTampered;
}

}  // namespace

Command VerifyCommand() {
  return {"verify",
          "kiểm lại chuỗi băm; mã 3 nếu bị sửa / recompute the hash chain; exit 3 if tampered",
          kUsage,
          {{"from", true, false}, {"to", true, false}},
          &RunVerify};
}

}  // namespace coop::coopctl
