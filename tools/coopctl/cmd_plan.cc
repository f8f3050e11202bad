// coopctl plan: an area's annual plan, target against actual (Reporting.GetPlanProgress).
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
    "usage: coopctl plan --area CODE --year YEAR [--unit-set SET]\n"
    "\n"
    "Các mục tiêu trong kế hoạch năm YEAR của địa bàn so với kết quả thực hiện (tính từ chính\n"
    "các sự kiện mà thống kê năm dùng): mỗi chỉ tiêu một dòng, 'đạt' hoặc 'chưa đạt'.\n"
    "The targets of the area's annual plan for YEAR against the actuals (computed from the\n"
    "same events as the statistics): one line per indicator, 'met' or 'not met'.\n";

absl::StatusOr<int> RunPlan(const Globals& globals, const ParsedArgs& args) {
  if (absl::Status status = RequireNoPositionals(args); !status.ok()) return status;
  absl::StatusOr<coop::v1::Area> area = AreaFrom(args);
  if (!area.ok()) return area.status();
  absl::StatusOr<int32_t> year = YearFrom(args);
  if (!year.ok()) return year.status();
  coop::v1::PlanProgressRequest request;
  request.set_lang(globals.lang);
  *request.mutable_area() = *area;
  request.set_year(*year);
  coop::v1::PlanProgressReply reply;
  grpc::Status status = CallReporting(globals, [&](auto& stub, grpc::ClientContext* context) {
    return stub.GetPlanProgress(context, request, &reply);
  });
  if (!status.ok()) return ReportRpcError(status);
  std::cout << (globals.json ? ToJsonLine(reply) + "\n"
                             : FormatPlanProgress(reply, LanguageOf(globals.lang)));
  return kExitOk;
}

}  // namespace

Command PlanCommand() {
  std::vector<OptionSpec> options = AreaOptionSpecs();
  options.push_back({"year"});
  return {"plan", "kế hoạch năm: mục tiêu so với thực hiện / annual plan: targets against actuals",
          kUsage, options, &RunPlan};
}

}  // namespace coop::coopctl
