// coopctl admin principal and coopctl's credentials against a real coopd child process run
// with --auth_config: the file coopctl writes, a token from COOP_TOKEN or --token_file
// accepted, no token refused, and a revoked (or added) principal taking effect in the running
// server once it re-reads the file.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "access/access_token.h"
#include "tests/e2e/coopd_process.h"
#include "tests/support/test_support.h"

namespace coop::testing {
namespace {

constexpr char kCoopA[] = "11111111-2222-4333-8444-0000000000a1";

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class CoopctlAdminTest : public ::testing::Test {
 protected:
  void SetUp() override { principals_ = dir_.Sub("principals.json"); }

  // Runs `env -u COOP_TOKEN ... ENV coopctl ARGS` (ENV: "COOP_TOKEN=..." or ""); returns stdout,
  // with stderr too if `with_stderr`, and the exit code.
  std::string Run(const std::string& env, const std::string& args, int* exit_code,
                  bool with_stderr = true) {
    std::string command = "env -u COOP_TOKEN -u COOP_ACTOR -u COOP_AGENCY " + env + " " +
                          COOPCTL_PATH + " " + args + (with_stderr ? " 2>&1" : " 2>/dev/null");
    FILE* pipe = popen(command.c_str(), "r");
    std::string output;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) output.append(buf, n);
    *exit_code = WEXITSTATUS(pclose(pipe));
    return output;
  }

  // coopctl --server <coopd> ARGS.
  std::string Coopctl(const std::string& env, const std::string& args, int* exit_code) {
    return Run(env, "--server " + coopd_.address() + " " + args, exit_code);
  }

  // `coopctl admin principal add` with `args`: the token it printed (stdout only).
  std::string AddPrincipal(const std::string& args) {
    int code;
    std::string out =
        Run("", "admin principal add --auth_config " + principals_ + " " + args, &code, false);
    EXPECT_EQ(code, 0) << out;
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
  }

  std::string ReadFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  // Polls `coopctl info` with `env` for up to 5 s until its exit code is `want`.
  bool InfoExitsWithin5s(const std::string& env, int want, std::string* out) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    int code = -1;
    while (std::chrono::steady_clock::now() < deadline) {
      *out = Coopctl(env, "info", &code);
      if (code == want) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  TempDir dir_;
  std::string principals_;
  CoopdProcess coopd_;
};

TEST_F(CoopctlAdminTest, TokensAcceptedRefusedAndRevoked) {
  // The principals file: mode 0600, the token's SHA-256 and never the token.
  const std::string token = AddPrincipal("--name ops --role admin --agency dpi-camau");
  ASSERT_EQ(token.rfind("coop_", 0), 0u) << token;
  struct stat st;
  ASSERT_EQ(stat(principals_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  const std::string text = ReadFile(principals_);
  EXPECT_TRUE(Contains(text, access::Sha256Hex(token))) << text;
  EXPECT_FALSE(Contains(text, token)) << text;

  ASSERT_OK(coopd_.Start(dir_.Sub("store"), {"--auth_config", principals_}));

  // No token: UNAUTHENTICATED, exit 1.
  int code;
  std::string out = Coopctl("", "info", &code);
  EXPECT_EQ(code, 1) << out;
  EXPECT_TRUE(Contains(out, "UNAUTHENTICATED")) << out;
  // A wrong token too.
  out = Coopctl("COOP_TOKEN=coop_not-a-real-token", "info", &code);
  EXPECT_EQ(code, 1) << out;
  EXPECT_TRUE(Contains(out, "UNAUTHENTICATED")) << out;

  // The token from the environment, and from a file (first line, trimmed).
  out = Coopctl("COOP_TOKEN=" + token, "info", &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "head position")) << out;
  const std::string token_file = dir_.Sub("ops.token");
  std::ofstream(token_file) << "  " << token << "  \n";
  out = Coopctl("", "--token_file " + token_file + " info", &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "head position")) << out;

  // Never as a flag: refused before any call.
  out = Coopctl("", "info --token=" + token, &code);
  EXPECT_EQ(code, 2) << out;
  EXPECT_TRUE(Contains(out, "--token_file")) << out;

  // A command (through the generic stub) carries the token too, and records the principal.
  out = Coopctl("COOP_TOKEN=" + token,
                std::string("register-cooperative --registration.cooperative-id ") + kCoopA +
                    " --registration.code 2000123457 --registration.name 'HTX Khánh Bình' "
                    "--registration.kind cooperative --registration.law-regime law-2023 "
                    "--registration.members.official 7 --registration.address.code 32059 "
                    "--registration.address.unit-set 2025-03 --occurred-on 2024-09-01",
                &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, std::string("recorded: coop-") + kCoopA + "@1")) << out;
  out = Coopctl("COOP_TOKEN=" + token, std::string("history coop-") + kCoopA, &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "người ghi: ops, đơn vị dpi-camau")) << out;

  // A principal added while coopd runs is accepted once coopd re-reads the file.
  const std::string auditor = AddPrincipal("--name audit --role auditor");
  EXPECT_TRUE(InfoExitsWithin5s("COOP_TOKEN=" + auditor, 0, &out)) << out;

  // Revoked: the running coopd refuses the token within a few seconds.
  out = Run("", "admin principal revoke --auth_config " + principals_ + " --name ops", &code);
  ASSERT_EQ(code, 0) << out;
  EXPECT_TRUE(InfoExitsWithin5s("COOP_TOKEN=" + token, 1, &out)) << out;
  EXPECT_TRUE(Contains(out, "UNAUTHENTICATED")) << out;
  out = Coopctl("", "--token_file " + token_file + " info", &code);
  EXPECT_EQ(code, 1) << out;
  // The other principal still works.
  out = Coopctl("COOP_TOKEN=" + auditor, "info", &code);
  EXPECT_EQ(code, 0) << out;

  // The list shows both, one revoked, and no hash.
  out = Run("", "admin principal list --auth_config " + principals_, &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "2 principals, 1 active, 1 revoked")) << out;
  EXPECT_FALSE(Contains(out, access::Sha256Hex(token))) << out;
}

}  // namespace
}  // namespace coop::testing
