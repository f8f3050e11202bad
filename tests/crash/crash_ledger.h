// CrashLedger: what the crash driver's clients were told was done (tests/crash/README.md) — every
// acknowledged raw append, command, person write and backup — and every event a subscription
// received, across all the cycles of a run, so that the checks after each restart can demand
// it. Thread-safe: the load's threads record concurrently; the checks read between cycles.
#ifndef COOPLEDGER_TESTS_CRASH_CRASH_LEDGER_H_
#define COOPLEDGER_TESTS_CRASH_CRASH_LEDGER_H_

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "coop/v1/admin.pb.h"

namespace coop::testing {

// The commands the load sends, each rerun by command id after a restart.
enum class CommandKind {
  kRegisterCooperative,
  kReportMembership,
  kPlaceGraduate,
  kRecordPerson,
  kForgetPerson,
};
const char* CommandKindName(CommandKind kind);

// One acknowledged command and what it answered.
struct AckedCommand {
  CommandKind kind;
  std::string request;  // the serialized request, sent again unchanged
  std::string stream_id;
  uint64_t version = 0;   // the stream's version after it
  uint64_t position = 0;  // its last event's position (0 for RecordPerson: no event)
  std::string answer;     // the aggregate id, or the person ref of RecordPerson
  int cycle = 0;
};

// A command sent without an answer (the server died meanwhile): a client would send it again.
struct UnansweredCommand {
  CommandKind kind;
  std::string request;  // serialized
  int cycle = 0;
};

// A person the vault acknowledged recording.
struct PersonRecord {
  std::string ref;
  std::string details;                  // the serialized PersonDetails last acknowledged
  std::vector<std::string> unanswered;  // details sent since, with no answer: each may be stored
  bool placed = false;                  // a PlaceGraduate naming it was acknowledged
  bool forget_sent = false;             // a ForgetPerson was sent (answered or not)
  bool forgotten = false;               // and acknowledged
};

class CrashLedger {
 public:
  // An acknowledged raw append: the events' ids, from `first_position` on, in request order.
  void RawAppended(const std::vector<std::string>& event_ids, uint64_t first_position);
  void Commanded(AckedCommand command);
  void Unanswered(UnansweredCommand command);
  // A raw append (a serialized coop.v1.AppendRequest) sent without an answer.
  void UnansweredAppend(std::string request);
  std::vector<std::string> TakeUnansweredAppends();
  // The commands left unanswered since the last call.
  std::vector<UnansweredCommand> TakeUnanswered();
  void CooperativeRegistered(const std::string& cooperative_id);
  void PersonRecorded(const std::string& ref, const std::string& details);
  // Before an UpdatePerson is sent; then UpdateAnswered once it is acknowledged.
  void UpdateSent(const std::string& ref, const std::string& details);
  void UpdateAnswered(const std::string& ref, const std::string& details);
  void ForgetSent(const std::string& ref);
  void ForgetAnswered(const std::string& ref);
  void Placed(const std::string& ref);
  // An event a subscription received (only durable events may be sent).
  void Received(uint64_t position, const std::string& event_id);
  void BackedUp(const coop::v1::BackupInfo& info);
  // Something wrong seen by the load itself (a subscription's gap, an unexpected refusal).
  void Problem(const std::string& what);
  std::vector<std::string> TakeProblems();

  // Picks for the load (nullopt when there is none yet).
  std::optional<std::string> AnyCooperative(std::mt19937* rng) const;
  // A person recorded, not forgotten nor being forgotten; `unplaced`: nor placed.
  std::optional<std::string> AnyPerson(std::mt19937* rng, bool unplaced) const;

  // Snapshots for the checks.
  std::map<std::string, uint64_t> raw_events() const;
  std::vector<AckedCommand> commands() const;
  std::map<std::string, PersonRecord> persons() const;
  std::map<uint64_t, std::string> received() const;
  std::vector<coop::v1::BackupInfo> backups() const;
  // After a check has read the vault: `ref`'s details are now `details` (one of those the
  // ledger allowed), with nothing unanswered.
  void Settle(const std::string& ref, const std::string& details);
  // Counts for the report.
  size_t raw_event_count() const;
  size_t command_count() const;
  size_t person_count() const;

 private:
  mutable absl::Mutex mu_;
  std::map<std::string, uint64_t> raw_events_ ABSL_GUARDED_BY(mu_);  // id -> position
  std::vector<AckedCommand> commands_ ABSL_GUARDED_BY(mu_);
  std::vector<UnansweredCommand> unanswered_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> unanswered_appends_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> cooperatives_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, PersonRecord> persons_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> person_refs_ ABSL_GUARDED_BY(mu_);  // for random picks
  std::map<uint64_t, std::string> received_ ABSL_GUARDED_BY(mu_);
  std::vector<coop::v1::BackupInfo> backups_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> problems_ ABSL_GUARDED_BY(mu_);
};

}  // namespace coop::testing

#endif  // COOPLEDGER_TESTS_CRASH_CRASH_LEDGER_H_
