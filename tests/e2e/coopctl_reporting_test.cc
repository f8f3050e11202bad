// coopctl's reporting subcommands against a real coopd child process: projections status
// and rebuild, show and list of cooperatives, and how a server error is shown.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include "tests/e2e/coopd_process.h"
#include "tests/support/test_support.h"

namespace coop::testing {
namespace {

constexpr char kCoopA[] = "4205cf79-3182-45a7-8405-e08e74754b30";
constexpr char kCoopB[] = "5205cf79-3182-45a7-8405-e08e74754b30";

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class CoopctlReportingTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_OK(coopd_.Start(dir_.Sub("store"))); }

  // Runs coopctl with `args`; returns stdout (and stderr unless `stdout_only`) and the exit code.
  std::string Coopctl(const std::string& args, int* exit_code, bool stdout_only = false) {
    std::string command = std::string(COOPCTL_PATH) + " --server " + coopd_.address() + " " + args +
                          (stdout_only ? " 2>/dev/null" : " 2>&1");
    FILE* pipe = popen(command.c_str(), "r");
    std::string output;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) output.append(buf, n);
    *exit_code = WEXITSTATUS(pclose(pipe));
    return output;
  }

  void Register(const std::string& id, const std::string& code, const std::string& name) {
    int exit_code;
    std::string out =
        Coopctl("register-cooperative --registration.cooperative-id " + id +
                    " --registration.code " + code + " --registration.name '" + name +
                    "' --registration.kind cooperative --registration.law-regime law-2023 "
                    "--registration.members.official 9 --registration.address.code 32059 "
                    "--registration.address.unit-set 2025-03 --occurred-on 2024-09-01",
                &exit_code);
    ASSERT_EQ(exit_code, 0) << out;
  }

  // `show cooperative ID` once the projection has it (it follows the log asynchronously).
  std::string ShowWhenThere(const std::string& id, int* exit_code) {
    std::string out;
    for (int i = 0; i < 250; ++i) {
      out = Coopctl("show cooperative " + id, exit_code);
      if (*exit_code == 0) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return out;
  }

  TempDir dir_;
  CoopdProcess coopd_;
};

TEST_F(CoopctlReportingTest, ShowAndListCooperatives) {
  Register(kCoopA, "2000000001", "HTX Khánh An");
  Register(kCoopB, "2000000002", "HTX Khánh Lâm");
  int code;
  std::string out = ShowWhenThere(kCoopB, &code);
  ASSERT_EQ(code, 0) << out;
  EXPECT_EQ(out.rfind("cooperative id ", 0), 0u) << out;
  EXPECT_TRUE(Contains(out, std::string(" ") + kCoopB + "\n")) << out;
  EXPECT_TRUE(Contains(out, " HTX Khánh Lâm\n")) << out;
  EXPECT_TRUE(Contains(out, " 32059 (2025-03)\n")) << out;
  out = Coopctl(std::string("show cooperative coop-") + kCoopA, &code);  // the stream name
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "HTX Khánh An")) << out;

  out = Coopctl("--json show cooperative " + std::string(kCoopA), &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "\"code\":\"2000000001\"")) << out;

  // One per page: the first page says how to get the next; --all pages through both.
  out = Coopctl("list cooperatives --page-size 1", &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, std::string(kCoopA) + "  2000000001")) << out;
  EXPECT_TRUE(Contains(out, std::string("-- còn nữa: thêm --page-token after:") + kCoopA)) << out;
  out = Coopctl("--lang en list cooperatives --page-size 1", &code);
  EXPECT_TRUE(Contains(out, std::string("-- more cooperatives: add --page-token after:") + kCoopA))
      << out;
  out = Coopctl("list cooperatives --page-size 1 --all", &code, /*stdout_only=*/true);
  EXPECT_EQ(code, 0) << out;
  EXPECT_EQ(out, std::string(kCoopA) + "  2000000001  active  32059 (2025-03)  HTX Khánh An\n" +
                     kCoopB + "  2000000002  active  32059 (2025-03)  HTX Khánh Lâm\n");
  out = Coopctl("list cooperatives --status dissolved --all", &code, true);
  EXPECT_EQ(code, 0) << out;
  EXPECT_EQ(out, "");

  out = Coopctl("show cooperative 00000000-0000-4000-8000-000000000000", &code);
  EXPECT_EQ(code, 1) << out;
  EXPECT_TRUE(Contains(out, "error: NOT_FOUND: ")) << out;
}

TEST_F(CoopctlReportingTest, ProjectionsStatusAndRebuild) {
  Register(kCoopA, "2000000001", "HTX Khánh An");
  int code;
  ASSERT_EQ((ShowWhenThere(kCoopA, &code), code), 0);

  std::string out = Coopctl("projections status", &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "cooperative_registry")) << out;

  out = Coopctl("projections rebuild cooperative_registry --progress", &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "cooperative_registry rebuilt: position ")) << out;
  EXPECT_TRUE(Contains(out, "events/s  live\n")) << out;  // the bar's last line
  out = Coopctl("show cooperative " + std::string(kCoopA), &code);
  EXPECT_EQ(code, 0) << out;  // the rows are back

  out = Coopctl("projections rebuild no_such_projection", &code);
  EXPECT_EQ(code, 1) << out;
  EXPECT_TRUE(Contains(out, "error: NOT_FOUND: no projection \"no_such_projection\"")) << out;
  out = Coopctl("projections rebuild", &code);
  EXPECT_EQ(code, 2) << out;
}

TEST_F(CoopctlReportingTest, ServerErrorsShowTheCodeAndMessage) {
  int code;
  // Whatever the server answers (the handler may still be a stub), a failure is shown as
  // "error: CODE: message" with exit 1, and a success as the table's header.
  std::string out = Coopctl("stats --area 966 --year 2020", &code);
  if (code == 0) {
    EXPECT_TRUE(Contains(out, "Thống kê năm 2020: ")) << out;
  } else {
    EXPECT_EQ(code, 1) << out;
    EXPECT_EQ(out.rfind("error: ", 0), 0u) << out;
  }
  out = Coopctl("stats --area 966", &code);
  EXPECT_EQ(code, 2) << out;
  EXPECT_TRUE(Contains(out, "error: missing --year")) << out;
}

}  // namespace
}  // namespace coop::testing
