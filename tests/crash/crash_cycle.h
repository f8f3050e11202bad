// One cycle of the crash driver (tests/crash/README.md): coopd started on the run's data folder
// with a kill point armed (or none, for "random"), the mixed load until coopd dies at the point
// (or is killed with SIGKILL after a random delay, or after the cycle's time is up), then coopd
// restarted unarmed and every check of crash_checks.h, then a clean catch-up of the same log in
// a copy of the folder to compare the projections with.
//
// Thread-compatible: one cycle at a time.
#ifndef COOPLEDGER_TESTS_CRASH_CRASH_CYCLE_H_
#define COOPLEDGER_TESTS_CRASH_CRASH_CYCLE_H_

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "tests/crash/crash_ledger.h"

namespace coop::testing {

inline constexpr char kRandomKill[] = "random";

struct CycleSetup {
  int cycle = 0;
  std::string point;                            // a name of base::kKillPoints, or kRandomKill
  uint64_t count = 1;                           // the N-th reach kills (named points)
  absl::Duration random_delay;                  // kRandomKill: when to kill after the load starts
  absl::Duration max_load = absl::Seconds(15);  // then SIGKILL, the point not reached
  std::string data_dir;
  std::string backup_dir;
  std::string scratch_dir;  // for the clean catch-up's copy
  std::vector<std::string> projections;
  uint64_t seed = 1;
};

struct CycleResult {
  bool fired = false;               // the point's line is in coopd's log
  bool fired_in_start = false;      // before coopd served
  absl::Duration until_kill;        // from the load's start
  absl::Duration recovery;          // the unarmed restart, to SERVING
  absl::Duration checks;            // every check, the clean catch-up included
  uint64_t head = 0;                // the log after the restart
  uint64_t rows = 0;                // projection rows compared with the clean catch-up's
  uint64_t reruns = 0;              // acknowledged commands sent again
  uint64_t retries = 0;             // unanswered commands sent again and answered
  uint64_t retried_duplicates = 0;  // of those, already in the log: answered as duplicates
  std::vector<std::string> failures;
  std::vector<std::string> problems;    // the load's refusals
  std::map<std::string, int> outcomes;  // the load's calls
};

// The N-th reach at which a named point kills: small enough that the load reaches it within a
// few seconds, random so that successive cycles kill at different moments.
uint64_t ArmCount(const std::string& point, std::mt19937* rng);

// Runs one cycle. A non-OK status means the run cannot go on (coopd no longer starts on the
// folder); the cycle's failures say what else was found.
absl::Status RunCycle(const CycleSetup& setup, CrashLedger* ledger, CycleResult* result);

// Starts coopd on `data_dir` unarmed, reads the projections' names and stops it.
absl::StatusOr<std::vector<std::string>> ProjectionNames(const std::string& data_dir,
                                                         const std::string& backup_dir);

}  // namespace coop::testing

#endif  // COOPLEDGER_TESTS_CRASH_CRASH_CYCLE_H_
