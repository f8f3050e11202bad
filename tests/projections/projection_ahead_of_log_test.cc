// A projection whose checkpoint is past the log's head (the log lost its tail: relaxed
// durability and a power cut; or an older log was put back under newer projections): at the
// next start its rows are dropped and it is rebuilt from the log, instead of resuming after a
// position the log no longer holds and skipping the events appended there. Found by the crash
// test's control run (tests/crash/README.md) with the log's write-ahead log turned off.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "projections/projection_set.h"
#include "tests/projections/runner_fixture.h"

namespace coop::projections {
namespace {

class ProjectionAheadOfLogTest : public RunnerFixture {
 protected:
  // Runs a set of the counting projection until it is live at the log's head.
  void RunSetToHead() {
    ProjectionSet set(events_.get(), projections_.get());
    set.Add(std::make_unique<CountPerStream>());
    ASSERT_OK(set.StartAll());
    ASSERT_OK(
        set.WaitForPosition({"count_per_stream"}, events_->notifier().head(), absl::Seconds(30)));
    set.StopAll();
  }
  // Another log in place of the first, with `events` events of other streams.
  void ReplaceLog(int events) {
    events_->Close();
    eventstore::StoreOptions options;
    options.clock = &clock_;
    auto replaced = eventstore::RocksEventStore::Open(dir_.Sub("events-shorter"), options);
    ASSERT_OK(replaced);
    events_ = std::move(*replaced);
    for (int i = 0; i < events; ++i) {
      ASSERT_OK(events_->Append(
          coop::testing::AppendTo(absl::StrCat("other-", i % 3), coop::testing::Any())));
    }
  }
};

TEST_F(ProjectionAheadOfLogTest, IsRebuiltFromTheLogInsteadOfSkippingThePositionsItHadApplied) {
  AppendEvents(40);
  RunSetToHead();
  auto meta = projections_->ReadMeta("count_per_stream");
  ASSERT_OK(meta);
  ASSERT_EQ((*meta)->checkpoint, 40u);

  ReplaceLog(25);  // positions 1..25, none of them the events applied before
  RunSetToHead();
  meta = projections_->ReadMeta("count_per_stream");
  ASSERT_OK(meta);
  EXPECT_EQ((*meta)->checkpoint, 25u);
  CountPerStream fresh;
  EXPECT_EQ(*projections_->ReadRows("count_per_stream"), RebuildFromScratch(fresh));
  EXPECT_EQ(projections_->ReadRow("count_per_stream", "total")->value_or(""), "25@25");
}

TEST_F(ProjectionAheadOfLogTest, AProjectionAtOrBehindTheHeadResumesAsBefore) {
  AppendEvents(30);
  RunSetToHead();
  AppendEvents(10);
  RunSetToHead();
  EXPECT_EQ(projections_->ReadRow("count_per_stream", "total")->value_or(""), "40@40");
}

}  // namespace
}  // namespace coop::projections
