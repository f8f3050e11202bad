// coopd --config FILE (services/coopd_config.h) and the shipped example, deploy/coopd.conf:
// the example names every flag coopd --help lists, and parses with every option turned on;
// the command line overrides the file; a bad line is an error naming the file and the line.
#include "services/coopd_config.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "services/coopd_flags.h"
#include "tests/support/test_support.h"

namespace coop::services {
namespace {

constexpr char kExample[] = COOP_SOURCE_DIR "/deploy/coopd.conf";

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The flags coopd --help documents, without dashes (not --help and --config themselves).
std::set<std::string> DocumentedFlags() {
  std::set<std::string> names;
  const std::string usage = CoopdUsage();
  const std::regex flag(R"(\n  --([a-z0-9_]+))");
  for (auto it = std::sregex_iterator(usage.begin(), usage.end(), flag);
       it != std::sregex_iterator(); ++it) {
    names.insert((*it)[1]);
  }
  names.erase("help");
  names.erase("config");
  return names;
}

TEST(CoopdConfigTest, TheExampleDocumentsEveryFlagOfHelp) {
  const std::string example = ReadText(kExample);
  ASSERT_FALSE(example.empty()) << kExample;
  const auto flags = DocumentedFlags();
  ASSERT_GE(flags.size(), 20u);
  for (const std::string& name : flags) {
    const std::regex line("(^|\n)(# )?" + name + " = ");
    EXPECT_TRUE(std::regex_search(example, line)) << name << " is not in deploy/coopd.conf";
  }
}

// Vietnamese first: every flag of coopd --help is described in Vietnamese, then in English
// after " / " or " /" at a line's end (a description runs to the next flag, or to the blank
// line after the last).
TEST(CoopdConfigTest, TheHelpDescribesEveryFlagInVietnameseThenEnglish) {
  const std::string usage = CoopdUsage();
  const auto flags = DocumentedFlags();
  ASSERT_GE(flags.size(), 20u);
  for (const std::string& name : flags) {
    const size_t start = usage.find("\n  --" + name + " ");
    const size_t alone = usage.find("\n  --" + name + "\n");
    const size_t at = std::min(start, alone);
    ASSERT_NE(at, std::string::npos) << name;
    size_t end = usage.find("\n  --", at + 1);
    end = std::min(end, usage.find("\n\n", at + 1));
    const std::string block = usage.substr(at, end - at);
    const size_t first_non_ascii =
        std::find_if(block.begin(), block.end(), [](char c) { return (c & 0x80) != 0; }) -
        block.begin();
    const size_t slash = std::min(block.find(" / "), block.find(" /\n"));
    EXPECT_LT(first_non_ascii, block.size()) << name << " has no Vietnamese:\n" << block;
    ASSERT_NE(slash, std::string::npos) << name << " has no \" / \" before English:\n" << block;
    EXPECT_LT(first_non_ascii, slash) << name << ": Vietnamese comes first:\n" << block;
    // English follows: its first word is ASCII.
    const size_t english = block.find_first_not_of(" \n", slash + 2);
    ASSERT_NE(english, std::string::npos) << name;
    EXPECT_EQ(block[english] & 0x80, 0) << name << ": English follows the \" / \":\n" << block;
  }
}

TEST(CoopdConfigTest, TheExampleParsesAsItIsAndWithEveryOptionOn) {
  auto as_is = ParseCoopdFlags({"--config", kExample});
  ASSERT_OK(as_is);
  EXPECT_EQ(as_is->server.data_dir, "/var/lib/coopd");
  EXPECT_EQ(as_is->server.backup_keep, 7u);
  EXPECT_EQ(as_is->log_level, base::LogLevel::kInfo);
  EXPECT_FALSE(as_is->server.demo);

  // Every commented "# name = value" turned on.
  std::string all =
      std::regex_replace(ReadText(kExample), std::regex(R"((^|\n)# ([a-z0-9_]+ = ))"), "$1$2");
  coop::testing::TempDir dir;
  std::ofstream(dir.Sub("all.conf")) << all;
  auto every = ReadCoopdConfig(dir.Sub("all.conf"));
  ASSERT_OK(every);
  std::set<std::string> named;
  for (const auto& entry : *every) named.insert(entry.name);
  EXPECT_EQ(named, DocumentedFlags());
  auto flags = ParseCoopdFlags({"--config=" + dir.Sub("all.conf")});
  ASSERT_OK(flags);
  EXPECT_EQ(flags->server.tls_reload_every, absl::Seconds(60));
  EXPECT_EQ(flags->server.tls_client_ca, "/etc/coopd/tls/clients-ca.crt");
  EXPECT_EQ(flags->port_file, "/run/coopd/port");
}

TEST(CoopdConfigTest, GivenAFileAndFlags_ThenTheCommandLineWins) {
  coop::testing::TempDir dir;
  std::ofstream(dir.Sub("c.conf"))
      << "# a comment\n\n  data_dir =  /srv/coop  \nlog_level = debug\n"
         "demo = true\nbackup_keep = 3\n";
  auto flags =
      ParseCoopdFlags({"--backup_keep", "9", "--config", dir.Sub("c.conf"), "--data_dir=x"});
  ASSERT_OK(flags);
  EXPECT_EQ(flags->server.data_dir, "x");
  EXPECT_EQ(flags->server.backup_keep, 9u);
  EXPECT_EQ(flags->log_level, base::LogLevel::kDebug);
  EXPECT_TRUE(flags->server.demo);
  EXPECT_EQ(flags->config_file, dir.Sub("c.conf"));
}

TEST(CoopdConfigTest, GivenABadLine_ThenTheErrorNamesTheFileAndTheLine) {
  coop::testing::TempDir dir;
  const auto error = [&](const std::string& text) {
    std::ofstream(dir.Sub("bad.conf"), std::ios::trunc) << text;
    auto flags = ParseCoopdFlags({"--config", dir.Sub("bad.conf")});
    EXPECT_FALSE(flags.ok()) << text;
    EXPECT_EQ(flags.status().code(), absl::StatusCode::kInvalidArgument);
    return std::string(flags.status().message());
  };
  EXPECT_NE(error("data_dir = a\nlisten 1\n").find("line 2: expected \"name = value\""),
            std::string::npos);
  EXPECT_NE(error("backup_keep = 0\n").find("bad.conf:1: --backup_keep: a whole number"),
            std::string::npos);
  EXPECT_NE(error("colour = blue\n").find(":1: unknown flag --colour"), std::string::npos);
  EXPECT_NE(error("demo = yes\n").find("demo: true or false"), std::string::npos);
  EXPECT_NE(error("config = other.conf\n").find("cannot be set in the file"), std::string::npos);
  EXPECT_NE(error("log_level = info\nlog_level = debug\n").find("log_level is given twice"),
            std::string::npos);
  EXPECT_NE(error("Data-Dir = x\n").find("a-z, 0-9 and _"), std::string::npos);
  EXPECT_NE(error("log_level = loud\n").find("debug, info, warning or error"), std::string::npos);
  auto missing = ParseCoopdFlags({"--config", dir.Sub("missing.conf")});
  EXPECT_NE(missing.status().message().find("cannot read"), std::string::npos);
  EXPECT_NE(ParseCoopdFlags({"--config", "a", "--config", "b"}).status().message().find("twice"),
            std::string::npos);
}

TEST(CoopdConfigTest, LogLevelAndTlsReloadFlags) {
  auto flags = ParseCoopdFlags({"--log_level=warning", "--tls_reload_seconds", "5"});
  ASSERT_OK(flags);
  EXPECT_EQ(flags->log_level, base::LogLevel::kWarning);
  EXPECT_EQ(flags->server.tls_reload_every, absl::Seconds(5));
  EXPECT_FALSE(ParseCoopdFlags({"--tls_reload_seconds=0"}).ok());
  EXPECT_FALSE(ParseCoopdFlags({"--log_level=trace"}).ok());
}

}  // namespace
}  // namespace coop::services
