// Where an online backup keeps things, under the server's --backup_dir:
//
//   <backup_dir>/backups/000001/backup.json    the manifest (coop.v1.BackupManifest), written last
//   <backup_dir>/backups/000001/files/<component>/<name>   this backup's own files
//   <backup_dir>/shared/<component>/<table identity>.sst    tables, shared by every backup
//                                                           that holds them
//   <backup_dir>/erasures.jsonl                  every erasure since backups began
//   (erasure_journal.h) <backup_dir>/backups/.000002.partial/        a backup being written
//   (removed if it fails)
//
// and, while a backup is taken, a staging folder inside the data folder (checkpoints there are
// hard links to the live tables). The parts of a data folder ("components") and where each
// lives in it are listed here once. Pure; thread-safe.
#ifndef COOPLEDGER_BACKUP_LAYOUT_H_
#define COOPLEDGER_BACKUP_LAYOUT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace coop::backup {

// The RocksDB databases of a data folder, in the order a backup takes them: projections
// before the log (so no projection is ahead of the log backed up), the vault after it (so
// every person the log names is in the vault backed up, or was erased).
inline constexpr absl::string_view kProjections = "projections";
inline constexpr absl::string_view kEvents = "events";
inline constexpr absl::string_view kPeople = "people";
inline constexpr absl::string_view kPeopleAccess = "people-access";
// The secret files, only when asked for.
inline constexpr absl::string_view kKeys = "keys";
inline constexpr absl::string_view kMasterKeyName = "master.key";
inline constexpr absl::string_view kSigningKeyName = "tree-head-signing.pem";

std::vector<absl::string_view> DatabaseComponents();

// The folder of `component` in a data folder: the folder itself for the log, a subfolder
// for the others, the folder itself for the keys.
std::string ComponentFolder(const std::string& data_dir, absl::string_view component);

std::string BackupsFolder(const std::string& backup_dir);
std::string SharedFolder(const std::string& backup_dir);
std::string ErasureJournalPath(const std::string& backup_dir);
// "000042".
std::string BackupName(uint64_t id);
std::string BackupFolder(const std::string& backup_dir, uint64_t id);
std::string ManifestPath(const std::string& backup_folder);
// The id named by a backup folder's name; nullopt for any other name (.partial folders).
std::optional<uint64_t> BackupIdOf(absl::string_view folder_name);
// Inside the data folder: where a backup's checkpoints are staged.
std::string StagingFolder(const std::string& data_dir);

}  // namespace coop::backup

#endif  // COOPLEDGER_BACKUP_LAYOUT_H_
