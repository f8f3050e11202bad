// The Merkle tree and its proofs (verify/merkle.h) against an implementation of RFC 9162's
// definitions written here, apart from the code under test: MTH, PATH and PROOF by their
// recursive definitions, and a proof checked by rebuilding the root recursively rather than
// by the RFC's bit-walking algorithm. Inclusion for every tree size 1 to 300 (every leaf) and
// around the powers of two up to 2^16 + 1; consistency between every pair of sizes up to 64
// and sampled pairs above; tampered proofs refused.
#include "verify/merkle.h"

#include <gtest/gtest.h>
#include <openssl/sha.h>

#include <bit>
#include <random>
#include <string>
#include <vector>

namespace coop::verify {
namespace {

// --- The reference, from RFC 9162 §2.1 -------------------------------------------------------

std::string Sha(const std::string& bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}
std::string RefLeaf(const std::string& data) { return Sha(std::string(1, '\0') + data); }
std::string RefNode(const std::string& l, const std::string& r) {
  return Sha(std::string(1, '\1') + l + r);
}
uint64_t RefSplit(uint64_t n) {  // the largest power of two smaller than n (n > 1)
  uint64_t k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

// The leaves and every perfect aligned subtree root of the largest tree the tests use.
class Reference {
 public:
  explicit Reference(uint64_t leaves) {
    levels_.emplace_back();
    for (uint64_t i = 0; i < leaves; ++i) {
      levels_[0].push_back(RefLeaf("event " + std::to_string(i)));
    }
    while (levels_.back().size() > 1) {
      const auto& below = levels_.back();
      std::vector<std::string> level;
      for (size_t i = 0; i + 1 < below.size(); i += 2)
        level.push_back(RefNode(below[i], below[i + 1]));
      levels_.push_back(std::move(level));
    }
  }
  const std::string& Leaf(uint64_t i) const { return levels_[0][i]; }

  // MTH(D[start : start + n]) by the definition (perfect aligned parts from the table).
  std::string Mth(uint64_t start, uint64_t n) const {
    if (n == 1) return levels_[0][start];
    if ((n & (n - 1)) == 0 && start % n == 0) {
      return levels_[std::countr_zero(n)][start / n];
    }
    const uint64_t k = RefSplit(n);
    return RefNode(Mth(start, k), Mth(start + k, n - k));
  }
  // PATH(m, D[start : start + n]).
  std::vector<std::string> Path(uint64_t m, uint64_t start, uint64_t n) const {
    if (n == 1) return {};
    const uint64_t k = RefSplit(n);
    std::vector<std::string> path;
    if (m < k) {
      path = Path(m, start, k);
      path.push_back(Mth(start + k, n - k));
    } else {
      path = Path(m - k, start + k, n - k);
      path.push_back(Mth(start, k));
    }
    return path;
  }
  // SUBPROOF(m, D[start : start + n], b).
  std::vector<std::string> Subproof(uint64_t m, uint64_t start, uint64_t n, bool b) const {
    if (m == n) return b ? std::vector<std::string>{} : std::vector<std::string>{Mth(start, n)};
    const uint64_t k = RefSplit(n);
    std::vector<std::string> proof;
    if (m <= k) {
      proof = Subproof(m, start, k, b);
      proof.push_back(Mth(start + k, n - k));
    } else {
      proof = Subproof(m - k, start + k, n - k, false);
      proof.push_back(Mth(start, k));
    }
    return proof;
  }
  // The root an inclusion path leads to, rebuilt by the tree's shape (the last hash of the path
  // is the top sibling).
  static std::string RootFromPath(uint64_t m, uint64_t n, const std::string& leaf,
                                  std::vector<std::string> path) {
    if (n == 1) return leaf;
    const std::string top = path.back();
    path.pop_back();
    const uint64_t k = RefSplit(n);
    if (m < k) return RefNode(RootFromPath(m, k, leaf, path), top);
    return RefNode(top, RootFromPath(m - k, n - k, leaf, path));
  }

  // The perfect subtree roots, as a store would give them to the code under test.
  SubtreeRoot Perfect() const {
    return [this](uint64_t start, uint64_t size) -> absl::StatusOr<std::string> {
      EXPECT_TRUE((size & (size - 1)) == 0 && start % size == 0)
          << "asked for [" << start << ", +" << size << "), not a perfect aligned subtree";
      return levels_[std::countr_zero(size)][start / size];
    };
  }

 private:
  std::vector<std::vector<std::string>> levels_;
};

const Reference& Big() {
  static const Reference* const reference = new Reference((1 << 16) + 1);
  return *reference;
}

// One inclusion case: the proof equals the reference PATH, leads to the reference root, and
// the code's own verifier accepts it and refuses it altered.
void CheckInclusion(uint64_t index, uint64_t size) {
  const Reference& ref = Big();
  auto proof = InclusionProof(index, size, ref.Perfect());
  ASSERT_TRUE(proof.ok()) << proof.status();
  ASSERT_EQ(*proof, ref.Path(index, 0, size)) << index << " of " << size;
  const std::string root = ref.Mth(0, size);
  EXPECT_EQ(Reference::RootFromPath(index, size, ref.Leaf(index), *proof), root);
  EXPECT_TRUE(VerifyInclusion(index, size, ref.Leaf(index), *proof, root).ok())
      << index << " of " << size;
  if (!proof->empty()) {
    auto altered = *proof;
    altered.back()[0] ^= 1;
    EXPECT_FALSE(VerifyInclusion(index, size, ref.Leaf(index), altered, root).ok());
    altered = *proof;
    altered.pop_back();
    EXPECT_FALSE(VerifyInclusion(index, size, ref.Leaf(index), altered, root).ok());
  }
  // Another leaf is not at this index.
  EXPECT_FALSE(
      VerifyInclusion(index, size, ref.Leaf(index == 0 ? 1 : index - 1), *proof, root).ok());
}

void CheckConsistency(uint64_t old_size, uint64_t new_size) {
  const Reference& ref = Big();
  auto proof = ConsistencyProof(old_size, new_size, ref.Perfect());
  ASSERT_TRUE(proof.ok()) << proof.status();
  ASSERT_EQ(*proof, ref.Subproof(old_size, 0, new_size, true)) << old_size << " → " << new_size;
  const std::string old_root = ref.Mth(0, old_size);
  const std::string new_root = ref.Mth(0, new_size);
  EXPECT_TRUE(VerifyConsistency(old_size, new_size, old_root, new_root, *proof).ok())
      << old_size << " → " << new_size;
  if (old_size == new_size) return;
  for (size_t i = 0; i < proof->size(); ++i) {
    auto altered = *proof;
    altered[i][5] ^= 0x40;
    EXPECT_FALSE(VerifyConsistency(old_size, new_size, old_root, new_root, altered).ok())
        << old_size << " → " << new_size << ", hash " << i << " altered";
  }
  // Another old tree (its last leaf changed) is not extended by the new one.
  std::string other_old = ref.Mth(0, old_size);
  other_old[0] ^= 1;
  EXPECT_FALSE(VerifyConsistency(old_size, new_size, other_old, new_root, *proof).ok());
}

TEST(MerkleTest, TheEmptyTreeAndSmallTreesHaveTheRfcsRoots) {
  const Reference& ref = Big();
  EXPECT_EQ(EmptyTreeRoot(), Sha(""));
  EXPECT_EQ(MerkleLeafHash("event 0"), ref.Leaf(0));
  for (uint64_t size : {1u, 2u, 3u, 4u, 5u, 7u, 8u, 9u, 300u}) {
    auto root = TreeRoot(size, ref.Perfect());
    ASSERT_TRUE(root.ok());
    EXPECT_EQ(*root, ref.Mth(0, size)) << size;
  }
  EXPECT_EQ(*TreeRoot(0, ref.Perfect()), EmptyTreeRoot());
  EXPECT_EQ(*TreeRoot(3, ref.Perfect()), RefNode(RefNode(ref.Leaf(0), ref.Leaf(1)), ref.Leaf(2)));
}

TEST(MerkleTest, InclusionForEveryLeafOfEveryTreeUpTo300) {
  for (uint64_t size = 1; size <= 300; ++size) {
    for (uint64_t index = 0; index < size; ++index) CheckInclusion(index, size);
  }
}

TEST(MerkleTest, InclusionAroundThePowersOfTwoUpTo65537) {
  std::mt19937_64 random(9162);
  for (int bits = 9; bits <= 16; ++bits) {
    for (uint64_t size :
         {(uint64_t{1} << bits) - 1, uint64_t{1} << bits, (uint64_t{1} << bits) + 1}) {
      for (uint64_t index : {uint64_t{0}, size / 2, size - 2, size - 1})
        CheckInclusion(index, size);
      for (int i = 0; i < 8; ++i) CheckInclusion(random() % size, size);
    }
  }
}

TEST(MerkleTest, ConsistencyBetweenEveryPairOfSizesUpTo64) {
  for (uint64_t new_size = 1; new_size <= 64; ++new_size) {
    for (uint64_t old_size = 1; old_size <= new_size; ++old_size) {
      CheckConsistency(old_size, new_size);
    }
  }
}

TEST(MerkleTest, ConsistencyBetweenSampledPairsUpTo65537) {
  std::mt19937_64 random(6962);
  for (int i = 0; i < 300; ++i) {
    const uint64_t new_size = 65 + random() % ((1 << 16) + 1 - 64);
    CheckConsistency(1 + random() % new_size, new_size);
  }
  CheckConsistency(1 << 15, 1 << 16);
  CheckConsistency((1 << 16) - 1, (1 << 16) + 1);
}

TEST(MerkleTest, MalformedRequestsAreRefused) {
  const Reference& ref = Big();
  EXPECT_EQ(InclusionProof(5, 5, ref.Perfect()).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ConsistencyProof(0, 5, ref.Perfect()).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ConsistencyProof(6, 5, ref.Perfect()).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(VerifyInclusion(5, 5, ref.Leaf(0), {}, ref.Mth(0, 5)).ok());
  EXPECT_FALSE(VerifyConsistency(3, 5, ref.Mth(0, 3), ref.Mth(0, 5), {}).ok());
  // One size: the same root and no hashes.
  EXPECT_TRUE(VerifyConsistency(4, 4, ref.Mth(0, 4), ref.Mth(0, 4), {}).ok());
  EXPECT_FALSE(VerifyConsistency(4, 4, ref.Mth(0, 4), ref.Mth(0, 3), {}).ok());
}

TEST(MerkleTest, ACompactRangeReportsEveryPerfectSubtreeAndKeepsTheRoot) {
  const Reference& ref = Big();
  CompactRange range;
  std::vector<std::vector<std::string>> nodes(10);
  for (uint64_t i = 0; i < 300; ++i) {
    range.Append(ref.Leaf(i), [&](int level, uint64_t index, const std::string& hash) {
      ASSERT_LT(level, 10);
      ASSERT_EQ(index, nodes[level].size()) << "level " << level;
      nodes[level].push_back(hash);
    });
    ASSERT_EQ(range.size(), i + 1);
    EXPECT_EQ(range.Root(), ref.Mth(0, i + 1)) << i + 1;
  }
  // Every perfect subtree of the 300 leaves was reported once, with its root.
  for (int level = 0; level < 10; ++level) {
    ASSERT_EQ(nodes[level].size(), 300u >> level) << level;
    for (size_t index = 0; index < nodes[level].size(); ++index) {
      EXPECT_EQ(nodes[level][index], ref.Mth(index << level, uint64_t{1} << level));
    }
  }
  // Resumed from its roots, a range goes on as if it had never stopped.
  auto resumed = CompactRange::Resume(range.size(), range.roots());
  ASSERT_TRUE(resumed.ok());
  resumed->Append(ref.Leaf(300), nullptr);
  EXPECT_EQ(resumed->Root(), ref.Mth(0, 301));
  EXPECT_FALSE(CompactRange::Resume(300, {}).ok());
  EXPECT_EQ(CompactRange().Root(), EmptyTreeRoot());
}

}  // namespace
}  // namespace coop::verify
