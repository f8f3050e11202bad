#include "tools/bench/measure_window.h"

#include <thread>

namespace coop::bench {

int64_t MeasureWindow::Nanos(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

void MeasureWindow::Run(double warmup_seconds, double window_seconds,
                        const std::function<void()>& at_start,
                        const std::function<void()>& at_end) {
  auto sleep_until_or_stopped = [this](Clock::time_point deadline) {
    while (!stopped() && Clock::now() < deadline) {
      std::this_thread::sleep_for(
          std::min<Clock::duration>(std::chrono::milliseconds(50), deadline - Clock::now()));
    }
  };
  sleep_until_or_stopped(Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                            std::chrono::duration<double>(warmup_seconds)));
  if (at_start) at_start();
  Clock::time_point start = Clock::now();
  start_ns_.store(Nanos(start));
  sleep_until_or_stopped(start + std::chrono::duration_cast<Clock::duration>(
                                     std::chrono::duration<double>(window_seconds)));
  end_ns_.store(Nanos(Clock::now()));
  if (at_end) at_end();
  stop_.store(true);
}

bool MeasureWindow::InWindow(Clock::time_point t) const {
  int64_t ns = Nanos(t);
  return ns >= start_ns_.load(std::memory_order_relaxed) &&
         ns < end_ns_.load(std::memory_order_relaxed);
}

double MeasureWindow::window_seconds() const {
  int64_t start = start_ns_.load();
  int64_t end = end_ns_.load();
  if (start == INT64_MAX || end == INT64_MAX) return 0;
  return static_cast<double>(end - start) / 1e9;
}

}  // namespace coop::bench
