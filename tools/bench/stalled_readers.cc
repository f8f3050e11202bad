#include "tools/bench/stalled_readers.h"

#include <grpcpp/client_context.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "coop/v1/eventstore.grpc.pb.h"
#include "tools/bench/channel_pool.h"
#include "tools/bench/grpc_code_name.h"
#include "tools/bench/proc_stats.h"
#include "tools/bench/random_data.h"

namespace coop::bench {
namespace {

constexpr int kEvents = 256;
constexpr int kEventsPerAppend = 8;  // 8 MiB: under the store's 16 MiB per append

std::string RssText(int pid) {
  if (pid == 0) return "(give --server_pid)";
  auto rss = ProcessRssKib(pid);
  auto peak = ProcessPeakRssKib(pid);
  return absl::StrFormat("RSS %.1f MiB, peak %.1f MiB", rss ? *rss / 1024.0 : -1.0,
                         peak ? *peak / 1024.0 : -1.0);
}

}  // namespace

int RunStalledReaders(const BenchOptions& o) {
  auto channels = MakeChannels(o, 1);
  auto info = ProbeServer(channels[0], 10'000);
  if (!info.ok()) {
    std::fprintf(stderr, "coop-bench: %s\n", std::string(info.status().message()).c_str());
    return 1;
  }
  auto stub = coop::v1::EventStore::NewStub(channels[0]);
  Rng rng;
  const std::string stream = absl::StrCat("probe-stalled-", NewRunId());
  std::printf("stalled readers: %d events of %d bytes to %s, then %d subscribers that never read\n",
              kEvents, o.payload_max, stream.c_str(), o.clients);
  std::printf("  server before:            %s\n", RssText(o.server_pid).c_str());
  uint64_t first = 0;
  for (int done = 0; done < kEvents; done += kEventsPerAppend) {
    coop::v1::AppendRequest request;
    auto* append = request.add_streams();
    append->set_stream_id(stream);
    append->mutable_expected()->set_kind(coop::v1::ExpectedVersion::ANY);
    for (int i = 0; i < kEventsPerAppend; ++i) {
      auto* event = append->add_events();
      event->set_event_id(NewUuidV4(rng));
      event->set_type("bench.v1.Large");
      event->set_schema_version(1);
      event->set_payload(RandomBytes(rng, static_cast<size_t>(o.payload_max)));
    }
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    coop::v1::AppendResponse response;
    grpc::Status status = stub->Append(&context, request, &response);
    if (!status.ok()) {
      std::fprintf(stderr, "coop-bench: append: %s %s\n", GrpcCodeName(status.error_code()),
                   status.error_message().c_str());
      return 1;
    }
    if (first == 0) first = response.first_position();
  }
  std::printf("  server after the appends: %s\n", RssText(o.server_pid).c_str());
  const auto before = o.server_pid == 0 ? std::nullopt : ProcessRssKib(o.server_pid);

  // Every subscription on its own channel share of ChannelsFor, none ever read from.
  auto sub_channels = MakeChannels(o, ChannelsFor(o.clients, o.clients_per_channel));
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
  std::vector<std::unique_ptr<grpc::ClientReader<coop::v1::SubscribeResponse>>> readers;
  std::vector<std::unique_ptr<coop::v1::EventStore::Stub>> stubs;
  for (auto& channel : sub_channels) stubs.push_back(coop::v1::EventStore::NewStub(channel));
  for (int i = 0; i < o.clients; ++i) {
    coop::v1::SubscribeRequest request;
    request.set_from_position(first);
    request.mutable_filter()->add_stream_prefixes(stream);
    contexts.push_back(std::make_unique<grpc::ClientContext>());
    readers.push_back(stubs[i % stubs.size()]->Subscribe(contexts.back().get(), request));
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(o.seconds));
  std::printf("  server with %d stalled:  %s\n", o.clients, RssText(o.server_pid).c_str());
  if (before) {
    const auto after = ProcessRssKib(o.server_pid);
    if (after) {
      std::printf("  per stalled subscriber:   %.2f MiB (the events not read: %.0f MiB each)\n",
                  (*after - *before) / 1024.0 / o.clients,
                  static_cast<double>(kEvents) * o.payload_max / (1 << 20));
    }
  }
  for (auto& context : contexts) context->TryCancel();
  for (auto& reader : readers) reader->Finish().ok();
  return 0;
}

}  // namespace coop::bench
