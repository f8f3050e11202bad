#include "projections/projection_runner.h"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "eventstore/clock.h"
#include "eventstore/rocks/rocks_event_store.h"
#include "projections/projection_store.h"
#include "tests/projections/runner_fixture.h"
#include "tests/support/event_builders.h"
#include "tests/support/test_support.h"

namespace coop::projections {
namespace {

class ProjectionRunnerTest : public RunnerFixture {};

// Records what the runner hands over with each event: its bytes as the log stores them.
class StoredBytesWitness final : public Projection {
 public:
  std::string name() const override { return "stored_bytes_witness"; }
  uint32_t version() const override { return 1; }
  absl::Status Apply(const coop::v1::RecordedEvent& event, ProjectionWriter& writer) override {
    ++without_bytes_;
    return absl::OkStatus();
  }
  absl::Status ApplyStored(const coop::v1::RecordedEvent& event, std::string_view stored_bytes,
                           ProjectionWriter& writer) override {
    coop::v1::RecordedEvent parsed;
    if (stored_bytes.empty()) {
      ++without_bytes_;
    } else if (!parsed.ParseFromArray(stored_bytes.data(), static_cast<int>(stored_bytes.size())) ||
               parsed.SerializeAsString() != event.SerializeAsString()) {
      ++mismatched_;
    } else {
      ++with_bytes_;
    }
    return absl::OkStatus();
  }
  int with_bytes_ = 0, without_bytes_ = 0, mismatched_ = 0;
};

TEST_F(ProjectionRunnerTest, GivenEventsWhenTheRunnerAppliesThemThenEachComesWithItsStoredBytes) {
  const uint64_t head = AppendEvents(30);
  StoredBytesWitness projection;
  RunnerOptions options;
  options.page_size = 7;  // several pages, and so several slices to a commit
  ProjectionRunner runner(events_.get(), projections_.get(), &projection, options);
  ASSERT_OK(runner.Start());
  ASSERT_OK(runner.WaitForPosition(head, absl::Seconds(30)));
  const uint64_t head2 = AppendEvents(5);  // and live
  ASSERT_OK(runner.WaitForPosition(head2, absl::Seconds(30)));
  runner.Stop();
  EXPECT_EQ(projection.with_bytes_, 35);
  EXPECT_EQ(projection.without_bytes_, 0);
  EXPECT_EQ(projection.mismatched_, 0);
}

TEST_F(ProjectionRunnerTest, CatchesUpThenFollowsLive) {
  const uint64_t head = AppendEvents(40);
  CountPerStream projection;
  RunnerOptions options;
  options.page_size = 7;
  ProjectionRunner runner(events_.get(), projections_.get(), &projection, options);
  ASSERT_OK(runner.Start());
  ASSERT_OK(runner.WaitForPosition(head, absl::Seconds(30)));
  ASSERT_TRUE(WaitForState(runner, ProjectionState::kLive));

  auto total = projections_->ReadRow("count_per_stream", "total");
  ASSERT_OK(total);
  EXPECT_EQ(total->value_or(""), "40@40");
  auto coop0 = projections_->ReadRow("count_per_stream", "stream/coop-0");
  ASSERT_OK(coop0);
  EXPECT_EQ(coop0->value_or(""), "8@36");

  // Live: new commits are applied without polling.
  const uint64_t head2 = AppendEvents(3);
  ASSERT_EQ(head2, 43u);
  ASSERT_OK(runner.WaitForPosition(head2, absl::Seconds(30)));
  total = projections_->ReadRow("count_per_stream", "total");
  ASSERT_OK(total);
  EXPECT_EQ(total->value_or(""), "43@43");
  auto meta = projections_->ReadMeta("count_per_stream");
  ASSERT_OK(meta);
  ASSERT_TRUE(meta->has_value());
  EXPECT_EQ((*meta)->checkpoint, 43u);
  EXPECT_EQ((*meta)->version, 1u);

  ProjectionStatus status = runner.status();
  EXPECT_EQ(status.name, "count_per_stream");
  EXPECT_EQ(status.version, 1u);
  EXPECT_EQ(status.position, 43u);
  EXPECT_EQ(status.head, 43u);
  EXPECT_EQ(status.lag, 0u);
  EXPECT_GT(status.events_per_second, 0.0);
  EXPECT_TRUE(WaitForState(runner, ProjectionState::kLive));

  runner.Stop();
  runner.Stop();  // idempotent
  EXPECT_EQ(runner.status().state, ProjectionState::kStopped);
  EXPECT_EQ(runner.Start().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(ProjectionRunnerTest, ExactlyOnceAcrossRestart) {
  const uint64_t head = AppendEvents(100, 7);
  CountPerStream projection;
  {
    RunnerOptions options;
    options.page_size = 9;
    options.stop_after_pages = 4;
    ProjectionRunner runner(events_.get(), projections_.get(), &projection, options);
    ASSERT_OK(runner.Start());
    ASSERT_TRUE(WaitForState(runner, ProjectionState::kStopped));
    EXPECT_EQ(runner.status().position, 36u);
    // A waiter for a position the stopped runner never reaches is told so at once.
    EXPECT_EQ(runner.WaitForPosition(head, absl::Seconds(30)).code(),
              absl::StatusCode::kUnavailable);
    runner.Stop();
  }
  // Restart the projection store too, as after a crash.
  OpenProjections();
  auto meta = projections_->ReadMeta("count_per_stream");
  ASSERT_OK(meta);
  ASSERT_TRUE(meta->has_value());
  EXPECT_GT((*meta)->checkpoint, 0u);
  EXPECT_LT((*meta)->checkpoint, head);
  EXPECT_EQ((*meta)->checkpoint, 36u);
  auto partial = projections_->ReadRow("count_per_stream", "total");
  ASSERT_OK(partial);
  EXPECT_EQ(partial->value_or(""), "36@36");

  {
    RunnerOptions options;
    options.page_size = 13;
    ProjectionRunner runner(events_.get(), projections_.get(), &projection, options);
    ASSERT_OK(runner.Start());
    EXPECT_GE(runner.status().position, 36u);  // resumes from the checkpoint
    ASSERT_OK(runner.WaitForPosition(head, absl::Seconds(30)));
    runner.Stop();
  }
  auto rows = projections_->ReadRows("count_per_stream");
  ASSERT_OK(rows);
  CountPerStream fresh;
  Rows expected = RebuildFromScratch(fresh);
  ASSERT_EQ(expected.size(), 8u);  // 7 streams + total
  EXPECT_EQ(*rows, expected);
  EXPECT_EQ(expected.back(), (std::pair<std::string, std::string>("total", "100@100")));
}

TEST_F(ProjectionRunnerTest, VersionBumpRebuildsOnlyThatProjection) {
  const uint64_t head = AppendEvents(30);
  CountPerStream v1;
  CountPerStream other(1, "other");
  {
    ProjectionRunner a(events_.get(), projections_.get(), &v1);
    ProjectionRunner b(events_.get(), projections_.get(), &other);
    ASSERT_OK(a.Start());
    ASSERT_OK(b.Start());
    ASSERT_OK(a.WaitForPosition(head, absl::Seconds(30)));
    ASSERT_OK(b.WaitForPosition(head, absl::Seconds(30)));
  }
  auto before = projections_->ReadRows("count_per_stream");
  ASSERT_OK(before);
  // A stray row a rebuild must drop, in each projection.
  for (const char* name : {"count_per_stream", "other"}) {
    auto batch = projections_->NewBatch(name);
    ASSERT_OK(batch);
    batch->Put("stray", "x");
    ASSERT_OK(projections_->Commit(*batch));
  }

  CountPerStream v2(2);
  ProjectionRunner runner(events_.get(), projections_.get(), &v2);
  ASSERT_OK(runner.Start());
  ASSERT_OK(runner.WaitForPosition(head, absl::Seconds(30)));
  ASSERT_TRUE(WaitForState(runner, ProjectionState::kLive));
  runner.Stop();

  auto after = projections_->ReadRows("count_per_stream");
  ASSERT_OK(after);
  EXPECT_EQ(*after, *before);
  auto meta = projections_->ReadMeta("count_per_stream");
  ASSERT_OK(meta);
  EXPECT_EQ((*meta)->version, 2u);
  EXPECT_EQ((*meta)->checkpoint, head);
  // The other projection kept its rows, stray included, and its checkpoint.
  auto stray = projections_->ReadRow("other", "stray");
  ASSERT_OK(stray);
  EXPECT_EQ(stray->value_or(""), "x");
  auto other_meta = projections_->ReadMeta("other");
  ASSERT_OK(other_meta);
  EXPECT_EQ((*other_meta)->checkpoint, head);
}

TEST_F(ProjectionRunnerTest, WaitForPosition) {
  const uint64_t head = AppendEvents(5);
  CountPerStream projection;
  ProjectionRunner runner(events_.get(), projections_.get(), &projection);
  ASSERT_OK(runner.Start());
  ASSERT_OK(runner.WaitForPosition(head, absl::Seconds(30)));
  EXPECT_OK(runner.WaitForPosition(0, absl::ZeroDuration()));

  absl::Status late = runner.WaitForPosition(head + 1, absl::Milliseconds(50));
  EXPECT_EQ(late.code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_NE(late.message().find("reached position 5"), std::string::npos) << late;

  // A waiter for a position not yet written returns once it is committed and applied.
  std::atomic<bool> done{false};
  absl::Status waited;
  std::thread waiter([&] {
    waited = runner.WaitForPosition(head + 2, absl::Seconds(30));
    done = true;
  });
  AppendEvents(1);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_FALSE(done.load());
  AppendEvents(1);
  waiter.join();
  EXPECT_OK(waited);
  EXPECT_GE(runner.status().position, head + 2);
}

// A query whose caller gave up must not hold its thread for the whole wait (24 such calls
// once blocked every query for a minute).
TEST_F(ProjectionRunnerTest, AWaitEndsCancelledSoonAfterItsCallerGivesUp) {
  const uint64_t head = AppendEvents(3);
  CountPerStream projection;
  ProjectionRunner runner(events_.get(), projections_.get(), &projection);
  ASSERT_OK(runner.Start());
  ASSERT_OK(runner.WaitForPosition(head, absl::Seconds(30)));
  std::atomic<bool> gave_up{false};
  absl::Status waited;
  std::thread waiter([&] {
    waited = runner.WaitForPosition(head + 1, absl::Seconds(60), [&] { return gave_up.load(); });
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  const absl::Time cancelled_at = absl::Now();
  gave_up = true;
  waiter.join();
  EXPECT_EQ(waited.code(), absl::StatusCode::kCancelled) << waited;
  EXPECT_LT(absl::Now() - cancelled_at, absl::Seconds(5));  // not the 60 s it asked for
}

TEST_F(ProjectionRunnerTest, ApplyErrorFailsWithoutCommittingThePage) {
  const uint64_t head = AppendEvents(20);
  CountPerStream projection;
  projection.fail_at(13);
  RunnerOptions options;
  options.page_size = 5;
  ProjectionRunner runner(events_.get(), projections_.get(), &projection, options);
  ASSERT_OK(runner.Start());
  absl::Status st = runner.WaitForPosition(head, absl::Seconds(30));
  EXPECT_EQ(st.code(), absl::StatusCode::kInternal);
  EXPECT_NE(st.message().find("position 13"), std::string::npos) << st;
  ProjectionStatus status = runner.status();
  EXPECT_EQ(status.state, ProjectionState::kFailed);
  EXPECT_EQ(status.position, 10u);
  runner.Stop();
  EXPECT_EQ(runner.status().state, ProjectionState::kFailed);
  auto meta = projections_->ReadMeta("count_per_stream");
  ASSERT_OK(meta);
  EXPECT_EQ((*meta)->checkpoint, 10u);
}

TEST(ProjectionStoreTest, MetaRoundTripsAndNamesAreChecked) {
  ProjectionMeta meta{7, 0x0102030405060708ull};
  ProjectionMeta decoded;
  ASSERT_TRUE(ProjectionStore::DecodeMeta(ProjectionStore::EncodeMeta(meta), &decoded));
  EXPECT_EQ(decoded.version, 7u);
  EXPECT_EQ(decoded.checkpoint, 0x0102030405060708ull);
  EXPECT_FALSE(ProjectionStore::DecodeMeta("short", &decoded));

  coop::testing::TempDir dir;
  auto store = ProjectionStore::Open(dir.path());
  ASSERT_OK(store);
  EXPECT_EQ((*store)->EnsureProjection("default").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ((*store)->EnsureProjection("a/b").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ((*store)->ReadMeta("missing").status().code(), absl::StatusCode::kNotFound);
  ASSERT_OK((*store)->EnsureProjection("p"));
  auto none = (*store)->ReadMeta("p");
  ASSERT_OK(none);
  EXPECT_FALSE(none->has_value());

  // Staged-or-stored reads, deletes, and DeleteAllRows.
  auto batch = (*store)->NewBatch("p");
  ASSERT_OK(batch);
  batch->Put("a", "1");
  batch->Put("b", "2");
  ASSERT_OK((*store)->Commit(*batch));
  auto next = (*store)->NewBatch("p");
  ASSERT_OK(next);
  EXPECT_EQ(next->Get("a")->value_or(""), "1");
  next->Delete("a");
  EXPECT_FALSE(next->Get("a")->has_value());
  next->Put("c", "3");
  ASSERT_OK((*store)->Commit(*next));
  auto rows = (*store)->ReadRows("p");
  ASSERT_OK(rows);
  EXPECT_EQ(*rows, (Rows{{"b", "2"}, {"c", "3"}}));
  auto wipe = (*store)->NewBatch("p");
  ASSERT_OK(wipe);
  wipe->DeleteAllRows();
  EXPECT_FALSE(wipe->Get("b")->has_value());
  wipe->Put("d", "4");
  ASSERT_OK((*store)->Commit(*wipe));
  rows = (*store)->ReadRows("p");
  ASSERT_OK(rows);
  EXPECT_EQ(*rows, (Rows{{"d", "4"}}));
}

}  // namespace
}  // namespace coop::projections

namespace coop::projections {
namespace {

// The real store, but ReadAll fails while `failing` is set (a disk error, a busy store).
class FlakyReads final : public coop::eventstore::EventStore {
 public:
  explicit FlakyReads(coop::eventstore::EventStore* real) : real_(real) {}
  std::atomic<bool> failing{true};
  void AppendAsync(coop::v1::AppendRequest request,
                   coop::eventstore::AppendCallback done) override {
    real_->AppendAsync(std::move(request), std::move(done));
  }
  absl::StatusOr<std::vector<coop::v1::RecordedEvent>> ReadStream(
      const coop::v1::ReadStreamRequest& request) override {
    return real_->ReadStream(request);
  }
  absl::StatusOr<coop::eventstore::ReadPage> ReadAll(
      const coop::eventstore::ReadAllQuery& query) override {
    if (failing) return absl::UnavailableError("disk on fire");
    return real_->ReadAll(query);
  }
  absl::StatusOr<uint64_t> PositionAtTime(int64_t micros, bool backwards) override {
    return real_->PositionAtTime(micros, backwards);
  }
  absl::StatusOr<coop::v1::StreamInfo> GetStreamInfo(const std::string& stream_id) override {
    return real_->GetStreamInfo(stream_id);
  }
  absl::StatusOr<std::optional<coop::v1::RecordedEvent>> FindEvent(
      const std::string& event_id) override {
    return real_->FindEvent(event_id);
  }
  coop::v1::LogInfo GetLogInfo() override { return real_->GetLogInfo(); }
  absl::StatusOr<std::string> MerkleNode(int level, uint64_t index) override {
    return real_->MerkleNode(level, index);
  }
  void Close() override { real_->Close(); }
  absl::StatusOr<coop::v1::VerifyLogResponse> Verify(
      uint64_t from, uint64_t to, const std::function<bool()>& cancelled) override {
    return real_->Verify(from, to, cancelled);
  }
  coop::eventstore::CommitNotifier& notifier() override { return real_->notifier(); }
  const coop::eventstore::Limits& limits() const override { return real_->limits(); }

 private:
  coop::eventstore::EventStore* real_;
};

TEST_F(ProjectionRunnerTest, FailedReadsOfTheLogAreRetriedAndShownInStatus) {
  // Given a log whose reads fail for a while
  const uint64_t head = AppendEvents(20);
  FlakyReads flaky(events_.get());
  CountPerStream projection;
  RunnerOptions options;
  options.read_retry_delay = absl::Milliseconds(5);
  ProjectionRunner runner(&flaky, projections_.get(), &projection, options);
  ASSERT_OK(runner.Start());
  // When the runner tries to read: its status names the failure, and it keeps trying
  bool shown = false;
  for (int i = 0; i < 2000 && !shown; ++i) {
    const auto status = runner.status();
    shown = status.read_failures >= 2 &&
            status.error.message().find("reading the log failed (retrying): disk on fire") !=
                std::string::npos;
    if (!shown) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_TRUE(shown);
  EXPECT_NE(runner.status().state, ProjectionState::kFailed);
  // Then once reads succeed again it catches up and the error is gone
  flaky.failing = false;
  ASSERT_OK(runner.WaitForPosition(head, absl::Seconds(30)));
  EXPECT_TRUE(runner.status().error.ok());
  runner.Stop();
}

}  // namespace
}  // namespace coop::projections

namespace coop::projections {
namespace {

TEST_F(ProjectionRunnerTest, SnapshotReadsIgnoreLaterCommits) {
  // Given a committed row and checkpoint, and a snapshot taken then
  ASSERT_OK(projections_->EnsureProjection("snap"));
  auto batch = projections_->NewBatch("snap");
  ASSERT_OK(batch);
  batch->Put("a", "1");
  batch->SetMeta({1, 10});
  ASSERT_OK(projections_->Commit(*batch));
  auto snapshot = projections_->NewSnapshot();
  // When a later page changes the row and the checkpoint
  auto later = projections_->NewBatch("snap");
  ASSERT_OK(later);
  later->Put("a", "2");
  later->Put("b", "3");
  later->SetMeta({1, 20});
  ASSERT_OK(projections_->Commit(*later));
  // Then reads at the snapshot see the rows and checkpoint as they were, together
  auto row = projections_->ReadRow("snap", "a", snapshot.get());
  ASSERT_OK(row);
  EXPECT_EQ(row->value_or(""), "1");
  auto rows = projections_->ScanRows("snap", "", "", 10, snapshot.get());
  ASSERT_OK(rows);
  EXPECT_EQ(rows->size(), 1u);
  auto meta = projections_->ReadMeta("snap", snapshot.get());
  ASSERT_OK(meta);
  EXPECT_EQ((*meta)->checkpoint, 10u);
  // and reads without it see the latest commit
  EXPECT_EQ(projections_->ReadRow("snap", "a")->value_or(""), "2");
  snapshot.reset();
}

}  // namespace
}  // namespace coop::projections
