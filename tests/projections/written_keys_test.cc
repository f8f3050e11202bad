// WrittenKeys (projections/page_rows.h): a row that never changes once written is put once,
// not at every page; forgotten, and so put again, when a page does not follow the last one
// finished or when too many are held. On a real projection store's batches.
#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <utility>

#include "projections/page_rows.h"
#include "projections/projection_store.h"
#include "tests/support/test_support.h"

namespace coop::projections {
namespace {

class WrittenKeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = ProjectionStore::Open(dir_.Sub("rows"));
    ASSERT_OK(store);
    store_ = std::move(*store);
    ASSERT_OK(store_->EnsureProjection("index"));
  }
  ProjectionStore::Batch NewBatch() {
    auto batch = store_->NewBatch("index");
    EXPECT_OK(batch);
    return std::move(*batch);
  }

  // Begins the page at `first` and puts `keys` into a new batch, as the projection does.
  ProjectionStore::Batch PutOnPage(uint64_t first, std::initializer_list<const char*> keys,
                                   size_t max_keys = 100) {
    auto batch = NewBatch();
    keys_.BeginPage(first, max_keys);
    for (const char* key : keys) keys_.Put(batch, key);
    return batch;
  }

  coop::testing::TempDir dir_;
  std::unique_ptr<ProjectionStore> store_;
  WrittenKeys keys_;
};

TEST_F(WrittenKeysTest, GivenAKeyWrittenOnAPageWhenTheNextPageFollowsThenItIsNotPutAgain) {
  auto page1 = PutOnPage(1, {"x/a#1", "x/a#1"});
  keys_.FinishPage(10);
  EXPECT_EQ(page1.staged_rows(), 1u);
  ASSERT_OK(store_->Commit(page1));

  auto page2 = PutOnPage(11, {"x/a#1", "x/b#2"});
  keys_.FinishPage(20);
  EXPECT_EQ(page2.staged_rows(), 1u) << "only the new key";
}

TEST_F(WrittenKeysTest, GivenAPageThatDoesNotFollowWhenAKeyIsPutThenItIsWrittenAgain) {
  PutOnPage(1, {"x/a#1"});
  keys_.FinishPage(10);
  // Page 1 was not committed: the runner reads from position 1 again (or a rebuild starts).
  auto again = PutOnPage(1, {"x/a#1"});
  EXPECT_EQ(again.staged_rows(), 1u);
}

TEST_F(WrittenKeysTest, GivenAPageThatFailedPartWayWhenItIsAppliedAgainThenItsKeysArePutAgain) {
  auto page1 = PutOnPage(1, {});
  keys_.FinishPage(10);
  ASSERT_OK(store_->Commit(page1));
  PutOnPage(11, {"x/a#1"});
  // A later entity's refresh failed: no FinishPage, no commit; the same page is applied again.
  auto again = PutOnPage(11, {"x/a#1"});
  EXPECT_EQ(again.staged_rows(), 1u);
}

TEST_F(WrittenKeysTest, GivenMoreKeysThanTheBoundWhenAPageBeginsThenAllAreForgotten) {
  PutOnPage(1, {"x/a#1", "x/b#2", "x/c#3"}, /*max_keys=*/2);
  keys_.FinishPage(10);
  EXPECT_EQ(keys_.size(), 3u);
  auto page2 = NewBatch();
  keys_.BeginPage(11, 2);
  EXPECT_EQ(keys_.size(), 0u);
  keys_.Put(page2, "x/a#1");
  EXPECT_EQ(page2.staged_rows(), 1u);
}

}  // namespace
}  // namespace coop::projections
