// Unlogged projection commits (projection_store.h, "Unlogged batches"), and the runner that
// makes them far from the head (RunnerOptions::unlogged_lag), on a real RocksDB
// store. A crash is imitated by copying the store's folder while it is open: the copy holds
// what a kill -9 would leave (the write-ahead log as written, the tables flushed so far, not
// the memtables), and is opened as a store of its own.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "projections/projection_store.h"
#include "tests/projections/runner_fixture.h"
#include "tests/support/test_support.h"

namespace coop::projections {
namespace {

using coop::testing::WriteAheadLogBytes;

// What a crash now would leave of the open store in `live`: its folder copied to `copy` and
// opened as a store of its own (nullptr, with a test failure, if it does not open).
std::unique_ptr<ProjectionStore> OpenCrashImage(const std::string& live, const std::string& copy) {
  std::filesystem::copy(live, copy, std::filesystem::copy_options::recursive);
  auto store = ProjectionStore::Open(copy);
  EXPECT_OK(store);
  return store.ok() ? std::move(*store) : nullptr;
}

class UnloggedCommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = ProjectionStore::Open(dir_.Sub("live"));
    ASSERT_OK(store);
    store_ = std::move(*store);
    ASSERT_OK(store_->EnsureProjection("p"));
  }

  // Commits row "row-<checkpoint>" with that checkpoint.
  void CommitRow(uint64_t checkpoint, bool unlogged) {
    auto batch = store_->NewBatch("p");
    ASSERT_OK(batch);
    batch->Put(absl::StrCat("row-", checkpoint), "x");
    batch->SetMeta({1, checkpoint});
    batch->SetUnlogged(unlogged);
    ASSERT_OK(store_->Commit(*batch));
  }

  std::unique_ptr<ProjectionStore> CrashImage() {
    return OpenCrashImage(dir_.Sub("live"), dir_.Sub(absl::StrCat("crash-", ++images_)));
  }

  // The checkpoint and rows of "p" in `store`; every row up to the checkpoint must be there.
  static void ExpectWholeUpTo(ProjectionStore& store, uint64_t checkpoint) {
    auto meta = store.ReadMeta("p");
    ASSERT_OK(meta);
    ASSERT_TRUE(meta->has_value());
    EXPECT_EQ((*meta)->checkpoint, checkpoint);
    auto rows = store.ReadRows("p");
    ASSERT_OK(rows);
    Rows want;
    for (uint64_t i = 1; i <= checkpoint; ++i) want.emplace_back(absl::StrCat("row-", i), "x");
    std::sort(want.begin(), want.end());
    EXPECT_EQ(*rows, want);
  }

  coop::testing::TempDir dir_;
  std::unique_ptr<ProjectionStore> store_;
  int images_ = 0;
};

TEST_F(UnloggedCommitTest, ACrashLosesUnloggedCommitsWholeAndKeepsTheRowsWithTheirCheckpoint) {
  CommitRow(1, /*unlogged=*/false);
  CommitRow(2, /*unlogged=*/true);
  CommitRow(3, /*unlogged=*/true);
  // Served at once, like any commit.
  ExpectWholeUpTo(*store_, 3);
  // A crash: back to the last logged checkpoint, rows and checkpoint together.
  auto image = CrashImage();
  ASSERT_NE(image, nullptr);
  ExpectWholeUpTo(*image, 1);
}

TEST_F(UnloggedCommitTest, ALoggedCommitAfterUnloggedOnesFlushesThemFirst) {
  CommitRow(1, /*unlogged=*/true);
  CommitRow(2, /*unlogged=*/true);
  CommitRow(3, /*unlogged=*/false);  // near the head again
  // Without the flush, the log would replay checkpoint 3 onto a family without rows 1 and 2.
  auto image = CrashImage();
  ASSERT_NE(image, nullptr);
  ExpectWholeUpTo(*image, 3);
}

TEST_F(UnloggedCommitTest, ACleanCloseFlushesEverythingSoTheNextStartReplaysNoLog) {
  CommitRow(1, /*unlogged=*/true);
  CommitRow(2, /*unlogged=*/true);
  CommitRow(3, /*unlogged=*/false);
  CommitRow(4, /*unlogged=*/false);
  EXPECT_GT(WriteAheadLogBytes(dir_.Sub("live")), 0u);
  store_->Close();
  store_.reset();
  EXPECT_EQ(WriteAheadLogBytes(dir_.Sub("live")), 0u);
  auto reopened = ProjectionStore::Open(dir_.Sub("live"));
  ASSERT_OK(reopened);
  ExpectWholeUpTo(**reopened, 4);
}

class UnloggedRunnerTest : public RunnerFixture {
 protected:
  std::unique_ptr<ProjectionStore> CrashImage() {
    return OpenCrashImage(dir_.Sub("projections"), dir_.Sub(absl::StrCat("crash-", ++images_)));
  }
  int images_ = 0;
};

TEST_F(UnloggedRunnerTest, ARebuildFarFromTheHeadCommitsUnloggedThenFlushesBeforeItLogsAgain) {
  const uint64_t head = AppendEvents(400, 7);
  RunnerOptions options;
  options.page_size = 10;
  options.catch_up_commit_events = 10;
  options.unlogged_lag = 100;  // unlogged while 100 or more behind; logged within 50 of the head
  {
    CountPerStream v1(1, "count");
    ProjectionRunner runner(events_.get(), projections_.get(), &v1, options);
    ASSERT_OK(runner.Start());
    ASSERT_OK(runner.WaitForPosition(head, absl::Seconds(30)));
  }
  // Version 2 rebuilds beside version 1. At position 100 (300 behind) its commits so far were
  // unlogged: a crash would leave the building generation as it began, at checkpoint 0.
  std::optional<uint64_t> building_after_crash;
  options.after_rebuild_page = [&](uint64_t position) {
    if (position != 100) return;
    auto image = CrashImage();
    if (image == nullptr) return;
    auto meta = image->ReadGenerationMeta("count", Generation::kBuilding);
    if (meta.ok() && meta->has_value()) building_after_crash = (*meta)->checkpoint;
  };
  CountPerStream v2(2, "count");
  ProjectionRunner runner(events_.get(), projections_.get(), &v2, options);
  ASSERT_OK(runner.Start());
  ASSERT_TRUE(WaitForState(runner, ProjectionState::kLive));
  ASSERT_OK(runner.WaitForPosition(head, absl::Seconds(30)));
  ASSERT_TRUE(building_after_crash.has_value());
  EXPECT_EQ(*building_after_crash, 0u);  // logged commits would have left 100

  // Near the head the commits were logged, the family flushed first, then the switch: a crash
  // now leaves version 2 active at the head with every row.
  auto image = CrashImage();
  ASSERT_NE(image, nullptr);
  auto meta = image->ReadMeta("count");
  ASSERT_OK(meta);
  ASSERT_TRUE(meta->has_value());
  EXPECT_EQ((*meta)->version, 2u);
  EXPECT_EQ((*meta)->checkpoint, head);
  auto rows = image->ReadRows("count");
  ASSERT_OK(rows);
  CountPerStream fresh(2, "count");
  EXPECT_EQ(*rows, RebuildFromScratch(fresh));
}

}  // namespace
}  // namespace coop::projections
