#include "base/uuid.h"

#include <gtest/gtest.h>

#include <set>

namespace coop::base {
namespace {

TEST(UuidTest, ParsesAndFormatsCanonicalText) {
  auto bytes = ParseUuid("123E4567-e89b-12d3-a456-426614174000");
  ASSERT_TRUE(bytes.has_value());
  EXPECT_EQ((*bytes)[0], 0x12);
  EXPECT_EQ((*bytes)[15], 0x00);
  EXPECT_EQ(FormatUuid(*bytes), "123e4567-e89b-12d3-a456-426614174000");
}

TEST(UuidTest, RejectsMalformedText) {
  for (const char* bad :
       {"", "123e4567e89b12d3a456426614174000", "123e4567-e89b-12d3-a456-42661417400g",
        "123e4567-e89b-12d3-a456-4266141740000", "123e4567+e89b-12d3-a456-426614174000",
        "123e456-7e89b-12d3-a456-426614174000"}) {
    EXPECT_FALSE(ParseUuid(bad).has_value()) << bad;
  }
}

TEST(UuidTest, RandomUuidsAreVersion4AndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string id = NewRandomUuid();
    ASSERT_TRUE(ParseUuid(id).has_value()) << id;
    EXPECT_EQ(id[14], '4');
    EXPECT_TRUE(seen.insert(id).second);
  }
}

TEST(UuidTest, NameBasedUuidsFollowRfc9562) {
  // RFC 9562 appendix A.4: v5 of "www.example.com" in the DNS namespace.
  auto dns = ParseUuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
  ASSERT_TRUE(dns.has_value());
  EXPECT_EQ(NameBasedUuid(*dns, "www.example.com"), "2ed6657d-e927-568b-95e1-2665a8aea6a2");
  EXPECT_EQ(NameBasedUuid(*dns, "a"), NameBasedUuid(*dns, "a"));
  EXPECT_NE(NameBasedUuid(*dns, "a"), NameBasedUuid(*dns, "b"));
}

}  // namespace
}  // namespace coop::base
