// Conformance of every event store backend (store_conformance.h): the log as an RFC 9162
// Merkle tree. The root of every past size equals the root the test computes itself from the
// events' leaf hashes (MTH by its definition); every inclusion and consistency proof verifies;
// sizes beyond the head are OUT_OF_RANGE; reopening gives the same roots and goes on.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "eventstore/event_store.h"
#include "tests/eventstore/conformance/store_conformance.h"
#include "tests/support/event_builders.h"
#include "tests/support/test_support.h"
#include "verify/merkle.h"

namespace coop::eventstore {
namespace {

using coop::testing::Any;
using coop::testing::AppendTo;

// MTH(D[start : start + n]) of RFC 9162 §2.1.1, from the events' leaf hashes.
std::string Mth(const std::vector<coop::v1::RecordedEvent>& events, uint64_t start, uint64_t n) {
  if (n == 1) return events[start].leaf_hash();
  uint64_t k = 1;
  while (k * 2 < n) k *= 2;
  return verify::MerkleNodeHash(Mth(events, start, k), Mth(events, start + k, n - k));
}

TEST_P(StoreConformanceTest, EveryPastTreeHeadIsTheRootOfItsLeaves) {
  // Appends of 1 to 5 events, so that batches end at odd and even sizes.
  for (int i = 0; i < 12; ++i) {
    ASSERT_OK(store_->Append(AppendTo("s-" + std::to_string(i % 4), Any(), 1 + i % 5)));
  }
  const auto events = ReadAllEvents();
  ASSERT_EQ(events.size(), 33u);
  auto empty = store_->TreeRoot(0);
  ASSERT_OK(empty);
  EXPECT_EQ(*empty, verify::EmptyTreeRoot());
  for (uint64_t size = 1; size <= events.size(); ++size) {
    auto root = store_->TreeRoot(size);
    ASSERT_OK(root);
    EXPECT_EQ(*root, Mth(events, 0, size)) << "size " << size;
  }
  EXPECT_EQ(store_->TreeRoot(34).status().code(), absl::StatusCode::kOutOfRange);
}

TEST_P(StoreConformanceTest, EveryInclusionAndConsistencyProofVerifies) {
  ASSERT_OK(store_->Append(AppendTo("s-1", Any(), 13)));
  ASSERT_OK(store_->Append(AppendTo("s-2", Any(), 8)));
  const auto events = ReadAllEvents();
  const uint64_t head = events.size();
  for (uint64_t size = 1; size <= head; ++size) {
    const std::string root = Mth(events, 0, size);
    for (uint64_t position = 1; position <= size; ++position) {
      auto proof = store_->InclusionProof(position, size);
      ASSERT_OK(proof);
      const absl::Status verified = verify::VerifyInclusion(
          position - 1, size, events[position - 1].leaf_hash(), *proof, root);
      EXPECT_TRUE(verified.ok()) << "position " << position << " in " << size << ": " << verified;
    }
    for (uint64_t old_size = 1; old_size <= size; ++old_size) {
      auto proof = store_->ConsistencyProof(old_size, size);
      ASSERT_OK(proof);
      const absl::Status verified =
          verify::VerifyConsistency(old_size, size, Mth(events, 0, old_size), root, *proof);
      EXPECT_TRUE(verified.ok()) << old_size << " → " << size << ": " << verified;
    }
  }
  EXPECT_EQ(store_->InclusionProof(0, 5).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->InclusionProof(6, 5).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->InclusionProof(1, head + 1).status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(store_->ConsistencyProof(0, 5).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->ConsistencyProof(5, 4).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->ConsistencyProof(5, head + 1).status().code(), absl::StatusCode::kOutOfRange);
}

TEST_P(StoreConformanceTest, ReopenKeepsTheTreeAndGrowsIt) {
  ASSERT_OK(store_->Append(AppendTo("s-1", Any(), 11)));
  auto before = store_->TreeRoot(11);
  ASSERT_OK(before);
  Reopen();
  auto after = store_->TreeRoot(11);
  ASSERT_OK(after);
  EXPECT_EQ(*after, *before);
  ASSERT_OK(store_->Append(AppendTo("s-1", Any(), 6)));
  const auto events = ReadAllEvents();
  auto grown = store_->TreeRoot(17);
  ASSERT_OK(grown);
  EXPECT_EQ(*grown, Mth(events, 0, 17));
  auto proof = store_->ConsistencyProof(11, 17);
  ASSERT_OK(proof);
  EXPECT_OK(verify::VerifyConsistency(11, 17, *before, *grown, *proof));
}

}  // namespace
}  // namespace coop::eventstore
