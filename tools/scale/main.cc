// coop-scale-gen: writes the deterministic national-scale history (tools/scale/README.md)
// into a fresh event store.
//   coop-scale-gen --data_dir DIR [--scale 1.0] [--seed 1] [--verify]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "absl/strings/numbers.h"
#include "eventstore/clock.h"
#include "eventstore/rocks_event_store.h"
#include "tools/scale/scale_history.h"
#include "tools/scale/scale_sink.h"

namespace {

int Usage(const char* why) {
  std::fprintf(stderr,
               "coop-scale-gen: %s\nusage: coop-scale-gen --data_dir DIR [--scale 1.0] [--seed 1] "
               "[--verify]\n",
               why);
  return 2;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_dir;
  coop::scale::ScaleOptions options;
  bool verify = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    std::string text;
    if (arg == "--data_dir") {
      if (!value(&data_dir)) return Usage("--data_dir needs a folder");
    } else if (arg == "--scale") {
      if (!value(&text) || !absl::SimpleAtod(text, &options.scale) || !(options.scale > 0) ||
          options.scale > 10) {
        return Usage("--scale must be a number in (0, 10]");
      }
    } else if (arg == "--seed") {
      if (!value(&text) || !absl::SimpleAtoi(text, &options.seed)) {
        return Usage("--seed must be a non-negative integer");
      }
    } else if (arg == "--verify") {
      verify = true;
    } else {
      return Usage(("unknown argument " + arg).c_str());
    }
  }
  if (data_dir.empty()) return Usage("--data_dir is required");
  std::error_code ec;
  if (std::filesystem::exists(data_dir, ec) && !std::filesystem::is_empty(data_dir, ec)) {
    std::fprintf(stderr,
                 "coop-scale-gen: %s is not empty; the generator writes only into a new or empty "
                 "folder\n",
                 data_dir.c_str());
    return 1;
  }

  // Every generated event is recorded at the same instant (2026-01-01T00:00:00Z), so the
  // whole log, hashes included, is the same for the same seed.
  static coop::eventstore::ManualClock clock(1'767'225'600'000'000);
  coop::eventstore::StoreOptions store_options;
  store_options.durability = coop::eventstore::Durability::kRelaxed;
  store_options.clock = &clock;
  auto store = coop::eventstore::RocksEventStore::Open(data_dir, store_options);
  if (!store.ok()) {
    std::fprintf(stderr, "coop-scale-gen: %s\n", store.status().ToString().c_str());
    return 1;
  }
  const auto started = std::chrono::steady_clock::now();
  auto last_report = started;
  coop::scale::StoreSink sink(store->get(), {});
  const auto figures = coop::scale::FiguresAt(options.scale);
  std::fprintf(stderr,
               "coop-scale-gen: scale %g seed %llu: %lld HTX, %lld LHHTX, %lld THT, %lld hội quán, "
               "%lld districts\n",
               options.scale, static_cast<unsigned long long>(options.seed),
               static_cast<long long>(figures.cooperatives), static_cast<long long>(figures.unions),
               static_cast<long long>(figures.groups), static_cast<long long>(figures.halls),
               static_cast<long long>(figures.districts));
  auto stats = coop::scale::GenerateHistory(options, sink, [&](const coop::scale::Progress& p) {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_report < std::chrono::seconds(1)) return;
    last_report = now;
    const double seconds = Seconds(started);
    const uint64_t committed = sink.events_committed();
    std::fprintf(
        stderr, "  %5.1f%%  %llu events committed  %.0f events/s  %.0f s\n",
        100.0 * static_cast<double>(p.entities_done) / static_cast<double>(p.entities_total),
        static_cast<unsigned long long>(committed), static_cast<double>(committed) / seconds,
        seconds);
  });
  if (!stats.ok()) {
    std::fprintf(stderr, "coop-scale-gen: %s\n", stats.status().ToString().c_str());
    (*store)->Close();
    return 1;
  }
  const double generated = Seconds(started);
  const auto info = (*store)->GetLogInfo();
  std::fprintf(stderr, "coop-scale-gen: %llu events in %llu streams, %.1f s (%.0f events/s)\n",
               static_cast<unsigned long long>(stats->events),
               static_cast<unsigned long long>(stats->streams), generated,
               static_cast<double>(stats->events) / generated);
  for (const auto& [type, count] : stats->events_by_type) {
    std::fprintf(stderr, "  %-40s %10llu\n", type.c_str(), static_cast<unsigned long long>(count));
  }
  (void)info;
  if (verify) {
    const auto verify_started = std::chrono::steady_clock::now();
    auto verified = (*store)->Verify(0, 0);
    if (!verified.ok()) {
      std::fprintf(stderr, "coop-scale-gen: verify: %s\n", verified.status().ToString().c_str());
      return 1;
    }
    std::fprintf(stderr, "coop-scale-gen: verify: %s in %.1f s\n", verified->DebugString().c_str(),
                 Seconds(verify_started));
  }
  (*store)->Close();
  return 0;
}
