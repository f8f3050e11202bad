// Backups as an administrator takes them, with the built binaries: coopd run with
// --backup_dir, `coopctl admin backup` (create, list, verify) against it, then
// `coopd restore-backup` into a new folder and a second coopd started on it. The comparison is
// what the administrator would look at: `coopctl info` (the log's head and chain head). And
// `coopctl admin compact` against it.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <string>

#include "absl/strings/str_cat.h"
#include "tests/e2e/coopd_process.h"
#include "tests/e2e/run_command.h"
#include "tests/support/test_support.h"

namespace coop::testing {
namespace {

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class CoopctlBackupTest : public ::testing::Test {
 protected:
  std::string Coopctl(const CoopdProcess& coopd, const std::string& args, int* code) {
    return RunCommand(
        absl::StrCat("env -u COOP_TOKEN ", COOPCTL_PATH, " --server ", coopd.address(), " ", args),
        code);
  }
  // The value after `label` on its line of `coopctl info`'s output.
  static std::string Line(const std::string& text, const std::string& label) {
    const size_t at = text.find(label);
    if (at == std::string::npos) return "";
    return text.substr(at, text.find('\n', at) - at);
  }

  TempDir dir_;
};

TEST_F(CoopctlBackupTest, BackUpListVerifyAndRestoreWithTheBinaries) {
  CoopdProcess coopd;
  ASSERT_OK(coopd.Start(dir_.Sub("store"), {"--backup_dir", dir_.Sub("backups")}));
  int code = -1;
  for (int i = 0; i < 30; ++i) {
    Coopctl(coopd, absl::StrCat("append --stream ledger-", i, " --type coop.v1.Noted --payload x"),
            &code);
    ASSERT_EQ(code, 0);
  }
  std::string out = Coopctl(coopd, "admin backup", &code);
  ASSERT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "bản sao lưu / backup 1")) << out;
  EXPECT_TRUE(Contains(out, "sổ đến vị trí / log to  30")) << out;
  Coopctl(coopd, "append --stream ledger-x --type coop.v1.Noted --payload y", &code);
  out = Coopctl(coopd, "admin backup create", &code);
  ASSERT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "sổ đến vị trí / log to  31")) << out;

  out = Coopctl(coopd, "admin backup list", &code);
  ASSERT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "2 bản sao lưu trong / backups in")) << out;
  out = Coopctl(coopd, "admin backup verify 1", &code);
  ASSERT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "HỢP LỆ / OK")) << out;
  EXPECT_TRUE(Contains(out, "verifies to position 30")) << out;
  out = Coopctl(coopd, "admin backup verify 9", &code);
  EXPECT_EQ(code, 1) << out;
  EXPECT_TRUE(Contains(out, "NOT_FOUND")) << out;
  out = Coopctl(coopd, "admin backup verify nine", &code);
  EXPECT_EQ(code, 2) << out;
  const std::string source_info = Coopctl(coopd, "info", &code);

  // Offline restore of backup 2 (the log to 31), with the key the backup left out.
  const std::string backup = dir_.Sub("backups/backups/000002");
  const std::string restored = dir_.Sub("restored");
  out = RunCommand(absl::StrCat(COOPD_PATH, " restore-backup ", backup, " ", restored), &code);
  EXPECT_EQ(code, 1) << out;
  EXPECT_TRUE(Contains(out, "--master_key")) << out;
  out = RunCommand(absl::StrCat(COOPD_PATH, " restore-backup ", backup, " ", restored,
                                " --master_key ", dir_.Sub("store/master.key")),
                   &code);
  ASSERT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "the log to position 31")) << out;
  out = RunCommand(absl::StrCat(COOPD_PATH, " restore-backup ", backup, " ", restored,
                                " --master_key ", dir_.Sub("store/master.key")),
                   &code);
  EXPECT_EQ(code, 1) << "the folder is not empty any more: " << out;

  CoopdProcess second;
  ASSERT_OK(second.Start(restored));
  const std::string restored_info = Coopctl(second, "info", &code);
  ASSERT_EQ(code, 0) << restored_info;
  EXPECT_FALSE(Line(source_info, "chain").empty()) << source_info;
  EXPECT_EQ(Line(restored_info, "chain"), Line(source_info, "chain")) << restored_info;
  EXPECT_EQ(Line(restored_info, "head"), Line(source_info, "head")) << restored_info;

  // The restored node's master key rotated, offline.
  ASSERT_EQ(second.SignalAndWait(SIGTERM), 0);
  const std::string new_key = dir_.Sub("new.key");
  out = RunCommand(absl::StrCat("umask 077; openssl rand -hex 32 > ", new_key), &code);
  ASSERT_EQ(code, 0) << out;
  out = RunCommand(absl::StrCat(COOPD_PATH, " rotate-master-key ", restored, " --old ", restored,
                                "/master.key --new ", new_key),
                   &code);
  ASSERT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "re-wrapped 0 keys")) << out;
  CoopdProcess third;
  EXPECT_FALSE(third.Start(restored, {}, 5'000).ok()) << "the old key no longer opens the vault";
  CoopdProcess fourth;
  ASSERT_OK(fourth.Start(restored, {"--master_key_file", new_key}));
}

TEST_F(CoopctlBackupTest, CompactsTheStoresWithTheBinaries) {
  CoopdProcess coopd;
  ASSERT_OK(coopd.Start(dir_.Sub("store"), {"--backup_dir", dir_.Sub("backups")}));
  int code = -1;
  for (int i = 0; i < 10; ++i) {
    Coopctl(coopd, absl::StrCat("append --stream ledger-", i, " --type coop.v1.Noted --payload x"),
            &code);
    ASSERT_EQ(code, 0);
  }
  std::string out = Coopctl(coopd, "admin compact", &code);
  ASSERT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "sổ sự kiện / event log")) << out;
  EXPECT_TRUE(Contains(out, "phép chiếu / projections")) << out;
  EXPECT_TRUE(Contains(out, "đã nén xong / compacted: 2 kho / stores")) << out;
  out = Coopctl(coopd, "--json admin compact", &code);
  ASSERT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "\"store\":\"events\"")) << out;
  out = Coopctl(coopd, "admin compact now", &code);
  EXPECT_EQ(code, 2) << out;
  out = Coopctl(coopd, "verify", &code);
  EXPECT_EQ(code, 0) << out;
}

}  // namespace
}  // namespace coop::testing
