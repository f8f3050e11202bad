// Usage errors as values: how they are marked, and that parsing and local input report their
// mistakes as usage errors with or without the usage text.
#include "tools/coopctl/usage_error.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
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

// Whether `text` holds a Vietnamese letter in UTF-8: U+00C0 to U+01BF (à, â, đ, ă, ơ, ư, ...) or
// U+1E80 to U+1EFF (the letters with a tone mark: ạ, ế, ữ, ...); not an arrow or a dash.
bool HasVietnameseLetter(absl::string_view text) {
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    const unsigned char next = static_cast<unsigned char>(text[i + 1]);
    if (lead >= 0xC3 && lead <= 0xC6) return true;                    // U+00C0 to U+01BF
    if (lead == 0xE1 && (next == 0xBA || next == 0xBB)) return true;  // U+1E80 to U+1EFF
  }
  return false;
}

// Where a line's text starts (its indentation).
size_t TextColumn(absl::string_view line) {
  const size_t column = line.find_first_not_of(' ');
  return column == absl::string_view::npos ? line.size() : column;
}

// Vietnamese first in every subcommand's --help too: in CommandUsage (the subcommand's own text,
// then the global options), each option line ("  --option VALUE   description") describes the
// option in Vietnamese (its description, or the line under an option too long to share its
// line, has Vietnamese letters), and the English follows on the line after the Vietnamese
// (which may go on over more lines), at the same column, without Vietnamese letters. The
// subcommand's own prose has at least one line in Vietnamese.
TEST(UsageErrorTest, EverySubcommandHelpIsInVietnameseThenEnglish) {
  int built_in = 0;
  for (const Command& command : AllCommands()) {
    if (!command.section.empty()) continue;
    ++built_in;
    const std::string usage = CommandUsage(command);
    ASSERT_EQ(usage.rfind(command.usage, 0), 0u) << command.name;
    const std::vector<std::string> lines = absl::StrSplit(usage, '\n');
    int options = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
      const std::string& line = lines[i];
      if (line.rfind("  --", 0) != 0) continue;
      ++options;
      // The description starts after two spaces or more; without one, on the next line.
      size_t row = i;
      size_t column = line.find("  ", 2);
      if (column != std::string::npos) column = line.find_first_not_of(' ', column);
      if (column == std::string::npos) {
        ASSERT_LT(i + 1, lines.size()) << command.name << ": " << line;
        row = i + 1;
        column = TextColumn(lines[row]);
      }
      EXPECT_TRUE(HasVietnameseLetter(absl::string_view(lines[row]).substr(column)))
          << command.name << ": no Vietnamese description: " << lines[row];
      // The Vietnamese's further lines, then the English.
      size_t english = row + 1;
      while (english < lines.size() && TextColumn(lines[english]) == column &&
             HasVietnameseLetter(lines[english])) {
        ++english;
      }
      ASSERT_LT(english, lines.size()) << command.name << ": " << line;
      EXPECT_EQ(TextColumn(lines[english]), column)
          << command.name << ": no English under the Vietnamese of: " << line << "\n"
          << lines[english];
      EXPECT_FALSE(HasVietnameseLetter(lines[english])) << command.name << ": " << lines[english];
    }
    EXPECT_GT(options, 0) << command.name;
    // The prose: lines that start at the left edge, the synopsis aside.
    const std::vector<std::string> own = absl::StrSplit(command.usage, '\n');
    const bool vietnamese_prose = std::any_of(own.begin(), own.end(), [](const std::string& line) {
      return !line.empty() && line[0] != ' ' && line.rfind("usage: ", 0) != 0 &&
             HasVietnameseLetter(line);
    });
    EXPECT_TRUE(vietnamese_prose) << command.name << ":\n" << command.usage;
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
