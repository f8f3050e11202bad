// The principals file: what it must hold, the errors that name the entry and field, the
// lookups (revoked principals found by none), and how it is written (0600, no token).
#include "access/auth_config.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "access/access_token.h"
#include "tests/support/test_support.h"

namespace coop::access {
namespace {

constexpr char kValid[] = R"({"principals": [
  {"name": "admin", "role": "admin", "token_sha256": "%s"},
  {"name": "recorder-u-minh", "role": "recorder", "agency": "Phòng Kinh tế huyện U Minh",
   "areas": [{"code": "966", "unit_set": "2025-03"}], "cert_san": ["recorder.coop.test"]},
  {"name": "old", "role": "reader", "token_sha256": "%s", "revoked": true}
]})";

std::string Valid(const std::string& admin_hash, const std::string& old_hash) {
  std::string text = kValid;
  text.replace(text.find("%s"), 2, admin_hash);
  text.replace(text.find("%s"), 2, old_hash);
  return text;
}

void ExpectInvalid(const std::string& json, const std::string& where) {
  auto config = AuthConfig::Parse(json);
  ASSERT_FALSE(config.ok()) << json;
  EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(config.status().message().find(where), std::string::npos) << config.status();
}

TEST(AuthConfigTest, GivenAValidFileWhenLookingUpThenActivePrincipalsAreFoundAndRevokedOnesAreNot) {
  const std::string admin = Sha256Hex("admin-token"), old = Sha256Hex("old-token");
  auto config = AuthConfig::Parse(Valid(admin, old));
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->active_count(), 2u);
  ASSERT_NE(config->ByTokenSha256(admin), nullptr);
  EXPECT_EQ(config->ByTokenSha256(admin)->role, Role::kAdmin);
  EXPECT_EQ(config->ByTokenSha256(old), nullptr) << "revoked";
  const Principal* recorder = config->ByCertificateSan("recorder.coop.test");
  ASSERT_NE(recorder, nullptr);
  EXPECT_EQ(recorder->agency, "Phòng Kinh tế huyện U Minh");
  ASSERT_EQ(recorder->areas.size(), 1u);
  EXPECT_EQ(recorder->areas[0].code(), "966");
}

TEST(AuthConfigTest, GivenABadEntryThenTheErrorNamesTheEntryAndTheField) {
  const std::string hash = Sha256Hex("t");
  ExpectInvalid(R"({"principals": [{"name": "Admin!", "role": "admin"}]})", "principals[0].name");
  ExpectInvalid(R"({"principals": [{"name": "a", "role": "boss"}]})", "principals[0].role");
  ExpectInvalid(
      R"({"principals": [{"name": "a", "role": "admin"}, {"name": "a", "role": "reader"}]})",
      "principals[1].name");
  ExpectInvalid(R"({"principals": [{"name": "r", "role": "recorder"}]})", "principals[0].areas");
  ExpectInvalid(
      R"({"principals": [{"name": "r", "role": "recorder", "areas": [{"code": "99999", "unit_set": "2025-03"}]}]})",
      "principals[0].areas[0].code");
  ExpectInvalid(
      R"({"principals": [{"name": "r", "role": "recorder", "areas": [{"code": "966", "unit_set": "2024"}]}]})",
      "principals[0].areas[0].unit_set");
  ExpectInvalid(
      R"({"principals": [{"name": "a", "role": "reader", "areas": [{"code": "966", "unit_set": "2025-03"}]}]})",
      "only a recorder");
  ExpectInvalid(R"({"principals": [{"name": "a", "role": "admin", "token_sha256": "abc"}]})",
                "principals[0].token_sha256");
  ExpectInvalid(R"({"principals": [{"name": "a", "role": "admin", "cert_sha256": ["zz"]}]})",
                "principals[0].cert_sha256");
  ExpectInvalid(R"({"principals": [{"name": "a", "role": "admin", "token_sha256": ")" + hash +
                    R"("}, {"name": "b", "role": "reader", "token_sha256": ")" + hash + R"("}]})",
                "principals[1].token_sha256: already used by principal 'a'");
  ExpectInvalid(R"({"principals": [{"name": "a", "role": "admin", "tokn": "x"}]})", "tokn");
  // A revoked principal's certificate may not come back under another name.
  ExpectInvalid(
      R"({"principals": [{"name": "old", "role": "admin", "cert_san": ["a.test"], "revoked": true},
                                   {"name": "new", "role": "admin", "cert_san": ["a.test"]}]})",
      "principals[1].cert_san: 'a.test' belongs to a revoked principal's certificate");
  ExpectInvalid("{ not json", "not valid JSON");
}

TEST(AuthConfigTest, SavingWritesMode0600WithTheHashOnlyAndAFileOthersCanReadIsRefused) {
  coop::testing::TempDir dir;
  const std::string path = dir.Sub("principals.json");
  auto token = NewAccessToken();
  ASSERT_TRUE(token.ok());
  coop::v1::AuthConfig file;
  auto* entry = file.add_principals();
  entry->set_name("admin");
  entry->set_role("admin");
  entry->set_token_sha256(Sha256Hex(*token));
  ASSERT_OK(SaveAuthConfig(path, file));
  struct stat st;
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::ifstream in(path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text.find(*token), std::string::npos);
  EXPECT_NE(text.find(Sha256Hex(*token)), std::string::npos);
  auto loaded = AuthConfig::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_NE(loaded->ByTokenSha256(Sha256Hex(*token)), nullptr);
  // Saving checks first: a bad file is never written.
  entry->set_role("boss");
  EXPECT_FALSE(SaveAuthConfig(path, file).ok());
  EXPECT_TRUE(AuthConfig::Load(path).ok());
  chmod(path.c_str(), 0644);
  EXPECT_EQ(AuthConfig::Load(path).status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(AuthConfig::Load(dir.Sub("missing.json")).status().code(), absl::StatusCode::kNotFound);
  auto empty = LoadAuthConfigOrEmpty(dir.Sub("missing.json"));
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->principals_size(), 0);
}

}  // namespace
}  // namespace coop::access
