// crash_anywhere: "crash anywhere" (issue 15) — cycles of mixed load on the real coopd, each
// ended by SIGKILL at a named kill point (base/kill_point.h) or at a random moment, each
// followed by a restart and every check of tests/crash/crash_checks.h. Prints a line per cycle
// and a table of the cycles per kill point; exits 1 if anything was found wrong.
//
//   crash_anywhere [--cycles N] [--seed S] [--work_dir DIR] [--keep] [--points P,P,...]
//                  [--max_load_seconds S] [--require_every_point]
//
// --cycles defaults to $COOP_CRASH_CYCLES, else 15 (one cycle per named point and two random
// ones: what CTest runs). The points are taken in turn: every named point, with "random" after
// the seventh and after the last. docs/operations.md ("Sự cố / Faults") has the full run.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "base/kill_point.h"
#include "tests/crash/crash_cycle.h"

namespace coop::testing {
namespace {

namespace fs = std::filesystem;

struct Options {
  int cycles = 15;
  uint64_t seed = 0;
  std::string work_dir;
  bool keep = false;
  std::vector<std::string> points;
  int max_load_seconds = 15;
  bool require_every_point = false;
};

constexpr char kUsage[] =
    "usage: crash_anywhere [--cycles N] [--seed S] [--work_dir DIR] [--keep] [--points P,P,...]\n"
    "                      [--max_load_seconds S] [--require_every_point]\n";

bool ParseOptions(int argc, char** argv, Options* options) {
  if (const char* cycles = std::getenv("COOP_CRASH_CYCLES"); cycles != nullptr) {
    if (!absl::SimpleAtoi(cycles, &options->cycles)) return false;
  }
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    const bool has_value = i + 1 < argc;
    if (flag == "--keep") {
      options->keep = true;
    } else if (flag == "--require_every_point") {
      options->require_every_point = true;
    } else if (flag == "--cycles" && has_value) {
      if (!absl::SimpleAtoi(argv[++i], &options->cycles) || options->cycles < 1) return false;
    } else if (flag == "--seed" && has_value) {
      if (!absl::SimpleAtoi(argv[++i], &options->seed)) return false;
    } else if (flag == "--work_dir" && has_value) {
      options->work_dir = argv[++i];
    } else if (flag == "--max_load_seconds" && has_value) {
      if (!absl::SimpleAtoi(argv[++i], &options->max_load_seconds)) return false;
    } else if (flag == "--points" && has_value) {
      options->points = absl::StrSplit(argv[++i], ',', absl::SkipEmpty());
      for (const auto& point : options->points) {
        if (point != kRandomKill && !base::IsKillPoint(point)) {
          std::cerr << "unknown kill point: " << point << "\n";
          return false;
        }
      }
    } else {
      return false;
    }
  }
  return true;
}

// The order the cycles take the points in.
std::vector<std::string> Schedule(const Options& options) {
  if (!options.points.empty()) return options.points;
  std::vector<std::string> points(std::begin(base::kKillPoints), std::end(base::kKillPoints));
  points.insert(points.begin() + 7, kRandomKill);
  points.push_back(kRandomKill);
  return points;
}

struct Tally {
  int cycles = 0;
  int fired = 0;
  int in_start = 0;
  int not_reached = 0;
  int failed = 0;
  absl::Duration until_kill;
  absl::Duration max_recovery;
};

std::string Seconds(absl::Duration d) { return absl::StrFormat("%.1f", absl::ToDoubleSeconds(d)); }

void PrintTable(const std::vector<std::string>& schedule, const std::map<std::string, Tally>& by,
                absl::Duration total, int cycles) {
  std::cout << "\n"
            << absl::StrFormat("%-38s %6s %6s %8s %11s %8s %11s %12s\n", "kill point", "cycles",
                               "fired", "in start", "not reached", "failed", "mean kill s",
                               "max restart s");
  Tally sum;
  std::vector<std::string> seen;
  for (const auto& point : schedule) {
    if (std::find(seen.begin(), seen.end(), point) != seen.end() || !by.contains(point)) continue;
    seen.push_back(point);
    const Tally& t = by.at(point);
    const bool named = point != kRandomKill;
    std::cout << absl::StrFormat(
        "%-38s %6d %6s %8s %11s %8d %11s %12s\n", point, t.cycles,
        named ? absl::StrCat(t.fired) : "-", named ? absl::StrCat(t.in_start) : "-",
        named ? absl::StrCat(t.not_reached) : "-", t.failed,
        Seconds(t.until_kill / std::max(1, t.cycles)), Seconds(t.max_recovery));
    sum.cycles += t.cycles;
    sum.fired += t.fired;
    sum.in_start += t.in_start;
    sum.not_reached += t.not_reached;
    sum.failed += t.failed;
    sum.max_recovery = std::max(sum.max_recovery, t.max_recovery);
  }
  std::cout << absl::StrFormat("%-38s %6d %6d %8d %11d %8d %11s %12s\n", "total", sum.cycles,
                               sum.fired, sum.in_start, sum.not_reached, sum.failed, "",
                               Seconds(sum.max_recovery))
            << cycles << " cycles in " << Seconds(total) << " s ("
            << Seconds(total / std::max(1, cycles)) << " s a cycle)\n";
}

int Run(const Options& options) {
  const uint64_t seed = options.seed != 0 ? options.seed : std::random_device{}();
  std::string work = options.work_dir;
  if (work.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    work = absl::StrCat(tmp != nullptr ? tmp : "/tmp", "/crash_anywhere.", getpid());
  }
  std::error_code ec;
  fs::create_directories(work, ec);
  std::cout << "crash_anywhere: seed " << seed << ", " << options.cycles << " cycles in " << work
            << "\n";
  const std::string data_dir = work + "/store";
  const std::string backup_dir = work + "/backups";
  auto names = ProjectionNames(data_dir, backup_dir);
  if (!names.ok()) {
    std::cerr << "coopd does not start: " << names.status() << "\n";
    return 1;
  }
  std::mt19937 rng(seed);
  CrashLedger ledger;
  const std::vector<std::string> schedule = Schedule(options);
  std::map<std::string, Tally> by_point;
  std::map<std::string, int> outcomes, problems;
  int failures = 0;
  uint64_t reruns = 0, retries = 0, retried_duplicates = 0, rows = 0;
  const absl::Time began = absl::Now();
  int cycle = 0;
  for (; cycle < options.cycles; ++cycle) {
    CycleSetup setup;
    setup.cycle = cycle;
    setup.point = schedule[cycle % schedule.size()];
    setup.count = ArmCount(setup.point, &rng);
    setup.random_delay = absl::Milliseconds(300 + rng() % 4000);
    setup.max_load = absl::Seconds(options.max_load_seconds);
    setup.data_dir = data_dir;
    setup.backup_dir = backup_dir;
    setup.scratch_dir = work;
    setup.projections = *names;
    setup.seed = seed + cycle;
    CycleResult result;
    const absl::Status run = RunCycle(setup, &ledger, &result);
    Tally& tally = by_point[setup.point];
    ++tally.cycles;
    tally.fired += result.fired ? 1 : 0;
    tally.in_start += result.fired_in_start ? 1 : 0;
    const bool named = setup.point != kRandomKill;
    tally.not_reached += named && !result.fired ? 1 : 0;
    tally.failed += result.failures.empty() ? 0 : 1;
    tally.until_kill += result.until_kill;
    tally.max_recovery = std::max(tally.max_recovery, result.recovery);
    failures += static_cast<int>(result.failures.size());
    reruns += result.reruns;
    retries += result.retries;
    retried_duplicates += result.retried_duplicates;
    rows += result.rows;
    for (const auto& [call, n] : result.outcomes) outcomes[call] += n;
    for (const auto& problem : result.problems) ++problems[problem.substr(problem.find(':') + 2)];
    std::cout << absl::StrFormat(
        "cycle %3d  %-38s %s  head %6d  rows %6d  reruns %4d  retries %2d (%d dup)  "
        "restart %4s s  checks %4s s  %s\n",
        cycle, named ? absl::StrCat(setup.point, ":", setup.count) : "random",
        named ? (result.fired ? (result.fired_in_start ? "fired in start " : "fired          ")
                              : "NOT REACHED    ")
              : absl::StrFormat("after %-4s s    ", Seconds(result.until_kill)),
        result.head, result.rows, result.reruns, result.retries, result.retried_duplicates,
        Seconds(result.recovery), Seconds(result.checks),
        result.failures.empty() ? "ok" : "FAILED");
    for (const auto& failure : result.failures) std::cout << "    FAILED: " << failure << "\n";
    std::cout.flush();  // a cycle at a time, also into a file
    if (!run.ok()) {
      std::cout << "stopping: " << run.message() << "\n";
      ++cycle;
      break;
    }
  }
  PrintTable(schedule, by_point, absl::Now() - began, cycle);
  std::cout << "acknowledged over the run: " << ledger.raw_event_count() << " raw events, "
            << ledger.command_count() << " commands, " << ledger.person_count() << " persons, "
            << ledger.backups().size() << " backups\n"
            << "checked after the restarts: " << reruns
            << " acknowledged commands sent again (each a duplicate), " << retries
            << " unanswered commands and raw appends sent again (" << retried_duplicates
            << " already in the log, answered as duplicates), " << rows
            << " projection rows compared with a catch-up from scratch\n\ncalls by outcome:\n";
  for (const auto& [call, n] : outcomes) std::cout << absl::StrFormat("  %-50s %7d\n", call, n);
  if (!problems.empty()) std::cout << "\nrefusals (each a load that the rules should allow):\n";
  for (const auto& [problem, n] : problems) std::cout << "  " << n << " x " << problem << "\n";
  int unreached_points = 0;
  for (const auto& point : schedule) {
    if (point == kRandomKill) continue;
    auto it = by_point.find(point);
    if (it == by_point.end() || it->second.fired == 0) ++unreached_points;
  }
  if (!options.keep && failures == 0) fs::remove_all(work, ec);
  if (failures > 0) {
    std::cout << "\nFAILED: " << failures << " failures; the folder is kept: " << work << "\n";
    return 1;
  }
  if (options.require_every_point && unreached_points > 0) {
    std::cout << "\nFAILED: " << unreached_points << " kill point(s) never fired\n";
    return 1;
  }
  std::cout << "\nOK\n";
  return 0;
}

int Main(int argc, char** argv) {
  Options options;
  if (!ParseOptions(argc, argv, &options)) {
    std::cerr << kUsage;
    return 2;
  }
  return Run(options);
}

}  // namespace
}  // namespace coop::testing

int main(int argc, char** argv) { return coop::testing::Main(argc, argv); }
