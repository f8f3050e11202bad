// coopctl audit against a real coopd child process, as an auditor works: fetch the public key,
// keep a head, record more through the command services, keep a later head, prove an event is
// in a kept head and that the later head extends the earlier one — and see the checks fail
// (exit 3) for a kept head whose root was changed, for a head checked with another key, and
// for an event beyond the kept head (the server's error, exit 1).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "tests/e2e/coopd_process.h"
#include "tests/e2e/run_command.h"
#include "tests/support/test_support.h"
#include "verify/tree_head.h"

namespace coop::testing {
namespace {

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class CoopctlAuditTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_OK(coopd_.Start(dir_.Sub("store"))); }

  std::string Coopctl(const std::string& args, int* exit_code) {
    return RunCommand(std::string(COOPCTL_PATH) + " --server " + coopd_.address() + " " + args,
                      exit_code);
  }
  // Registers a cooperative through the command services.
  void Register(const std::string& code) {
    int exit_code;
    const std::string out =
        Coopctl("register-cooperative --registration.code " + code +
                    " --registration.name 'HTX Khánh An' --registration.kind cooperative "
                    "--registration.law-regime law-2023 --registration.members.official 7 "
                    "--registration.address.code 32059 --registration.address.unit-set 2025-03 "
                    "--occurred-on 2024-09-01",
                &exit_code);
    ASSERT_EQ(exit_code, 0) << out;
  }
  std::string Read(const std::string& path) {
    std::ifstream file(path);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
  }

  TempDir dir_;
  CoopdProcess coopd_;
};

TEST_F(CoopctlAuditTest, KeepHeadsThenProveInclusionAndConsistency) {
  Register("2800000001");
  Register("2800000002");
  int code;
  const std::string key = dir_.Sub("key.pem");
  std::string out = Coopctl("audit public-key --out " + key, &code);
  ASSERT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "khóa Ed25519 ")) << out;  // the fingerprint, on stderr
  ASSERT_TRUE(verify::VerifyingKey::FromPem(Read(key)).ok());

  const std::string old_head = dir_.Sub("old.json");
  out = Coopctl("audit head --public-key " + key + " --out " + old_head, &code);
  ASSERT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "đã giữ đầu cây cỡ ")) << out;
  EXPECT_TRUE(Contains(Read(old_head), "\"root_hash\":")) << Read(old_head);

  Register("2800000003");
  const std::string new_head = dir_.Sub("new.json");
  out = Coopctl("--lang en audit head --public-key " + key + " --out " + new_head, &code);
  ASSERT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "kept the tree head of size ")) << out;

  out = Coopctl("audit consistent " + old_head + " " + new_head + " --public-key " + key, &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "HỢP LỆ: đầu cây cỡ ")) << out;
  out = Coopctl("audit prove 1 --head " + old_head + " --public-key " + key, &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "HỢP LỆ: sự kiện #1 nằm trong đầu cây đã giữ")) << out;

  // A kept head whose root was changed: its signature no longer holds.
  std::string text = Read(new_head);
  const size_t at = text.find("\"root_hash\":\"") + 13;
  text[at] = text[at] == 'A' ? 'B' : 'A';
  const std::string changed = dir_.Sub("changed.json");
  std::ofstream(changed) << text;
  out = Coopctl("--lang en audit consistent " + old_head + " " + changed + " --public-key " + key,
                &code);
  EXPECT_EQ(code, 3) << out;
  EXPECT_TRUE(Contains(out, "NOT VERIFIED")) << out;

  // Another key does not vouch for the server's heads.
  auto stranger = verify::SigningKey::Generate();
  ASSERT_TRUE(stranger.ok());
  const std::string other_key = dir_.Sub("other.pem");
  std::ofstream(other_key) << stranger->public_key().Pem();
  out = Coopctl("audit head --public-key " + other_key + " --out " + dir_.Sub("x.json"), &code);
  EXPECT_EQ(code, 3) << out;
  EXPECT_TRUE(Contains(out, "KHÔNG HỢP LỆ")) << out;

  // An event beyond the kept head is not in it: the server says so.
  out = Coopctl("audit prove 999 --head " + old_head + " --public-key " + key, &code);
  EXPECT_EQ(code, 1) << out;
  EXPECT_TRUE(Contains(out, "INVALID_ARGUMENT")) << out;
  // Usage errors exit 2.
  out = Coopctl("audit prove 1 --head " + old_head, &code);
  EXPECT_EQ(code, 2) << out;
}

}  // namespace
}  // namespace coop::testing
