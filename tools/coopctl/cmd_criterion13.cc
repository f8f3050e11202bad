// coopctl criterion13: the communes of an area that meet new-rural criterion 13 in a year
// (Reporting.ListCriterion13Communes).
#include <iostream>

#include "command.h"
#include "output.h"
#include "report_flags.h"
#include "report_text.h"
#include "reporting_call.h"

namespace coopctl {
namespace {

constexpr char kUsage[] =
    "usage: coopctl criterion13 --area CODE --year YEAR [--unit-set SET] [--min-grade GRADE]\n"
    "\n"
    "One line per commune of the area: code, name, met or not, and the cooperatives that make\n"
    "it met; then how many communes meet it. A commune meets criterion 13 when at least one\n"
    "HTX existing at the end of YEAR was rated GRADE or better for YEAR.\n"
    "\n"
    "  --min-grade GRADE   good or fair (default: the server's rule, fair)\n";

int RunCriterion13(const Globals& globals, const ParsedArgs& args) {
  RequireNoPositionals(args);
  coop::v1::Criterion13Request request;
  *request.mutable_area() = *AreaFrom(args, true);
  request.set_year(YearFrom(args));
  if (auto grade = args.Get("min-grade")) request.set_min_grade(ParseGrade(*grade, "--min-grade"));
  coop::v1::Criterion13Reply reply;
  grpc::Status status = CallReporting(globals, [&](auto& stub, grpc::ClientContext* context) {
    return stub.ListCriterion13Communes(context, request, &reply);
  });
  if (!status.ok()) return ReportRpcError(status);
  std::cout << (globals.json ? ToJsonLine(reply) + "\n" : FormatCriterion13(reply));
  return kExitOk;
}

}  // namespace

Command Criterion13Command() {
  std::vector<OptionSpec> options = AreaOptionSpecs();
  options.push_back({"year"});
  options.push_back({"min-grade"});
  return {"criterion13", "communes meeting new-rural criterion 13", kUsage, options,
          &RunCriterion13};
}

}  // namespace coopctl
