// LogReplay and ChainLink, given a copy of a log built here from the canonical encoding: a
// faithful copy replays to the root of RFC 9162's MTH (computed in the test by its
// definition); each kind of damage is named at its position, and the replay does not move
// past it.
#include "verify/log_replay.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "verify/canonical.h"
#include "verify/merkle.h"

namespace coop::verify {
namespace {

std::string Mth(const std::vector<coop::v1::RecordedEvent>& events, size_t start, size_t n) {
  if (n == 1) return events[start].leaf_hash();
  size_t k = 1;
  while (k * 2 < n) k *= 2;
  return MerkleNodeHash(Mth(events, start, k), Mth(events, start + k, n - k));
}

// Sets prev_hash, hash and leaf_hash of events[from..] from their content.
void Rehash(std::vector<coop::v1::RecordedEvent>& events, size_t from = 0) {
  for (size_t i = from; i < events.size(); ++i) {
    events[i].set_prev_hash(i == 0 ? std::string(32, '\0') : events[i - 1].hash());
    const std::string canonical = CanonicalEncoding(events[i]);
    events[i].set_hash(ChainHash(events[i].prev_hash(), canonical));
    events[i].set_leaf_hash(LeafHash(canonical));
  }
}

// Given: a log of seven events in two streams, recorded a second apart.
std::vector<coop::v1::RecordedEvent> ALog() {
  std::vector<coop::v1::RecordedEvent> events;
  for (int i = 1; i <= 7; ++i) {
    coop::v1::RecordedEvent e;
    e.set_position(i);
    e.set_stream_id(i % 2 ? "coop-a" : "coop-b");
    e.set_stream_version((i + 1) / 2);
    e.set_event_id("00000000-0000-4000-8000-00000000000" + std::to_string(i));
    e.set_type("test.v1.Happened");
    e.set_schema_version(1);
    e.set_payload("payload " + std::to_string(i));
    e.mutable_metadata()->set_actor("officer-7");
    e.set_recorded_at_micros(1'700'000'000'000'000 + i * 1'000'000);
    events.push_back(e);
  }
  Rehash(events);
  return events;
}

// When the copy is replayed, the first problem and the size it stopped at.
std::pair<LinkProblem, uint64_t> Replay(const std::vector<coop::v1::RecordedEvent>& events) {
  LogReplay replay;
  for (const auto& event : events) {
    const LinkProblem problem = replay.Add(event);
    if (problem != LinkProblem::kNone) return {problem, replay.size()};
  }
  return {LinkProblem::kNone, replay.size()};
}

TEST(LogReplayTest, AFaithfulCopyReplaysToItsChainHeadAndTreeRoot) {
  const auto events = ALog();
  LogReplay replay;
  for (size_t i = 0; i < events.size(); ++i) {
    ASSERT_EQ(replay.Add(events[i]), LinkProblem::kNone) << i;
    EXPECT_EQ(replay.Root(), Mth(events, 0, i + 1));
  }
  EXPECT_EQ(replay.size(), 7u);
  EXPECT_EQ(replay.chain_head(), events.back().hash());
  EXPECT_EQ(LogReplay().Root(), EmptyTreeRoot());
}

TEST(LogReplayTest, AChangedEventIsNamedAtItsPosition) {
  auto events = ALog();
  events[3].set_payload("rewritten");  // position 4, hashes left as they were
  EXPECT_EQ(Replay(events), std::make_pair(LinkProblem::kHash, uint64_t{3}));
}

TEST(LogReplayTest, AReorderedCopyFailsWhereTheOrderBreaks) {
  auto events = ALog();
  std::swap(events[1], events[2]);
  EXPECT_EQ(Replay(events), std::make_pair(LinkProblem::kWrongPosition, uint64_t{1}));
  // Positions renumbered to hide the swap: the chain breaks there instead.
  events[1].set_position(2);
  events[2].set_position(3);
  EXPECT_EQ(Replay(events), std::make_pair(LinkProblem::kPrevHash, uint64_t{1}));
}

TEST(LogReplayTest, ARecomputedTailAgreesWithItselfButNotWithTheOldRoot) {
  auto events = ALog();
  const std::string old_root = Mth(events, 0, 7);
  events[6].mutable_metadata()->set_actor("officer-13");
  Rehash(events, 6);
  LogReplay replay;
  for (const auto& event : events) ASSERT_EQ(replay.Add(event), LinkProblem::kNone);
  EXPECT_NE(replay.Root(), old_root);
}

TEST(LogReplayTest, EveryOtherProblemIsNamed) {
  auto events = ALog();
  events[2].set_leaf_hash(std::string(32, 'x'));
  EXPECT_EQ(Replay(events), std::make_pair(LinkProblem::kLeafHash, uint64_t{2}));

  events = ALog();
  events[4].set_recorded_at_micros(events[3].recorded_at_micros() - 1);
  Rehash(events);
  EXPECT_EQ(Replay(events), std::make_pair(LinkProblem::kRecordedAtBackwards, uint64_t{4}));

  events = ALog();
  events[5].set_event_id("00000000-0000-4000-8000-00000000000A");  // upper case
  Rehash(events);
  EXPECT_EQ(Replay(events), std::make_pair(LinkProblem::kEventIdForm, uint64_t{5}));
}

TEST(LogReplayTest, ProblemsReadInVietnameseAndEnglish) {
  for (auto problem : {LinkProblem::kNone, LinkProblem::kWrongPosition, LinkProblem::kEventIdForm,
                       LinkProblem::kPrevHash, LinkProblem::kHash, LinkProblem::kLeafHash,
                       LinkProblem::kRecordedAtBackwards}) {
    const std::string vi = LinkProblemText(problem, true);
    const std::string en = LinkProblemText(problem, false);
    EXPECT_FALSE(vi.empty());
    EXPECT_FALSE(en.empty());
    EXPECT_NE(vi, en);
  }
}

}  // namespace
}  // namespace coop::verify
