// Unlogged projection commits (projection_store.h, "Unlogged batches") on a real RocksDB
// store. A crash is imitated by copying the store's folder while it is open: the copy holds
// what a kill -9 would leave (the write-ahead log as written, the tables flushed so far, not
// the memtables), and is opened as a store of its own.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "projections/projection_store.h"
#include "tests/support/test_support.h"

namespace coop::projections {
namespace {

using Rows = std::vector<std::pair<std::string, std::string>>;

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

  // What a crash now would leave: the folder copied while the store is open, opened apart.
  std::unique_ptr<ProjectionStore> CrashImage() {
    const std::string copy = dir_.Sub(absl::StrCat("crash-", ++images_));
    std::filesystem::copy(dir_.Sub("live"), copy, std::filesystem::copy_options::recursive);
    auto store = ProjectionStore::Open(copy);
    EXPECT_OK(store);
    return store.ok() ? std::move(*store) : nullptr;
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

// Bytes in RocksDB's write-ahead log files (*.log) of a folder.
uintmax_t WriteAheadLogBytes(const std::string& dir) {
  uintmax_t bytes = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".log") bytes += entry.file_size();
  }
  return bytes;
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

}  // namespace
}  // namespace coop::projections
