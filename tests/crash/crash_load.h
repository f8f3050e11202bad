// CrashLoad: one cycle's mixed load on a running coopd, from real gRPC clients, each on its own
// thread until Stop: commands (Registry.RegisterCooperative, ReportCooperativeMembership,
// Programs.PlaceGraduate with a person the vault recorded), raw appends to non-domain streams
// (EventStore.Append, one or two streams), vault writes (People.RecordPerson, UpdatePerson,
// ForgetPerson), a live subscription (EventStore.Subscribe), and an administrator's round of
// Reporting.RebuildProjection, Admin.CompactStores and Admin.CreateBackup. Everything answered
// OK goes into the CrashLedger; a call without an answer (the server died) is left out, as a
// client would have to retry it.
//
// Thread-compatible: Start and Stop from one thread; the ledger is thread-safe.
#ifndef COOPLEDGER_TESTS_CRASH_CRASH_LOAD_H_
#define COOPLEDGER_TESTS_CRASH_CRASH_LOAD_H_

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "tests/crash/crash_ledger.h"

namespace coop::testing {

struct CrashLoadOptions {
  std::string address;
  int cycle = 0;
  uint64_t seed = 1;
  // The projections an administrator rebuilds, one per round, in turn.
  std::vector<std::string> projections;
};

class CrashLoad {
 public:
  CrashLoad(CrashLedger* ledger, CrashLoadOptions options);
  ~CrashLoad();  // Stop()

  void Start();
  // Ends every client at its next call (a subscription at once) and joins them. Idempotent.
  void Stop();

  // "method: CODE" -> how many calls ended so, over the cycle (OK included).
  std::map<std::string, int> outcomes() const;

 private:
  void Commands();
  void RawAppends(int client);
  void People();
  void Subscribe();
  void Administer();
  // Counts the outcome; true if OK. A refusal the load does not expect is a ledger problem.
  bool Outcome(const std::string& method, const grpc::Status& status);
  std::unique_ptr<grpc::ClientContext> Context(int timeout_ms = 10'000) const;
  // A pause between calls; shorter than a call.
  void Pause(int millis) const;

  CrashLedger* const ledger_;
  const CrashLoadOptions options_;
  std::shared_ptr<grpc::Channel> channel_;
  std::atomic<bool> stopping_{false};
  std::vector<std::thread> threads_;
  mutable absl::Mutex mu_;
  std::map<std::string, int> outcomes_ ABSL_GUARDED_BY(mu_);
  grpc::ClientContext* subscription_ ABSL_GUARDED_BY(mu_) = nullptr;
};

}  // namespace coop::testing

#endif  // COOPLEDGER_TESTS_CRASH_CRASH_LOAD_H_
