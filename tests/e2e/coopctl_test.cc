// coopctl against a real coopd child process: each subcommand, its output and exit codes.
// Raw appends name streams outside the domain's categories (ledger-…, notes-…): the edge
// refuses a raw append to a domain stream such as coop-… for every principal
// (services/domain_stream_guard.h), so these tests no longer use coop-/group- names.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tests/e2e/coopd_process.h"
#include "tests/e2e/run_command.h"
#include "tests/support/test_support.h"

namespace coop::testing {
namespace {

class CoopctlTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_OK(coopd_.Start(dir_.Sub("store"))); }

  // Runs coopctl with `args` against the server; returns stdout+stderr and the exit code.
  std::string Coopctl(const std::string& args, int* exit_code, const std::string& stdin_text = "") {
    std::string command = std::string(COOPCTL_PATH) + " --server " + coopd_.address() + " " + args;
    if (!stdin_text.empty()) command = "printf '%s' '" + stdin_text + "' | " + command;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    std::string output;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) output.append(buf, n);
    *exit_code = WEXITSTATUS(pclose(pipe));
    return output;
  }

  TempDir dir_;
  CoopdProcess coopd_;
};

TEST_F(CoopctlTest, AppendReadInfoVerify) {
  int code;
  std::string out = Coopctl(
      "append --stream ledger-1 --expected no_stream --type coop.v1.Noted --payload hello "
      "--occurred-on 2024-01-02 --area 32044 --unit-set 2025-03",
      &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_NE(out.find("appended position 1"), std::string::npos) << out;

  out = Coopctl("append --stream ledger-1 --expected 5 --type coop.v1.Noted", &code);
  EXPECT_EQ(code, 1);
  EXPECT_NE(out.find("ABORTED"), std::string::npos) << out;
  EXPECT_NE(out.find("current version 1"), std::string::npos) << out;

  out = Coopctl("read ledger-1", &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_NE(out.find("coop.v1.Noted"), std::string::npos) << out;
  EXPECT_NE(out.find("hello"), std::string::npos) << out;

  out = Coopctl("--json read --all", &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_NE(out.find("\"stream_id\":\"ledger-1\""), std::string::npos) << out;

  out = Coopctl("info", &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_NE(out.find("head position   1"), std::string::npos) << out;

  out = Coopctl("verify", &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_NE(out.find("OK"), std::string::npos) << out;
}

TEST_F(CoopctlTest, AppendFromJsonOnStdinIsAtomicAcrossStreams) {
  int code;
  const std::string request =
      R"({"streams":[{"stream_id":"a-1","events":[{"type":"t.v1.A","payload":"aGk="}]},)"
      R"({"stream_id":"b-1","expected":{"kind":"EXACT","version":"3"},)"
      R"("events":[{"type":"t.v1.B"}]}]})";
  std::string out = Coopctl("append -", &code, request);
  EXPECT_EQ(code, 1) << out;  // b-1 is not at version 3: nothing is written
  out = Coopctl("info", &code);
  EXPECT_NE(out.find("head position   0"), std::string::npos) << out;
}

TEST_F(CoopctlTest, TailPrintsCaughtUpThenEvents) {
  int code;
  Coopctl("append --stream s-1 --type t.v1.A", &code);
  ASSERT_EQ(code, 0);
  std::string out = Coopctl("tail --count 1", &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_NE(out.find("s-1"), std::string::npos) << out;
}

TEST_F(CoopctlTest, TailStopsAtItsCountInsideAMessageOfSeveralEventsAndPrintsOneLineEach) {
  int code;
  for (int i = 0; i < 5; ++i) {
    Coopctl("append --stream s-1 --type t.v1.A", &code);
    ASSERT_EQ(code, 0);
  }
  // tail asks for several events a message; the five come in one, and --count cuts it at 3.
  std::string out = Coopctl("--json tail --count 3", &code);
  EXPECT_EQ(code, 0) << out;
  std::vector<std::string> lines = absl::StrSplit(out, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 3u) << out;
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(lines[i].starts_with("{\"event\":")) << lines[i];
    EXPECT_NE(lines[i].find(absl::StrCat("\"position\":\"", i + 1, "\"")), std::string::npos)
        << lines[i];
  }
}

TEST_F(CoopctlTest, ProjectionsStatus) {
  int code;
  std::string out = Coopctl("projections status", &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_NE(out.find("cooperative_registry"), std::string::npos) << out;
  out = Coopctl("projections rebuild-everything", &code);
  EXPECT_EQ(code, 2) << out;
}

TEST_F(CoopctlTest, UsageErrorsExitTwo) {
  int code;
  std::string out = Coopctl("frobnicate", &code);
  EXPECT_EQ(code, 2) << out;
  out = Coopctl("append --stream s-1", &code);  // no --type
  EXPECT_EQ(code, 2) << out;
}

// coopctl's request id reaches coopd's log: --request_id's, or one made per run.
TEST(CoopctlRequestIdTest, TheRequestIdOfARunIsOnTheServersLogLines) {
  TempDir dir;
  CoopdProcess coopd;
  ASSERT_OK(coopd.Start(dir.Sub("store"), {"--log_level", "debug"}));
  const std::string coopctl = std::string(COOPCTL_PATH) + " --server " + coopd.address();
  int code = 0;
  std::string out = RunCommand(coopctl + " --request_id bao-cao-quy-4 info", &code);
  EXPECT_EQ(code, 0) << out;
  out = RunCommand(coopctl + " info", &code);
  EXPECT_EQ(code, 0) << out;
  out = RunCommand(coopctl + " --request_id 'two words' info", &code);
  EXPECT_EQ(code, 2) << out;
  EXPECT_NE(out.find("--request_id: 1 to 64 characters"), std::string::npos) << out;
  ASSERT_EQ(coopd.SignalAndWait(SIGTERM), 0);
  std::ifstream in(coopd.log_path());
  std::stringstream log;
  log << in.rdbuf();
  EXPECT_NE(log.str().find("\"method\":\"/coop.v1.EventStore/GetLogInfo\",\"code\":\"OK\","),
            std::string::npos)
      << log.str();
  EXPECT_NE(log.str().find("\"request_id\":\"bao-cao-quy-4\""), std::string::npos) << log.str();
  EXPECT_NE(log.str().find("\"request_id\":\"coopctl-"), std::string::npos) << log.str();
}

}  // namespace
}  // namespace coop::testing
