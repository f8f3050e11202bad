// The log's erasures, applied to the person vault. The log is the truth about who was erased
// (coop.v1.PersonErased, stream person-<ref>); the vault follows it:
//   - ErasureOf turns an erasure event into the vault's tombstone (day, ground, time, position);
//   - ReapplyErasures, run by CoopServer::Start after the store and the vault are open and
//     before anything is served, reads the log's erasure events (ReadAll filtered on their
//     type) and erases every ref still held — so that putting back an older copy of the vault,
//     or a crash between the event's append and the vault's erasure, erases again — and writes
//     the tombstone of a ref the vault never held (a node restored without personal data), so
//     that its details are never recorded here either.
// The vault remembers the position it read through and the event id there: the next start
// reads only what follows, unless the log no longer has that event there (another or a restored
// log), in which case it reads the whole log again. An older vault copy has an older mark, so
// it reads the erasures recorded since.
//
// Blocks on the store and the vault: call at start-up, or from a worker thread. Thread-safe.
#ifndef COOPLEDGER_SERVICES_ERASURE_REPLAY_H_
#define COOPLEDGER_SERVICES_ERASURE_REPLAY_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "backup/erasure_journal.h"
#include "base/json_log.h"
#include "coop/v1/event.pb.h"
#include "coop/v1/people.pb.h"
#include "eventstore/event_store.h"
#include "vault/person_vault.h"

namespace coop::services {

// The tombstone an erasure event leaves in the vault. DATA_LOSS if its payload does not parse.
absl::StatusOr<coop::v1::PersonErasure> ErasureOf(const coop::v1::RecordedEvent& event);

struct ReapplyReport {
  uint64_t read_from = 0;  // the first position read (1: the whole log)
  uint64_t events = 0;     // erasure events found
  uint64_t erased = 0;     // refs whose details were still held, now erased
};

// Applies every erasure of the log the vault has not applied yet (above). `log` (may be null)
// gets one line when something was erased again. `journal` (may be null: no --backup_dir)
// records each erasure read, so that one whose server stopped before it reached the journal
// gets there at the next start (backup/erasure_journal.h).
absl::StatusOr<ReapplyReport> ReapplyErasures(eventstore::EventStore* store,
                                              vault::PersonVault* vault, const base::JsonLog* log,
                                              backup::ErasureJournal* journal);

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_ERASURE_REPLAY_H_
