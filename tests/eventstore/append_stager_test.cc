// AppendStager, the decisions every backend shares, as a unit: batches staged on top of
// batches not yet durable (the pipelining the RocksDB writer relies on), and appends decided
// against earlier appends of the same batch. The backend is a map here; the conformance suite
// runs the stager inside real backends.
#include "eventstore/staging/append_stager.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "base/uuid.h"
#include "tests/support/event_builders.h"
#include "tests/support/test_support.h"

namespace coop::eventstore {
namespace {

using coop::testing::Any;
using coop::testing::AppendTo;
using coop::testing::Exact;
using coop::testing::NoStream;

// The durable state as a map, written only when a test says a batch is durable.
class MapState final : public CommittedState, public BatchSink {
 public:
  absl::StatusOr<StreamHead> ReadStreamHead(const std::string& stream_id) override {
    auto it = heads_.find(stream_id);
    return it == heads_.end() ? StreamHead() : it->second;
  }
  absl::StatusOr<std::optional<coop::v1::RecordedEvent>> FindEventById(
      const std::string& id_key) override {
    auto it = events_.find(id_key);
    if (it == events_.end()) return std::optional<coop::v1::RecordedEvent>();
    return std::optional<coop::v1::RecordedEvent>(it->second);
  }
  // The sink stages into the pending writes; Commit makes them durable.
  void PutEvent(const coop::v1::RecordedEvent& event, const std::string& id_key) override {
    pending_events_[id_key] = event;
    staged.push_back(event);
  }
  void PutStreamHead(const std::string& stream_id, const StreamHead& head) override {
    pending_heads_[stream_id] = head;
  }
  void PutLogHead(const LogHead& head, uint64_t first_position) override {
    log_heads.push_back({head.position, first_position});
  }
  void Commit() {
    events_.merge(pending_events_);
    for (const auto& [stream, head] : pending_heads_) heads_[stream] = head;
    pending_events_.clear();
    pending_heads_.clear();
  }

  std::vector<coop::v1::RecordedEvent> staged;
  std::vector<std::pair<uint64_t, uint64_t>> log_heads;  // (head position, first position)

 private:
  std::map<std::string, StreamHead> heads_, pending_heads_;
  std::map<std::string, coop::v1::RecordedEvent> events_, pending_events_;
};

class AppendStagerTest : public ::testing::Test {
 protected:
  StagedBatch Stage(const std::vector<coop::v1::AppendRequest>& appends, int64_t now = 1000) {
    std::vector<const coop::v1::AppendRequest*> pointers;
    for (const auto& a : appends) pointers.push_back(&a);
    return stager_.Stage(pointers, now, state_);
  }

  MapState state_;
  AppendStager stager_{&state_, LogHead()};
};

TEST_F(AppendStagerTest, GivenABatchInFlightWhenTheNextIsStagedThenItBuildsOnTheFirst) {
  const auto first = AppendTo("s-1", NoStream(), 2);
  auto batch1 = Stage({first});
  ASSERT_OK(batch1.results[0]);
  EXPECT_EQ(batch1.events, 2u);
  // Not durable yet (nothing committed): the second batch must still see s-1 at version 2,
  // continue the positions and the chain, and know the first batch's ids.
  auto batch2 = Stage({AppendTo("s-1", Exact(2)), AppendTo("s-1", NoStream()), first});
  ASSERT_OK(batch2.results[0]);
  EXPECT_EQ(batch2.results[0]->first_position(), 3u);
  EXPECT_EQ(batch2.results[0]->streams(0).first_version(), 3u);
  EXPECT_EQ(batch2.results[1].status().code(), absl::StatusCode::kAborted);
  EXPECT_NE(batch2.results[1].status().message().find("current version 3"), std::string::npos);
  ASSERT_OK(batch2.results[2]);
  EXPECT_TRUE(batch2.results[2]->duplicate()) << "a retry of the batch in flight";
  EXPECT_EQ(batch2.results[2]->last_position(), 2u);
  ASSERT_EQ(state_.staged.size(), 3u);
  EXPECT_EQ(state_.staged[2].prev_hash(), state_.staged[1].hash());
  EXPECT_EQ(batch2.first_position, 3u);
  EXPECT_EQ(batch2.log_head.position, 3u);
}

TEST_F(AppendStagerTest, GivenTwoAppendsOfOneBatchWhenTheyShareAnIdThenTheSecondIsARetry) {
  const auto append = AppendTo("s-1", Any());
  auto changed = append;
  changed.mutable_streams(0)->mutable_events(0)->set_payload("other");
  auto batch = Stage({append, append, changed});
  ASSERT_OK(batch.results[0]);
  ASSERT_OK(batch.results[1]);
  EXPECT_TRUE(batch.results[1]->duplicate());
  EXPECT_EQ(batch.results[2].status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(batch.events, 1u);
  EXPECT_EQ(state_.log_heads.size(), 1u) << "one log head per batch";
}

TEST_F(AppendStagerTest, GivenADurableBatchWhenItsOverlayIsDroppedThenTheBackendAnswers) {
  const auto first = AppendTo("s-1", NoStream());
  auto batch1 = Stage({first});
  state_.Commit();
  stager_.MarkDurable(batch1.seq);
  auto batch2 = Stage({AppendTo("s-1", Exact(1)), first});
  ASSERT_OK(batch2.results[0]);
  ASSERT_OK(batch2.results[1]);
  EXPECT_TRUE(batch2.results[1]->duplicate());
}

TEST_F(AppendStagerTest, GivenAFailedWriteWhenAbandonedThenBatchesInFlightAreForgotten) {
  auto batch1 = Stage({AppendTo("s-1", NoStream())});
  ASSERT_OK(batch1.results[0]);
  stager_.Abandon();  // the write failed: s-1 never reached the backend
  auto batch2 = Stage({AppendTo("s-1", Exact(1))});
  EXPECT_EQ(batch2.results[0].status().code(), absl::StatusCode::kAborted);
}

TEST_F(AppendStagerTest, GivenAClockThatStepsBackWhenStagedThenRecordedAtHolds) {
  Stage({AppendTo("s-1", Any())}, 5000);
  auto later = Stage({AppendTo("s-1", Any())}, 4000);
  EXPECT_EQ(later.recorded_at, 5000);
  EXPECT_EQ(state_.staged.back().recorded_at_micros(), 5000);
}

TEST_F(AppendStagerTest, GivenOnlyFailedAppendsWhenStagedThenNothingIsWritten) {
  auto batch = Stage({AppendTo("s-1", Exact(4))});
  EXPECT_FALSE(batch.results[0].ok());
  EXPECT_EQ(batch.events, 0u);
  EXPECT_TRUE(state_.log_heads.empty());
  EXPECT_TRUE(state_.staged.empty());
}

}  // namespace
}  // namespace coop::eventstore
