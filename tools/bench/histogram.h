// Latency histogram: log-linear buckets (64 per power of two, under 1.6% error), nanoseconds.
// Not thread-safe: one per thread, merged at the end.
#ifndef COOPLEDGER_TOOLS_BENCH_HISTOGRAM_H_
#define COOPLEDGER_TOOLS_BENCH_HISTOGRAM_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace coop::bench {

class LatencyHistogram {
 public:
  LatencyHistogram();

  void Record(uint64_t nanos);
  void Merge(const LatencyHistogram& other);

  uint64_t count() const { return count_; }
  uint64_t min() const { return count_ == 0 ? 0 : min_; }
  uint64_t max() const { return max_; }
  double mean() const { return count_ == 0 ? 0 : static_cast<double>(sum_) / count_; }
  // The value at quantile q in [0, 1] (e.g. 0.999), nanoseconds; 0 when empty.
  uint64_t Quantile(double q) const;

 private:
  static size_t BucketOf(uint64_t v);
  static uint64_t LowerBound(size_t bucket);
  static uint64_t UpperBound(size_t bucket);

  std::vector<uint64_t> buckets_;
  uint64_t count_ = 0;
  uint64_t min_ = UINT64_MAX;
  uint64_t max_ = 0;
  uint64_t sum_ = 0;
};

}  // namespace coop::bench

#endif  // COOPLEDGER_TOOLS_BENCH_HISTOGRAM_H_
