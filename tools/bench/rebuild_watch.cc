#include "tools/bench/rebuild_watch.h"

#include <grpcpp/client_context.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "tools/bench/channel_pool.h"
#include "tools/bench/grpc_code_name.h"
#include "tools/bench/proc_stats.h"
#include "tools/bench/report.h"

namespace coop::bench {
namespace {

using Clock = std::chrono::steady_clock;

// Seconds since process `pid` started (from /proc/<pid>/stat field 22 and /proc/uptime).
std::optional<double> SecondsSinceStart(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return std::nullopt;
  const size_t paren = line.rfind(')');
  if (paren == std::string::npos) return std::nullopt;
  std::istringstream fields(line.substr(paren + 2));  // field 3 (state) onwards
  std::string field;
  for (int i = 3; i <= 22 && fields >> field; ++i) {
    if (i != 22) continue;
    std::ifstream uptime_file("/proc/uptime");
    double uptime = 0;
    if (!(uptime_file >> uptime)) return std::nullopt;
    double start_ticks = 0;
    if (!absl::SimpleAtod(field, &start_ticks)) return std::nullopt;
    return uptime - start_ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
  }
  return std::nullopt;
}

struct Tracked {
  uint64_t position = 0;
  uint64_t head = 0;
  std::string state;
  double reported_rate = 0;
  std::optional<double> reached_at;  // seconds from the origin when position >= head first
};

}  // namespace

int RunRebuildWatch(const BenchOptions& options) {
  auto channels = MakeChannels(options, 1);
  auto stub = coop::v1::Reporting::NewStub(channels[0]);
  const Clock::time_point t0 = Clock::now();
  // The origin of the times: the server's start if known, else the first poll.
  double offset = 0;
  if (options.server_pid > 0) {
    if (auto since = SecondsSinceStart(options.server_pid)) offset = *since;
  }
  auto now = [&] { return offset + std::chrono::duration<double>(Clock::now() - t0).count(); };
  std::printf("watching %s; times from %s (%.2f s ago)\n", options.server.c_str(),
              options.server_pid > 0 ? "the server's start" : "the first poll", offset);
  CpuMeter cpu(options.server_pid);
  cpu.Start();

  std::map<std::string, Tracked> tracked;
  bool all_done = false;
  int failures = 0;
  while (now() - offset < options.seconds) {
    grpc::ClientContext context;
    context.set_wait_for_ready(true);
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    coop::v1::ProjectionStatusReply reply;
    grpc::Status status =
        stub->GetProjectionStatus(&context, coop::v1::ProjectionStatusRequest(), &reply);
    const double t = now();
    if (!status.ok()) {
      if (++failures % 5 == 1) {
        std::printf("%8.1f s  GetProjectionStatus %s: %s\n", t, GrpcCodeName(status.error_code()),
                    status.error_message().c_str());
      }
    } else {
      std::string line = absl::StrFormat("%8.1f s ", t);
      all_done = reply.projections_size() > 0;
      for (const auto& p : reply.projections()) {
        Tracked& k = tracked[p.name()];
        k.position = p.position();
        k.head = std::max(k.head, p.head());
        k.state = p.state();
        k.reported_rate = p.events_per_second();
        if (!k.reached_at && k.head > 0 && k.position >= k.head) k.reached_at = t;
        if (!k.reached_at) all_done = false;
        absl::StrAppend(
            &line, " ", p.name(), " ",
            k.head > 0 ? absl::StrFormat("%.1f%%", 100.0 * k.position / k.head) : std::string("?"));
      }
      if (auto rss =
              options.server_pid > 0 ? ProcessPeakRssKib(options.server_pid) : std::nullopt) {
        absl::StrAppend(&line, absl::StrFormat("  VmHWM %.0f MiB", *rss / 1024.0));
      }
      std::printf("%s\n", line.c_str());
      std::fflush(stdout);
      if (all_done) break;
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(options.poll_seconds));
  }
  cpu.Stop();
  const double end = now();

  std::printf(
      "\n| projection | events (head) | seconds to head | events/s | state at the end |\n"
      "| --- | ---: | ---: | ---: | --- |\n");
  double last = 0;
  uint64_t head = 0;
  for (const auto& [name, k] : tracked) {
    head = std::max(head, k.head);
    if (k.reached_at) {
      last = std::max(last, *k.reached_at);
      std::printf("| %s | %s | %.1f | %s | %s |\n", name.c_str(), FormatRate(k.head).c_str(),
                  *k.reached_at, FormatRate(k.head / *k.reached_at).c_str(), k.state.c_str());
    } else {
      const double rate = end > 0 ? k.position / end : 0;
      std::printf("| %s | %s | not reached: %s applied in %.0f s, projected %s | %s | %s |\n",
                  name.c_str(), FormatRate(k.head).c_str(), FormatRate(k.position).c_str(), end,
                  rate > 0 ? absl::StrFormat("%.0f s", k.head / rate).c_str() : "?",
                  FormatRate(rate).c_str(), k.state.c_str());
    }
  }
  if (all_done && last > 0) {
    std::printf(
        "\nAll projections at the head after %.1f s: %s log events/s per projection, "
        "%s applications/s in total\n",
        last, FormatRate(head / last).c_str(),
        FormatRate(static_cast<double>(head) * tracked.size() / last).c_str());
  }
  if (options.server_pid > 0) {
    if (auto rss = ProcessPeakRssKib(options.server_pid)) {
      std::printf("Peak RSS of the server (VmHWM): %.1f MiB\n", *rss / 1024.0);
    }
    std::printf("Server CPU while watched: %.2f cores (busiest thread %s at %.2f)\n",
                cpu.server_cores(), cpu.server_top_thread_name().c_str(),
                cpu.server_top_thread_cores());
    auto threads = ThreadCpuSeconds(options.server_pid);
    std::vector<std::pair<double, std::string>> by_cpu;
    for (const auto& [tid, named] : threads) {
      by_cpu.emplace_back(named.second, absl::StrCat(named.first, "/", tid));
    }
    std::sort(by_cpu.rbegin(), by_cpu.rend());
    std::printf("Server threads by CPU seconds since start:");
    for (size_t i = 0; i < by_cpu.size() && i < 8; ++i) {
      std::printf(" %s %.1f;", by_cpu[i].second.c_str(), by_cpu[i].first);
    }
    std::printf("\n");
  }
  return all_done ? 0 : 1;
}

}  // namespace coop::bench
