// The offline restore of a log from an export (`coopd restore EXPORT DATA_DIR`): fills an
// empty data folder with the export's events at their positions, stream versions and
// recorded-at times, so the restored log has the same chain head and the same Merkle tree
// head as the one exported. It is the one raw path into the domain's streams: nothing else
// writes a domain event except through a command; the events restored were decided by
// commands on the node that recorded them.
//
// How: each line is checked as it is read (verify/chain_link.h: every hash recomputed from the
// envelope's fields; a line that disagrees stops the restore, naming its position). Events are
// appended through the event store's ordinary path with a clock set to each event's
// recorded_at; consecutive events with one recorded_at go in one append (split where a stream
// would repeat, or at the store's limits), so every position comes out where it was. The
// store recomputes every hash itself; after each append its chain head must equal the
// export's. The folder is synced before the restore reports success, and removed again if it
// fails. The export carries no personal data: person refs in the restored events have no
// details on this node.
//
// Not thread-safe: one restore per process; the folder must not be open elsewhere.
#ifndef COOPLEDGER_SERVICES_LOG_RESTORE_H_
#define COOPLEDGER_SERVICES_LOG_RESTORE_H_

#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/statusor.h"

namespace coop::services {

struct RestoreReport {
  uint64_t events = 0;
  std::string chain_head;  // the hash of the last event
  std::string tree_root;   // MTH of positions 1..events
  // The export ended with its signed head, and that head's size and root are the restored
  // log's (its signature is the auditor's to check: coopctl audit verify).
  bool matched_signed_head = false;
};

// Restores the export at `export_path` into `data_dir`, which must not exist or be empty.
// `progress` (may be empty) hears the number of events restored now and then.
// Errors: FAILED_PRECONDITION if the folder holds anything; NOT_FOUND if the export cannot be
// opened; INVALID_ARGUMENT naming the line that is not an export line, or a signed head that
// is not the export's last line; DATA_LOSS naming the first position whose hashes disagree
// with its content or with the signed head; what the store answers otherwise.
absl::StatusOr<RestoreReport> RestoreLog(const std::string& export_path,
                                         const std::string& data_dir,
                                         const std::function<void(uint64_t)>& progress);

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_LOG_RESTORE_H_
