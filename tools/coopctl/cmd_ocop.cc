// coopctl ocop: OCOP products of an area valid on a date (Reporting.ListOcopProducts).
#include <iostream>

#include "absl/strings/str_cat.h"
#include "command.h"
#include "output.h"
#include "report_flags.h"
#include "report_text.h"
#include "reporting_call.h"

namespace coopctl {
namespace {

constexpr char kUsage[] =
    "usage: coopctl ocop --area CODE [--unit-set SET] [--valid-on DATE] [--min-stars N]\n"
    "\n"
    "The OCOP products of the area's cooperatives whose rating is valid on DATE (default:\n"
    "today), stars descending: stars, score, product, cooperative, area, rating, expiry; then\n"
    "the count per star level.\n"
    "\n"
    "  --valid-on DATE   YYYY-MM-DD\n"
    "  --min-stars N     3, 4 or 5 (default: every recognised product)\n";

int RunOcop(const Globals& globals, const ParsedArgs& args) {
  RequireNoPositionals(args);
  coop::v1::ListOcopProductsRequest request;
  *request.mutable_area() = *AreaFrom(args, true);
  if (auto date = args.Get("valid-on")) request.set_valid_on(CheckDate(*date, "--valid-on"));
  if (auto stars = args.GetUint("min-stars")) {
    if (*stars < 3 || *stars > 5) {
      throw UsageError(absl::StrCat("--min-stars: expected 3, 4 or 5, got ", *stars));
    }
    request.set_min_stars(static_cast<int32_t>(*stars));
  }
  coop::v1::ListOcopProductsReply reply;
  grpc::Status status = CallReporting(globals, [&](auto& stub, grpc::ClientContext* context) {
    return stub.ListOcopProducts(context, request, &reply);
  });
  if (!status.ok()) return ReportRpcError(status);
  std::cout << (globals.json ? ToJsonLine(reply) + "\n" : FormatOcopProducts(reply));
  return kExitOk;
}

}  // namespace

Command OcopCommand() {
  std::vector<OptionSpec> options = AreaOptionSpecs();
  options.push_back({"valid-on"});
  options.push_back({"min-stars"});
  return {"ocop", "OCOP products of an area valid on a date", kUsage, options, &RunOcop};
}

}  // namespace coopctl
