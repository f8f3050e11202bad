// The log as an RFC 9162 (Certificate Transparency 2.0) Merkle tree: hashing, the tree head of
// any size, inclusion and consistency proofs, and their verification. The leaves are the
// events' stored leaf hashes (eventstore/README.md: SHA-256(0x00 ‖ canonical(event))); leaf
// index = log position − 1, and a tree of size n covers positions 1..n.
//
//   MTH({})    = SHA-256()                        (the empty string)
//   MTH({d})   = the leaf hash of d
//   MTH(D[n])  = SHA-256(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n])), k the largest power of two < n
//
// Proofs are built from subtree roots a caller supplies (SubtreeRoot), so a store that keeps
// the roots of the perfect subtrees (CompactRange reports them as leaves arrive) answers in
// O(log² n) reads without touching the events. Verification needs nothing but the proof.
//
// This is the small verification library the server and coopctl share: no RocksDB, no gRPC.
// Pure functions and a value type; thread-compatible.
#ifndef COOPLEDGER_VERIFY_MERKLE_H_
#define COOPLEDGER_VERIFY_MERKLE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace coop::verify {

inline constexpr size_t kMerkleHashSize = 32;

// SHA-256(0x00 ‖ data): the hash of a leaf whose bytes are `data`.
std::string MerkleLeafHash(std::string_view data);
// SHA-256(0x01 ‖ left ‖ right).
std::string MerkleNodeHash(std::string_view left, std::string_view right);
// SHA-256 of nothing: the root of the empty tree.
std::string EmptyTreeRoot();
// The largest power of two strictly below `n`. REQUIRES: n >= 2.
uint64_t LargestPowerOfTwoBelow(uint64_t n);

// The root of the leaves [start, start + size), size >= 1. Errors are passed on unchanged.
using SubtreeRoot = std::function<absl::StatusOr<std::string>(uint64_t start, uint64_t size)>;

// MTH of the first `size` leaves (EmptyTreeRoot() for 0), from perfect subtree roots only:
// `perfect` is asked only for [start, start + 2^j) with start a multiple of 2^j.
absl::StatusOr<std::string> TreeRoot(uint64_t size, const SubtreeRoot& perfect);
// The same for any [start, start + size), split RFC 9162's way into perfect subtrees.
absl::StatusOr<std::string> RangeRoot(uint64_t start, uint64_t size, const SubtreeRoot& perfect);

// PATH(index, D[size]): the audit path of leaf `index` in the tree of `size` leaves, from the
// leaf's sibling up. INVALID_ARGUMENT unless index < size.
absl::StatusOr<std::vector<std::string>> InclusionProof(uint64_t index, uint64_t size,
                                                        const SubtreeRoot& perfect);
// PROOF(old_size, D[new_size]): that the tree of `new_size` leaves extends the one of
// `old_size`. Empty when old_size == new_size; INVALID_ARGUMENT unless
// 0 < old_size <= new_size.
absl::StatusOr<std::vector<std::string>> ConsistencyProof(uint64_t old_size, uint64_t new_size,
                                                          const SubtreeRoot& perfect);

// RFC 9162 §2.1.3.2: OK if `proof` shows `leaf_hash` at `index` in the tree of `size` leaves
// whose root is `root`. Every failure is INVALID_ARGUMENT with its reason ("index 7 is not in
// a tree of 5 leaves", "the proof has 2 hashes, the path needs 3", "the recomputed root
// differs"): what a failed proof means is the caller's to say.
absl::Status VerifyInclusion(uint64_t index, uint64_t size, std::string_view leaf_hash,
                             const std::vector<std::string>& proof, std::string_view root);
// RFC 9162 §2.1.4.2: OK if `proof` shows that the tree of `new_size` leaves with `new_root`
// extends the tree of `old_size` leaves with `old_root`. Failures as VerifyInclusion's.
absl::Status VerifyConsistency(uint64_t old_size, uint64_t new_size, std::string_view old_root,
                               std::string_view new_root, const std::vector<std::string>& proof);

// The compact range [0, size): the roots of the perfect subtrees the leaves so far make, left
// to right, largest first — at most 64 hashes, whatever the size. Appending a leaf merges equal
// neighbours; each merge makes a new perfect subtree, reported to `on_node` (with its level,
// 0 for the leaf itself, and its index at that level), which is what a store keeps to answer
// proofs. Thread-compatible.
class CompactRange {
 public:
  using NodeSink = std::function<void(int level, uint64_t index, const std::string& hash)>;

  CompactRange() = default;
  // A range resumed from stored state: `size` leaves whose perfect subtree roots are `roots`
  // (as roots() gave them). INVALID_ARGUMENT if their number does not match the size's bits.
  static absl::StatusOr<CompactRange> Resume(uint64_t size, std::vector<std::string> roots);

  // Adds the next leaf; `on_node` (may be empty) hears of the leaf (level 0) and of every
  // subtree it completes.
  void Append(std::string leaf_hash, const NodeSink& on_node);
  uint64_t size() const { return size_; }
  const std::vector<std::string>& roots() const { return roots_; }
  // MTH of the leaves so far.
  std::string Root() const;

 private:
  uint64_t size_ = 0;
  std::vector<std::string> roots_;  // one per set bit of size_, highest bit first
};

}  // namespace coop::verify

#endif  // COOPLEDGER_VERIFY_MERKLE_H_
