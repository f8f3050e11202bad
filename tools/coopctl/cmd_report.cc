// coopctl report: an area's annual report, written by the server (Reporting.GetAnnualReport).
#include <iostream>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "tools/coopctl/command.h"
#include "tools/coopctl/output.h"
#include "tools/coopctl/report_flags.h"
#include "tools/coopctl/reporting_call.h"

namespace coop::coopctl {
namespace {

constexpr char kUsageHead[] =
    "usage: coopctl report --area CODE --year YEAR [--unit-set SET] [--in-units SET]\n"
    "                      [--as-known-at-position N | --as-known-at TIME] [--reporting-year]\n"
    "\n"
    "Báo cáo năm của một xã, huyện, tỉnh hoặc cả nước (VN), do máy chủ viết: đoạn về năm\n"
    "(số HTX, THT, thành viên, vốn điều lệ, những việc đã làm) và đoạn mục tiêu năm sau (từ kế\n"
    "hoạch). Mặc định tiếng Việt; --lang en cho tiếng Anh.\n"
    "The annual report of a commune, district, province or the nation (VN), written by the\n"
    "server: the year's paragraph (HTX, THT, members, charter capital, what was done) and next\n"
    "year's targets (from the plan). Vietnamese by default; --lang en for English.\n"
    "\n"
    "  --area CODE                 mã xã, huyện hoặc tỉnh (VN: cả nước)\n"
    "                              commune, district or province code (VN: the nation)\n"
    "  --year YEAR                 năm được báo cáo\n"
    "                              the year reported\n";
constexpr char kUsageTail[] =
    "  --json                      câu trả lời dưới dạng một đối tượng JSON (mỗi con số là một\n"
    "                              đoạn nêu tên chỉ tiêu của nó)\n"
    "                              the reply as one JSON object (every number a segment that\n"
    "                              names its statistic)\n";

absl::StatusOr<int> RunReport(const Globals& globals, const ParsedArgs& args) {
  if (absl::Status status = RequireNoPositionals(args); !status.ok()) return status;
  absl::StatusOr<coop::v1::StatisticsScope> scope = ScopeFrom(args);
  if (!scope.ok()) return scope.status();
  coop::v1::AnnualReportRequest request;
  *request.mutable_scope() = *scope;
  request.set_lang(globals.lang);
  coop::v1::AnnualReportReply reply;
  grpc::Status status = CallReporting(globals, [&](auto& stub, grpc::ClientContext* context) {
    return stub.GetAnnualReport(context, request, &reply);
  });
  if (!status.ok()) return ReportRpcError(status);
  if (globals.json) {
    std::cout << ToJsonLine(reply) << "\n";
    return kExitOk;
  }
  std::cout << reply.year_paragraph().text() << "\n";
  if (!reply.targets_paragraph().text().empty()) {
    std::cout << "\n" << reply.targets_paragraph().text() << "\n";
  }
  return kExitOk;
}

}  // namespace

Command ReportCommand() {
  return {"report", "báo cáo năm / the annual report of an area",
          absl::StrCat(kUsageHead, ScopeOptionsHelp(), kUsageTail), ScopeOptionSpecs(), &RunReport};
}

}  // namespace coop::coopctl
