// coopctl plan: an area's annual plan, target against actual (Reporting.GetPlanProgress).
#include <iostream>

#include "command.h"
#include "output.h"
#include "report_flags.h"
#include "report_text.h"
#include "reporting_call.h"

namespace coopctl {
namespace {

constexpr char kUsage[] =
    "usage: coopctl plan --area CODE --year YEAR [--unit-set SET]\n"
    "\n"
    "The targets of the area's annual plan for YEAR against the actuals (computed from the\n"
    "same events as the statistics): one line per indicator, 'met' or 'not met'.\n";

int RunPlan(const Globals& globals, const ParsedArgs& args) {
  RequireNoPositionals(args);
  coop::v1::PlanProgressRequest request;
  *request.mutable_area() = *AreaFrom(args, true);
  request.set_year(YearFrom(args));
  coop::v1::PlanProgressReply reply;
  grpc::Status status = CallReporting(globals, [&](auto& stub, grpc::ClientContext* context) {
    return stub.GetPlanProgress(context, request, &reply);
  });
  if (!status.ok()) return ReportRpcError(status);
  std::cout << (globals.json ? ToJsonLine(reply) + "\n" : FormatPlanProgress(reply));
  return kExitOk;
}

}  // namespace

Command PlanCommand() {
  std::vector<OptionSpec> options = AreaOptionSpecs();
  options.push_back({"year"});
  return {"plan", "annual plan: targets against actuals", kUsage, options, &RunPlan};
}

}  // namespace coopctl
