// What one run measured, and what each of its workers counts before they are merged.
#ifndef COOPLEDGER_TOOLS_BENCH_RUN_RESULT_H_
#define COOPLEDGER_TOOLS_BENCH_RUN_RESULT_H_

#include <cstdint>
#include <map>
#include <string>

#include "tools/bench/histogram.h"

namespace coop::bench {

// Counted by one worker thread; merged into a RunResult.
struct WorkerStats {
  uint64_t ops = 0;          // appends (or WriteBatch writes) that succeeded in the window
  uint64_t events = 0;       // events (or values) in them
  LatencyHistogram latency;  // of those ops
  // Failures over the whole run (warm-up included), by name, e.g. "Append UNAVAILABLE".
  std::map<std::string, uint64_t> errors;
  std::map<std::string, std::string> first_error_message;  // per name

  void AddError(const std::string& name, const std::string& message);
};

struct RunResult {
  std::string scenario;         // "single", "batch-100", "rocksdb B=1", ...
  std::string unit = "append";  // what one op is: "append" or "write"
  int clients = 0;              // clients or threads
  int batch = 0;                // events per append / values per write
  double seconds = 0;           // length of the measured window
  uint64_t ops = 0;
  uint64_t events = 0;
  LatencyHistogram latency;
  std::map<std::string, uint64_t> errors;
  std::map<std::string, std::string> first_error_message;
  double bench_cores = -1;              // CPU of this process during the window, in cores
  double server_cores = -1;             // CPU of --server_pid during the window; -1 = not sampled
  double server_top_thread_cores = -1;  // the server's busiest thread in the window
  std::string server_top_thread;        // its name/tid
  int64_t server_peak_rss_kib = -1;
  int64_t bench_peak_rss_kib = -1;  // of this process, so far (ru_maxrss is monotonic)
  int64_t fsync_probe_nanos = -1;   // median fdatasync latency just before the run
  std::string note;                 // e.g. the server's durability

  void Add(const WorkerStats& w);
  double OpsPerSecond() const { return seconds > 0 ? ops / seconds : 0; }
  double EventsPerSecond() const { return seconds > 0 ? events / seconds : 0; }
  uint64_t ErrorCount() const;
};

}  // namespace coop::bench

#endif  // COOPLEDGER_TOOLS_BENCH_RUN_RESULT_H_
