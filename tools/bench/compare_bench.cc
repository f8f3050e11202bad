#include "tools/bench/compare_bench.h"

#include <grpcpp/client_context.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "coop/v1/eventstore.grpc.pb.h"
#include "tools/bench/channel_pool.h"
#include "tools/bench/coopd_connection.h"
#include "tools/bench/measure_window.h"
#include "tools/bench/pipelined_worker.h"
#include "tools/bench/postgres_connection.h"
#include "tools/bench/proc_stats.h"
#include "tools/bench/random_data.h"
#include "tools/bench/redis_connection.h"
#include "tools/bench/report.h"

namespace coop::bench {
namespace {

// kBareCall: the same writers make unary Health/Check calls to coopd instead of appending
// (coopd_connection.h): how many unary calls a second this machine carries at all, which bounds
// any unary append. Unary cells only.
enum class Target { kCoopd, kBareCall, kPostgres, kRedis };

const char* TargetName(Target target) {
  switch (target) {
    case Target::kCoopd:
      return "coopd";
    case Target::kBareCall:
      return "gRPC call, no work";
    case Target::kPostgres:
      return "PostgreSQL";
    case Target::kRedis:
      return "Redis Streams";
  }
  return "?";
}

struct Cell {
  Target target = Target::kCoopd;
  bool pipelined = false;
  int writers = 0;
  RunResult result;
  std::optional<uint64_t> disk_flushes;  // during the window
  std::optional<uint64_t> server_syncs;  // the server's own count of WAL syncs
  double machine_cores = -1;             // every process together, in the window
};

// What the run compares against, ready: coopd's channels, the other servers prepared.
struct Backends {
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  std::unique_ptr<coop::v1::EventStore::Stub> coopd;
};

std::optional<uint64_t> ServerSyncs(Target target, const BenchOptions& options,
                                    const Backends& backends) {
  if (target == Target::kPostgres) {
    auto syncs = PostgresWalSyncs(options.postgres);
    if (syncs.ok()) return *syncs;
    return std::nullopt;
  }
  if (target == Target::kCoopd) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    coop::v1::LogInfo info;
    if (backends.coopd->GetLogInfo(&context, coop::v1::GetLogInfoRequest(), &info).ok()) {
      return info.writes().wal_syncs();
    }
  }
  return std::nullopt;  // Redis does not count its fsyncs
}

absl::StatusOr<std::unique_ptr<AppendConnection>> Connect(Target target, bool pipelined, int writer,
                                                          const BenchOptions& options,
                                                          const Backends& backends) {
  switch (target) {
    case Target::kCoopd: {
      auto channel = backends.channels[writer / options.clients_per_channel];
      if (pipelined) return CoopdSessionConnection(channel, options.appends_per_message);
      return CoopdUnaryConnection(channel, options.timeout_ms);
    }
    case Target::kBareCall: {
      if (pipelined) return absl::InvalidArgumentError("a bare call is unary only");
      return CoopdBareCallConnection(backends.channels[writer / options.clients_per_channel],
                                     options.timeout_ms);
    }
    case Target::kPostgres:
      return PostgresConnection(options.postgres, pipelined);
    case Target::kRedis:
      return RedisConnection(options.redis, pipelined);
  }
  return absl::InternalError("unknown target");
}

absl::StatusOr<Cell> RunCell(Target target, bool pipelined, int writers,
                             const BenchOptions& options, const Backends& backends) {
  Cell cell;
  cell.target = target;
  cell.pipelined = pipelined;
  cell.writers = writers;
  const std::string run_id = NewRunId();
  MeasureWindow window;
  std::vector<std::unique_ptr<PipelinedWorker>> workers;
  for (int i = 0; i < writers; ++i) {
    auto connection = Connect(target, pipelined, i, options, backends);
    if (!connection.ok()) return connection.status();
    PipelinedWorkerConfig config;
    config.index = i;
    config.writers = writers;
    config.streams = options.streams;
    config.run_id = run_id;
    config.depth = pipelined ? options.pipeline : 1;
    config.payload_min = options.payload_min;
    config.payload_max = options.payload_max;
    workers.push_back(std::make_unique<PipelinedWorker>(config, std::move(*connection), &window));
  }
  std::vector<std::thread> threads;
  for (auto& worker : workers) threads.emplace_back([w = worker.get()] { w->Run(); });

  std::optional<uint64_t> flushes_at_start, syncs_at_start;
  std::optional<std::pair<uint64_t, uint64_t>> cpu_at_start;
  window.Run(
      options.warmup_seconds, options.seconds,
      [&] {
        // A bare call writes nothing: the disk's flushes in its window are other work's.
        if (target != Target::kBareCall) flushes_at_start = DeviceFlushes(options.dir);
        syncs_at_start = ServerSyncs(target, options, backends);
        cpu_at_start = MachineCpuTicks();
      },
      [&] {
        auto flushes = DeviceFlushes(options.dir);
        auto syncs = ServerSyncs(target, options, backends);
        auto cpu = MachineCpuTicks();
        if (flushes && flushes_at_start) cell.disk_flushes = *flushes - *flushes_at_start;
        if (syncs && syncs_at_start) cell.server_syncs = *syncs - *syncs_at_start;
        if (cpu && cpu_at_start && cpu->second > cpu_at_start->second) {
          cell.machine_cores = static_cast<double>(cpu->first - cpu_at_start->first) /
                               static_cast<double>(cpu->second - cpu_at_start->second) *
                               OnlineCpus();
        }
      });
  for (auto& t : threads) t.join();
  cell.result.scenario = pipelined ? "pipelined" : "unary";
  cell.result.clients = writers;
  cell.result.batch = 1;
  cell.result.seconds = window.window_seconds();
  for (const auto& worker : workers) cell.result.Add(worker->stats());
  return cell;
}

std::string PerFlush(const Cell& cell, std::optional<uint64_t> syncs) {
  if (!syncs.has_value()) return "-";
  if (*syncs == 0) return "no sync";
  return absl::StrFormat("%.1f", static_cast<double>(cell.result.events) / *syncs);
}

std::string Count(std::optional<uint64_t> value) {
  return value.has_value() ? FormatRate(static_cast<double>(*value)) : "-";
}

std::string CellTable(const std::vector<Cell>& cells) {
  std::string out =
      "| writers | mode | backend | events/s | p50 ms | p99 ms | disk flushes | events per "
      "flush | server WAL syncs | events per sync | machine CPU (cores) | errors |\n"
      "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n";
  for (const auto& c : cells) {
    absl::StrAppend(
        &out, absl::StrFormat(
                  "| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", c.writers,
                  c.result.scenario, TargetName(c.target), FormatRate(c.result.EventsPerSecond()),
                  FormatMillis(c.result.latency.Quantile(0.5)),
                  FormatMillis(c.result.latency.Quantile(0.99)), Count(c.disk_flushes),
                  PerFlush(c, c.disk_flushes), Count(c.server_syncs), PerFlush(c, c.server_syncs),
                  c.machine_cores < 0 ? std::string("-") : absl::StrFormat("%.2f", c.machine_cores),
                  ErrorsCell(c.result)));
  }
  return out;
}

const Cell* Find(const std::vector<Cell>& cells, Target target, bool pipelined, int writers) {
  for (const auto& c : cells) {
    if (c.target == target && c.pipelined == pipelined && c.writers == writers) return &c;
  }
  return nullptr;
}

std::string Ratio(const Cell* num, const Cell* den) {
  if (num == nullptr || den == nullptr || den->result.EventsPerSecond() <= 0) return "-";
  return absl::StrFormat("%.2f×", num->result.EventsPerSecond() / den->result.EventsPerSecond());
}

std::string RatioTable(const std::vector<Cell>& cells, const std::vector<int>& writers) {
  std::string out =
      "| writers | mode | coopd ÷ PostgreSQL (same mode) | coopd ÷ Redis Streams (same mode) "
      "| coopd ÷ Redis Streams unary |\n| ---: | --- | ---: | ---: | ---: |\n";
  for (int w : writers) {
    for (bool pipelined : {false, true}) {
      const Cell* coopd = Find(cells, Target::kCoopd, pipelined, w);
      absl::StrAppend(
          &out,
          absl::StrFormat("| %d | %s | %s | %s | %s |\n", w, pipelined ? "pipelined" : "unary",
                          Ratio(coopd, Find(cells, Target::kPostgres, pipelined, w)),
                          Ratio(coopd, Find(cells, Target::kRedis, pipelined, w)),
                          Ratio(coopd, Find(cells, Target::kRedis, false, w))));
    }
  }
  return out;
}

// The floors of issue 14 that this mode measures, each met or not.
std::string Floors(const std::vector<Cell>& cells) {
  struct Floor {
    const char* what;
    bool pipelined;
    Target versus;
    bool versus_pipelined;
    double at_least;
  };
  const Floor floors[] = {
      {"unary, 32 writers >= 4x PostgreSQL", false, Target::kPostgres, false, 4},
      {"pipelined, 32 writers >= 8x PostgreSQL (unary)", true, Target::kPostgres, false, 8},
      {"pipelined, 32 writers >= 8x PostgreSQL (pipelined)", true, Target::kPostgres, true, 8},
      {"pipelined, 32 writers >= 1x Redis Streams (unary)", true, Target::kRedis, false, 1},
      {"pipelined, 32 writers >= 1x Redis Streams (pipelined)", true, Target::kRedis, true, 1},
      {"stretch: pipelined, 32 writers >= 1.5x Redis Streams (pipelined)", true, Target::kRedis,
       true, 1.5},
  };
  // The unary floor, which a bare call's rate is set against.
  constexpr double kUnaryFloor = 4;
  std::string out;
  const Cell* postgres_unary = Find(cells, Target::kPostgres, false, 32);
  const Cell* bare_call = Find(cells, Target::kBareCall, false, 32);
  for (const auto& f : floors) {
    const Cell* coopd = Find(cells, Target::kCoopd, f.pipelined, 32);
    const Cell* other = Find(cells, f.versus, f.versus_pipelined, 32);
    if (coopd == nullptr || other == nullptr || other->result.EventsPerSecond() <= 0) continue;
    const double ratio = coopd->result.EventsPerSecond() / other->result.EventsPerSecond();
    absl::StrAppend(&out, absl::StrFormat("  %-66s %6.2fx  %s\n", f.what, ratio,
                                          ratio >= f.at_least ? "met" : "NOT MET"));
  }
  if (postgres_unary != nullptr && bare_call != nullptr &&
      postgres_unary->result.EventsPerSecond() > 0) {
    const double ceiling =
        bare_call->result.EventsPerSecond() / postgres_unary->result.EventsPerSecond();
    absl::StrAppend(
        &out, absl::StrFormat("  %-66s %6.2fx  %s\n",
                              "ceiling: a unary gRPC call doing no work, 32 callers / PostgreSQL",
                              ceiling,
                              ceiling >= kUnaryFloor
                                  ? "above the unary floor"
                                  : "BELOW the unary floor: no unary append here can meet it"));
  }
  return out;
}

}  // namespace

int RunCompare(const BenchOptions& options) {
  std::vector<Target> targets;
  for (absl::string_view name : absl::StrSplit(options.targets, ',')) {
    if (name == "coopd") {
      targets.push_back(Target::kCoopd);
    } else if (name == "call") {
      targets.push_back(Target::kBareCall);
    } else if (name == "postgres") {
      targets.push_back(Target::kPostgres);
    } else if (name == "redis") {
      targets.push_back(Target::kRedis);
    } else {
      std::fprintf(stderr,
                   "coop-bench: --targets: unknown backend '%s' (coopd, call, postgres, redis)\n",
                   std::string(name).c_str());
      return 2;
    }
  }
  std::vector<int> writers;
  for (absl::string_view text : absl::StrSplit(options.writers, ',')) {
    int w = 0;
    if (!absl::SimpleAtoi(text, &w) || w < 1 || w > 1024 ||
        static_cast<uint64_t>(w) > options.streams) {
      std::fprintf(stderr,
                   "coop-bench: --writers: '%s' is not a count from 1 to 1024 (and at "
                   "most --streams)\n",
                   std::string(text).c_str());
      return 2;
    }
    writers.push_back(w);
  }
  int most = 1;
  for (int w : writers) most = std::max(most, w);

  Backends backends;
  for (Target target : targets) {
    absl::Status ready;
    if (target == Target::kCoopd || target == Target::kBareCall) {
      if (backends.coopd) continue;  // one probe for both
      backends.channels = MakeChannels(options, ChannelsFor(most, options.clients_per_channel));
      auto info = ProbeServer(backends.channels[0], 5'000);
      if (info.ok() && info->durability() != "sync") {
        ready = absl::FailedPreconditionError(absl::StrCat(
            "coopd runs with durability ", info->durability(), "; the comparison needs sync"));
      } else {
        ready = info.status();
      }
      backends.coopd = coop::v1::EventStore::NewStub(backends.channels[0]);
    } else if (target == Target::kPostgres) {
      ready = options.postgres.empty()
                  ? absl::InvalidArgumentError("--postgres: a connection string is needed")
                  : PreparePostgres(options.postgres);
    } else {
      ready = options.redis.empty() ? absl::InvalidArgumentError("--redis: HOST:PORT is needed")
                                    : PrepareRedis(options.redis);
    }
    if (!ready.ok()) {
      std::fprintf(stderr, "coop-bench: %s: %s\n", TargetName(target), ready.ToString().c_str());
      return 1;
    }
  }

  std::printf(
      "compare: single events of %d..%d bytes, exact expected version, durable; "
      "%.1f s per cell after %.1f s warm-up; pipelined writers keep %d in flight "
      "(coopd: up to %d appends an AppendSession message)\n",
      options.payload_min, options.payload_max, options.seconds, options.warmup_seconds,
      options.pipeline, options.appends_per_message);
  std::fflush(stdout);
  std::vector<Cell> cells;
  bool clean = true;
  for (int w : writers) {
    for (bool pipelined : {false, true}) {
      for (Target target : targets) {
        if (target == Target::kBareCall && pipelined) continue;
        auto cell = RunCell(target, pipelined, w, options, backends);
        if (!cell.ok()) {
          std::fprintf(stderr, "coop-bench: %s, %d writers: %s\n", TargetName(target), w,
                       cell.status().ToString().c_str());
          return 1;
        }
        std::printf("  %-18s %-9s %4d writers: %10s events/s  p99 %s ms\n", TargetName(target),
                    pipelined ? "pipelined" : "unary", w,
                    FormatRate(cell->result.EventsPerSecond()).c_str(),
                    FormatMillis(cell->result.latency.Quantile(0.99)).c_str());
        std::fflush(stdout);
        clean = clean && cell->result.errors.empty() && cell->result.ops > 0;
        cells.push_back(std::move(*cell));
      }
    }
  }
  std::printf("\n%s\n%s\nFloors (issue 14), same run:\n%s\n%s", CellTable(cells).c_str(),
              RatioTable(cells, writers).c_str(), Floors(cells).c_str(), PeakRssLine().c_str());
  std::printf(
      "Disk flushes are the device's completed flush requests (/proc/diskstats) in the "
      "window, from every process; server WAL syncs are coopd's RocksDB count and "
      "PostgreSQL's pg_stat_wal.wal_sync (Redis does not count its fsyncs).\n");
  if (!clean) std::printf("Some cells had errors: see the errors column.\n");
  return clean ? 0 : 1;
}

}  // namespace coop::bench
