// coopctl compliance: cooperatives of an area that broke a reporting duty in a year
// (Reporting.ListComplianceIssues).
#include <iostream>

#include "command.h"
#include "output.h"
#include "report_flags.h"
#include "report_text.h"
#include "reporting_call.h"

namespace coopctl {
namespace {

constexpr char kUsage[] =
    "usage: coopctl compliance --area CODE --year YEAR [--unit-set SET]\n"
    "\n"
    "One line per issue: cooperative code and name, address, the issue (no annual report,\n"
    "no annual meeting, rated weak, non-compliant not followed up), the event that shows it\n"
    "and details.\n";

int RunCompliance(const Globals& globals, const ParsedArgs& args) {
  RequireNoPositionals(args);
  coop::v1::ComplianceIssuesRequest request;
  *request.mutable_area() = *AreaFrom(args, true);
  request.set_year(YearFrom(args));
  coop::v1::ComplianceIssuesReply reply;
  grpc::Status status = CallReporting(globals, [&](auto& stub, grpc::ClientContext* context) {
    return stub.ListComplianceIssues(context, request, &reply);
  });
  if (!status.ok()) return ReportRpcError(status);
  std::cout << (globals.json ? ToJsonLine(reply) + "\n" : FormatComplianceIssues(reply));
  return kExitOk;
}

}  // namespace

Command ComplianceCommand() {
  std::vector<OptionSpec> options = AreaOptionSpecs();
  options.push_back({"year"});
  return {"compliance", "compliance issues of an area's cooperatives in a year", kUsage, options,
          &RunCompliance};
}

}  // namespace coopctl
