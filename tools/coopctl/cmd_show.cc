// coopctl show: one cooperative, group or community hall as the projections see it
// (Reporting.GetCooperative / GetGroup / GetHall), or a cooperative on a past date as known
// at a moment (Reporting.GetCooperativeAsOf).
#include <iostream>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "tools/coopctl/cli_words.h"
#include "tools/coopctl/command.h"
#include "tools/coopctl/output.h"
#include "tools/coopctl/report_flags.h"
#include "tools/coopctl/reporting_call.h"
#include "tools/coopctl/time_text.h"
#include "tools/coopctl/view_text.h"

namespace coop::coopctl {
namespace {

constexpr char kUsage[] =
    "usage: coopctl show cooperative ID [--on DATE] [--as-known-at-position N | --as-known-at "
    "TIME]\n"
    "       coopctl show group ID\n"
    "       coopctl show hall ID\n"
    "\n"
    "Mọi trường trong trạng thái hiện tại của HTX, THT hoặc hội quán, mỗi trường một dòng\n"
    "(trường lặp lại thì mỗi phần tử một dòng). ID là id của bản ghi (tên luồng bỏ tiền tố\n"
    "'coop-', 'group-' hoặc 'hall-'; viết cả tiền tố cũng được).\n"
    "Every field of the entity's current view, one per line (repeated ones one line per item).\n"
    "ID is the aggregate id (the stream without its 'coop-', 'group-' or 'hall-' prefix; the\n"
    "prefixed stream name is accepted too).\n"
    "\n"
    "  --on DATE                   trạng thái của HTX vào ngày nghiệp vụ đó (YYYY-MM-DD)\n"
    "                              the cooperative's state on that business date (YYYY-MM-DD)\n"
    "  --as-known-at-position N    ... như sổ ghi nhận tại vị trí nhật ký N (cần --on)\n"
    "                              ... as the log knew it at position N (needs --on)\n"
    "  --as-known-at TIME          ... như đã được ghi đến TIME (cần --on)\n"
    "                              ... as recorded by TIME (needs --on)\n";

// "coop-abc" -> "abc" for kind "cooperative"; other ids unchanged.
std::string AggregateId(const std::string& id, const std::string& prefix) {
  return id.rfind(prefix, 0) == 0 && id.size() > prefix.size() ? id.substr(prefix.size()) : id;
}

template <typename Reply>
int Print(const Globals& globals, const grpc::Status& status, const Reply& reply) {
  if (!status.ok()) return ReportRpcError(status);
  std::cout << (globals.json ? ToJsonLine(reply) + "\n"
                             : FormatView(reply, LanguageOf(globals.lang)));
  return kExitOk;
}

absl::StatusOr<int> RunShow(const Globals& globals, const ParsedArgs& args) {
  const auto& positionals = args.positionals();
  if (positionals.size() != 2) {
    return UsageError("expected: coopctl show cooperative|group|hall ID");
  }
  const std::string& kind = positionals[0];
  if (absl::Status status = RequireAtMostOne(args, {"as-known-at-position", "as-known-at"});
      !status.ok()) {
    return status;
  }
  const bool as_of = args.Has("on") || args.Has("as-known-at-position") || args.Has("as-known-at");
  if (as_of && kind != "cooperative") {
    return UsageError("--on and --as-known-at... apply to 'show cooperative' only");
  }
  if (kind == "cooperative") {
    const std::string id = AggregateId(positionals[1], "coop-");
    coop::v1::CooperativeView reply;
    if (!as_of) {
      coop::v1::GetCooperativeRequest request;
      request.set_cooperative_id(id);
      return Print(globals,
                   CallReporting(globals,
                                 [&](auto& stub, grpc::ClientContext* context) {
                                   return stub.GetCooperative(context, request, &reply);
                                 }),
                   reply);
    }
    auto on = args.Get("on");
    if (!on) return UsageError("--as-known-at-position and --as-known-at need --on DATE");
    absl::StatusOr<std::string> date = CheckDate(*on, "--on");
    if (!date.ok()) return date.status();
    coop::v1::GetCooperativeAsOfRequest request;
    request.set_cooperative_id(id);
    request.set_on_date(*date);
    absl::StatusOr<std::optional<uint64_t>> position = args.GetUint("as-known-at-position");
    if (!position.ok()) return position.status();
    if (*position) {
      if (**position == 0) {
        return UsageError("--as-known-at-position: expected a position from 1");
      }
      request.set_as_known_at_position(**position);
    }
    if (auto time = args.Get("as-known-at")) {
      absl::StatusOr<int64_t> micros = ParseTimeArg(*time, "--as-known-at");
      if (!micros.ok()) return micros.status();
      request.set_as_known_at_micros(*micros);
    }
    return Print(globals,
                 CallReporting(globals,
                               [&](auto& stub, grpc::ClientContext* context) {
                                 return stub.GetCooperativeAsOf(context, request, &reply);
                               }),
                 reply);
  }
  if (kind == "group") {
    coop::v1::GetGroupRequest request;
    request.set_group_id(AggregateId(positionals[1], "group-"));
    coop::v1::GroupView reply;
    return Print(globals,
                 CallReporting(globals,
                               [&](auto& stub, grpc::ClientContext* context) {
                                 return stub.GetGroup(context, request, &reply);
                               }),
                 reply);
  }
  if (kind == "hall") {
    coop::v1::GetHallRequest request;
    request.set_hall_id(AggregateId(positionals[1], "hall-"));
    coop::v1::HallView reply;
    return Print(globals,
                 CallReporting(globals,
                               [&](auto& stub, grpc::ClientContext* context) {
                                 return stub.GetHall(context, request, &reply);
                               }),
                 reply);
  }
  return UsageError(absl::StrCat("unknown kind '", kind, "'; expected cooperative, group or hall"));
}

}  // namespace

Command ShowCommand() {
  return {"show",
          "một HTX, THT hay hội quán / one cooperative, group or hall (a cooperative also on a "
          "past date)",
          kUsage,
          {{"on"}, {"as-known-at-position"}, {"as-known-at"}},
          &RunShow};
}

}  // namespace coop::coopctl
