// coop-scale-gen: writes the deterministic national-scale history (tools/scale/README.md)
// into a fresh event store.
//   coop-scale-gen --data_dir DIR [--scale 1.0] [--seed 1] [--verify] [--projections]
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "commands/history_store.h"
#include "projections/projection_set.h"
#include "projections/projection_store.h"
#include "projections/standard_projections.h"
#include "tools/scale/scale_history.h"

namespace coop::scale {
namespace {

// Every generated event is recorded at the same instant (2026-01-01T00:00:00Z), so the
// whole log, hashes included, is the same for the same seed.
constexpr int64_t kRecordedAtMicros = 1'767'225'600'000'000;

int Usage(const std::string& why) {
  std::fprintf(stderr,
               "coop-scale-gen: %s\nusage: coop-scale-gen --data_dir DIR [--scale 1.0] [--seed 1] "
               "[--verify] [--projections]\n",
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
  // coopd's projections follow the log live while it is written (DIR/projections, as coopd
  // keeps them), to measure what following costs the writer and how far behind they end.
  bool projections = false;
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
    } else if (arg == "--projections") {
      flags->projections = true;
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
  std::unique_ptr<projections::ProjectionStore> projection_store;
  std::unique_ptr<projections::ProjectionSet> projection_set;
  if (flags.projections) {
    auto opened = projections::ProjectionStore::Open(flags.data_dir + "/projections");
    if (!opened.ok()) {
      std::fprintf(stderr, "coop-scale-gen: %s\n", opened.status().ToString().c_str());
      return 1;
    }
    projection_store = std::move(*opened);
    // As coopd runs them (services/server.cc): the same commit size while catching up.
    projections::RunnerOptions runner_options;
    runner_options.catch_up_commit_events = projections::RunnerOptions::kServerCatchUpCommitEvents;
    projection_set = std::make_unique<projections::ProjectionSet>(
        (*history)->events(), projection_store.get(), runner_options);
    projections::AddStandardProjections(*projection_set);
    if (auto st = projection_set->StartAll(); !st.ok()) {
      std::fprintf(stderr, "coop-scale-gen: %s\n", st.ToString().c_str());
      return 1;
    }
  }
  // The projection furthest behind: its name and position.
  auto slowest = [&]() -> std::pair<std::string, uint64_t> {
    std::pair<std::string, uint64_t> found{"", UINT64_MAX};
    for (const auto& status : projection_set->Statuses()) {
      if (status.position < found.second) found = {status.name, status.position};
    }
    return found;
  };
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
    std::string behind;
    if (projection_set) {
      const auto [name, position] = slowest();
      behind = "  slowest projection " + name + " at " + std::to_string(position);
    }
    std::fprintf(
        stderr, "  %5.1f%%  %llu events committed  %.0f events/s  %.0f s%s\n",
        100.0 * static_cast<double>(p.entities_done) / static_cast<double>(p.entities_total),
        static_cast<unsigned long long>(committed), static_cast<double>(committed) / seconds,
        seconds, behind.c_str());
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
  if (projection_set) {
    // How far behind the projections ended, and how long they took to reach the head.
    const uint64_t head = (*history)->info().head_position();
    const auto [name, position] = slowest();
    const auto catch_up_started = std::chrono::steady_clock::now();
    std::vector<std::string> names;
    for (const auto& status : projection_set->Statuses()) names.push_back(status.name);
    if (auto st = projection_set->WaitForPosition(names, head, absl::Hours(24)); !st.ok()) {
      std::fprintf(stderr, "coop-scale-gen: projections: %s\n", st.ToString().c_str());
      return 1;
    }
    const double caught_up = Seconds(catch_up_started);
    std::fprintf(stderr,
                 "coop-scale-gen: projections: when the last event was written, the slowest (%s) "
                 "was %llu events behind; all were live at the head %.1f s later (%.0f events/s "
                 "from the start for the slowest)\n",
                 name.c_str(), static_cast<unsigned long long>(head - std::min(head, position)),
                 caught_up, static_cast<double>(head) / (generated + caught_up));
    for (const auto& status : projection_set->Statuses()) {
      std::fprintf(stderr, "  %-28s position %llu\n", status.name.c_str(),
                   static_cast<unsigned long long>(status.position));
    }
    projection_set->StopAll();
  }
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
