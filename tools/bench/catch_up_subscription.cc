#include "tools/bench/catch_up_subscription.h"

#include <grpcpp/client_context.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

#include "coop/v1/eventstore.grpc.pb.h"
#include "tools/bench/channel_pool.h"
#include "tools/bench/grpc_code_name.h"
#include "tools/bench/proc_stats.h"

namespace coop::bench {

int RunCatchUpSubscription(const BenchOptions& o) {
  auto channels = MakeChannels(o, 1);
  auto info = ProbeServer(channels[0], 10'000);
  if (!info.ok()) {
    std::fprintf(stderr, "coop-bench: %s\n", std::string(info.status().message()).c_str());
    return 1;
  }
  std::printf(
      "catch-up subscription: one client from position 1 of %llu, until caught up "
      "(at most %.0f s), %d events per message\n",
      static_cast<unsigned long long>(info->head_position()), o.seconds, o.events_per_message);
  auto stub = coop::v1::EventStore::NewStub(channels[0]);
  grpc::ClientContext context;
  coop::v1::SubscribeRequest request;
  request.set_from_position(1);
  request.set_max_events_per_message(static_cast<uint32_t>(o.events_per_message));
  const std::optional<double> cpu_before =
      o.server_pid == 0 ? std::nullopt : ProcessCpuSeconds(o.server_pid);
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + std::chrono::duration<double>(o.seconds);
  auto reader = stub->Subscribe(&context, request);
  coop::v1::SubscribeResponse response;
  uint64_t events = 0, payload_bytes = 0, last_position = 0;
  bool caught_up = false;
  auto progress_at = start + std::chrono::seconds(5);
  auto count = [&](const coop::v1::RecordedEvent& event) {
    ++events;
    payload_bytes += event.payload().size();
    last_position = event.position();
  };
  uint64_t checked_at = 0;
  while (reader->Read(&response)) {
    if (response.has_event()) {
      count(response.event());
    } else if (response.has_events()) {
      for (const auto& event : response.events().events()) count(event);
    } else if (response.has_caught_up()) {
      caught_up = true;
      break;
    }
    if (events - checked_at >= 4096) {
      checked_at = events;
      const auto now = std::chrono::steady_clock::now();
      if (now >= deadline) break;
      if (now >= progress_at) {
        std::fprintf(stderr, "  ... %llu events, position %llu\n",
                     static_cast<unsigned long long>(events),
                     static_cast<unsigned long long>(last_position));
        progress_at = now + std::chrono::seconds(5);
      }
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::optional<double> cpu_after =
      o.server_pid == 0 ? std::nullopt : ProcessCpuSeconds(o.server_pid);
  context.TryCancel();
  grpc::Status status = reader->Finish();
  if (!caught_up && events == 0) {
    std::fprintf(stderr, "coop-bench: subscribe: %s %s\n", GrpcCodeName(status.error_code()),
                 status.error_message().c_str());
    return 1;
  }
  std::printf("  %s after %llu events (position %llu) in %.2f s\n",
              caught_up ? "caught up" : "stopped (time limit)",
              static_cast<unsigned long long>(events),
              static_cast<unsigned long long>(last_position), seconds);
  std::printf("  %.0f events/s, %.1f MiB/s of payload\n", events / seconds,
              payload_bytes / seconds / (1 << 20));
  if (cpu_before && cpu_after) {
    std::printf("  server CPU: %.2f cores\n", (*cpu_after - *cpu_before) / seconds);
  }
  std::printf("  stretch (issue 14): >= 300,000 events/s: %s\n",
              events / seconds >= 300'000 ? "met" : "NOT MET");
  return 0;
}

}  // namespace coop::bench
