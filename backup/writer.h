// BackupWriter: the online backup of a running server (coop.v1.Admin/CreateBackup). One
// backup at a time, while appends, commands and queries go on:
//
//   1. A checkpoint of each database into a staging folder inside the data folder (hard links
//      to the live tables; base/rocks_checkpoint.h): the projections first, then the log, then
//      the person vault and its access log. So no projection is ahead of the log backed up, and
//      every person the log backed up names is in the vault backed up (or was erased).
//   2. The staged log is opened as a store of its own: its head, chain head and tree root are
//      the backup's, exactly.
//   3. Files go into the backup folder (layout.h). A table whose identity a kept backup holds
//      is shared, not copied (table_identity.h): the second backup copies only the tables
//      written since the first, and the small files. Every byte copied is hashed and synced.
//   4. The keys, only if asked (include_keys).
//   5. The manifest, written last; then the folder is renamed into place. A crash or an error
//      before that leaves an unfinished folder that the next backup removes, never a backup
//      that looks finished.
//   6. Retention: the newest `keep` backups stay; the others, and tables none of the rest
//      names, go.
//
// Thread-safe: a second Create while one runs is ABORTED. The sources must outlive the writer;
// Create must not run past their Close (the server stops its admin calls first).
#ifndef COOPLEDGER_BACKUP_WRITER_H_
#define COOPLEDGER_BACKUP_WRITER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "coop/v1/admin.pb.h"
#include "eventstore/event_store.h"
#include "projections/projection_store.h"
#include "vault/access_log.h"
#include "vault/person_vault.h"

namespace coop::backup {

// What a running server backs up. Not owned.
struct BackupSources {
  std::string data_dir;
  eventstore::EventStore* log = nullptr;
  projections::ProjectionStore* projections = nullptr;
  vault::PersonVault* vault = nullptr;
  vault::PersonAccessLog* access_log = nullptr;
  // The secret files the server reads (its flags, or their defaults in the data folder).
  std::string master_key_file;
  std::string signing_key_file;
};

struct BackupWriterOptions {
  std::string backup_dir;  // made absolute: the paths reported are
  uint32_t keep = 7;       // backups kept, at least 1
  // Progress lines, Vietnamese then English (may be empty).
  std::function<void(absl::string_view)> progress;
  // What time a backup is taken at. Empty: the system clock.
  std::function<absl::Time()> clock;
};

class BackupWriter {
 public:
  // Removes the staging folder a backup cut off by a crash left in the data folder.
  BackupWriter(BackupSources sources, BackupWriterOptions options);

  // Takes a backup (above). `cancelled` (may be empty) is asked between files and chunks:
  // true stops it with CANCELLED and keeps nothing of it. ABORTED while another backup runs
  // here or in another process on the same folder; UNAVAILABLE for I/O errors (a full disk
  // among them: nothing of this backup is kept; retry once fixed); DATA_LOSS if a live table
  // cannot be read.
  absl::StatusOr<coop::v1::BackupInfo> Create(bool include_keys,
                                              const std::function<bool()>& cancelled);

  const std::string& backup_dir() const { return options_.backup_dir; }
  const BackupSources& sources() const { return sources_; }
  uint32_t keep() const { return options_.keep; }

 private:
  absl::StatusOr<coop::v1::BackupInfo> CreateLocked(uint64_t id, bool include_keys,
                                                    const std::function<bool()>& cancelled);
  void Progress(absl::string_view line) const;

  const BackupSources sources_;
  const BackupWriterOptions options_;
  absl::Mutex mu_;
  bool running_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace coop::backup

#endif  // COOPLEDGER_BACKUP_WRITER_H_
