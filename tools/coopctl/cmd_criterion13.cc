// coopctl criterion13: the communes of an area that meet new-rural criterion 13 in a year
// (Reporting.ListCriterion13Communes).
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
    "usage: coopctl criterion13 --area CODE --year YEAR [--unit-set SET] [--min-grade GRADE]\n"
    "\n"
    "Mỗi xã của địa bàn một dòng: mã, tên, đạt hay chưa đạt, và các HTX làm cho xã đạt; sau đó\n"
    "là số xã đạt. Một xã đạt tiêu chí 13 khi có ít nhất một HTX còn hoạt động đến cuối năm\n"
    "YEAR được xếp loại GRADE trở lên trong năm YEAR.\n"
    "One line per commune of the area: code, name, met or not, and the cooperatives that make\n"
    "it met; then how many communes meet it. A commune meets criterion 13 when at least one\n"
    "HTX existing at the end of YEAR was rated GRADE or better for YEAR.\n"
    "\n"
    "  --min-grade GRADE   good (Tốt) hoặc fair (Khá) (mặc định: theo quy tắc của máy chủ, fair)\n"
    "                      good or fair (default: the server's rule, fair)\n";

absl::StatusOr<int> RunCriterion13(const Globals& globals, const ParsedArgs& args) {
  if (absl::Status status = RequireNoPositionals(args); !status.ok()) return status;
  absl::StatusOr<coop::v1::Area> area = AreaFrom(args);
  if (!area.ok()) return area.status();
  absl::StatusOr<int32_t> year = YearFrom(args);
  if (!year.ok()) return year.status();
  coop::v1::Criterion13Request request;
  request.set_lang(globals.lang);
  *request.mutable_area() = *area;
  request.set_year(*year);
  if (auto text = args.Get("min-grade")) {
    absl::StatusOr<coop::v1::RatingGrade> grade = ParseGrade(*text, "--min-grade");
    if (!grade.ok()) return grade.status();
    request.set_min_grade(*grade);
  }
  coop::v1::Criterion13Reply reply;
  grpc::Status status = CallReporting(globals, [&](auto& stub, grpc::ClientContext* context) {
    return stub.ListCriterion13Communes(context, request, &reply);
  });
  if (!status.ok()) return ReportRpcError(status);
  std::cout << (globals.json ? ToJsonLine(reply) + "\n"
                             : FormatCriterion13(reply, LanguageOf(globals.lang)));
  return kExitOk;
}

}  // namespace

Command Criterion13Command() {
  std::vector<OptionSpec> options = AreaOptionSpecs();
  options.push_back({"year"});
  options.push_back({"min-grade"});
  return {"criterion13",
          "xã đạt tiêu chí 13 nông thôn mới / communes meeting new-rural criterion 13", kUsage,
          options, &RunCriterion13};
}

}  // namespace coop::coopctl
