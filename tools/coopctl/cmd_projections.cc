// coopctl projections: where each projection stands (Reporting.GetProjectionStatus), and
// rebuilding one from position 1 (Reporting.RebuildProjection) with a progress bar.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "tools/coopctl/command.h"
#include "tools/coopctl/connection.h"
#include "tools/coopctl/output.h"
#include "tools/coopctl/reporting_call.h"
#include "tools/coopctl/terminal_guard.h"

namespace coop::coopctl {
namespace {

constexpr char kUsage[] =
    "usage: coopctl projections status\n"
    "       coopctl projections rebuild NAME [--no-wait] [--progress]\n"
    "\n"
    "status: với mỗi phép chiếu: phiên bản, vị trí nhật ký cuối cùng nó đã áp dụng, đầu sổ, độ\n"
    "trễ giữa hai vị trí đó, số sự kiện áp dụng mỗi giây gần đây, và trạng thái (rebuilding:\n"
    "đang dựng lại, catching up: đang bắt kịp, live: đã bắt kịp, stopped: đã dừng, failed: hỏng\n"
    "— kèm lỗi).\n"
    "status: for each projection its version, the last log position it applied, the log head,\n"
    "the lag between them, events applied per second recently, and its state (rebuilding,\n"
    "catching up, live, stopped, failed — with the error).\n"
    "\n"
    "rebuild: dựng lại phép chiếu từ vị trí 1, bên cạnh các hàng hiện có (vẫn phục vụ truy vấn\n"
    "cho đến khi các hàng mới thay thế), rồi theo dõi tiến độ đến khi phép chiếu đã bắt kịp\n"
    "(live), vẽ thanh tiến độ trên stderr (vị trí / đầu sổ, số sự kiện mỗi giây). Mã thoát 1\n"
    "nếu phép chiếu hỏng.\n"
    "rebuild: rebuilds the projection from position 1 beside its rows (which keep serving\n"
    "until the new ones take over), then follows its progress until it is live, drawing a\n"
    "progress bar on stderr (position / head, events per second). Exit 1 if the projection\n"
    "fails.\n"
    "\n"
    "  --no-wait    trả về ngay khi việc dựng lại đã bắt đầu\n"
    "               return once the rebuild has started\n"
    "  --progress   vẽ thanh cả khi stderr không phải thiết bị đầu cuối (mỗi giây một dòng)\n"
    "               draw the bar even if stderr is not a terminal (one line a second)\n";

constexpr auto kPollInterval = std::chrono::milliseconds(200);

std::string StatusLine(const coop::v1::ProjectionStatus& p) {
  return absl::StrFormat("%-22s v%-3d %-12s position %d / head %d  lag %d  %.0f events/s%s",
                         p.name(), p.version(), p.state(), p.position(), p.head(), p.lag(),
                         p.events_per_second(),
                         p.error().empty() ? "" : absl::StrCat("  error: ", p.error()));
}

// "[#########---------------------] 1200/5000  350 events/s  rebuilding".
std::string ProgressBar(const coop::v1::ProjectionStatus& p) {
  constexpr uint64_t kWidth = 30;
  const uint64_t head = std::max<uint64_t>(p.head(), p.position());
  const uint64_t filled = head == 0 ? kWidth : p.position() * kWidth / head;
  std::string bar(filled, '#');
  bar.resize(kWidth, '-');
  return absl::StrFormat("[%s] %d/%d  %.0f events/s  %s", bar, p.position(), head,
                         p.events_per_second(), p.state());
}

int Status(const Globals& globals) {
  coop::v1::ProjectionStatusReply reply;
  grpc::Status status = CallReporting(globals, [&](auto& stub, grpc::ClientContext* context) {
    return stub.GetProjectionStatus(context, {}, &reply);
  });
  if (!status.ok()) return ReportRpcError(status);
  for (const auto& p : reply.projections()) {
    std::cout << (globals.json ? ToJsonLine(p) : StatusLine(p)) << "\n";
  }
  return kExitOk;
}

int Rebuild(const Globals& globals, const ParsedArgs& args, const std::string& name) {
  coop::v1::RebuildProjectionRequest request;
  request.set_name(name);
  coop::v1::ProjectionStatus current;
  grpc::Status status = CallReporting(globals, [&](auto& stub, grpc::ClientContext* context) {
    return stub.RebuildProjection(context, request, &current);
  });
  if (!status.ok()) return ReportRpcError(status);
  const auto start = std::chrono::steady_clock::now();
  const bool interactive = isatty(STDERR_FILENO) == 1;
  const bool bar = interactive || args.Has("progress");
  auto last_drawn = start - std::chrono::hours(1);
  while (!args.Has("no-wait") && current.state() != "live") {
    if (current.state() == "failed" || current.state() == "stopped") {
      if (bar && interactive) std::cerr << "\n";
      std::cerr << "error: projection " << name << " " << current.state() << " at position "
                << current.position() << (current.error().empty() ? "" : ": ") << current.error()
                << "\n";
      return kExitServerError;
    }
    const auto now = std::chrono::steady_clock::now();
    if (bar && (interactive || now - last_drawn >= std::chrono::seconds(1))) {
      ProgressOut() << (interactive ? "\r" : "") << ProgressBar(current)
                    << (interactive ? "" : "\n");
      std::cerr.flush();
      last_drawn = now;
    }
    std::this_thread::sleep_for(kPollInterval);
    coop::v1::ProjectionStatusReply reply;
    status = CallReporting(globals, [&](auto& stub, grpc::ClientContext* context) {
      return stub.GetProjectionStatus(context, {}, &reply);
    });
    if (!status.ok()) {
      if (bar && interactive) std::cerr << "\n";
      return ReportRpcError(status);
    }
    bool found = false;
    for (const auto& p : reply.projections()) {
      if (p.name() == name) {
        current = p;
        found = true;
      }
    }
    if (!found) {
      std::cerr << "error: projection " << name << " is no longer listed by the server\n";
      return kExitServerError;
    }
  }
  if (bar && !args.Has("no-wait")) {
    ProgressOut() << (interactive ? "\r" : "") << ProgressBar(current) << "\n";
  }
  if (globals.json) {
    std::cout << ToJsonLine(current) << "\n";
  } else if (args.Has("no-wait")) {
    std::cout << "rebuild started: " << StatusLine(current) << "\n";
  } else {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << absl::StrFormat("%s rebuilt: position %d, live (%.1f s)\n", name,
                                 current.position(), seconds);
  }
  return kExitOk;
}

absl::StatusOr<int> RunProjections(const Globals& globals, const ParsedArgs& args) {
  const auto& positionals = args.positionals();
  if (positionals.size() == 1 && positionals[0] == "status") {
    if (args.Has("no-wait") || args.Has("progress")) {
      return UsageError("--no-wait and --progress apply to 'projections rebuild' only");
    }
    return Status(globals);
  }
  if (!positionals.empty() && positionals[0] == "rebuild") {
    if (positionals.size() != 2) return UsageError("expected: coopctl projections rebuild NAME");
    return Rebuild(globals, args, positionals[1]);
  }
  return UsageError("expected: coopctl projections status | projections rebuild NAME");
}

}  // namespace

Command ProjectionsCommand() {
  return {"projections",
          "trạng thái các bảng xem; dựng lại một bảng / projection status (position, lag, speed, "
          "state); rebuild one",
          kUsage,
          {{"no-wait", false}, {"progress", false}},
          &RunProjections};
}

}  // namespace coop::coopctl
