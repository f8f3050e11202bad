// ProjectionStore::Batch::Append (projection_store.h, append_merge_operator.h) on a real
// RocksDB store: bytes appended to a row are read after it, in order, by a batch before its
// commit, by reads, iterators and snapshots after it, and after a reopen and a compaction;
// appended to a row put or deleted in the same batch, they extend what the batch staged.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "projections/projection_store.h"
#include "tests/support/test_support.h"

namespace coop::projections {
namespace {

class RowAppendTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }
  void Reopen() {
    store_.reset();
    auto store = ProjectionStore::Open(dir_.path());
    ASSERT_OK(store);
    store_ = std::move(*store);
    ASSERT_OK(store_->EnsureProjection("p"));
  }
  ProjectionStore::Batch NewBatch() {
    auto batch = store_->NewBatch("p");
    EXPECT_OK(batch);
    return std::move(*batch);
  }
  void CommitAppend(const std::string& key, const std::string& bytes) {
    auto batch = NewBatch();
    ASSERT_OK(batch.Append(key, bytes));
    ASSERT_OK(store_->Commit(batch));
  }
  std::optional<std::string> Read(const std::string& key,
                                  const ProjectionStore::Snapshot* snapshot = nullptr) {
    auto row = store_->ReadRow("p", key, snapshot);
    EXPECT_OK(row);
    return row.ok() ? *row : std::nullopt;
  }

  coop::testing::TempDir dir_;
  std::unique_ptr<ProjectionStore> store_;
};

TEST_F(RowAppendTest, GivenNoRowWhenBytesAreAppendedThenTheRowIsThoseBytes) {
  CommitAppend("r", "abc");
  EXPECT_EQ(Read("r"), "abc");
}

TEST_F(RowAppendTest, GivenAStoredRowWhenAppendedInSeveralCommitsThenEveryReadSeesItInOrder) {
  auto first = NewBatch();
  first.Put("r", "base-");
  ASSERT_OK(store_->Commit(first));
  CommitAppend("r", "one-");
  auto before_two = store_->NewSnapshot();

  auto batch = NewBatch();
  ASSERT_OK(batch.Append("r", "two-"));
  ASSERT_OK(batch.Append("r", "three"));
  auto staged = batch.Get("r");  // stored ‖ staged, before the commit
  ASSERT_OK(staged);
  EXPECT_EQ(*staged, "base-one-two-three");
  EXPECT_EQ(batch.staged_bytes(), std::string("r").size() + std::string("two-three").size());
  ASSERT_OK(store_->Commit(batch));

  EXPECT_EQ(Read("r"), "base-one-two-three");
  EXPECT_EQ(Read("r", before_two.get()), "base-one-");
  auto rows = store_->ScanRows("p", "", "", 10);
  ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].second, "base-one-two-three");
}

TEST_F(RowAppendTest, GivenAppendsOverManyCommitsWhenReopenedAndCompactedThenTheRowsStay) {
  std::string expected;
  for (int i = 0; i < 50; ++i) {
    const std::string piece = "piece-" + std::to_string(i) + ";";
    CommitAppend("r", piece);
    CommitAppend("s", piece + piece);
    expected += piece;
    if (i % 10 == 9) Reopen();  // operands in several tables and the memtable
  }
  EXPECT_EQ(Read("r"), expected);
  EXPECT_EQ(Read("s").value_or("").size(), 2 * expected.size());
  auto compacted = store_->Compact(nullptr);
  ASSERT_OK(compacted);
  EXPECT_EQ(Read("r"), expected);
  Reopen();
  EXPECT_EQ(Read("r"), expected);
  CommitAppend("r", "after");
  EXPECT_EQ(Read("r"), expected + "after");
}

TEST_F(RowAppendTest,
       GivenARowPutOrDeletedInTheBatchWhenAppendedThenTheAppendExtendsWhatWasStaged) {
  auto setup = NewBatch();
  setup.Put("put", "stored");
  setup.Put("deleted", "stored");
  ASSERT_OK(store_->Commit(setup));

  auto batch = NewBatch();
  batch.Put("put", "new-");
  ASSERT_OK(batch.Append("put", "more"));
  batch.Delete("deleted");
  ASSERT_OK(batch.Append("deleted", "fresh"));
  ASSERT_OK(store_->Commit(batch));
  EXPECT_EQ(Read("put"), "new-more");
  EXPECT_EQ(Read("deleted"), "fresh");

  auto wipe = NewBatch();
  wipe.DeleteAllRows();
  ASSERT_OK(wipe.Append("put", "only"));
  auto staged = wipe.Get("put");
  ASSERT_OK(staged);
  EXPECT_EQ(*staged, "only");
  ASSERT_OK(store_->Commit(wipe));
  EXPECT_EQ(Read("put"), "only");
  EXPECT_EQ(Read("deleted"), std::nullopt);
}

TEST_F(RowAppendTest, GivenAllRowsDeletedInAnEarlierCommitWhenAppendedLaterThenTheOldValueIsGone) {
  auto setup = NewBatch();
  setup.Put("r", "old");
  ASSERT_OK(store_->Commit(setup));
  Reopen();  // the old value in a table, under the range deletion to come
  auto wipe = NewBatch();
  wipe.DeleteAllRows();
  ASSERT_OK(store_->Commit(wipe));

  auto later = NewBatch();
  ASSERT_OK(later.Append("r", "new"));
  auto staged = later.Get("r");
  ASSERT_OK(staged);
  EXPECT_EQ(*staged, "new");
  ASSERT_OK(store_->Commit(later));
  EXPECT_EQ(Read("r"), "new");
  Reopen();
  ASSERT_OK(store_->Compact(nullptr));
  EXPECT_EQ(Read("r"), "new");
}

}  // namespace
}  // namespace coop::projections
