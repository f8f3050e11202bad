// Copying one staged database (or the keys) into a backup being written: tables into the
// shared folder unless it holds them already, every other file into the backup's own files.
// Each file's manifest entry comes out with its size and SHA-256 (a shared table's from the
// manifest that first stored it, so it is not read again). Used by the backup writer only.
// Thread-compatible.
#ifndef COOPLEDGER_BACKUP_INGEST_H_
#define COOPLEDGER_BACKUP_INGEST_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "backup/file_copy.h"
#include "coop/v1/admin.pb.h"

namespace coop::backup {

class Ingest {
 public:
  // `backup_dir` holds the kept backups (their manifests tell which tables are shared and
  // their digests); `folder` is the backup being written.
  static absl::StatusOr<Ingest> Start(const std::string& backup_dir, const std::string& folder);

  // The files of the staged database `staged` (a RocksDB folder) as `component`: what must be
  // copied is planned, with its size; what is shared goes straight into the manifest.
  absl::Status PlanDatabase(absl::string_view component, const std::string& staged);
  // A secret file, copied with mode 0600.
  absl::Status PlanSecret(absl::string_view component, const std::string& path,
                          const std::string& name);
  uint64_t bytes_to_copy() const { return bytes_to_copy_; }

  // Copies what was planned. `progress` hears the bytes copied (true: stop, CANCELLED).
  absl::Status Copy(const ByteProgress& progress);

  // Every file planned, as the manifest lists them, and what was copied.
  const std::vector<coop::v1::BackupFile>& files() const { return files_; }
  uint64_t new_files() const { return new_files_; }
  uint64_t new_bytes() const { return new_bytes_; }

 private:
  struct PlannedCopy {
    std::string from;
    std::string to;  // absolute; a shared table goes under a temporary name, renamed once whole
    unsigned mode = 0644;
    size_t file_index = 0;  // into files_
  };
  Ingest(std::string backup_dir, std::string folder) : backup_dir_(backup_dir), folder_(folder) {}

  std::string backup_dir_;
  std::string folder_;
  std::map<std::string, FileDigest> shared_digests_;  // by path under the shared folder
  std::vector<coop::v1::BackupFile> files_;
  std::vector<PlannedCopy> copies_;
  uint64_t bytes_to_copy_ = 0;
  uint64_t new_files_ = 0;
  uint64_t new_bytes_ = 0;
};

}  // namespace coop::backup

#endif  // COOPLEDGER_BACKUP_INGEST_H_
