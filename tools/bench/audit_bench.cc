#include "tools/bench/audit_bench.h"

#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "eventstore/rocks/rocks_event_store.h"
#include "tools/bench/histogram.h"
#include "tools/bench/measure_window.h"
#include "tools/bench/random_data.h"
#include "tools/bench/report.h"
#include "verify/tree_head.h"

namespace coop::bench {
namespace {

namespace fs = std::filesystem;
using eventstore::RocksEventStore;
using Clock = std::chrono::steady_clock;

constexpr int kSamples = 2000;
constexpr size_t kPayloadBytes = 300;

std::string TempFolder(const std::string& parent, const std::string& name) {
  std::string pattern = absl::StrCat(parent, "/coop-audit-bench-", name, "-XXXXXX");
  if (mkdtemp(pattern.data()) == nullptr) return "";
  return pattern;
}

uint64_t FolderBytes(const std::string& folder) {
  uint64_t bytes = 0;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(folder, ec)) {
    if (entry.is_regular_file(ec)) bytes += entry.file_size(ec);
  }
  return bytes;
}

// `events` events of ~300 bytes to `stream` (ANY expected version).
coop::v1::AppendRequest Append(const std::string& stream, int events, Rng& rng) {
  coop::v1::AppendRequest request;
  auto* s = request.add_streams();
  s->set_stream_id(stream);
  for (int i = 0; i < events; ++i) {
    auto* e = s->add_events();
    e->set_event_id(NewUuidV4(rng));
    e->set_type("bench.v1.Happened");
    e->set_schema_version(1);
    e->set_payload(RandomBytes(rng, kPayloadBytes));
    e->mutable_metadata()->set_actor("coop-bench");
  }
  return request;
}

struct ThroughputCell {
  bool tree = true;
  int threads = 0;
  int batch = 0;
  double events_per_second = 0;
  double bytes_per_event = 0;
};

// `threads` threads appending `batch` events each call to their own streams, durable, for
// `seconds` after a second of warm-up.
ThroughputCell MeasureAppends(const BenchOptions& o, bool tree, int threads, int batch) {
  ThroughputCell cell{tree, threads, batch};
  const std::string dir = TempFolder(o.dir, tree ? "tree" : "notree");
  eventstore::RocksOptions rocks;
  rocks.keep_merkle_tree = tree;
  auto store = RocksEventStore::Open(dir, eventstore::StoreOptions(), rocks);
  if (!store.ok()) {
    std::fprintf(stderr, "coop-bench: %s\n", std::string(store.status().message()).c_str());
    return cell;
  }
  MeasureWindow window;
  std::atomic<uint64_t> counted{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      Rng rng;
      uint64_t n = 0;
      while (!window.stopped()) {
        auto result =
            (*store)->Append(Append(absl::StrCat("bench-", t, "-", n++ % 64), batch, rng));
        if (result.ok() && window.InWindow(Clock::now())) counted += batch;
      }
    });
  }
  window.Run(1.0, o.seconds, {}, {});
  for (auto& w : workers) w.join();
  const uint64_t total = (*store)->GetLogInfo().head_position();
  (*store)->Close();
  cell.events_per_second = counted.load() / window.window_seconds();
  cell.bytes_per_event = total == 0 ? 0 : static_cast<double>(FolderBytes(dir)) / total;
  fs::remove_all(dir);
  return cell;
}

void PrintLatency(const char* what, const LatencyHistogram& h) {
  std::printf("| %s | %llu | %.3f | %.3f | %.3f |\n", what,
              static_cast<unsigned long long>(h.count()), h.Quantile(0.5) / 1e6,
              h.Quantile(0.99) / 1e6, h.max() / 1e6);
}

int MeasureProofs(const BenchOptions& o) {
  const std::string dir = TempFolder(o.dir, "proofs");
  eventstore::StoreOptions options;
  options.durability = eventstore::Durability::kRelaxed;  // the fill only
  auto store = RocksEventStore::Open(dir, options);
  if (!store.ok()) {
    std::fprintf(stderr, "coop-bench: %s\n", std::string(store.status().message()).c_str());
    return 1;
  }
  std::printf("\nfilling a log of %llu events (batches of 1,000, 2 threads)...\n",
              static_cast<unsigned long long>(o.events));
  std::fflush(stdout);
  const auto fill_start = Clock::now();
  std::atomic<uint64_t> next{0};
  std::vector<std::thread> fillers;
  for (int t = 0; t < 2; ++t) {
    fillers.emplace_back([&, t] {
      Rng rng;
      while (next.fetch_add(1000) + 1000 <= o.events) {
        auto r =
            (*store)->Append(Append(absl::StrCat("fill-", t, "-", rng.Below(1000)), 1000, rng));
        if (!r.ok())
          std::fprintf(stderr, "append: %s\n", std::string(r.status().message()).c_str());
      }
    });
  }
  for (auto& f : fillers) f.join();
  const double fill_seconds = std::chrono::duration<double>(Clock::now() - fill_start).count();
  const uint64_t size = (*store)->GetLogInfo().head_position();
  std::printf("filled %llu events in %.1f s (%.0f events/s, relaxed); %.0f bytes/event on disk\n",
              static_cast<unsigned long long>(size), fill_seconds, size / fill_seconds,
              static_cast<double>(FolderBytes(dir)) / size);

  auto key = verify::SigningKey::Generate();
  if (!key.ok()) return 1;
  Rng rng;
  LatencyHistogram heads, inclusions, consistencies;
  for (int i = 0; i < kSamples; ++i) {
    const uint64_t past = rng.Between(1, size);
    // As the Audit service signs a head: the root, the recorded_at of the event at that size
    // (the head's timestamp), the signature.
    auto t0 = Clock::now();
    auto root = (*store)->TreeRoot(past);
    eventstore::ReadAllQuery at;
    at.from_position = past;
    at.max_count = 1;
    auto event = (*store)->ReadAll(at);
    absl::StatusOr<std::string> signature = absl::InternalError("no event at the head's size");
    if (root.ok() && event.ok() && !event->events.empty()) {
      signature = key->Sign(
          verify::TreeHeadSignedBytes({past, event->events[0].recorded_at_micros(), *root}));
    }
    auto t1 = Clock::now();
    if (!signature.ok()) return 1;
    heads.Record(std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count());

    t0 = Clock::now();
    auto path = (*store)->InclusionProof(rng.Between(1, size), size);
    t1 = Clock::now();
    if (!path.ok()) return 1;
    inclusions.Record(std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count());

    t0 = Clock::now();
    auto proof = (*store)->ConsistencyProof(rng.Between(1, size - 1), size);
    t1 = Clock::now();
    if (!proof.ok()) return 1;
    consistencies.Record(std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count());
  }
  std::printf("\nAt %llu events (%d samples each; the store's block cache warm from the fill):\n\n",
              static_cast<unsigned long long>(size), kSamples);
  std::printf(
      "| answer | samples | p50 ms | p99 ms | max ms |\n| --- | ---: | ---: | ---: | ---: |\n");
  PrintLatency("signed tree head of a random past size (root, timestamp, signature)", heads);
  PrintLatency("inclusion proof, random position, whole tree", inclusions);
  PrintLatency("consistency proof, random old size to the whole tree", consistencies);
  (*store)->Close();
  fs::remove_all(dir);
  return 0;
}

}  // namespace

int RunAuditBench(const BenchOptions& o) {
  std::printf(
      "Appends with and without the Merkle tree (durable, %.0f s per cell, alternated):\n\n",
      o.seconds);
  std::printf(
      "| tree | threads | events/append | events/s | bytes/event on disk |\n"
      "| --- | ---: | ---: | ---: | ---: |\n");
  struct Workload {
    int threads, batch;
  };
  for (const Workload w : {Workload{o.clients, 1}, Workload{4, 100}}) {
    double with = 0, without = 0;
    for (int round = 0; round < 2; ++round) {
      for (const bool tree : {true, false}) {
        const ThroughputCell cell = MeasureAppends(o, tree, w.threads, w.batch);
        (tree ? with : without) += cell.events_per_second / 2;
        std::printf("| %s | %d | %d | %.0f | %.0f |\n", tree ? "with" : "without", cell.threads,
                    cell.batch, cell.events_per_second, cell.bytes_per_event);
        std::fflush(stdout);
      }
    }
    std::printf("| **with / without** | %d | %d | **%.2f** | |\n", w.threads, w.batch,
                without == 0 ? 0 : with / without);
  }
  const int code = MeasureProofs(o);
  std::printf("\n%s", PeakRssLine().c_str());
  return code;
}

}  // namespace coop::bench
