// The timing of one run: a warm-up, then a measured window, then stop. Workers loop until
// stopped() and count an operation only if it completed inside the window, so throughput is
// completions in the window divided by its length. Thread-safe.
#ifndef COOPLEDGER_TOOLS_BENCH_MEASURE_WINDOW_H_
#define COOPLEDGER_TOOLS_BENCH_MEASURE_WINDOW_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>

namespace coop::bench {

class MeasureWindow {
 public:
  using Clock = std::chrono::steady_clock;

  // Blocks the calling (coordinating) thread for warm-up plus window, then sets stopped().
  // at_start and at_end run right when the window opens and closes (e.g. CPU sampling).
  void Run(double warmup_seconds, double window_seconds, const std::function<void()>& at_start,
           const std::function<void()>& at_end);
  // Stops at once (e.g. a worker could not start).
  void Abort() { stop_.store(true, std::memory_order_relaxed); }

  bool stopped() const { return stop_.load(std::memory_order_relaxed); }
  // Whether an operation that completed at `t` is counted.
  bool InWindow(Clock::time_point t) const;
  // Length of the window as it really was; valid after Run.
  double window_seconds() const;

 private:
  static int64_t Nanos(Clock::time_point t);

  std::atomic<int64_t> start_ns_{INT64_MAX};
  std::atomic<int64_t> end_ns_{INT64_MAX};
  std::atomic<bool> stop_{false};
};

}  // namespace coop::bench

#endif  // COOPLEDGER_TOOLS_BENCH_MEASURE_WINDOW_H_
