// Flags shared by the reporting subcommands (stats, explain, plan, compliance, ocop,
// criterion13, show, list): the area, the year, the statistics scope, dates and grades, read
// from the command line and checked, each error naming its flag.
#ifndef COOPLEDGER_TOOLS_COOPCTL_REPORT_FLAGS_H_
#define COOPLEDGER_TOOLS_COOPCTL_REPORT_FLAGS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "args.h"
#include "coop/v1/reporting.pb.h"

namespace coopctl {

// --area CODE and --unit-set SET.
std::vector<OptionSpec> AreaOptionSpecs();
// AreaOptionSpecs plus --year, --in-units, --as-known-at-position, --as-known-at and
// --reporting-year.
std::vector<OptionSpec> ScopeOptionSpecs();

// The area of --area / --unit-set. With `required`, a missing --area is a usage error;
// otherwise nullopt. --unit-set without --area is a usage error.
std::optional<coop::v1::Area> AreaFrom(const ParsedArgs& args, bool required);
// --year: a year from 1900 to 2200; required.
int32_t YearFrom(const ParsedArgs& args);
// The whole statistics scope (area and year required).
coop::v1::StatisticsScope ScopeFrom(const ParsedArgs& args);

// Throws UsageError for any positional argument (the subcommands that take none).
void RequireNoPositionals(const ParsedArgs& args);

// "2025-03": four digits, '-', two digits. Throws UsageError naming `flag` otherwise.
std::string CheckUnitSet(const std::string& text, const std::string& flag);
// "2024-12-31", a real calendar day. Throws UsageError naming `flag` otherwise.
std::string CheckDate(const std::string& text, const std::string& flag);
// "good", "fair", "average", "weak" (or the enum names). Throws UsageError naming `flag`.
coop::v1::RatingGrade ParseGrade(const std::string& text, const std::string& flag);

}  // namespace coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_REPORT_FLAGS_H_
