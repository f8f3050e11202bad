#include "tools/bench/command_bench.h"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "commands/demo/demo_history.h"
#include "coop/v1/registry.grpc.pb.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "services/demo_loader.h"
#include "tools/bench/channel_pool.h"
#include "tools/bench/grpc_code_name.h"
#include "tools/bench/measure_window.h"
#include "tools/bench/proc_stats.h"
#include "tools/bench/projection_lag.h"
#include "tools/bench/random_data.h"
#include "tools/bench/report.h"
#include "tools/bench/run_result.h"

namespace coop::bench {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int kAdmitsPerRegistration = 4;

int ImportDemo(const BenchOptions& o, const std::shared_ptr<grpc::Channel>& channel,
               uint64_t head) {
  if (head != 0) {
    std::fprintf(stderr,
                 "coop-bench: --demo_import needs an empty coopd (its log head is at %llu)\n",
                 static_cast<unsigned long long>(head));
    return 2;
  }
  const auto commands = demo::CaMauDemoHistory();
  std::printf("importing the demo history: %zu commands...\n", commands.size());
  std::fflush(stdout);
  CpuMeter cpu(o.server_pid);
  cpu.Start();
  const auto start = Clock::now();
  absl::Status status = services::ApplyDemoOver(channel, "", commands, {});
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  cpu.Stop();
  if (!status.ok()) {
    std::fprintf(stderr, "coop-bench: %s\n", std::string(status.message()).c_str());
    return 1;
  }
  auto info = ProbeServer(channel, 5'000);
  std::printf("demo import: %zu commands, %llu events in %.1f s: %.0f commands/s, %.0f events/s",
              commands.size(),
              static_cast<unsigned long long>(info.ok() ? info->head_position() : 0), seconds,
              commands.size() / seconds, info.ok() ? info->head_position() / seconds : 0.0);
  if (cpu.server_cores() >= 0) std::printf(", server %.2f cores", cpu.server_cores());
  std::printf("\n%s\n\n", ProjectionLagAtEnd(channel).c_str());
  return 0;
}

// Reads `cooperative_id` back once the views hold `position` (min_position), as a user who
// records and then looks.
grpc::Status ReadBack(coop::v1::Reporting::Stub* reporting, const std::string& cooperative_id,
                      uint64_t position, const BenchOptions& o) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(o.timeout_ms));
  coop::v1::GetCooperativeRequest request;
  request.set_cooperative_id(cooperative_id);
  request.set_min_position(position);
  coop::v1::CooperativeView view;
  return reporting->GetCooperative(&context, request, &view);
}

// One client: registers a cooperative with a code of its own, then admits members to it;
// with --read_your_writes, reads the cooperative back after each command.
void ClientLoop(const std::shared_ptr<grpc::Channel>& channel, int client, int clients,
                uint64_t code_base, const BenchOptions& o, const MeasureWindow* window,
                WorkerStats* stats) {
  auto stub = coop::v1::Registry::NewStub(channel);
  auto reporting = coop::v1::Reporting::NewStub(channel);
  Rng rng;
  uint64_t seq = 0;
  std::string cooperative_id;
  int admits = kAdmitsPerRegistration;
  while (!window->stopped()) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::milliseconds(o.timeout_ms));
    context.AddMetadata("x-coop-actor", "coop-bench");
    coop::v1::CommandReply reply;
    grpc::Status status;
    const auto t0 = Clock::now();
    const bool registering = admits == kAdmitsPerRegistration || cooperative_id.empty();
    if (registering) {
      coop::v1::RegisterCooperativeRequest request;
      request.mutable_header()->set_command_id(NewUuidV4(rng));
      request.mutable_header()->set_occurred_on("2024-09-01");
      auto* r = request.mutable_registration();
      r->set_code(absl::StrFormat("9%09d", (code_base + client + clients * seq++) % 1'000'000'000));
      r->set_name("HTX Đo Tải");
      r->set_kind(coop::v1::COOPERATIVE);
      r->set_law_regime(coop::v1::LAW_2023);
      r->mutable_address()->set_code("32059");
      r->mutable_address()->set_unit_set("2025-03");
      r->mutable_members()->set_official(7);
      status = stub->RegisterCooperative(&context, request, &reply);
      if (status.ok()) {
        cooperative_id = reply.aggregate_id();
        admits = 0;
      }
    } else {
      coop::v1::AdmitCooperativeMembersRequest request;
      request.mutable_header()->set_command_id(NewUuidV4(rng));
      request.mutable_header()->set_occurred_on("2024-10-01");
      request.set_cooperative_id(cooperative_id);
      request.mutable_members_admitted()->mutable_members()->set_official(1);
      status = stub->AdmitCooperativeMembers(&context, request, &reply);
      ++admits;
    }
    if (!status.ok()) {
      stats->AddError(absl::StrCat(registering ? "RegisterCooperative " : "AdmitMembers ",
                                   GrpcCodeName(status.error_code())),
                      status.error_message());
      continue;
    }
    if (o.read_your_writes) {
      status = ReadBack(reporting.get(), cooperative_id, reply.position(), o);
      if (!status.ok()) {
        stats->AddError(absl::StrCat("GetCooperative ", GrpcCodeName(status.error_code())),
                        status.error_message());
        continue;
      }
    }
    const auto t1 = Clock::now();
    if (window->InWindow(t1)) {
      ++stats->ops;
      stats->events += registering ? 2 : 1;  // a registration also reserves its code
      stats->latency.Record(std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count());
    }
  }
}

}  // namespace

int RunCommandBench(const BenchOptions& o) {
  auto channels = MakeChannels(o, ChannelsFor(o.clients, o.clients_per_channel));
  auto info = ProbeServer(channels[0], 5'000);
  if (!info.ok()) {
    std::fprintf(stderr, "coop-bench: server %s not reachable: %s\n", o.server.c_str(),
                 std::string(info.status().message()).c_str());
    return 1;
  }
  if (o.demo_import) {
    if (int code = ImportDemo(o, channels[0], info->head_position()); code != 0) return code;
  }
  Rng rng;
  const uint64_t code_base = rng.Below(900'000'000);
  MeasureWindow window;
  std::vector<WorkerStats> stats(o.clients);
  std::vector<std::thread> threads;
  for (int i = 0; i < o.clients; ++i) {
    threads.emplace_back([&, i] {
      ClientLoop(channels[i / o.clients_per_channel], i, o.clients, code_base, o, &window,
                 &stats[i]);
    });
  }
  CpuMeter cpu(o.server_pid);
  window.Run(
      o.warmup_seconds, o.seconds, [&] { cpu.Start(); }, [&] { cpu.Stop(); });
  for (auto& t : threads) t.join();
  const std::string projection_lag = ProjectionLagAtEnd(channels[0]);
  RunResult result;
  result.scenario = o.read_your_writes ? "commands (1 register : 4 admit), each read back"
                                       : "commands (1 register : 4 admit)";
  result.unit = "command";
  result.clients = o.clients;
  result.batch = 1;
  result.seconds = window.window_seconds();
  for (const auto& s : stats) result.Add(s);
  result.bench_cores = cpu.self_cores();
  result.server_cores = cpu.server_cores();
  result.server_top_thread_cores = cpu.server_top_thread_cores();
  result.server_top_thread = cpu.server_top_thread_name();
  if (o.server_pid > 0) {
    if (auto rss = ProcessPeakRssKib(o.server_pid)) result.server_peak_rss_kib = *rss;
  }
  result.bench_peak_rss_kib = SelfPeakRssKib();
  result.note = absl::StrCat("server durability ", info->durability());
  std::printf("%s\n%s\n%s\n%s", FormatResult(result).c_str(), projection_lag.c_str(),
              MarkdownTable({result}).c_str(), PeakRssLine().c_str());
  return result.ops > 0 ? 0 : 1;
}

}  // namespace coop::bench
