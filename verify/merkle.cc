#include "verify/merkle.h"

#include <openssl/evp.h>

#include <bit>
#include <utility>

#include "absl/strings/str_cat.h"

namespace coop::verify {
namespace {

// SHA-256 of the concatenation of `parts`.
std::string Sha256(std::initializer_list<std::string_view> parts) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  for (std::string_view part : parts) EVP_DigestUpdate(ctx, part.data(), part.size());
  EVP_DigestFinal_ex(ctx, digest, &length);
  EVP_MD_CTX_free(ctx);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

constexpr char kLeafPrefix[] = {'\x00'};
constexpr char kNodePrefix[] = {'\x01'};

absl::Status Refused(const std::string& why) {
  return absl::InvalidArgumentError(absl::StrCat("Merkle proof: ", why));
}

// PATH(m, D[start : start + n]) of RFC 9162 §2.1.3.1, appended to `out`.
absl::Status Path(uint64_t m, uint64_t start, uint64_t n, const SubtreeRoot& perfect,
                  std::vector<std::string>* out) {
  if (n == 1) return absl::OkStatus();
  const uint64_t k = LargestPowerOfTwoBelow(n);
  if (m < k) {
    if (auto st = Path(m, start, k, perfect, out); !st.ok()) return st;
    auto right = RangeRoot(start + k, n - k, perfect);
    if (!right.ok()) return right.status();
    out->push_back(*std::move(right));
  } else {
    if (auto st = Path(m - k, start + k, n - k, perfect, out); !st.ok()) return st;
    auto left = RangeRoot(start, k, perfect);
    if (!left.ok()) return left.status();
    out->push_back(*std::move(left));
  }
  return absl::OkStatus();
}

// SUBPROOF(m, D[start : start + n], b) of RFC 9162 §2.1.4.1, appended to `out`.
absl::Status Subproof(uint64_t m, uint64_t start, uint64_t n, bool complete,
                      const SubtreeRoot& perfect, std::vector<std::string>* out) {
  if (m == n) {
    if (complete) return absl::OkStatus();
    auto root = RangeRoot(start, n, perfect);
    if (!root.ok()) return root.status();
    out->push_back(*std::move(root));
    return absl::OkStatus();
  }
  const uint64_t k = LargestPowerOfTwoBelow(n);
  if (m <= k) {
    if (auto st = Subproof(m, start, k, complete, perfect, out); !st.ok()) return st;
    auto right = RangeRoot(start + k, n - k, perfect);
    if (!right.ok()) return right.status();
    out->push_back(*std::move(right));
  } else {
    if (auto st = Subproof(m - k, start + k, n - k, false, perfect, out); !st.ok()) return st;
    auto left = RangeRoot(start, k, perfect);
    if (!left.ok()) return left.status();
    out->push_back(*std::move(left));
  }
  return absl::OkStatus();
}

// Shifts fn and sn right together until fn's lowest bit is set or fn is 0.
void ShiftWhileEven(uint64_t* fn, uint64_t* sn) {
  while (*fn != 0 && (*fn & 1) == 0) {
    *fn >>= 1;
    *sn >>= 1;
  }
}

}  // namespace

std::string MerkleLeafHash(std::string_view data) {
  return Sha256({std::string_view(kLeafPrefix, 1), data});
}

std::string MerkleNodeHash(std::string_view left, std::string_view right) {
  return Sha256({std::string_view(kNodePrefix, 1), left, right});
}

std::string EmptyTreeRoot() { return Sha256({}); }

uint64_t LargestPowerOfTwoBelow(uint64_t n) { return std::bit_floor(n - 1); }

absl::StatusOr<std::string> RangeRoot(uint64_t start, uint64_t size, const SubtreeRoot& perfect) {
  if (size == 0) return absl::InvalidArgumentError("Merkle: an empty range has no subtree root");
  if (size == 1 || (std::has_single_bit(size) && start % size == 0)) return perfect(start, size);
  const uint64_t k = LargestPowerOfTwoBelow(size);
  auto left = RangeRoot(start, k, perfect);
  if (!left.ok()) return left.status();
  auto right = RangeRoot(start + k, size - k, perfect);
  if (!right.ok()) return right.status();
  return MerkleNodeHash(*left, *right);
}

absl::StatusOr<std::string> TreeRoot(uint64_t size, const SubtreeRoot& perfect) {
  if (size == 0) return EmptyTreeRoot();
  return RangeRoot(0, size, perfect);
}

absl::StatusOr<std::vector<std::string>> InclusionProof(uint64_t index, uint64_t size,
                                                        const SubtreeRoot& perfect) {
  if (index >= size) {
    return absl::InvalidArgumentError(
        absl::StrCat("leaf index ", index, " is not in a tree of ", size, " leaves"));
  }
  std::vector<std::string> proof;
  if (auto st = Path(index, 0, size, perfect, &proof); !st.ok()) return st;
  return proof;
}

absl::StatusOr<std::vector<std::string>> ConsistencyProof(uint64_t old_size, uint64_t new_size,
                                                          const SubtreeRoot& perfect) {
  if (old_size == 0 || old_size > new_size) {
    return absl::InvalidArgumentError(absl::StrCat("no consistency proof from a tree of ", old_size,
                                                   " leaves to one of ", new_size));
  }
  std::vector<std::string> proof;
  if (auto st = Subproof(old_size, 0, new_size, true, perfect, &proof); !st.ok()) return st;
  return proof;
}

absl::Status VerifyInclusion(uint64_t index, uint64_t size, std::string_view leaf_hash,
                             const std::vector<std::string>& proof, std::string_view root) {
  if (index >= size) {
    return Refused(absl::StrCat("leaf index ", index, " is not in a tree of ", size, " leaves"));
  }
  uint64_t fn = index;
  uint64_t sn = size - 1;
  std::string r(leaf_hash);
  for (const std::string& p : proof) {
    if (sn == 0) return Refused("the proof has more hashes than the path");
    if ((fn & 1) == 1 || fn == sn) {
      r = MerkleNodeHash(p, r);
      if ((fn & 1) == 0) ShiftWhileEven(&fn, &sn);
    } else {
      r = MerkleNodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return Refused("the proof has fewer hashes than the path");
  if (r != root) return Refused("the recomputed root differs from the tree head's");
  return absl::OkStatus();
}

absl::Status VerifyConsistency(uint64_t old_size, uint64_t new_size, std::string_view old_root,
                               std::string_view new_root, const std::vector<std::string>& proof) {
  if (old_size == 0 || old_size > new_size) {
    return Refused(
        absl::StrCat("no consistency from a tree of ", old_size, " leaves to one of ", new_size));
  }
  if (old_size == new_size) {
    if (!proof.empty()) return Refused("trees of one size need an empty proof");
    if (old_root != new_root) return Refused("two roots of one size differ");
    return absl::OkStatus();
  }
  if (proof.empty()) return Refused("the proof is empty");
  std::vector<std::string> path;
  if (std::has_single_bit(old_size)) path.emplace_back(old_root);
  path.insert(path.end(), proof.begin(), proof.end());
  uint64_t fn = old_size - 1;
  uint64_t sn = new_size - 1;
  while ((fn & 1) == 1) {
    fn >>= 1;
    sn >>= 1;
  }
  std::string fr = path.front();
  std::string sr = path.front();
  for (size_t i = 1; i < path.size(); ++i) {
    const std::string& c = path[i];
    if (sn == 0) return Refused("the proof has more hashes than the path");
    if ((fn & 1) == 1 || fn == sn) {
      fr = MerkleNodeHash(c, fr);
      sr = MerkleNodeHash(c, sr);
      if ((fn & 1) == 0) ShiftWhileEven(&fn, &sn);
    } else {
      sr = MerkleNodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return Refused("the proof has fewer hashes than the path");
  if (fr != old_root) return Refused("the recomputed old root differs from the old tree head's");
  if (sr != new_root) return Refused("the recomputed new root differs from the new tree head's");
  return absl::OkStatus();
}

absl::StatusOr<CompactRange> CompactRange::Resume(uint64_t size, std::vector<std::string> roots) {
  if (roots.size() != static_cast<size_t>(std::popcount(size))) {
    return absl::InvalidArgumentError(absl::StrCat("a compact range of ", size, " leaves has ",
                                                   std::popcount(size), " roots, not ",
                                                   roots.size()));
  }
  CompactRange range;
  range.size_ = size;
  range.roots_ = std::move(roots);
  return range;
}

void CompactRange::Append(std::string leaf_hash, const NodeSink& on_node) {
  if (on_node) on_node(0, size_, leaf_hash);
  std::string node = std::move(leaf_hash);
  uint64_t index = size_;
  int level = 0;
  while (((size_ >> level) & 1) == 1) {
    node = MerkleNodeHash(roots_.back(), node);
    roots_.pop_back();
    ++level;
    index >>= 1;
    if (on_node) on_node(level, index, node);
  }
  roots_.push_back(std::move(node));
  ++size_;
}

std::string CompactRange::Root() const {
  if (roots_.empty()) return EmptyTreeRoot();
  std::string root = roots_.back();
  for (size_t i = roots_.size() - 1; i-- > 0;) root = MerkleNodeHash(roots_[i], root);
  return root;
}

}  // namespace coop::verify
