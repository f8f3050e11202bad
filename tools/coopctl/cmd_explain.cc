// coopctl explain: the events behind one statistic (Reporting.ExplainStatistic).
#include <iostream>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tools/coopctl/cli_words.h"
#include "tools/coopctl/command.h"
#include "tools/coopctl/output.h"
#include "tools/coopctl/report_flags.h"
#include "tools/coopctl/report_text.h"
#include "tools/coopctl/reporting_call.h"

namespace coop::coopctl {
namespace {

constexpr char kUsage[] =
    "usage: coopctl explain --area CODE --year YEAR --statistic NAME [--limit N]\n"
    "                       [--unit-set SET] [--in-units SET] [--reporting-year]\n"
    "                       [--as-known-at-position N | --as-known-at TIME]\n"
    "\n"
    "Các sự kiện mà một số liệu của 'coopctl stats' đã tính, mỗi sự kiện một dòng: vị trí nhật\n"
    "ký, ngày nghiệp vụ, luồng, phần sự kiện đóng góp vào số liệu, và việc gì đã xảy ra.\n"
    "The events a figure of 'coopctl stats' counted, one line each: log position, business\n"
    "date, stream, what the event contributed to the figure, and what happened.\n"
    "\n"
    "  --statistic NAME   tên của chỉ tiêu, như trong 'coopctl stats --csv' (ví dụ cooperatives)\n"
    "                     the figure's name, as in 'coopctl stats --csv' (e.g. cooperatives)\n"
    "  --limit N          nhiều nhất N sự kiện (mặc định: theo máy chủ, 1000)\n"
    "                     at most N events (default: the server's, 1000)\n"
    "  tuỳ chọn khác      như với 'coopctl stats'\n"
    "  other options      as for 'coopctl stats'\n";

absl::StatusOr<int> RunExplain(const Globals& globals, const ParsedArgs& args) {
  if (absl::Status status = RequireNoPositionals(args); !status.ok()) return status;
  absl::StatusOr<coop::v1::StatisticsScope> scope = ScopeFrom(args);
  if (!scope.ok()) return scope.status();
  coop::v1::ExplainStatisticRequest request;
  request.set_lang(globals.lang);
  *request.mutable_scope() = *scope;
  auto statistic = args.Get("statistic");
  if (!statistic || statistic->empty()) return UsageError("missing --statistic NAME");
  request.set_statistic(*statistic);
  absl::StatusOr<std::optional<uint64_t>> limit = args.GetUint("limit");
  if (!limit.ok()) return limit.status();
  if (*limit) {
    if (**limit == 0 || **limit > 1'000'000) {
      return UsageError("--limit: expected a number from 1 to 1000000");
    }
    request.set_limit(static_cast<int32_t>(**limit));
  }
  coop::v1::ExplainStatisticReply reply;
  grpc::Status status = CallReporting(globals, [&](auto& stub, grpc::ClientContext* context) {
    return stub.ExplainStatistic(context, request, &reply);
  });
  if (!status.ok()) return ReportRpcError(status);
  std::cout << (globals.json ? ToJsonLine(reply) + "\n"
                             : FormatExplanation(reply, LanguageOf(globals.lang)));
  return kExitOk;
}

}  // namespace

Command ExplainCommand() {
  std::vector<OptionSpec> options = ScopeOptionSpecs();
  options.push_back({"statistic"});
  options.push_back({"limit"});
  return {"explain", "các sự kiện làm nên một chỉ tiêu thống kê / the events behind one statistic",
          kUsage, options, &RunExplain};
}

}  // namespace coop::coopctl
