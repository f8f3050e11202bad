// The crash driver's checks after a restart (tests/crash/README.md): each appends what it finds
// wrong, in words, to `failures`, and goes on.
//
// Over gRPC, on the restarted coopd (unarmed): the whole log read back; every acknowledged raw
// append at its position, every acknowledged command's last event at its position in its
// stream, every event a subscription received at its position; VerifyLog; the cycle's
// acknowledged commands sent again, answered as duplicates with the same result; the backups
// listed, their heads in the log, the newest verified.
// Offline, once it has stopped: every projection's rows and checkpoint read from the projection
// store (to compare with a clean catch-up's), and the person vault: every person ref of the log
// held or erased as the log says, every acknowledged person write readable.
//
// Thread-compatible: one caller at a time.
#ifndef COOPLEDGER_TESTS_CRASH_CRASH_CHECKS_H_
#define COOPLEDGER_TESTS_CRASH_CRASH_CHECKS_H_

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "tests/crash/crash_ledger.h"

namespace coop::testing {

// One event of the log as the checks need it.
struct LogEvent {
  std::string id;  // lower case
  std::string stream;
  uint64_t version = 0;
  std::string type;
  std::string hash;
  std::string person_ref;  // of a GraduatePlaced or a PersonErased
};
// The whole log: position p at index p - 1.
using Log = std::vector<LogEvent>;

using Failures = std::vector<std::string>;

// Reads positions 1.. to the head; INTERNAL naming the position if one is missing or out of
// order.
absl::StatusOr<Log> ReadWholeLog(const std::shared_ptr<grpc::Channel>& channel);
// The refs the log erased (PersonErased) and those it placed (GraduatePlaced).
std::set<std::string> ErasedRefs(const Log& log);
std::set<std::string> PlacedRefs(const Log& log);

// Every projection's name, state and position (GetProjectionStatus).
absl::StatusOr<std::map<std::string, std::pair<std::string, uint64_t>>> ProjectionStates(
    const std::shared_ptr<grpc::Channel>& channel);
// Waits until every projection is live at `head`; DEADLINE_EXCEEDED naming the laggards.
absl::Status WaitLiveAt(const std::shared_ptr<grpc::Channel>& channel, uint64_t head,
                        absl::Duration timeout);

void CheckAcknowledged(const Log& log, const CrashLedger& ledger, Failures* failures);
void CheckVerifyLog(const std::shared_ptr<grpc::Channel>& channel, uint64_t head,
                    Failures* failures);
// Sends again every command the ledger has from `cycle`.
void CheckReruns(const std::shared_ptr<grpc::Channel>& channel, const CrashLedger& ledger,
                 int cycle, const Log& log, Failures* failures);
// Sends again every command and raw append left unanswered when coopd died, as a client would:
// one whose first event the log holds must answer as a duplicate of it, one the log does not
// hold is carried out now (a command may be refused by a rule: a note in `notes`). What is
// answered OK goes into the ledger as acknowledged in `cycle`. Appends to the log: read it again
// afterwards.
struct Retried {
  uint64_t sent = 0;
  uint64_t duplicates = 0;  // the log held them already
};
Retried CheckRetries(const std::shared_ptr<grpc::Channel>& channel, CrashLedger* ledger, int cycle,
                     const Log& log, Failures* failures, std::vector<std::string>* notes);
// The newest acknowledged backup still listed (or retention made way for newer ones).
void CheckBackups(const std::shared_ptr<grpc::Channel>& channel, const CrashLedger& ledger,
                  const Log& log, Failures* failures);

// Offline (no coopd on `data_dir`).
using ProjectionRows = std::map<std::string, std::vector<std::pair<std::string, std::string>>>;
// Every projection's rows; a checkpoint other than `head` is a failure.
ProjectionRows ReadProjectionRows(const std::string& data_dir,
                                  const std::vector<std::string>& names, uint64_t head,
                                  Failures* failures);
// `got` against `clean` (a catch-up from scratch of the same log), naming the first difference.
void CompareProjections(const ProjectionRows& got, const ProjectionRows& clean, Failures* failures);
// The vault against the log and the ledger; settles the ledger's unanswered updates to what
// the vault holds.
void CheckVault(const std::string& data_dir, const Log& log, CrashLedger* ledger,
                Failures* failures);

}  // namespace coop::testing

#endif  // COOPLEDGER_TESTS_CRASH_CRASH_CHECKS_H_
