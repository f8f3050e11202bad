// coop-scale-gen: writes the deterministic national-scale history (tools/scale/README.md)
// into a fresh event store.
//   coop-scale-gen --data_dir DIR [--scale 1.0] [--seed 1] [--verify]
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>

#include "absl/strings/numbers.h"
#include "commands/history_store.h"
#include "tools/scale/scale_history.h"

namespace coop::scale {
namespace {

// Every generated event is recorded at the same instant (2026-01-01T00:00:00Z), so the
// whole log, hashes included, is the same for the same seed.
constexpr int64_t kRecordedAtMicros = 1'767'225'600'000'000;

int Usage(const std::string& why) {
  std::fprintf(stderr,
               "coop-scale-gen: %s\nusage: coop-scale-gen --data_dir DIR [--scale 1.0] [--seed 1] "
               "[--verify]\n",
               why.c_str());
  return 2;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

struct Flags {
  std::string data_dir;
  ScaleOptions options;
  bool verify = false;
};

// Parses the command line; the usage message if it is wrong.
std::optional<std::string> ParseFlags(int argc, char** argv, Flags* flags) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    std::string text;
    if (arg == "--data_dir") {
      if (!value(&flags->data_dir)) return "--data_dir needs a folder";
    } else if (arg == "--scale") {
      if (!value(&text) || !absl::SimpleAtod(text, &flags->options.scale) ||
          !(flags->options.scale > 0) || flags->options.scale > 10) {
        return "--scale must be a number in (0, 10]";
      }
    } else if (arg == "--seed") {
      if (!value(&text) || !absl::SimpleAtoi(text, &flags->options.seed)) {
        return "--seed must be a non-negative integer";
      }
    } else if (arg == "--verify") {
      flags->verify = true;
    } else {
      return "unknown argument " + arg;
    }
  }
  if (flags->data_dir.empty()) return "--data_dir is required";
  return std::nullopt;
}

int Run(int argc, char** argv) {
  Flags flags;
  if (auto wrong = ParseFlags(argc, argv, &flags)) return Usage(*wrong);
  auto history = commands::HistoryStore::Create(flags.data_dir, kRecordedAtMicros);
  if (!history.ok()) {
    std::fprintf(stderr, "coop-scale-gen: %s\n", history.status().ToString().c_str());
    return 1;
  }
  const auto started = std::chrono::steady_clock::now();
  auto last_report = started;
  const auto figures = FiguresAt(flags.options.scale);
  std::fprintf(stderr,
               "coop-scale-gen: scale %g seed %llu: %lld HTX, %lld LHHTX, %lld THT, %lld hội quán, "
               "%lld districts\n",
               flags.options.scale, static_cast<unsigned long long>(flags.options.seed),
               static_cast<long long>(figures.cooperatives), static_cast<long long>(figures.unions),
               static_cast<long long>(figures.groups), static_cast<long long>(figures.halls),
               static_cast<long long>(figures.districts));
  auto stats = GenerateHistory(flags.options, (*history)->sink(), [&](const Progress& p) {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_report < std::chrono::seconds(1)) return;
    last_report = now;
    const double seconds = Seconds(started);
    const uint64_t committed = (*history)->events_committed();
    std::fprintf(
        stderr, "  %5.1f%%  %llu events committed  %.0f events/s  %.0f s\n",
        100.0 * static_cast<double>(p.entities_done) / static_cast<double>(p.entities_total),
        static_cast<unsigned long long>(committed), static_cast<double>(committed) / seconds,
        seconds);
  });
  if (!stats.ok()) {
    std::fprintf(stderr, "coop-scale-gen: %s\n", stats.status().ToString().c_str());
    return 1;
  }
  const double generated = Seconds(started);
  std::fprintf(stderr, "coop-scale-gen: %llu events in %llu streams, %.1f s (%.0f events/s)\n",
               static_cast<unsigned long long>(stats->events),
               static_cast<unsigned long long>(stats->streams), generated,
               static_cast<double>(stats->events) / generated);
  for (const auto& [type, count] : stats->events_by_type) {
    std::fprintf(stderr, "  %-40s %10llu\n", type.c_str(), static_cast<unsigned long long>(count));
  }
  if (flags.verify) {
    const auto verify_started = std::chrono::steady_clock::now();
    auto verified = (*history)->Verify();
    if (!verified.ok()) {
      std::fprintf(stderr, "coop-scale-gen: verify: %s\n", verified.status().ToString().c_str());
      return 1;
    }
    std::fprintf(stderr, "coop-scale-gen: verify: %s in %.1f s\n", verified->DebugString().c_str(),
                 Seconds(verify_started));
  }
  return 0;
}

}  // namespace
}  // namespace coop::scale

int main(int argc, char** argv) { return coop::scale::Run(argc, argv); }
