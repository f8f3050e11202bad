// The test vectors of docs/audit.md, written from the specification by an implementation
// apart from this code (tools/audit_vectors/make_vectors.py), against verify/ — the code the
// server and coopctl share: canonical bytes, leaf and chain hashes, roots of sizes 1 to 3, and
// a signed head. The values are read from the document itself, so the document and the code
// cannot drift apart.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "verify/canonical.h"
#include "verify/merkle.h"
#include "verify/tree_head.h"

namespace coop::verify {
namespace {

// The "- `name`: `hex`" lines of the document's "## Test vectors" section.
std::map<std::string, std::string> Vectors() {
  std::ifstream file(std::string(COOP_DOCS_DIR) + "/audit.md");
  std::stringstream text;
  text << file.rdbuf();
  const std::string doc = text.str();
  const size_t start = doc.find("## Test vectors");
  EXPECT_NE(start, std::string::npos);
  const std::string section = doc.substr(start, doc.find("\n## ", start + 1) - start);
  std::map<std::string, std::string> vectors;
  const std::regex line("- `([a-z0-9_]+)`: `([0-9a-f]+)`");
  for (std::sregex_iterator it(section.begin(), section.end(), line), end; it != end; ++it) {
    vectors[(*it)[1]] = (*it)[2];
  }
  return vectors;
}

std::vector<coop::v1::RecordedEvent> Events() {
  std::vector<coop::v1::RecordedEvent> events(3);
  events[0].set_position(1);
  events[0].set_stream_id("s-1");
  events[0].set_stream_version(1);
  events[0].set_event_id("00000000-0000-0000-0000-000000000001");
  events[0].set_type("t.A");
  events[0].set_schema_version(1);
  events[0].set_recorded_at_micros(2);
  events[0].set_payload("p");
  events[1].set_position(2);
  events[1].set_stream_id("s-1");
  events[1].set_stream_version(2);
  events[1].set_event_id("00000000-0000-0000-0000-000000000002");
  events[1].set_type("t.A");
  events[1].set_schema_version(1);
  events[1].set_recorded_at_micros(3);
  events[1].set_occurred_on("2024-09-01");
  events[1].mutable_area()->set_code("32059");
  events[1].mutable_area()->set_unit_set("2025-03");
  events[1].mutable_metadata()->set_actor("alice");
  events[1].mutable_metadata()->set_agency("dpi");
  events[1].set_payload("q");
  events[2].set_position(3);
  events[2].set_stream_id("s-2");
  events[2].set_stream_version(1);
  events[2].set_event_id("00000000-0000-0000-0000-000000000003");
  events[2].set_type("t.B");
  events[2].set_schema_version(1);
  events[2].set_recorded_at_micros(3);
  events[2].mutable_metadata()->set_principal("auditor-1");
  return events;
}

std::string Hex(const std::string& bytes) { return absl::BytesToHexString(bytes); }

TEST(TestVectorsTest, CanonicalBytesLeafAndChainHashes) {
  const auto vectors = Vectors();
  ASSERT_EQ(vectors.size(), 14u) << "docs/audit.md lost some test vectors";
  std::string prev(32, '\0');
  for (const auto& event : Events()) {
    const std::string n = std::to_string(event.position());
    const std::string canonical = CanonicalEncoding(event);
    EXPECT_EQ(Hex(canonical), vectors.at("canonical_" + n)) << n;
    EXPECT_EQ(Hex(LeafHash(canonical)), vectors.at("leaf_" + n)) << n;
    EXPECT_EQ(Hex(MerkleLeafHash(canonical)), vectors.at("leaf_" + n)) << n;
    prev = ChainHash(prev, canonical);
    EXPECT_EQ(Hex(prev), vectors.at("chain_" + n)) << n;
  }
}

TEST(TestVectorsTest, RootsAndASignedHead) {
  const auto vectors = Vectors();
  CompactRange range;
  for (const auto& event : Events()) {
    range.Append(LeafHash(CanonicalEncoding(event)), nullptr);
    EXPECT_EQ(Hex(range.Root()), vectors.at(absl::StrCat("root_", range.size())));
  }
  const TreeHead head{3, 3, range.Root()};
  EXPECT_EQ(Hex(TreeHeadSignedBytes(head)), vectors.at("head_3_signed_bytes"));
  // RFC 8032's first test key, as PKCS#8 PEM.
  const std::string der = absl::HexStringToBytes(
      "302e020100300506032b657004220420"
      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  auto key = SigningKey::FromPem("-----BEGIN PRIVATE KEY-----\n" + absl::Base64Escape(der) +
                                 "\n-----END PRIVATE KEY-----\n");
  ASSERT_TRUE(key.ok()) << key.status();
  auto signature = key->Sign(TreeHeadSignedBytes(head));
  ASSERT_TRUE(signature.ok());
  EXPECT_EQ(Hex(*signature), vectors.at("head_3_signature"));
  EXPECT_TRUE(VerifyTreeHead(head, absl::HexStringToBytes(vectors.at("head_3_signature")),
                             key->public_key())
                  .ok());
}

}  // namespace
}  // namespace coop::verify
