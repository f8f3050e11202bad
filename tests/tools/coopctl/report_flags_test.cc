// The reporting subcommands' flags: parsed into requests, and each mistake named.
#include "tools/coopctl/report_flags.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "tools/coopctl/cli.h"

namespace coop::coopctl {
namespace {

// The scope of a command line with the scope flags.
absl::StatusOr<coop::v1::StatisticsScope> Scope(const std::vector<std::string>& args) {
  absl::StatusOr<ParsedArgs> parsed = ParseArgs(args, ScopeOptionSpecs());
  if (!parsed.ok()) return parsed.status();
  return ScopeFrom(*parsed);
}

// The usage error's message; "" if `status` is OK, and a note if it is another error.
std::string UsageMessage(const absl::Status& status) {
  if (status.ok()) return "";
  if (!IsUsageError(status)) return absl::StrCat("not a usage error: ", status.ToString());
  return std::string(status.message());
}

TEST(ReportFlagsTest, ScopeFromEveryFlag) {
  absl::StatusOr<coop::v1::StatisticsScope> scope =
      Scope({"--area", "966", "--year", "2020", "--unit-set", "2025-03", "--in-units", "2025-07",
             "--as-known-at-position", "812", "--reporting-year"});
  ASSERT_TRUE(scope.ok()) << scope.status();
  EXPECT_EQ(scope->area().code(), "966");
  EXPECT_EQ(scope->area().unit_set(), "2025-03");
  EXPECT_EQ(scope->year(), 2020);
  EXPECT_EQ(scope->in_units(), "2025-07");
  EXPECT_EQ(scope->as_known_at_position(), 812u);
  EXPECT_EQ(scope->as_known_at_micros(), 0);
  EXPECT_EQ(scope->period(), coop::v1::REPORTING_YEAR);

  scope = Scope({"--area=VN", "--year=2024", "--as-known-at", "2025-01-02"});
  ASSERT_TRUE(scope.ok()) << scope.status();
  EXPECT_EQ(scope->area().code(), "VN");
  EXPECT_EQ(scope->area().unit_set(), "");
  EXPECT_EQ(scope->as_known_at_micros(), 1735776000000000);
  EXPECT_EQ(scope->period(), coop::v1::CALENDAR_YEAR);
}

TEST(ReportFlagsTest, MistakesNameTheFlag) {
  EXPECT_EQ(UsageMessage(Scope({"--year", "2020"}).status()),
            "missing --area (a commune, district or province code)");
  EXPECT_EQ(UsageMessage(Scope({"--area", "966"}).status()), "missing --year");
  EXPECT_EQ(UsageMessage(Scope({"--area", "966", "--year", "20x"}).status()),
            "--year: expected a year like 2020, got '20x'");
  EXPECT_EQ(UsageMessage(Scope({"--area", "U Minh", "--year", "2020"}).status()),
            "--area: expected an area code like 966 (or VN), got 'U Minh'");
  EXPECT_EQ(UsageMessage(Scope({"--area", "966", "--year", "2020", "--in-units", "2025"}).status()),
            "--in-units: expected a unit set like 2025-03 or 2025-07, got '2025'");
  EXPECT_EQ(UsageMessage(Scope({"--area", "966", "--year", "2020", "--as-known-at-position", "5",
                                "--as-known-at", "2025-01-01"})
                             .status()),
            "options --as-known-at-position and --as-known-at cannot be combined");
  EXPECT_EQ(
      UsageMessage(
          Scope({"--area", "966", "--year", "2020", "--as-known-at-position", "-1"}).status()),
      "--as-known-at-position: expected a non-negative number, got '-1'");
  EXPECT_EQ(UsageMessage(CheckDate("2024-02-30", "--on").status()),
            "--on: expected a date YYYY-MM-DD, got '2024-02-30'");
  absl::StatusOr<std::string> date = CheckDate("2024-02-29", "--on");
  ASSERT_TRUE(date.ok()) << date.status();
  EXPECT_EQ(*date, "2024-02-29");
  absl::StatusOr<coop::v1::RatingGrade> grade = ParseGrade("Good", "--min-grade");
  ASSERT_TRUE(grade.ok()) << grade.status();
  EXPECT_EQ(*grade, coop::v1::GOOD);
  grade = ParseGrade("fair", "--min-grade");
  ASSERT_TRUE(grade.ok()) << grade.status();
  EXPECT_EQ(*grade, coop::v1::FAIR);
  EXPECT_EQ(UsageMessage(ParseGrade("excellent", "--min-grade").status()),
            "--min-grade: expected good, fair, average or weak, got 'excellent'");
}

TEST(ReportFlagsTest, CommandLineUsageErrorsExitTwoBeforeAnyCall) {
  // No server listens on port 1: exit 2 shows the flags were refused before any call.
  const std::vector<std::vector<std::string>> bad = {
      {"stats", "--year", "2020"},
      {"stats", "--area", "966", "--year", "2020", "--csv", "--json"},
      {"explain", "--area", "966", "--year", "2020"},
      {"plan", "--area", "966"},
      {"criterion13", "--area", "966", "--year", "2020", "--min-grade", "best"},
      {"ocop", "--area", "966", "--min-stars", "6"},
      {"show", "cooperative"},
      {"show", "group", "g1", "--on", "2024-01-01"},
      {"show", "cooperative", "c1", "--as-known-at-position", "3"},
      {"list", "things"},
      {"list", "groups", "--kind", "union"},
      {"list", "cooperatives", "--all", "--page-token", "x"},
      {"projections", "rebuild"},
  };
  for (const auto& args : bad) {
    std::vector<std::string> full = {"--server", "127.0.0.1:1"};
    full.insert(full.end(), args.begin(), args.end());
    EXPECT_EQ(RunCli(full), 2) << args.front() << " " << (args.size() > 1 ? args[1] : "");
  }
}

}  // namespace
}  // namespace coop::coopctl
