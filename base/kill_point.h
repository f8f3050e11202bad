// KillPoint: named places in the write paths where a crash test may have the process killed
// with SIGKILL (kill -9), to prove that what was acknowledged survives a crash there and that
// the stores recover (tests/crash/crash_anywhere.cc, docs/operations.md "Faults").
//
// Armed only by the environment variable COOPD_KILL_POINT, read once when the program starts:
//   COOPD_KILL_POINT=NAME[:N]   SIGKILL the process the N-th time (default 1) NAME is reached.
// NAME must be one of kKillPoints; an unknown name or a bad N is reported on stderr and arms
// nothing. Just before the kill, one line goes to stderr:
//   "kill point NAME reached (N): SIGKILL"
// Unarmed (every production run), KillPoint costs one relaxed atomic load.
//
// Thread-safe: every function may be called from any thread; exactly one caller (the N-th)
// kills.
#ifndef COOPLEDGER_BASE_KILL_POINT_H_
#define COOPLEDGER_BASE_KILL_POINT_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace coop::base {

// Every named kill point, with where it is:
inline constexpr const char* kKillPoints[] = {
    // eventstore/rocks/rocks_writer.cc, the committer of a group commit: the batch is staged
    // (positions assigned), not yet written.
    "eventstore.group_commit.before_write",
    // The same, after the synced write and before the head is published and the calls are
    // answered.
    "eventstore.group_commit.after_write",
    // eventstore/rocks/rocks_event_store.cc Compact: after each column family's manual
    // compaction (the N-th reach: part way through the log's compaction).
    "eventstore.compact",
    // projections/projection_store.cc Commit: a page's rows and checkpoint staged, not written.
    "projections.page_commit.before",
    // The same, after the write.
    "projections.page_commit.after",
    // projections/projection_store.cc SwitchToBuilding (a rebuild's switch-over): the building
    // generation flushed, the synced pointer to it not yet written.
    "projections.switch_over.before",
    // The same, after the pointer is written, before the old generation is dropped.
    "projections.switch_over.after",
    // projections/projection_store.cc Compact: after each generation's manual compaction.
    "projections.compact",
    // backup/writer.cc: after each chunk a backup copies into its unfinished folder.
    "backup.copy",
    // backup/writer.cc: the manifest written, the folder not yet renamed into place.
    "backup.before_rename",
    // vault/person_vault.cc Write (a person recorded or updated): sealed, before the synced
    // batch.
    "vault.write.before",
    // The same, after the synced batch, before the caller is answered.
    "vault.write.after",
    // vault/person_vault_erasure.cc Erase: the erasure's batch (tombstone, purge mark) synced,
    // its purge (flush and compaction) not yet done.
    "vault.erase.before_purge",
};

// Kills the process (SIGKILL) if `name` is the armed point and this is the N-th time it is
// reached. REQUIRES: `name` is one of kKillPoints.
void KillPoint(const char* name);

// Whether `name` is one of kKillPoints.
bool IsKillPoint(absl::string_view name);

// For unit tests: arms as COOPD_KILL_POINT would ("NAME[:N]"), counting from zero; "" disarms.
// INVALID_ARGUMENT (arming nothing) for an unknown name or an N that is not a whole number
// >= 1.
absl::Status ArmKillPointForTest(absl::string_view spec);

// The armed point's name ("" when unarmed) and how often it has been reached since armed.
std::string ArmedKillPoint();
uint64_t KillPointReached();

}  // namespace coop::base

#endif  // COOPLEDGER_BASE_KILL_POINT_H_
