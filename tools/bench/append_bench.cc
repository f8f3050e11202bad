#include "tools/bench/append_bench.h"

#include <memory>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tools/bench/append_worker.h"
#include "tools/bench/channel_pool.h"
#include "tools/bench/fsync_probe.h"
#include "tools/bench/measure_window.h"
#include "tools/bench/proc_stats.h"
#include "tools/bench/random_data.h"

namespace coop::bench {

absl::StatusOr<RunResult> RunAppendBench(const BenchOptions& options, int clients, int batch,
                                         double seconds) {
  auto channels = MakeChannels(options, ChannelsFor(clients, options.clients_per_channel));
  absl::StatusOr<coop::v1::LogInfo> info = ProbeServer(channels[0], 5'000);
  if (!info.ok()) {
    return absl::UnavailableError(
        absl::StrCat("server ", options.server, " not reachable: ", info.status().message()));
  }

  const std::string run_id = NewRunId();
  // The disk's mood right before the run (see fsync_probe.h); failure is not fatal here.
  absl::StatusOr<uint64_t> fsync_nanos = ProbeFsyncNanos(options.dir);

  MeasureWindow window;
  std::vector<std::unique_ptr<AppendWorker>> workers;
  for (int i = 0; i < clients; ++i) {
    WorkerConfig config;
    config.index = i;
    config.clients = clients;
    config.streams = options.streams;
    config.batch = batch;
    config.run_id = run_id;
    config.payload_min = options.payload_min;
    config.payload_max = options.payload_max;
    config.timeout_ms = options.timeout_ms;
    workers.push_back(
        std::make_unique<AppendWorker>(config, channels[i / options.clients_per_channel], &window));
  }
  std::vector<std::thread> threads;
  threads.reserve(workers.size());
  for (auto& worker : workers) threads.emplace_back([w = worker.get()] { w->Run(); });

  CpuMeter cpu(options.server_pid);
  window.Run(
      options.warmup_seconds, seconds, [&] { cpu.Start(); }, [&] { cpu.Stop(); });
  for (auto& t : threads) t.join();

  RunResult result;
  result.scenario = batch == 1 ? "single" : absl::StrCat("batch-", batch);
  result.unit = "append";
  result.clients = clients;
  result.batch = batch;
  result.seconds = window.window_seconds();
  for (const auto& worker : workers) result.Add(worker->stats());
  result.bench_cores = cpu.self_cores();
  result.server_cores = cpu.server_cores();
  result.server_top_thread_cores = cpu.server_top_thread_cores();
  result.server_top_thread = cpu.server_top_thread_name();
  if (options.server_pid > 0) {
    if (auto rss = ProcessPeakRssKib(options.server_pid)) result.server_peak_rss_kib = *rss;
  }
  result.bench_peak_rss_kib = SelfPeakRssKib();
  if (fsync_nanos.ok()) result.fsync_probe_nanos = static_cast<int64_t>(*fsync_nanos);
  result.note = absl::StrCat("run ", run_id, ", server durability ",
                             info->durability().empty() ? "?" : info->durability(),
                             ", log head before ", info->head_position());
  return result;
}

}  // namespace coop::bench
