// ChainVerifier, shared by every backend's Verify, as a unit: a good chain passes, and each
// kind of damage is named at its position. (tamper_test.cc damages a real RocksDB log.)
#include "eventstore/staging/chain_verifier.h"

#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <vector>

#include "base/uuid.h"
#include "eventstore/canonical.h"

namespace coop::eventstore {
namespace {

// A correctly chained log of `count` events.
std::vector<coop::v1::RecordedEvent> Chain(int count) {
  std::vector<coop::v1::RecordedEvent> events;
  std::string prev(kHashSize, '\0');
  for (int i = 1; i <= count; ++i) {
    coop::v1::RecordedEvent e;
    e.set_position(i);
    e.set_stream_id("s-1");
    e.set_stream_version(i);
    e.set_event_id(base::NewRandomUuid());
    e.set_type("test.v1.Happened");
    e.set_schema_version(1);
    e.set_payload("payload " + std::to_string(i));
    e.set_recorded_at_micros(1000 + i);
    const std::string canonical = CanonicalEncoding(e);
    e.set_prev_hash(prev);
    e.set_hash(ChainHash(prev, canonical));
    e.set_leaf_hash(LeafHash(canonical));
    prev = e.hash();
    events.push_back(e);
  }
  return events;
}

LogHead HeadOf(const std::vector<coop::v1::RecordedEvent>& events) {
  LogHead head;
  head.position = events.size();
  head.chain_hash = events.back().hash();
  head.last_recorded_at_micros = events.back().recorded_at_micros();
  return head;
}

coop::v1::VerifyLogResponse Verify(const std::vector<coop::v1::RecordedEvent>& stored,
                                   const LogHead& head, uint64_t from = 1) {
  ChainVerifier verifier(from, head.position,
                         from > 1 ? stored[from - 2].hash() : std::string(kHashSize, '\0'));
  for (size_t i = from - 1; i < stored.size() && !verifier.Done(); ++i) {
    if (!verifier.Next(stored[i].position(), &stored[i])) break;
  }
  return verifier.Finish(head);
}

TEST(ChainVerifierTest, GivenAnIntactChainWhenVerifiedThenItIsOkWithItsHead) {
  const auto events = Chain(5);
  const auto result = Verify(events, HeadOf(events));
  EXPECT_TRUE(result.ok()) << result.problem();
  EXPECT_EQ(result.chain_head(), events.back().hash());
  EXPECT_TRUE(Verify(events, HeadOf(events), 3).ok()) << "a range from the middle";
}

TEST(ChainVerifierTest, GivenAChangedPayloadWhenVerifiedThenItsPositionIsNamed) {
  auto events = Chain(5);
  const LogHead head = HeadOf(events);
  events[2].set_payload("rewritten");
  const auto result = Verify(events, head);
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.first_bad_position(), 3u);
  EXPECT_EQ(result.problem(), "hash does not match the event's content");
}

TEST(ChainVerifierTest, GivenAMissingEventWhenVerifiedThenTheGapIsNamed) {
  auto events = Chain(5);
  const LogHead head = HeadOf(events);
  events.erase(events.begin() + 1);
  const auto result = Verify(events, head);
  EXPECT_EQ(result.first_bad_position(), 2u);
  EXPECT_NE(result.problem().find("missing"), std::string::npos) << result.problem();

  auto short_log = Chain(5);
  short_log.pop_back();
  EXPECT_EQ(Verify(short_log, head).first_bad_position(), 5u) << "a missing tail";
}

TEST(ChainVerifierTest, GivenARewrittenTailWhenTheHeadDisagreesThenTheLastPositionIsNamed) {
  const auto events = Chain(4);
  LogHead head = HeadOf(events);
  head.chain_hash = std::string(kHashSize, 'x');
  const auto result = Verify(events, head);
  EXPECT_EQ(result.first_bad_position(), 4u);
  EXPECT_NE(result.problem().find("chain head"), std::string::npos);
}

TEST(ChainVerifierTest, GivenBytesThatDoNotParseOrTimeGoingBackThenTheyAreNamed) {
  const auto events = Chain(3);
  ChainVerifier unparsable(1, 3, std::string(kHashSize, '\0'));
  EXPECT_TRUE(unparsable.Next(1, &events[0]));
  EXPECT_FALSE(unparsable.Next(2, nullptr));
  EXPECT_EQ(unparsable.Finish(HeadOf(events)).first_bad_position(), 2u);

  auto backwards = Chain(3);
  backwards[2].set_recorded_at_micros(1);
  const std::string canonical = CanonicalEncoding(backwards[2]);
  backwards[2].set_hash(ChainHash(backwards[1].hash(), canonical));
  backwards[2].set_leaf_hash(LeafHash(canonical));
  const auto result = Verify(backwards, HeadOf(backwards));
  EXPECT_EQ(result.first_bad_position(), 3u);
  EXPECT_EQ(result.problem(), "recorded_at goes backwards");
}

// The hash covers an id's 16 bytes, not its text: an id rewritten in capitals, or an
// unparsable one standing for the nil UUID, would keep every hash. Found by
// fuzz/canonical_event_fuzzer.cc.
TEST(ChainVerifierTest, GivenAnEventIdRewrittenWithTheSameBytesThenItsPositionIsNamed) {
  auto upper = Chain(3);
  const LogHead head = HeadOf(upper);
  std::string id = upper[1].event_id();
  for (char& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  ASSERT_NE(id, upper[1].event_id());
  upper[1].set_event_id(id);
  ASSERT_EQ(ChainHash(upper[0].hash(), CanonicalEncoding(upper[1])), upper[1].hash());
  auto result = Verify(upper, head);
  EXPECT_EQ(result.first_bad_position(), 2u);
  EXPECT_EQ(result.problem(), "event id is not a UUID in lower-case canonical form");

  // An event whose id is the nil UUID, rewritten as text that does not parse.
  coop::v1::RecordedEvent nil;
  nil.set_position(1);
  nil.set_stream_id("s-1");
  nil.set_stream_version(1);
  nil.set_event_id("00000000-0000-0000-0000-000000000000");
  nil.set_type("test.v1.Happened");
  nil.set_schema_version(1);
  const std::string zero(kHashSize, '\0');
  nil.set_prev_hash(zero);
  nil.set_hash(ChainHash(zero, CanonicalEncoding(nil)));
  nil.set_leaf_hash(LeafHash(CanonicalEncoding(nil)));
  const std::vector<coop::v1::RecordedEvent> intact = {nil};
  EXPECT_TRUE(Verify(intact, HeadOf(intact)).ok());
  for (const char* rewritten : {"", "not an id"}) {
    std::vector<coop::v1::RecordedEvent> log = {nil};
    log[0].set_event_id(rewritten);
    ASSERT_EQ(CanonicalEncoding(log[0]), CanonicalEncoding(nil));
    result = Verify(log, HeadOf(log));
    EXPECT_EQ(result.first_bad_position(), 1u) << rewritten;
    EXPECT_EQ(result.problem(), "event id is not a UUID in lower-case canonical form");
  }
}

}  // namespace
}  // namespace coop::eventstore
