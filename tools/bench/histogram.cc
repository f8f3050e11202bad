#include "tools/bench/histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace coop::bench {
namespace {

// Values below 2^kSubBits get a bucket each; above, each power of two is split into
// 2^(kSubBits-1) equal buckets.
constexpr int kSubBits = 7;
constexpr uint64_t kLinear = uint64_t{1} << kSubBits;  // 128
constexpr uint64_t kHalf = kLinear / 2;                // 64
constexpr size_t kBuckets = kLinear + (64 - kSubBits) * kHalf;

}  // namespace

LatencyHistogram::LatencyHistogram() : buckets_(kBuckets, 0) {}

size_t LatencyHistogram::BucketOf(uint64_t v) {
  if (v < kLinear) return static_cast<size_t>(v);
  int msb = 63 - std::countl_zero(v);  // >= kSubBits
  int shift = msb - (kSubBits - 1);    // >= 1
  uint64_t sub = v >> shift;           // in [kHalf, kLinear)
  return kLinear + static_cast<size_t>(shift - 1) * kHalf + static_cast<size_t>(sub - kHalf);
}

uint64_t LatencyHistogram::LowerBound(size_t bucket) {
  if (bucket < kLinear) return bucket;
  size_t shift = (bucket - kLinear) / kHalf + 1;
  uint64_t sub = (bucket - kLinear) % kHalf + kHalf;
  return sub << shift;
}

uint64_t LatencyHistogram::UpperBound(size_t bucket) {
  if (bucket < kLinear) return bucket;
  size_t shift = (bucket - kLinear) / kHalf + 1;
  return LowerBound(bucket) + (uint64_t{1} << shift) - 1;
}

void LatencyHistogram::Record(uint64_t nanos) {
  ++buckets_[BucketOf(nanos)];
  ++count_;
  min_ = std::min(min_, nanos);
  max_ = std::max(max_, nanos);
  sum_ += nanos;
}

void LatencyHistogram::Merge(const LatencyHistogram& other) {
  for (size_t i = 0; i < kBuckets; ++i) buckets_[i] += other.buckets_[i];
  count_ += other.count_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  sum_ += other.sum_;
}

uint64_t LatencyHistogram::Quantile(double q) const {
  if (count_ == 0) return 0;
  q = std::clamp(q, 0.0, 1.0);
  uint64_t rank = std::max<uint64_t>(1, static_cast<uint64_t>(std::ceil(q * count_)));
  uint64_t seen = 0;
  for (size_t i = 0; i < kBuckets; ++i) {
    seen += buckets_[i];
    if (seen >= rank) {
      uint64_t mid = LowerBound(i) + (UpperBound(i) - LowerBound(i)) / 2;
      return std::clamp(mid, min(), max_);
    }
  }
  return max_;
}

}  // namespace coop::bench
