// Flags shared by the reporting subcommands (stats, explain, plan, compliance, ocop,
// criterion13, show, list): the area, the year, the statistics scope, dates and grades, read
// from the command line and checked, each mistake a usage error naming its flag. Pure
// functions; thread-safe.
#ifndef COOPLEDGER_TOOLS_COOPCTL_REPORT_FLAGS_H_
#define COOPLEDGER_TOOLS_COOPCTL_REPORT_FLAGS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "coop/v1/reporting.pb.h"
#include "tools/coopctl/args.h"

namespace coop::coopctl {

// --area CODE and --unit-set SET.
std::vector<OptionSpec> AreaOptionSpecs();
// AreaOptionSpecs plus --year, --in-units, --as-known-at-position, --as-known-at and
// --reporting-year.
std::vector<OptionSpec> ScopeOptionSpecs();
// The --help lines of --unit-set, --in-units, --as-known-at-position, --as-known-at and
// --reporting-year, Vietnamese then English (the subcommands list --area and --year first).
const char* ScopeOptionsHelp();

// The area of --area / --unit-set; a missing --area is a usage error, as is --unit-set
// without --area.
absl::StatusOr<coop::v1::Area> AreaFrom(const ParsedArgs& args);
// Like AreaFrom, but nullopt if neither --area nor --unit-set is given.
absl::StatusOr<std::optional<coop::v1::Area>> OptionalAreaFrom(const ParsedArgs& args);
// --year: a year from 1900 to 2200; required.
absl::StatusOr<int32_t> YearFrom(const ParsedArgs& args);
// The whole statistics scope (area and year required). `year`, if given, stands for --year.
absl::StatusOr<coop::v1::StatisticsScope> ScopeFrom(const ParsedArgs& args,
                                                    std::optional<int32_t> year = std::nullopt);

// A usage error for any positional argument (the subcommands that take none).
absl::Status RequireNoPositionals(const ParsedArgs& args);

// "2025-03": four digits, '-', two digits; returns `text`. A usage error naming `flag`
// otherwise.
absl::StatusOr<std::string> CheckUnitSet(const std::string& text, const std::string& flag);
// "2024-12-31", a real calendar day; returns `text`. A usage error naming `flag` otherwise.
absl::StatusOr<std::string> CheckDate(const std::string& text, const std::string& flag);
// "good", "fair", "average", "weak" (or the enum names). A usage error naming `flag`
// otherwise.
absl::StatusOr<coop::v1::RatingGrade> ParseGrade(const std::string& text, const std::string& flag);

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_REPORT_FLAGS_H_
