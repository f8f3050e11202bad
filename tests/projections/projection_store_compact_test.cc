// ProjectionStore::Compact (coop.v1.Admin/CompactStores) on a real RocksDB store: every
// generation's family compacted while the rows stay as they were, a generation dropped by a
// switch-over meanwhile passed over, and a cancelled compaction stopped.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "projections/projection_store.h"
#include "tests/support/test_support.h"

namespace coop::projections {
namespace {

class ProjectionStoreCompactTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }
  void Reopen() {
    store_.reset();
    auto store = ProjectionStore::Open(dir_.path());
    ASSERT_OK(store);
    store_ = std::move(*store);
    ASSERT_OK(store_->EnsureProjection("p"));
    ASSERT_OK(store_->EnsureProjection("q"));
  }
  // Rows row-<from>..row-<to - 1> of `name`, checkpoint `to`, in the given generation.
  void Commit(const std::string& name, int from, int to,
              Generation generation = Generation::kActive) {
    auto batch = store_->NewBatch(name, generation);
    ASSERT_OK(batch);
    for (int i = from; i < to; ++i) batch->Put(absl::StrCat("row-", i), std::string(100, 'x'));
    batch->SetMeta({1, static_cast<uint64_t>(to)});
    ASSERT_OK(store_->Commit(*batch));
  }

  coop::testing::TempDir dir_;
  std::unique_ptr<ProjectionStore> store_;
};

TEST_F(ProjectionStoreCompactTest, EveryFamilyIsCompactedAndEveryRowStays) {
  for (int round = 0; round < 3; ++round) {
    Commit("p", round * 100, round * 100 + 100);
    Commit("q", round * 10, round * 10 + 10);
    Reopen();  // a table per round
  }
  auto done = store_->Compact(nullptr);
  ASSERT_OK(done);
  EXPECT_EQ(done->families, 3u);  // the pointers, p and q
  EXPECT_GT(done->bytes_before, 0u);
  EXPECT_LE(done->bytes_after, done->bytes_before);
  auto rows = store_->ReadRows("p");
  ASSERT_OK(rows);
  EXPECT_EQ(rows->size(), 300u);
  auto meta = store_->ReadMeta("q");
  ASSERT_OK(meta);
  ASSERT_TRUE(meta->has_value());
  EXPECT_EQ((*meta)->checkpoint, 30u);
}

TEST_F(ProjectionStoreCompactTest, AGenerationDroppedByASwitchOverMeanwhileIsPassedOver) {
  Commit("p", 0, 50);
  Commit("q", 0, 50);
  ASSERT_OK(store_->BeginBuilding("q", 1));
  Commit("q", 0, 20, Generation::kBuilding);
  // After the first family (the pointers), q switches to its new generation: its old one,
  // still to be compacted, is dropped.
  int families = 0;
  auto done = store_->Compact([&] {
    if (++families == 1) EXPECT_OK(store_->SwitchToBuilding("q"));
    return false;
  });
  ASSERT_OK(done);
  auto rows = store_->ReadRows("q");
  ASSERT_OK(rows);
  EXPECT_EQ(rows->size(), 20u);  // the new generation's
}

TEST_F(ProjectionStoreCompactTest, ACancelledCompactionStops) {
  Commit("p", 0, 10);
  int asked = 0;
  auto done = store_->Compact([&] { return ++asked == 1; });
  EXPECT_EQ(done.status().code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(asked, 1);
  store_->Close();
  EXPECT_EQ(store_->Compact(nullptr).status().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace coop::projections
