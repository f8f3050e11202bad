// coopctl compliance: cooperatives of an area that broke a reporting duty in a year
// (Reporting.ListComplianceIssues).
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
    "usage: coopctl compliance --area CODE --year YEAR [--unit-set SET]\n"
    "\n"
    "Mỗi vấn đề một dòng: mã và tên HTX, địa chỉ, vấn đề (chưa nộp báo cáo năm, chưa tổ chức\n"
    "đại hội thường niên, xếp loại yếu, vi phạm qua kiểm tra chưa khắc phục), sự kiện cho thấy\n"
    "vấn đề đó và chi tiết.\n"
    "One line per issue: cooperative code and name, address, the issue (no annual report,\n"
    "no annual meeting, rated weak, non-compliant not followed up), the event that shows it\n"
    "and details.\n";

absl::StatusOr<int> RunCompliance(const Globals& globals, const ParsedArgs& args) {
  if (absl::Status status = RequireNoPositionals(args); !status.ok()) return status;
  absl::StatusOr<coop::v1::Area> area = AreaFrom(args);
  if (!area.ok()) return area.status();
  absl::StatusOr<int32_t> year = YearFrom(args);
  if (!year.ok()) return year.status();
  coop::v1::ComplianceIssuesRequest request;
  request.set_lang(globals.lang);
  *request.mutable_area() = *area;
  request.set_year(*year);
  coop::v1::ComplianceIssuesReply reply;
  grpc::Status status = CallReporting(globals, [&](auto& stub, grpc::ClientContext* context) {
    return stub.ListComplianceIssues(context, request, &reply);
  });
  if (!status.ok()) return ReportRpcError(status);
  std::cout << (globals.json ? ToJsonLine(reply) + "\n"
                             : FormatComplianceIssues(reply, LanguageOf(globals.lang)));
  return kExitOk;
}

}  // namespace

Command ComplianceCommand() {
  std::vector<OptionSpec> options = AreaOptionSpecs();
  options.push_back({"year"});
  return {"compliance",
          "các vấn đề tuân thủ của HTX trên địa bàn trong năm / compliance issues of an area's "
          "cooperatives in a year",
          kUsage, options, &RunCompliance};
}

}  // namespace coop::coopctl
