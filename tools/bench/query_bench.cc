#include "tools/bench/query_bench.h"

#include <grpcpp/client_context.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "tools/bench/channel_pool.h"
#include "tools/bench/grpc_code_name.h"
#include "tools/bench/measure_window.h"
#include "tools/bench/proc_stats.h"
#include "tools/bench/query_sample.h"
#include "tools/bench/random_data.h"
#include "tools/bench/report.h"
#include "tools/bench/run_result.h"

namespace coop::bench {
namespace {

using Stub = coop::v1::Reporting::Stub;

// One call of a query kind: builds a random request, makes the call on `context`, and
// returns its status; a reply that is not what the kind expects sets `*wrong` (e.g. the
// statistics answered from the other path).
using Call = std::function<grpc::Status(Rng& rng, Stub* stub, grpc::ClientContext* context,
                                        std::string* wrong)>;

struct QueryKind {
  std::string name;
  Call call;
};

const SampledArea& Pick(Rng& rng, const std::vector<SampledArea>& areas) {
  return areas[rng.Below(areas.size())];
}

void SetArea(const SampledArea& area, coop::v1::Area* out) {
  out->set_code(area.code);
  out->set_unit_set(area.unit_set);
}

Call ListIn(const std::vector<SampledArea>* areas) {
  return [areas](Rng& rng, Stub* stub, grpc::ClientContext* context, std::string*) {
    coop::v1::ListCooperativesRequest request;
    request.set_page_size(50);
    SetArea(Pick(rng, *areas), request.mutable_area());
    request.set_status("active");
    coop::v1::ListCooperativesReply reply;
    return stub->ListCooperatives(context, request, &reply);
  };
}

// GetAnnualStatistics of `year` for an area drawn from `areas` (nullptr: the nation), with
// the area's unit set left empty (the set in force at the end of the year, as a client asks
// by default). as_known_at_head: as known at the log head, which takes the replayed path.
Call Statistics(const std::vector<SampledArea>* areas, int year, uint64_t as_known_at_head,
                const std::string& want_source) {
  return [=](Rng& rng, Stub* stub, grpc::ClientContext* context, std::string* wrong) {
    coop::v1::AnnualStatisticsRequest request;
    auto* scope = request.mutable_scope();
    scope->set_year(year);
    if (areas != nullptr) scope->mutable_area()->set_code(Pick(rng, *areas).code);
    if (as_known_at_head > 0) scope->set_as_known_at_position(as_known_at_head);
    coop::v1::AnnualStatisticsReply reply;
    grpc::Status status = stub->GetAnnualStatistics(context, request, &reply);
    if (status.ok() && reply.source() != want_source) {
      *wrong = absl::StrCat("source \"", reply.source(), "\", expected \"", want_source, "\"");
    }
    return status;
  };
}

// The replay floor (p99 <= 20 ms): a district's statistics of `year` as known at one of
// 100 positions drawn once across the log; with `areas` nullptr, the nation's (the stretch:
// p99 <= 100 ms).
Call StatisticsAsKnownAt(const std::vector<SampledArea>* areas, int year, uint64_t head) {
  auto positions = std::make_shared<std::vector<uint64_t>>();
  Rng draw;
  for (int i = 0; i < 100; ++i) positions->push_back(draw.Between(1, head));
  return [=](Rng& rng, Stub* stub, grpc::ClientContext* context, std::string* wrong) {
    coop::v1::AnnualStatisticsRequest request;
    auto* scope = request.mutable_scope();
    scope->set_year(year);
    if (areas != nullptr) scope->mutable_area()->set_code(Pick(rng, *areas).code);
    scope->set_as_known_at_position((*positions)[rng.Below(positions->size())]);
    coop::v1::AnnualStatisticsReply reply;
    grpc::Status status = stub->GetAnnualStatistics(context, request, &reply);
    if (status.ok() && reply.source() != "replayed") *wrong = "not replayed";
    return status;
  };
}

// And a year of 2015–2024 re-aggregated in the 2025-07 units (in_units), for an area of those
// units (a post-reform commune: there are no districts after the reform).
Call StatisticsInNewUnits(const std::vector<SampledArea>* areas) {
  return [=](Rng& rng, Stub* stub, grpc::ClientContext* context, std::string* wrong) {
    coop::v1::AnnualStatisticsRequest request;
    auto* scope = request.mutable_scope();
    scope->set_year(static_cast<int>(rng.Between(2015, 2024)));
    scope->mutable_area()->set_code(Pick(rng, *areas).code);
    scope->set_in_units("2025-07");
    coop::v1::AnnualStatisticsReply reply;
    grpc::Status status = stub->GetAnnualStatistics(context, request, &reply);
    if (status.ok() && reply.source() != "replayed") *wrong = "not replayed";
    return status;
  };
}

class QueryWorker {
 public:
  QueryWorker(const QueryKind* kind, std::shared_ptr<grpc::Channel> channel,
              const MeasureWindow* window, int timeout_ms)
      : kind_(kind),
        stub_(coop::v1::Reporting::NewStub(channel)),
        window_(window),
        timeout_ms_(timeout_ms) {}

  void Run() {
    using Clock = MeasureWindow::Clock;
    while (!window_->stopped()) {
      grpc::ClientContext context;
      context.set_deadline(std::chrono::system_clock::now() +
                           std::chrono::milliseconds(timeout_ms_));
      std::string wrong;
      const Clock::time_point t0 = Clock::now();
      grpc::Status status = kind_->call(rng_, stub_.get(), &context, &wrong);
      const Clock::time_point t1 = Clock::now();
      if (!status.ok()) {
        stats_.AddError(absl::StrCat(kind_->name, " ", GrpcCodeName(status.error_code())),
                        status.error_message());
        if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        continue;
      }
      if (!wrong.empty()) {
        stats_.AddError("unexpected reply", wrong);
        continue;
      }
      if (window_->InWindow(t1)) {
        ++stats_.ops;
        ++stats_.events;
        stats_.latency.Record(static_cast<uint64_t>(
            std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count()));
      }
    }
  }

  const WorkerStats& stats() const { return stats_; }

 private:
  const QueryKind* kind_;
  std::unique_ptr<Stub> stub_;
  const MeasureWindow* window_;
  int timeout_ms_;
  Rng rng_;
  WorkerStats stats_;
};

RunResult RunKind(const BenchOptions& options, const QueryKind& kind,
                  const std::vector<std::shared_ptr<grpc::Channel>>& channels) {
  MeasureWindow window;
  std::vector<std::unique_ptr<QueryWorker>> workers;
  for (int i = 0; i < options.clients; ++i) {
    workers.push_back(std::make_unique<QueryWorker>(
        &kind, channels[i / options.clients_per_channel], &window, options.timeout_ms));
  }
  std::vector<std::thread> threads;
  for (auto& worker : workers) threads.emplace_back([w = worker.get()] { w->Run(); });
  CpuMeter cpu(options.server_pid);
  window.Run(
      options.warmup_seconds, options.seconds, [&] { cpu.Start(); }, [&] { cpu.Stop(); });
  for (auto& t : threads) t.join();

  RunResult result;
  result.scenario = kind.name;
  result.unit = "query";
  result.clients = options.clients;
  result.batch = 1;
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
  return result;
}

std::string FormatKind(const RunResult& r) {
  const auto& h = r.latency;
  std::string out = absl::StrFormat(
      "== %s, %d clients, %.2f s measured\n   queries/s %s  (%d ok)\n"
      "   latency (ms): p50 %s  p99 %s  p99.9 %s  max %s  mean %s\n",
      r.scenario, r.clients, r.seconds, FormatRate(r.OpsPerSecond()), r.ops,
      FormatMillis(h.Quantile(0.5)), FormatMillis(h.Quantile(0.99)),
      FormatMillis(h.Quantile(0.999)), FormatMillis(h.max()),
      FormatMillis(static_cast<uint64_t>(h.mean())));
  for (const auto& [name, count] : r.errors) {
    auto it = r.first_error_message.find(name);
    absl::StrAppend(&out, "   error ", name, ": ", count, "  first: \"",
                    it == r.first_error_message.end() ? "" : it->second.substr(0, 200), "\"\n");
  }
  if (r.server_cores >= 0) {
    absl::StrAppend(&out, absl::StrFormat("   CPU (cores): bench %.2f, server %.2f (busiest "
                                          "thread %s at %.2f)\n",
                                          r.bench_cores, r.server_cores, r.server_top_thread,
                                          r.server_top_thread_cores));
  }
  return out;
}

std::string QueryTable(const std::vector<RunResult>& results) {
  std::string out =
      "| query | clients | queries/s | p50 ms | p99 ms | p99.9 ms | max ms | errors | server CPU "
      "|\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n";
  for (const auto& r : results) {
    absl::StrAppend(
        &out, absl::StrFormat(
                  "| %s | %d | %s | %s | %s | %s | %s | %d | %s |\n", r.scenario, r.clients,
                  FormatRate(r.OpsPerSecond()), FormatMillis(r.latency.Quantile(0.5)),
                  FormatMillis(r.latency.Quantile(0.99)), FormatMillis(r.latency.Quantile(0.999)),
                  FormatMillis(r.latency.max()), r.ErrorCount(),
                  r.server_cores < 0 ? std::string("-") : absl::StrFormat("%.2f", r.server_cores)));
  }
  return out;
}

// Prints each projection's state; returns false if one of them is behind the head.
bool PrintProjections(Stub* stub, int timeout_ms) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(timeout_ms));
  coop::v1::ProjectionStatusReply reply;
  grpc::Status status =
      stub->GetProjectionStatus(&context, coop::v1::ProjectionStatusRequest(), &reply);
  if (!status.ok()) {
    std::printf("GetProjectionStatus failed: %s\n", GrpcCodeName(status.error_code()));
    return false;
  }
  bool all_live = true;
  for (const auto& p : reply.projections()) {
    std::printf("  projection %-22s %-12s position %llu head %llu\n", p.name().c_str(),
                p.state().c_str(), static_cast<unsigned long long>(p.position()),
                static_cast<unsigned long long>(p.head()));
    if (p.lag() > 0 || p.position() < p.head()) all_live = false;
  }
  return all_live;
}

}  // namespace

int RunQueryBench(const BenchOptions& options) {
  auto channels = MakeChannels(options, ChannelsFor(options.clients, options.clients_per_channel));
  absl::StatusOr<coop::v1::LogInfo> info = ProbeServer(channels[0], 5'000);
  if (!info.ok()) {
    std::fprintf(stderr, "coop-bench: server %s not reachable: %s\n", options.server.c_str(),
                 std::string(info.status().message()).c_str());
    return 1;
  }
  const uint64_t head = info->head_position();
  auto stub = coop::v1::Reporting::NewStub(channels[0]);
  std::printf("log head %llu\n", static_cast<unsigned long long>(head));
  if (!PrintProjections(stub.get(), options.timeout_ms)) {
    std::printf("warning: not every projection is at the head; the figures include catch-up\n");
  }
  absl::StatusOr<QuerySample> sample = SampleCooperatives(stub.get(), options.timeout_ms);
  if (!sample.ok()) {
    std::fprintf(stderr, "coop-bench: %s\n", std::string(sample.status().message()).c_str());
    return 1;
  }
  std::printf(
      "sampled %zu cooperatives in %d pages (%.2f s): addresses in 2025-03 %zu, in 2025-07 %zu\n",
      sample->cooperative_ids.size(), sample->pages, sample->seconds,
      sample->communes_2025_03.size(), sample->communes_2025_07.size());

  // Statistics areas in the unit set of the year (the default scope resolves to it).
  const bool old_units = options.year < 2025;
  const auto& communes = old_units ? sample->communes_2025_03 : sample->communes_2025_07;
  const auto& provinces = old_units ? sample->provinces_2025_03 : sample->provinces_2025_07;
  const std::vector<std::string>* ids = &sample->cooperative_ids;

  std::vector<QueryKind> kinds;
  kinds.push_back({"GetCooperative (random id)",
                   [ids](Rng& rng, Stub* s, grpc::ClientContext* context, std::string*) {
                     coop::v1::GetCooperativeRequest request;
                     request.set_cooperative_id((*ids)[rng.Below(ids->size())]);
                     coop::v1::CooperativeView view;
                     return s->GetCooperative(context, request, &view);
                   }});
  if (!sample->provinces_2025_07.empty()) {
    kinds.push_back(
        {"ListCooperatives province 2025-07 + active, 50", ListIn(&sample->provinces_2025_07)});
  }
  if (!sample->districts.empty()) {
    kinds.push_back({"ListCooperatives district 2025-03 + active, 50", ListIn(&sample->districts)});
  }
  const std::string year = absl::StrCat(options.year);
  if (!communes.empty()) {
    kinds.push_back({absl::StrCat("GetAnnualStatistics commune ", year, " (precomputed)"),
                     Statistics(&communes, options.year, 0, "precomputed")});
  }
  if (!provinces.empty()) {
    kinds.push_back({absl::StrCat("GetAnnualStatistics province ", year, " (precomputed)"),
                     Statistics(&provinces, options.year, 0, "precomputed")});
  }
  kinds.push_back({absl::StrCat("GetAnnualStatistics nation ", year, " (precomputed)"),
                   Statistics(nullptr, options.year, 0, "precomputed")});
  if (old_units && !sample->districts.empty()) {
    kinds.push_back(
        {absl::StrCat("GetAnnualStatistics district ", year, " as known at head ", "(replayed)"),
         Statistics(&sample->districts, options.year, head, "replayed")});
    kinds.push_back({absl::StrCat("GetAnnualStatistics district ", year,
                                  " as known at 100 random positions (replayed)"),
                     StatisticsAsKnownAt(&sample->districts, options.year, head)});
  }
  kinds.push_back({absl::StrCat("GetAnnualStatistics nation ", year,
                                " as known at 100 random positions (replayed)"),
                   StatisticsAsKnownAt(nullptr, options.year, head)});
  if (!sample->communes_2025_07.empty()) {
    kinds.push_back({"GetAnnualStatistics 2025-07 commune, 2015-2024 in_units 2025-07 (replayed)",
                     StatisticsInNewUnits(&sample->communes_2025_07)});
  }

  std::vector<RunResult> results;
  int exit_code = 0;
  for (const auto& kind : kinds) {
    results.push_back(RunKind(options, kind, channels));
    std::printf("%s", FormatKind(results.back()).c_str());
    std::fflush(stdout);
    if (results.back().ops == 0) exit_code = 1;
  }
  std::printf("\n%s", QueryTable(results).c_str());
  if (options.server_pid > 0) {
    if (auto rss = ProcessPeakRssKib(options.server_pid)) {
      std::printf("Peak RSS of the server (VmHWM): %.1f MiB\n", *rss / 1024.0);
    }
  }
  std::printf("%s", PeakRssLine().c_str());
  return exit_code;
}

}  // namespace coop::bench
