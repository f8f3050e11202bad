// coopctl admin principal add|list|revoke on a principals file in a temporary folder, through
// RunCli (no server is involved): what is written, what is printed, and each refusal.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "access/access_token.h"
#include "access/auth_config.h"
#include "tools/coopctl/cli.h"
#include "tools/coopctl/command.h"

namespace coop::coopctl {
namespace {

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class AdminPrincipalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "coopctl-admin-XXXXXX");
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    path_ = dir_ + "/principals.json";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // coopctl admin principal ACTION --auth_config path_ ARGS...
  CliRun Admin(const std::string& action, const std::vector<std::string>& args = {},
               bool json = false) {
    std::vector<std::string> command = {"admin", "principal", action, "--auth_config", path_};
    if (json) command.insert(command.begin(), "--json");
    command.insert(command.end(), args.begin(), args.end());
    CliRun run;
    ::testing::internal::CaptureStdout();
    ::testing::internal::CaptureStderr();
    run.exit_code = RunCli(command);
    run.out = ::testing::internal::GetCapturedStdout();
    run.err = ::testing::internal::GetCapturedStderr();
    return run;
  }

  std::string FileText() const {
    std::ifstream in(path_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  coop::v1::AuthConfig File() const {
    absl::StatusOr<access::AuthConfig> config = access::AuthConfig::Load(path_);
    EXPECT_TRUE(config.ok()) << config.status();
    return config.ok() ? config->file() : coop::v1::AuthConfig();
  }

  std::string dir_;
  std::string path_;
};

TEST_F(AdminPrincipalTest, AddPrintsTheTokenOnceAndStoresItsHash) {
  CliRun run = Admin("add", {"--name", "alice", "--role", "admin", "--agency", "Sở KH&ĐT Cà Mau"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // stdout: the token alone, so that `... > alice.token` makes a --token_file.
  ASSERT_TRUE(std::regex_match(run.out, std::regex("coop_[A-Za-z0-9_-]{43}\n"))) << run.out;
  const std::string token = run.out.substr(0, run.out.size() - 1);
  EXPECT_TRUE(absl::StrContains(run.err, "chỉ hiện MỘT LẦN này")) << run.err;
  EXPECT_TRUE(absl::StrContains(run.err, "shown only this ONCE")) << run.err;

  struct stat st;
  ASSERT_EQ(stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  const std::string text = FileText();
  EXPECT_TRUE(absl::StrContains(text, access::Sha256Hex(token))) << text;
  EXPECT_FALSE(absl::StrContains(text, token)) << text;

  coop::v1::AuthConfig file = File();
  ASSERT_EQ(file.principals_size(), 1);
  const auto& entry = file.principals(0);
  EXPECT_EQ(entry.name(), "alice");
  EXPECT_EQ(entry.role(), "admin");
  EXPECT_EQ(entry.agency(), "Sở KH&ĐT Cà Mau");
  EXPECT_EQ(entry.token_sha256(), access::Sha256Hex(token));
  EXPECT_TRUE(
      std::regex_match(entry.created_at(), std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")))
      << entry.created_at();
  EXPECT_FALSE(entry.revoked());
}

TEST_F(AdminPrincipalTest, AddRecorderWithAreasAndCertificates) {
  const std::string upper_with_colons =
      "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:"
      "67:89";
  CliRun run = Admin("add", {"--name", "rec.966", "--role", "recorder", "--area", "966@2025-03",
                             "--area", "96@2025-03", "--cert-sha256", upper_with_colons,
                             "--cert_san", "rec966.camau.gov.vn", "--no-token"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "");  // no token made
  coop::v1::AuthConfig file = File();
  ASSERT_EQ(file.principals_size(), 1);
  const auto& entry = file.principals(0);
  EXPECT_EQ(entry.token_sha256(), "");
  ASSERT_EQ(entry.areas_size(), 2);
  EXPECT_EQ(entry.areas(0).code(), "966");
  EXPECT_EQ(entry.areas(0).unit_set(), "2025-03");
  EXPECT_EQ(entry.areas(1).code(), "96");
  ASSERT_EQ(entry.cert_sha256_size(), 1);
  EXPECT_EQ(entry.cert_sha256(0),
            "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789");
  ASSERT_EQ(entry.cert_san_size(), 1);
  EXPECT_EQ(entry.cert_san(0), "rec966.camau.gov.vn");

  // --json: the entry and the token on one line.
  run = Admin("add", {"--name", "bob", "--role", "reader"}, /*json=*/true);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(std::regex_match(
      run.out, std::regex(R"(\{"principal":\{"name":"bob",.*\},"token":"coop_[A-Za-z0-9_-]{43}"\}
)"))) << run.out;
}

TEST_F(AdminPrincipalTest, AddRefusesAnExistingNameAndBadFlags) {
  ASSERT_EQ(Admin("add", {"--name", "alice", "--role", "admin"}).exit_code, 0);
  const std::string before = FileText();

  CliRun run = Admin("add", {"--name", "alice", "--role", "reader"});
  EXPECT_EQ(run.exit_code, kExitServerError);
  EXPECT_EQ(run.out, "");
  EXPECT_TRUE(absl::StrContains(run.err, "đã có chủ thể tên 'alice'")) << run.err;
  EXPECT_TRUE(absl::StrContains(run.err, "a principal named 'alice' already exists")) << run.err;

  const std::vector<std::pair<std::vector<std::string>, std::string>> mistakes = {
      {{"--role", "admin"}, "missing --name"},
      {{"--name", "carol"}, "missing --role"},
      {{"--name", "carol", "--role", "boss"}, "role 'boss' is not one of"},
      {{"--name", "carol", "--role", "recorder"}, "a recorder needs at least one --area"},
      {{"--name", "carol", "--role", "reader", "--area", "966@2025-03"},
       "only a recorder has --area"},
      {{"--name", "carol", "--role", "recorder", "--area", "966"},
       "--area: expected CODE@UNITSET like 966@2025-03, got '966'"},
      {{"--name", "carol", "--role", "recorder", "--area", "99999@2025-03"},
       "cannot add principal 'carol': principals[1].areas[0].code"},
      {{"--name", "Carol", "--role", "reader"}, "cannot add principal 'Carol': principals[1].name"},
      {{"--name", "carol", "--role", "reader", "--no_token"},
       "--no_token needs --cert_sha256 or --cert_san"},
      {{"--name", "carol", "--role", "reader", "--cert_sha256", "abc"}, "--cert_sha256: "},
  };
  for (const auto& [args, message] : mistakes) {
    run = Admin("add", args);
    EXPECT_EQ(run.exit_code, kExitUsage) << message;
    EXPECT_EQ(run.out, "") << message;
    EXPECT_TRUE(absl::StrContains(run.err, message)) << message << "\n" << run.err;
  }
  EXPECT_EQ(FileText(), before);  // nothing written by any of them
}

TEST_F(AdminPrincipalTest, ListShowsNoHashes) {
  CliRun run = Admin("list");
  EXPECT_EQ(run.exit_code, kExitUsage);  // no file yet
  EXPECT_TRUE(absl::StrContains(run.err, "no such file")) << run.err;

  ASSERT_EQ(Admin("add", {"--name", "alice", "--role", "recorder", "--area", "966@2025-03",
                          "--agency", "UBND Cà Mau"})
                .exit_code,
            0);
  ASSERT_EQ(
      Admin("add", {"--name", "bob", "--role", "auditor", "--cert_san", "bob.example"}).exit_code,
      0);
  ASSERT_EQ(Admin("revoke", {"--name", "bob"}).exit_code, 0);
  const std::string hash = File().principals(0).token_sha256();

  run = Admin("list");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(absl::StrContains(run.out, "TÊN")) << run.out;
  EXPECT_TRUE(absl::StrContains(run.out, "NAME")) << run.out;
  EXPECT_TRUE(
      std::regex_search(run.out, std::regex("alice +recorder +UBND Cà Mau +966@2025-03 +token +-")))
      << run.out;
  EXPECT_TRUE(std::regex_search(run.out, std::regex("bob +auditor +- +- +token, cert_san ×1 +20")))
      << run.out;
  EXPECT_TRUE(absl::StrContains(run.out, "2 principals, 1 active, 1 revoked")) << run.out;
  EXPECT_FALSE(absl::StrContains(run.out, hash)) << run.out;

  run = Admin("list", {}, /*json=*/true);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(absl::StrContains(run.out, hash)) << run.out;
  EXPECT_TRUE(absl::StrContains(run.out, "\"revoked\": true")) << run.out;

  run = Admin("list", {"--name", "alice"});
  EXPECT_EQ(run.exit_code, kExitUsage);
  EXPECT_TRUE(absl::StrContains(run.err, "--name does not apply to 'admin principal list'"))
      << run.err;
}

TEST_F(AdminPrincipalTest, Revoke) {
  ASSERT_EQ(Admin("add", {"--name", "alice", "--role", "admin"}).exit_code, 0);

  CliRun run = Admin("revoke", {"--name", "nobody"});
  EXPECT_EQ(run.exit_code, kExitServerError);
  EXPECT_TRUE(absl::StrContains(run.err, "không có chủ thể tên 'nobody'")) << run.err;
  EXPECT_TRUE(absl::StrContains(run.err, "no principal named 'nobody'")) << run.err;

  run = Admin("revoke", {"--name", "alice"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(absl::StrContains(run.out, "revoked principal 'alice'")) << run.out;
  coop::v1::AuthConfig file = File();
  ASSERT_EQ(file.principals_size(), 1);
  EXPECT_TRUE(file.principals(0).revoked());
  EXPECT_FALSE(file.principals(0).revoked_at().empty());
  EXPECT_FALSE(file.principals(0).token_sha256().empty());  // kept for the record
  struct stat st;
  ASSERT_EQ(stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);

  run = Admin("revoke", {"--name", "alice"});  // again: nothing to do
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(absl::StrContains(run.out, "already revoked")) << run.out;

  // A revoked name stays taken.
  run = Admin("add", {"--name", "alice", "--role", "admin"});
  EXPECT_EQ(run.exit_code, kExitServerError);
  EXPECT_TRUE(absl::StrContains(run.err, "(revoked; names are not reused)")) << run.err;
}

TEST_F(AdminPrincipalTest, RefusesAFileOthersMayRead) {
  ASSERT_EQ(Admin("add", {"--name", "alice", "--role", "admin"}).exit_code, 0);
  ASSERT_EQ(chmod(path_.c_str(), 0644), 0);
  CliRun run = Admin("list");
  EXPECT_EQ(run.exit_code, kExitUsage);
  EXPECT_TRUE(absl::StrContains(run.err, "chmod 600")) << run.err;
}

TEST_F(AdminPrincipalTest, WrongShapeIsAUsageError) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"admin"},
                                             {"admin", "principal"},
                                             {"admin", "user", "add"},
                                             {"admin", "principal", "rename"},
                                             {"admin", "principal", "list"}}) {
    ::testing::internal::CaptureStderr();
    EXPECT_EQ(RunCli(args), kExitUsage);
    const std::string err = ::testing::internal::GetCapturedStderr();
    EXPECT_TRUE(absl::StrContains(err, "usage: coopctl admin principal")) << err;
  }
}

}  // namespace
}  // namespace coop::coopctl
