// Usage errors as values: how they are marked, and that parsing and local input report their
// mistakes as usage errors with or without the usage text.
#include "tools/coopctl/usage_error.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tools/coopctl/args.h"
#include "tools/coopctl/cli.h"
#include "tools/coopctl/command.h"
#include "tools/coopctl/input_file.h"

namespace coop::coopctl {
namespace {

TEST(UsageErrorTest, MarksTheStatus) {
  absl::Status with_usage = UsageError("unknown option '--x'");
  EXPECT_EQ(with_usage.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(with_usage.message(), "unknown option '--x'");
  EXPECT_TRUE(IsUsageError(with_usage));
  EXPECT_TRUE(ShowsUsage(with_usage));

  absl::Status without_usage = UsageError("cannot read standard input", false);
  EXPECT_TRUE(IsUsageError(without_usage));
  EXPECT_FALSE(ShowsUsage(without_usage));

  EXPECT_FALSE(IsUsageError(absl::InvalidArgumentError("from elsewhere")));
  EXPECT_FALSE(ShowsUsage(absl::InvalidArgumentError("from elsewhere")));
  EXPECT_FALSE(IsUsageError(absl::OkStatus()));
}

// Vietnamese first: every built-in subcommand of the global usage says what it does in
// Vietnamese, then in English after " / ", and the usage prints both.
TEST(UsageErrorTest, EverySubcommandIsSummarisedInVietnameseThenEnglish) {
  const std::string usage = GlobalUsage();
  int built_in = 0;
  for (const Command& command : AllCommands()) {
    if (!command.section.empty()) continue;
    ++built_in;
    const std::string& summary = command.summary;
    const size_t slash = summary.find(" / ");
    ASSERT_NE(slash, std::string::npos) << command.name << ": " << summary;
    const bool vietnamese = std::any_of(summary.begin(), summary.begin() + slash,
                                        [](char c) { return (c & 0x80) != 0; });
    EXPECT_TRUE(vietnamese) << command.name << ": " << summary;
    EXPECT_NE(usage.find(summary.substr(0, slash)), std::string::npos) << command.name;
    // The English on a line of its own, under the Vietnamese.
    const size_t english = usage.find(summary.substr(slash + 3));
    ASSERT_NE(english, std::string::npos) << command.name;
    const size_t line = usage.rfind('\n', english) + 1;
    EXPECT_GT(english, line) << command.name;
    EXPECT_EQ(usage.find_first_not_of(' ', line), english) << command.name << ": " << summary;
  }
  EXPECT_GE(built_in, 20);
}

TEST(UsageErrorTest, ParseArgsMistakesShowTheUsage) {
  const std::vector<OptionSpec> specs = {{"stream"}, {"all", false}};
  absl::StatusOr<ParsedArgs> parsed = ParseArgs({"--stream", "a", "--all"}, specs);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->Get("stream"), "a");
  EXPECT_TRUE(parsed->Has("all"));

  const std::vector<std::pair<std::vector<std::string>, std::string>> mistakes = {
      {{"--nope"}, "unknown option '--nope'"},
      {{"-x"}, "unknown option '-x'"},
      {{"--stream"}, "option '--stream' needs a value"},
      {{"--all=yes"}, "option '--all' takes no value"},
      {{"--stream", "a", "--stream=b"}, "option '--stream' given more than once"},
  };
  for (const auto& [args, message] : mistakes) {
    absl::Status status = ParseArgs(args, specs).status();
    EXPECT_TRUE(ShowsUsage(status)) << status;
    EXPECT_EQ(status.message(), message);
  }
}

TEST(UsageErrorTest, GetUintNamesTheOption) {
  absl::StatusOr<ParsedArgs> parsed = ParseArgs({"--limit", "12x"}, {{"limit"}, {"from"}});
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  absl::Status status = parsed->GetUint("limit").status();
  EXPECT_TRUE(ShowsUsage(status)) << status;
  EXPECT_EQ(status.message(), "--limit: expected a non-negative number, got '12x'");
  absl::StatusOr<uint64_t> from = parsed->GetUintOr("from", 7);
  ASSERT_TRUE(from.ok()) << from.status();
  EXPECT_EQ(*from, 7u);
}

TEST(UsageErrorTest, UnreadableInputIsAUsageErrorWithoutUsage) {
  absl::Status status = ReadInputFile("/nonexistent/coopctl-input.json").status();
  EXPECT_TRUE(IsUsageError(status)) << status;
  EXPECT_FALSE(ShowsUsage(status));
  EXPECT_EQ(status.message(),
            "cannot open '/nonexistent/coopctl-input.json': No such file or directory");
  // Exit code 2, before any call (no server listens on port 1).
  EXPECT_EQ(RunCli({"--server", "127.0.0.1:1", "import", "/nonexistent/coopctl-input.json"}), 2);
  EXPECT_EQ(RunCli({"--server", "127.0.0.1:1", "append", "--file", "/nonexistent/x.json"}), 2);
}

}  // namespace
}  // namespace coop::coopctl
