#include "tools/bench/matrix.h"

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tools/bench/append_bench.h"
#include "tools/bench/channel_pool.h"
#include "tools/bench/proc_stats.h"
#include "tools/bench/report.h"
#include "tools/bench/rocksdb_bench.h"

namespace coop::bench {
namespace {

struct Cell {
  Mode mode;
  int clients;
  int batch;
};

constexpr Cell kCells[] = {
    {Mode::kSingle, 1, 1},    {Mode::kSingle, 8, 1},  {Mode::kSingle, 32, 1},
    {Mode::kSingle, 128, 1},  {Mode::kBatch, 1, 100}, {Mode::kBatch, 8, 100},
    {Mode::kBatch, 32, 100},  {Mode::kRocksDb, 1, 1}, {Mode::kRocksDb, 32, 1},
    {Mode::kRocksDb, 1, 100},
};

const RunResult* Find(const std::vector<RunResult>& results, const std::string& scenario,
                      int clients) {
  for (const auto& r : results) {
    if (r.scenario == scenario && r.clients == clients) return &r;
  }
  return nullptr;
}

std::string Ratio(const RunResult* a, const RunResult* b) {
  if (a == nullptr || b == nullptr || b->EventsPerSecond() <= 0) return "n/a";
  return absl::StrFormat("%.2f", a->EventsPerSecond() / b->EventsPerSecond());
}

std::string Ratios(const std::vector<RunResult>& results) {
  std::string out = "Ratios (events/s of the event store over values/s of raw RocksDB):\n";
  const RunResult* rocks_b100 = Find(results, "rocksdb B=100", 1);
  for (int clients : {1, 8, 32}) {
    absl::StrAppend(&out, "  batch-100 x", clients, " clients vs rocksdb B=100 x1 thread: ",
                    Ratio(Find(results, "batch-100", clients), rocks_b100), "\n");
  }
  for (int clients : {1, 32}) {
    absl::StrAppend(&out, "  single x", clients, " clients vs rocksdb B=1 x", clients, " threads: ",
                    Ratio(Find(results, "single", clients), Find(results, "rocksdb B=1", clients)),
                    "\n");
  }
  return out;
}

}  // namespace

int RunMatrix(const BenchOptions& options) {
  std::printf("coop-bench matrix: server %s, %.1f s per cell after %.1f s warm-up, %d CPUs\n",
              options.server.c_str(), options.seconds, options.warmup_seconds, OnlineCpus());
  std::optional<std::string> server_down;
  {
    auto channels = MakeChannels(options, 1);
    auto info = ProbeServer(channels[0], 5'000);
    if (info.ok()) {
      std::printf("server: head %llu, durability %s\n",
                  static_cast<unsigned long long>(info->head_position()),
                  info->durability().c_str());
    } else {
      server_down = std::string(info.status().message());
      std::printf("server %s not reachable (%s): skipping the gRPC cells\n", options.server.c_str(),
                  server_down->c_str());
    }
  }
  std::fflush(stdout);

  int exit_code = 0;
  std::vector<RunResult> results;
  for (const Cell& cell : kCells) {
    absl::StatusOr<RunResult> result;
    if (cell.mode == Mode::kRocksDb) {
      result = RunRocksDbBench(options, cell.clients, cell.batch, options.seconds);
    } else if (server_down) {
      exit_code = 1;
      continue;
    } else {
      result = RunAppendBench(options, cell.clients, cell.batch, options.seconds);
    }
    if (!result.ok()) {
      std::printf("cell %s x%d failed: %s\n", ModeName(cell.mode), cell.clients,
                  std::string(result.status().message()).c_str());
      exit_code = 1;
      continue;
    }
    std::printf("%s", FormatResult(*result).c_str());
    std::fflush(stdout);
    results.push_back(*std::move(result));
  }

  std::printf("\n%s\n%s\n%s", MarkdownTable(results).c_str(), Ratios(results).c_str(),
              PeakRssLine().c_str());
  return exit_code;
}

}  // namespace coop::bench
