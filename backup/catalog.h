// The backups kept in a backup folder (layout.h): reading and writing manifests, listing the
// finished backups, and retention — keeping the newest K and removing the tables no backup
// kept holds any more. Not thread-safe for one folder: the backup writer (writer.h) holds its
// lock around the calls that change the folder.
#ifndef COOPLEDGER_BACKUP_CATALOG_H_
#define COOPLEDGER_BACKUP_CATALOG_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "coop/v1/admin.pb.h"

namespace coop::backup {

inline constexpr uint32_t kManifestFormat = 1;

// Reads `backup_folder`/backup.json. NOT_FOUND if there is none (not a finished backup);
// DATA_LOSS if it does not parse or has another format version.
absl::StatusOr<coop::v1::BackupManifest> ReadManifest(const std::string& backup_folder);
// Writes it, synced, under a temporary name renamed into place.
absl::Status WriteManifest(const std::string& backup_folder,
                           const coop::v1::BackupManifest& manifest);

// The finished backups, oldest first (each manifest's info, path set). An absent folder has
// none. A backup whose manifest is damaged is DATA_LOSS naming it.
absl::StatusOr<std::vector<coop::v1::BackupInfo>> ListBackups(const std::string& backup_dir);
// Visits every file of every finished backup, oldest backup first.
absl::Status ForEachKeptFile(
    const std::string& backup_dir,
    const std::function<void(const coop::v1::BackupInfo&, const coop::v1::BackupFile&)>& visit);
// The id the next backup gets: one more than any folder there, finished or not.
absl::StatusOr<uint64_t> NextBackupId(const std::string& backup_dir);

// Removes the oldest finished backups beyond `keep` (keep >= 1), unfinished folders (a backup
// that failed or was cut off by a crash) and the shared tables no remaining manifest names.
// Returns the ids removed. REQUIRES: no backup is being written.
absl::StatusOr<std::vector<uint64_t>> ApplyRetention(const std::string& backup_dir, uint32_t keep);

}  // namespace coop::backup

#endif  // COOPLEDGER_BACKUP_CATALOG_H_
