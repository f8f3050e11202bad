// Signed tree heads (verify/tree_head.h): the signed bytes exactly as documented, Ed25519 as
// RFC 8032 specifies it (its first test vector), keys through PEM and back, and every change to
// a head, or another key, refused.
#include "verify/tree_head.h"

#include <gtest/gtest.h>

#include <string>

#include "absl/strings/escaping.h"

namespace coop::verify {
namespace {

std::string Hex(const std::string& bytes) { return absl::BytesToHexString(bytes); }
std::string Bytes(const std::string& hex) { return absl::HexStringToBytes(hex); }

// A PKCS#8 PEM of the raw Ed25519 private key `seed` (RFC 8410's fixed DER prefix).
std::string PrivatePemOf(const std::string& seed) {
  const std::string der = Bytes("302e020100300506032b657004220420") + seed;
  return "-----BEGIN PRIVATE KEY-----\n" + absl::Base64Escape(der) +
         "\n-----END PRIVATE KEY-----\n";
}

TEST(TreeHeadTest, TheSignedBytesAreTheLabelSizeTimestampAndRoot) {
  TreeHead head;
  head.size = 3;
  head.timestamp_micros = 1'733'400'000'000'000;
  head.root = std::string(32, '\xab');
  EXPECT_EQ(Hex(TreeHeadSignedBytes(head)),
            // "coopledger tree head v1", 0x00
            "636f6f706c65646765722074726565206865616420763100"
            // size 3, timestamp 1733400000000000 µs
            "0000000000000003"
            "00062884a340f000"
            // the root
            "abababababababababababababababababababababababababababababababab");
}

TEST(TreeHeadTest, Ed25519IsRfc8032s) {
  // RFC 8032 §7.1, TEST 1: the empty message.
  auto key = SigningKey::FromPem(
      PrivatePemOf(Bytes("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")));
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ(Hex(key->public_key().raw()),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  auto signature = key->Sign("");
  ASSERT_TRUE(signature.ok());
  EXPECT_EQ(Hex(*signature),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e"
            "39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  EXPECT_TRUE(key->public_key().Verify("", *signature).ok());
}

TEST(TreeHeadTest, AHeadVerifiesOnlyUnchangedAndUnderItsOwnKey) {
  auto key = SigningKey::Generate();
  ASSERT_TRUE(key.ok());
  TreeHead head;
  head.size = 41;
  head.timestamp_micros = 1'700'000'000'123'456;
  head.root = std::string(32, '\x11');
  auto signature = key->Sign(TreeHeadSignedBytes(head));
  ASSERT_TRUE(signature.ok());
  EXPECT_TRUE(VerifyTreeHead(head, *signature, key->public_key()).ok());

  TreeHead other = head;
  other.size = 40;
  EXPECT_FALSE(VerifyTreeHead(other, *signature, key->public_key()).ok());
  other = head;
  other.timestamp_micros += 1;
  EXPECT_FALSE(VerifyTreeHead(other, *signature, key->public_key()).ok());
  other = head;
  other.root[31] = '\x12';
  EXPECT_FALSE(VerifyTreeHead(other, *signature, key->public_key()).ok());
  other.root = "short";
  EXPECT_FALSE(VerifyTreeHead(other, *signature, key->public_key()).ok());

  auto stranger = SigningKey::Generate();
  ASSERT_TRUE(stranger.ok());
  const absl::Status refused = VerifyTreeHead(head, *signature, stranger->public_key());
  EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(refused.message().find(stranger->public_key().KeyId()), std::string::npos) << refused;
}

TEST(TreeHeadTest, KeysGoThroughPemAndKeepTheirIds) {
  auto key = SigningKey::Generate();
  ASSERT_TRUE(key.ok());
  const std::string private_pem = key->PrivatePem();
  EXPECT_EQ(private_pem.rfind("-----BEGIN PRIVATE KEY-----", 0), 0u);
  auto again = SigningKey::FromPem(private_pem);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->public_key().raw(), key->public_key().raw());

  const std::string public_pem = key->public_key().Pem();
  EXPECT_EQ(public_pem.rfind("-----BEGIN PUBLIC KEY-----", 0), 0u);
  auto pub = VerifyingKey::FromPem(public_pem);
  ASSERT_TRUE(pub.ok());
  EXPECT_EQ(pub->Fingerprint(), key->public_key().Fingerprint());
  EXPECT_EQ(pub->Fingerprint().size(), 64u);
  EXPECT_EQ(pub->KeyId(), pub->Fingerprint().substr(0, 16));

  EXPECT_FALSE(VerifyingKey::FromPem(private_pem).ok());
  EXPECT_FALSE(SigningKey::FromPem(public_pem).ok());
  EXPECT_FALSE(SigningKey::FromPem("not a key").ok());
  EXPECT_FALSE(VerifyingKey::FromRaw("short").ok());
}

}  // namespace
}  // namespace coop::verify
