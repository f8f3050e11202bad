// The reporting subcommands' flags: parsed into requests, and each mistake named.
#include "report_flags.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli.h"

namespace coopctl {
namespace {

ParsedArgs Parse(const std::vector<std::string>& args) {
  return ParseArgs(args, ScopeOptionSpecs());
}

// The UsageError's message, or "" if none was thrown.
template <typename F>
std::string UsageMessage(F f) {
  try {
    f();
  } catch (const UsageError& error) {
    return error.what();
  }
  return "";
}

TEST(ReportFlagsTest, ScopeFromEveryFlag) {
  auto scope =
      ScopeFrom(Parse({"--area", "966", "--year", "2020", "--unit-set", "2025-03", "--in-units",
                       "2025-07", "--as-known-at-position", "812", "--reporting-year"}));
  EXPECT_EQ(scope.area().code(), "966");
  EXPECT_EQ(scope.area().unit_set(), "2025-03");
  EXPECT_EQ(scope.year(), 2020);
  EXPECT_EQ(scope.in_units(), "2025-07");
  EXPECT_EQ(scope.as_known_at_position(), 812u);
  EXPECT_EQ(scope.as_known_at_micros(), 0);
  EXPECT_EQ(scope.period(), coop::v1::REPORTING_YEAR);

  scope = ScopeFrom(Parse({"--area=VN", "--year=2024", "--as-known-at", "2025-01-02"}));
  EXPECT_EQ(scope.area().code(), "VN");
  EXPECT_EQ(scope.area().unit_set(), "");
  EXPECT_EQ(scope.as_known_at_micros(), 1735776000000000);
  EXPECT_EQ(scope.period(), coop::v1::CALENDAR_YEAR);
}

TEST(ReportFlagsTest, MistakesNameTheFlag) {
  EXPECT_EQ(UsageMessage([] {
              ScopeFrom(Parse({"--year", "2020"}));
            }),
            "missing --area (a commune, district or province code)");
  EXPECT_EQ(UsageMessage([] { ScopeFrom(Parse({"--area", "966"})); }), "missing --year");
  EXPECT_EQ(UsageMessage([] {
              ScopeFrom(Parse({"--area", "966", "--year", "20x"}));
            }),
            "--year: expected a year like 2020, got '20x'");
  EXPECT_EQ(UsageMessage([] {
              ScopeFrom(Parse({"--area", "U Minh", "--year", "2020"}));
            }),
            "--area: expected an area code like 966 (or VN), got 'U Minh'");
  EXPECT_EQ(UsageMessage([] {
              ScopeFrom(Parse({"--area", "966", "--year", "2020", "--in-units", "2025"}));
            }),
            "--in-units: expected a unit set like 2025-03 or 2025-07, got '2025'");
  EXPECT_EQ(UsageMessage([] {
              ScopeFrom(Parse({"--area", "966", "--year", "2020", "--as-known-at-position", "5",
                               "--as-known-at", "2025-01-01"}));
            }),
            "options --as-known-at-position and --as-known-at cannot be combined");
  EXPECT_EQ(UsageMessage([] {
              ScopeFrom(Parse({"--area", "966", "--year", "2020", "--as-known-at-position", "-1"}));
            }),
            "--as-known-at-position: expected a non-negative number, got '-1'");
  EXPECT_EQ(UsageMessage([] { CheckDate("2024-02-30", "--on"); }),
            "--on: expected a date YYYY-MM-DD, got '2024-02-30'");
  EXPECT_EQ(CheckDate("2024-02-29", "--on"), "2024-02-29");
  EXPECT_EQ(ParseGrade("Good", "--min-grade"), coop::v1::GOOD);
  EXPECT_EQ(ParseGrade("fair", "--min-grade"), coop::v1::FAIR);
  EXPECT_EQ(UsageMessage([] { ParseGrade("excellent", "--min-grade"); }),
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
}  // namespace coopctl
