#include "tools/bench/live_fanout.h"

#include <grpcpp/client_context.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "coop/v1/eventstore.grpc.pb.h"
#include "tools/bench/channel_pool.h"
#include "tools/bench/grpc_code_name.h"
#include "tools/bench/histogram.h"
#include "tools/bench/proc_stats.h"
#include "tools/bench/random_data.h"

namespace coop::bench {
namespace {

constexpr int kWriters = 16;

uint64_t NowNanos() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::steady_clock::now().time_since_epoch())
                                   .count());
}

std::string EncodeNanos(uint64_t nanos) {
  std::string bytes(sizeof(nanos), '\0');
  std::memcpy(bytes.data(), &nanos, sizeof(nanos));
  return bytes;
}

std::optional<uint64_t> DecodeNanos(const std::string& bytes) {
  if (bytes.size() != sizeof(uint64_t)) return std::nullopt;
  uint64_t nanos = 0;
  std::memcpy(&nanos, bytes.data(), sizeof(nanos));
  return nanos;
}

struct Subscriber {
  std::unique_ptr<coop::v1::EventStore::Stub> stub;
  grpc::ClientContext context;
  std::unique_ptr<grpc::ClientReader<coop::v1::SubscribeResponse>> reader;
  LatencyHistogram latency;
  std::atomic<bool> live{false};
};

void Print(const char* what, const LatencyHistogram& h) {
  std::printf("  %-34s %9llu   p50 %7.2f  p99 %7.2f  p99.9 %7.2f  max %7.2f ms\n", what,
              static_cast<unsigned long long>(h.count()), h.Quantile(0.5) / 1e6,
              h.Quantile(0.99) / 1e6, h.Quantile(0.999) / 1e6, h.max() / 1e6);
}

}  // namespace

int RunLiveFanout(const BenchOptions& o) {
  auto probe = MakeChannels(o, 1);
  auto info = ProbeServer(probe[0], 10'000);
  if (!info.ok()) {
    std::fprintf(stderr, "coop-bench: %s\n", std::string(info.status().message()).c_str());
    return 1;
  }
  const std::string prefix = absl::StrCat("probe-fanout-", NewRunId(), "-");
  std::printf("fanout: %d live subscribers, %d writers appending %d events/s in all for %.0f s\n",
              o.clients, kWriters, o.rate, o.seconds);

  auto sub_channels = MakeChannels(o, ChannelsFor(o.clients, o.clients_per_channel));
  std::vector<std::unique_ptr<Subscriber>> subscribers;
  std::vector<std::thread> readers;
  for (int i = 0; i < o.clients; ++i) {
    auto s = std::make_unique<Subscriber>();
    s->stub = coop::v1::EventStore::NewStub(sub_channels[i / o.clients_per_channel]);
    coop::v1::SubscribeRequest request;
    request.set_from_end(true);
    request.mutable_filter()->add_stream_prefixes(prefix);
    request.set_max_events_per_message(static_cast<uint32_t>(o.events_per_message));
    s->reader = s->stub->Subscribe(&s->context, request);
    subscribers.push_back(std::move(s));
  }
  for (auto& s : subscribers) {
    readers.emplace_back([sub = s.get()] {
      coop::v1::SubscribeResponse response;
      while (sub->reader->Read(&response)) {
        if (response.has_caught_up()) sub->live = true;
        const uint64_t received = NowNanos();
        auto record = [&](const coop::v1::RecordedEvent& event) {
          if (auto sent = DecodeNanos(event.payload()); sent && received >= *sent) {
            sub->latency.Record(received - *sent);
          }
        };
        if (response.has_event()) record(response.event());
        for (const auto& event : response.events().events()) record(event);
      }
    });
  }
  // Every subscriber live before the first append.
  const auto ready_by = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  for (auto& s : subscribers) {
    while (!s->live && std::chrono::steady_clock::now() < ready_by) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (!s->live) {
      std::fprintf(stderr, "coop-bench: a subscriber did not become live in 30 s\n");
      for (auto& t : subscribers) t->context.TryCancel();
      for (auto& t : readers) t.join();
      return 1;
    }
  }

  const std::optional<double> cpu_before =
      o.server_pid == 0 ? std::nullopt : ProcessCpuSeconds(o.server_pid);
  auto write_channels = MakeChannels(o, 1);
  std::vector<LatencyHistogram> append_latency(kWriters);
  std::atomic<int> failures{0};
  const auto start = std::chrono::steady_clock::now();
  const auto end = start + std::chrono::duration<double>(o.seconds);
  const auto interval = std::chrono::duration<double>(static_cast<double>(kWriters) / o.rate);
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      auto stub = coop::v1::EventStore::NewStub(write_channels[0]);
      Rng rng;
      // Staggered, so that the writers' appends spread over each interval.
      auto next = start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                              interval * (static_cast<double>(w) / kWriters));
      for (uint64_t n = 0;; ++n) {
        std::this_thread::sleep_until(next);
        if (std::chrono::steady_clock::now() >= end) return;
        next += std::chrono::duration_cast<std::chrono::steady_clock::duration>(interval);
        coop::v1::AppendRequest request;
        auto* append = request.add_streams();
        append->set_stream_id(absl::StrCat(prefix, w));
        append->mutable_expected()->set_kind(coop::v1::ExpectedVersion::ANY);
        auto* event = append->add_events();
        event->set_event_id(NewUuidV4(rng));
        event->set_type("bench.v1.Fanout");
        event->set_schema_version(1);
        const uint64_t sent = NowNanos();
        event->set_payload(EncodeNanos(sent));
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() +
                             std::chrono::milliseconds(o.timeout_ms));
        coop::v1::AppendResponse response;
        const grpc::Status status = stub->Append(&context, request, &response);
        if (!status.ok()) {
          if (failures++ == 0) {
            std::fprintf(stderr, "coop-bench: append: %s %s\n", GrpcCodeName(status.error_code()),
                         status.error_message().c_str());
          }
          continue;
        }
        append_latency[w].Record(NowNanos() - sent);
      }
    });
  }
  for (auto& t : writers) t.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::this_thread::sleep_for(std::chrono::seconds(1));  // the last events reach everyone
  const std::optional<double> cpu_after =
      o.server_pid == 0 ? std::nullopt : ProcessCpuSeconds(o.server_pid);
  for (auto& s : subscribers) s->context.TryCancel();
  for (auto& t : readers) t.join();

  LatencyHistogram appends, delivered;
  for (const auto& h : append_latency) appends.Merge(h);
  uint64_t fewest = UINT64_MAX;
  for (const auto& s : subscribers) {
    delivered.Merge(s->latency);
    fewest = std::min(fewest, s->latency.count());
  }
  std::printf("  %.0f appends/s (%llu in %.1f s), %d failed\n", appends.count() / seconds,
              static_cast<unsigned long long>(appends.count()), seconds, failures.load());
  Print("append, sent -> acknowledged", appends);
  Print("append sent -> subscriber received", delivered);
  std::printf("  every subscriber received at least %llu of %llu events\n",
              static_cast<unsigned long long>(fewest),
              static_cast<unsigned long long>(appends.count()));
  if (cpu_before && cpu_after) {
    std::printf("  server CPU: %.2f cores\n", (*cpu_after - *cpu_before) / (seconds + 1));
  }
  std::printf("  stretch (issue 14): p99 <= 5 ms: %s\n",
              delivered.Quantile(0.99) <= 5'000'000 ? "met" : "NOT MET");
  return failures.load() == 0 ? 0 : 1;
}

}  // namespace coop::bench
