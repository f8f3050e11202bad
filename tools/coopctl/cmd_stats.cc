// coopctl stats: the annual statistics of an area (Reporting.GetAnnualStatistics).
#include <iostream>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tools/coopctl/command.h"
#include "tools/coopctl/output.h"
#include "tools/coopctl/report_flags.h"
#include "tools/coopctl/report_text.h"
#include "tools/coopctl/reporting_call.h"

namespace coop::coopctl {
namespace {

constexpr char kUsage[] =
    "usage: coopctl stats --area CODE --year YEAR [--unit-set SET] [--in-units SET]\n"
    "                     [--as-known-at-position N | --as-known-at TIME] [--reporting-year]\n"
    "                     [--csv]\n"
    "\n"
    "The annual statistics of a commune, district or province (definitions: docs/domain.md,\n"
    "'Annual statistics'): a header with the area, year, period, the log position the figures\n"
    "reflect and their source, then one line per figure; percentages with one decimal and\n"
    "their denominator. Figures of split communes that could not be assigned (--in-units)\n"
    "are listed after.\n"
    "\n"
    "  --area CODE                 commune, district or province code (VN: the nation)\n"
    "  --year YEAR                 the year reported\n"
    "  --unit-set SET              the unit set of --area (default: in force on 31 Dec YEAR)\n"
    "  --in-units SET              re-aggregate onto another unit set, e.g. 2025-07\n"
    "  --as-known-at-position N    only events at or before log position N\n"
    "  --as-known-at TIME          only events recorded by TIME (RFC 3339 or a date)\n"
    "  --reporting-year            15 Dec of YEAR-1 to 14 Dec of YEAR instead of the calendar "
    "year\n"
    "  --csv                       name,label,value,percent lines\n"
    "  --json                      the reply as one JSON object\n";

absl::StatusOr<int> RunStats(const Globals& globals, const ParsedArgs& args) {
  if (absl::Status status = RequireNoPositionals(args); !status.ok()) return status;
  if (globals.json && args.Has("csv")) {
    return UsageError("options --csv and --json cannot be combined");
  }
  absl::StatusOr<coop::v1::StatisticsScope> scope = ScopeFrom(args);
  if (!scope.ok()) return scope.status();
  coop::v1::AnnualStatisticsRequest request;
  *request.mutable_scope() = *scope;
  coop::v1::AnnualStatisticsReply reply;
  grpc::Status status = CallReporting(globals, [&](auto& stub, grpc::ClientContext* context) {
    return stub.GetAnnualStatistics(context, request, &reply);
  });
  if (!status.ok()) return ReportRpcError(status);
  if (globals.json) {
    std::cout << ToJsonLine(reply) << "\n";
  } else if (args.Has("csv")) {
    std::cout << FormatStatisticsCsv(reply);
  } else {
    std::cout << FormatStatisticsTable(reply);
  }
  return kExitOk;
}

}  // namespace

Command StatsCommand() {
  std::vector<OptionSpec> options = ScopeOptionSpecs();
  options.push_back({"csv", false});
  return {"stats", "annual statistics of an area and year", kUsage, options, &RunStats};
}

}  // namespace coop::coopctl
