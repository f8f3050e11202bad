// The offline restore of an online backup (`coopd restore-backup BACKUP DATA_DIR`): fills a
// new data folder that a server then opens as it was when the backup was taken — the same log
// head, chain head and tree root (checked here), the same projections and vault.
//   1. Every file is copied and checked against the manifest's size and SHA-256.
//   2. The keys: the backup's if it holds them; otherwise the master key must be given (a
//      backup leaves it out by default) and is written into the folder (mode 0600). Without a
//      signing key the server creates a new one at its first start.
//   3. The vault is opened with the key (a wrong key stops the restore) and every erasure of
//      the erasure journal (erasure_journal.h) is applied, so an erasure recorded after the
//      backup is not undone by it.
//   4. The log is opened and its heads checked against the manifest.
// All of it happens in DATA_DIR.restoring, synced, then renamed to DATA_DIR: a failed restore
// leaves no half-filled data folder. Not thread-safe: one restore per process.
#ifndef COOPLEDGER_BACKUP_RESTORE_H_
#define COOPLEDGER_BACKUP_RESTORE_H_

#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "coop/v1/admin.pb.h"

namespace coop::backup {

struct RestoreOptions {
  // The vault's master key file; required unless the backup holds the keys.
  std::string master_key_file;
  // The tree-head signing key (PEM); optional.
  std::string signing_key_file;
  // The erasure journal to apply. Empty: <backup_dir>/erasures.jsonl of the backup's folder,
  // which must exist (a server with --backup_dir makes it), unless `without_erasure_journal`.
  std::string erasure_journal;
  // Restore without one (none was ever kept): erasures after the backup are then not applied.
  bool without_erasure_journal = false;
  // Progress lines, Vietnamese then English (may be empty).
  std::function<void(absl::string_view)> progress;
};

struct BackupRestoreReport {
  coop::v1::BackupInfo backup;
  uint64_t files = 0;
  uint64_t bytes = 0;
  uint64_t erasures_applied = 0;  // journal entries later than the backup's log
  bool signing_key_restored = false;
};

// Errors: NOT_FOUND / DATA_LOSS for a missing or damaged backup (naming the file);
// FAILED_PRECONDITION if `data_dir` holds anything, if the master key is needed and not given,
// or if the vault does not open with it; DATA_LOSS if the restored log's heads are not the
// manifest's; UNAVAILABLE for I/O errors.
absl::StatusOr<BackupRestoreReport> RestoreBackup(const std::string& backup_folder,
                                                  const std::string& data_dir,
                                                  const RestoreOptions& options);

}  // namespace coop::backup

#endif  // COOPLEDGER_BACKUP_RESTORE_H_
