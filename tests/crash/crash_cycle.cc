#include "tests/crash/crash_cycle.h"

#include <signal.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/crash/crash_checks.h"
#include "tests/crash/crash_load.h"
#include "tests/e2e/coopd_process.h"
#include "tests/support/grpc_test_support.h"

namespace coop::testing {
namespace {

namespace fs = std::filesystem;

constexpr absl::Duration kLiveTimeout = absl::Seconds(120);

std::vector<std::string> ServerArgs(const CycleSetup& setup) {
  // Three backups kept: retention runs in most cycles.
  return {"--backup_dir", setup.backup_dir, "--backup_keep", "3"};
}

// coopd's log (stderr) from byte `from` on.
std::string LogSince(const std::string& path, uint64_t from) {
  std::ifstream in(path, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(from));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

uint64_t SizeOf(const std::string& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  return ec ? 0 : size;
}

std::string LastLines(const std::string& text, int lines) {
  size_t at = text.size();
  for (int i = 0; i <= lines && at != std::string::npos && at > 0; ++i) {
    at = text.rfind('\n', at - 1);
  }
  return at == std::string::npos ? text : text.substr(at + 1);
}

// The clean catch-up: a copy of the folder without its projections, caught up from position 0
// by a coopd of its own, stopped, its rows read.
ProjectionRows CleanCatchUp(const CycleSetup& setup, uint64_t head, Failures* failures) {
  const std::string clean = setup.scratch_dir + "/clean";
  std::error_code ec;
  fs::remove_all(clean, ec);
  fs::copy(setup.data_dir, clean, fs::copy_options::recursive, ec);
  if (ec) {
    failures->push_back(absl::StrCat("copying the data folder: ", ec.message()));
    return {};
  }
  fs::remove_all(clean + "/projections", ec);
  fs::remove(clean + "/LOCK", ec);
  CoopdProcess coopd;
  if (auto st = coopd.Start(clean, {}, 60'000); !st.ok()) {
    failures->push_back(absl::StrCat("the clean catch-up's coopd: ", st.message()));
    return {};
  }
  if (auto st = WaitLiveAt(TestChannel(coopd.address()), head, kLiveTimeout); !st.ok()) {
    failures->push_back(absl::StrCat("the clean catch-up: ", st.message()));
  }
  if (coopd.SignalAndWait(SIGTERM) != 0) {
    failures->push_back("the clean catch-up's coopd did not stop cleanly");
  }
  ProjectionRows rows = ReadProjectionRows(clean, setup.projections, head, failures);
  fs::remove_all(clean, ec);
  return rows;
}

// The restart and every check.
absl::Status Check(const CycleSetup& setup, CrashLedger* ledger, CycleResult* result) {
  Failures& failures = result->failures;
  CoopdProcess coopd;
  const absl::Time started = absl::Now();
  const uint64_t log_from = SizeOf(setup.data_dir + ".log");
  if (auto st = coopd.Start(setup.data_dir, ServerArgs(setup), 120'000); !st.ok()) {
    failures.push_back(absl::StrCat("coopd does not start after the kill: ", st.message(), "\n",
                                    LastLines(LogSince(coopd.log_path(), log_from), 20)));
    return absl::InternalError("coopd does not start on the data folder any more");
  }
  result->recovery = absl::Now() - started;
  std::error_code ec;
  if (fs::exists(setup.data_dir + "/backup-staging", ec)) {
    failures.push_back("a backup's staging folder is still in the data folder after the restart");
  }
  const absl::Time checking = absl::Now();
  auto channel = TestChannel(coopd.address());
  auto log = ReadWholeLog(channel);
  if (log.ok()) {
    // What a client would send again first; then the log as the rest of the checks see it.
    const Retried retried =
        CheckRetries(channel, ledger, setup.cycle, *log, &failures, &result->problems);
    result->retries = retried.sent;
    result->retried_duplicates = retried.duplicates;
    log = ReadWholeLog(channel);
  }
  if (!log.ok()) {
    failures.push_back(std::string(log.status().message()));
    return absl::OkStatus();
  }
  result->head = log->size();
  if (auto st = WaitLiveAt(channel, result->head, kLiveTimeout); !st.ok()) {
    failures.push_back(std::string(st.message()));
  }
  CheckAcknowledged(*log, *ledger, &failures);
  CheckVerifyLog(channel, result->head, &failures);
  CheckReruns(channel, *ledger, setup.cycle, *log, &failures);
  CheckBackups(channel, *ledger, *log, &failures);
  // Our connection closed first: while a client that has called a coop.v1 service stays
  // connected, coopd's shutdown waits out its whole grace period (5 s).
  channel.reset();
  if (coopd.SignalAndWait(SIGTERM) != 0) {
    failures.push_back("coopd did not stop cleanly on SIGTERM after the checks");
  }
  CheckVault(setup.data_dir, *log, ledger, &failures);
  const ProjectionRows rows =
      ReadProjectionRows(setup.data_dir, setup.projections, result->head, &failures);
  const ProjectionRows clean = CleanCatchUp(setup, result->head, &failures);
  if (!clean.empty()) CompareProjections(rows, clean, &failures);
  for (const auto& [name, projection] : rows) result->rows += projection.size();
  for (const auto& command : ledger->commands()) result->reruns += command.cycle == setup.cycle;
  result->checks = absl::Now() - checking;
  return absl::OkStatus();
}

}  // namespace

uint64_t ArmCount(const std::string& point, std::mt19937* rng) {
  auto upto = [rng](uint64_t n) { return 1 + (*rng)() % n; };
  if (point.starts_with("eventstore.group_commit")) return upto(150);
  if (point.starts_with("projections.page_commit")) return upto(150);
  if (point == "eventstore.compact" || point == "projections.compact") return upto(12);
  if (point.starts_with("projections.switch_over")) return upto(3);
  if (point == "backup.copy") return upto(40);
  if (point == "backup.before_rename") return upto(2);
  if (point.starts_with("vault.write")) return upto(25);
  if (point == "vault.erase.before_purge") return upto(2);
  return 1;
}

absl::Status RunCycle(const CycleSetup& setup, CrashLedger* ledger, CycleResult* result) {
  const bool named = setup.point != kRandomKill;
  const std::string marker = absl::StrCat("kill point ", setup.point, " reached");
  std::vector<std::string> env;
  if (named) env.push_back(absl::StrCat("COOPD_KILL_POINT=", setup.point, ":", setup.count));
  const uint64_t log_from = SizeOf(setup.data_dir + ".log");
  {
    CoopdProcess coopd;
    if (auto st = coopd.Start(setup.data_dir, ServerArgs(setup), 120'000, env); !st.ok()) {
      const std::string log = LogSince(coopd.log_path(), log_from);
      result->fired = result->fired_in_start = named && log.find(marker) != std::string::npos;
      if (!result->fired) {
        result->failures.push_back(
            absl::StrCat("coopd did not start armed: ", st.message(), "\n", LastLines(log, 20)));
        return absl::InternalError("coopd does not start on the data folder");
      }
    } else {
      CrashLoad load(ledger, {.address = coopd.address(),
                              .cycle = setup.cycle,
                              .seed = setup.seed,
                              .projections = setup.projections});
      const absl::Time began = absl::Now();
      load.Start();
      const absl::Time deadline = began + (named ? setup.max_load : setup.random_delay);
      while (coopd.Running() && absl::Now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
      const bool died = !coopd.Running();
      coopd.Kill();
      result->until_kill = absl::Now() - began;
      load.Stop();
      result->outcomes = load.outcomes();
      result->fired =
          named && LogSince(coopd.log_path(), log_from).find(marker) != std::string::npos;
      const int status = coopd.exit_status();
      if (died && !result->fired) {
        result->failures.push_back(
            absl::StrCat("coopd died by itself (", WIFSIGNALED(status) ? "signal " : "exit ",
                         WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status), "):\n",
                         LastLines(LogSince(coopd.log_path(), log_from), 20)));
      }
    }
  }
  result->problems = ledger->TakeProblems();
  return Check(setup, ledger, result);
}

absl::StatusOr<std::vector<std::string>> ProjectionNames(const std::string& data_dir,
                                                         const std::string& backup_dir) {
  CoopdProcess coopd;
  if (auto st = coopd.Start(data_dir, {"--backup_dir", backup_dir}, 120'000); !st.ok()) return st;
  auto states = ProjectionStates(TestChannel(coopd.address()));
  if (!states.ok()) return states.status();
  std::vector<std::string> names;
  for (const auto& [name, state] : *states) names.push_back(name);
  if (coopd.SignalAndWait(SIGTERM) != 0) return absl::InternalError("coopd did not stop cleanly");
  return names;
}

}  // namespace coop::testing
