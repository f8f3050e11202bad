// Puts a backup's files back as a data folder (layout.h's components in their places), for
// the offline restore (restore.h) and for verifying a backup (verifier.h). Every file is
// checked against the manifest's size and SHA-256 as it is copied; a verification links the
// shared tables instead of copying them (they are hashed in place first), so that it costs
// no second copy. Thread-compatible.
#ifndef COOPLEDGER_BACKUP_MATERIALIZE_H_
#define COOPLEDGER_BACKUP_MATERIALIZE_H_

#include <cstdint>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "backup/file_copy.h"
#include "coop/v1/admin.pb.h"

namespace coop::backup {

struct MaterializeOptions {
  // Only these components (empty: all of them).
  std::set<std::string> components;
  // Hard-link shared tables instead of copying them (a scratch copy in the backup folder's
  // file system). Their contents are hashed either way.
  bool link_tables = false;
  ByteProgress progress;  // bytes read; true stops with CANCELLED
};

struct MaterializeReport {
  uint64_t files = 0;
  uint64_t bytes = 0;
};

// Fills `data_dir` (created if missing; the files must not exist) from the backup in
// `backup_folder` as `manifest` lists it. DATA_LOSS naming the first file that is missing or
// whose size or SHA-256 differs; UNAVAILABLE for I/O errors.
absl::StatusOr<MaterializeReport> Materialize(const std::string& backup_folder,
                                              const coop::v1::BackupManifest& manifest,
                                              const std::string& data_dir,
                                              const MaterializeOptions& options);

}  // namespace coop::backup

#endif  // COOPLEDGER_BACKUP_MATERIALIZE_H_
