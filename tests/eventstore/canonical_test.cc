#include "eventstore/canonical.h"

#include <gtest/gtest.h>

#include <functional>

namespace coop::eventstore {
namespace {

coop::v1::RecordedEvent Sample() {
  coop::v1::RecordedEvent e;
  e.set_position(1);
  e.set_stream_id("s-1");
  e.set_stream_version(1);
  e.set_event_id("00000000-0000-0000-0000-000000000001");
  e.set_type("t.A");
  e.set_schema_version(1);
  e.set_payload("p");
  e.set_recorded_at_micros(2);
  return e;
}

TEST(CanonicalTest, EncodingIsByteExactAsDocumented) {
  // The exact layout of eventstore/README.md, spelled out: any change here is a new format.
  std::string expected;
  expected += std::string("COOPEVT") + std::string("\x00\x01", 2);  // magic, format 1
  expected += std::string("\0\0\0\0\0\0\0\x01", 8);                 // position
  expected += std::string("\0\0\0\x03", 4) + "s-1";                 // stream id
  expected += std::string("\0\0\0\0\0\0\0\x01", 8);                 // stream version
  expected += std::string(15, '\0') + "\x01";                       // event id, 16 bytes
  expected += std::string("\0\0\0\x03", 4) + "t.A";                 // type
  expected += std::string("\0\0\0\x01", 4);                         // schema version
  expected += std::string("\0\0\0\0\0\0\0\x02", 8);                 // recorded_at
  for (int i = 0; i < 8; ++i) expected += std::string(4, '\0');     // 8 empty strings
  expected += std::string("\0\0\0\x01", 4) + "p";                   // payload
  EXPECT_EQ(CanonicalEncoding(Sample()), expected);
}

TEST(CanonicalTest, APrincipalMakesFormat2WithThePrincipalAfterTheClient) {
  // Format 1 stays byte for byte what it was (older logs verify unchanged); an event that
  // names its principal is format 2: the version, then the same rows with the principal's
  // string between the client and the payload.
  auto e = Sample();
  const std::string format1 = CanonicalEncoding(e);
  e.mutable_metadata()->set_principal("recorder-u-minh");
  std::string expected = format1;
  expected[8] = '\x02';
  const size_t payload_at = format1.size() - 5;  // str("p")
  expected.insert(payload_at, std::string("\0\0\0\x0f", 4) + "recorder-u-minh");
  EXPECT_EQ(CanonicalEncoding(e), expected);
}

TEST(CanonicalTest, ACommandDigestMakesFormat3WithTheDigestAfterThePrincipal) {
  // A command's first event carries the digest of its request: format 3, the principal's
  // string (empty or not) and then the digest's, between the client and the payload.
  auto e = Sample();
  const std::string format1 = CanonicalEncoding(e);
  const std::string digest(64, 'a');
  e.mutable_metadata()->set_command_digest(digest);
  std::string expected = format1;
  expected[8] = '\x03';
  const size_t payload_at = format1.size() - 5;  // str("p")
  expected.insert(payload_at, std::string("\0\0\0\0", 4) + std::string("\0\0\0\x40", 4) + digest);
  EXPECT_EQ(CanonicalEncoding(e), expected);
}

TEST(CanonicalTest, EveryFieldChangesTheEncoding) {
  const std::string base = CanonicalEncoding(Sample());
  std::vector<std::function<void(coop::v1::RecordedEvent&)>> edits = {
      [](auto& e) { e.set_position(2); },
      [](auto& e) { e.set_stream_id("s-2"); },
      [](auto& e) { e.set_stream_version(2); },
      [](auto& e) { e.set_event_id("00000000-0000-0000-0000-000000000002"); },
      [](auto& e) { e.set_type("t.B"); },
      [](auto& e) { e.set_schema_version(2); },
      [](auto& e) { e.set_payload("q"); },
      [](auto& e) { e.set_recorded_at_micros(3); },
      [](auto& e) { e.set_occurred_on("2024-01-01"); },
      [](auto& e) { e.mutable_area()->set_code("96"); },
      [](auto& e) { e.mutable_area()->set_unit_set("2025-07"); },
      [](auto& e) { e.mutable_metadata()->set_actor("a"); },
      [](auto& e) { e.mutable_metadata()->set_agency("a"); },
      [](auto& e) { e.mutable_metadata()->set_correlation_id("a"); },
      [](auto& e) { e.mutable_metadata()->set_causation_id("a"); },
      [](auto& e) { e.mutable_metadata()->set_client("a"); },
      [](auto& e) { e.mutable_metadata()->set_principal("a"); },
      [](auto& e) { e.mutable_metadata()->set_command_digest("a"); },
  };
  for (size_t i = 0; i < edits.size(); ++i) {
    auto e = Sample();
    edits[i](e);
    EXPECT_NE(CanonicalEncoding(e), base) << "edit " << i;
  }
  // Length prefixes keep field boundaries: moving a byte between fields changes the encoding.
  auto a = Sample();
  a.mutable_metadata()->set_actor("ab");
  auto b = Sample();
  b.mutable_metadata()->set_actor("a");
  b.mutable_metadata()->set_agency("b");
  EXPECT_NE(CanonicalEncoding(a), CanonicalEncoding(b));
}

TEST(CanonicalTest, HashesAreSha256OfTheDocumentedInputs) {
  // SHA-256("") and SHA-256(0x00) are well-known constants.
  EXPECT_EQ(HexEncode(ChainHash("", "")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(HexEncode(LeafHash("")),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  EXPECT_NE(ChainHash(std::string(32, '\0'), "x"), ChainHash(std::string(32, '\1'), "x"));
}

}  // namespace
}  // namespace coop::eventstore
