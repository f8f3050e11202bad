// Tokens: 256 random bits behind a recognisable prefix, stored only as SHA-256; certificate
// fingerprints in one canonical form.
#include "access/access_token.h"

#include <gtest/gtest.h>

#include <set>

#include "tests/support/test_certificates.h"

namespace coop::access {
namespace {

TEST(AccessTokenTest, ATokenHasAtLeast128RandomBitsAndNeverRepeats) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    auto token = NewAccessToken();
    ASSERT_TRUE(token.ok());
    EXPECT_EQ(token->rfind(kTokenPrefix, 0), 0u);
    // 32 random bytes in base64url: 43 characters, 6 bits each (256 bits).
    EXPECT_GE((token->size() - sizeof(kTokenPrefix) + 1) * 6, 128u) << *token;
    EXPECT_TRUE(seen.insert(*token).second);
  }
}

TEST(AccessTokenTest, Sha256IsTheStandardOneInLowerCaseHex) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(AccessTokenTest, AFingerprintIsTheSha256OfTheCertificatesDerAndParsesInEitherForm) {
  const auto cert = coop::testing::SelfSignedCertificate("someone", {"DNS:someone.test"});
  auto fingerprint = CertificateFingerprint(cert.cert_pem);
  ASSERT_TRUE(fingerprint.ok());
  EXPECT_EQ(fingerprint->size(), 64u);
  std::string colons;
  for (size_t i = 0; i < fingerprint->size(); i += 2) {
    if (i > 0) colons += ':';
    colons += static_cast<char>(std::toupper((*fingerprint)[i]));
    colons += static_cast<char>(std::toupper((*fingerprint)[i + 1]));
  }
  auto canonical = CanonicalFingerprint(colons);  // as `openssl x509 -fingerprint` prints it
  ASSERT_TRUE(canonical.ok());
  EXPECT_EQ(*canonical, *fingerprint);
  EXPECT_EQ(CertificateFingerprint("not a certificate").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CanonicalFingerprint("abcd").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CanonicalFingerprint(std::string(64, 'g')).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace coop::access
