// Copying and hashing the files of a backup: every byte copied is hashed on the way (SHA-256),
// and every file written is synced before its copy counts. Thread-compatible; pure but for
// the file system.
#ifndef COOPLEDGER_BACKUP_FILE_COPY_H_
#define COOPLEDGER_BACKUP_FILE_COPY_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace coop::backup {

struct FileDigest {
  uint64_t size = 0;
  std::string sha256;  // 32 raw bytes
};

// Called with the bytes just copied or read; true stops the work with CANCELLED.
using ByteProgress = std::function<bool(uint64_t bytes)>;

// Copies `from` to the new file `to` (mode `mode`), syncs it and returns what was copied.
// UNAVAILABLE naming the path for an I/O error (a full disk among them), after which `to`
// is removed; ALREADY_EXISTS if `to` exists; CANCELLED if `progress` says so.
absl::StatusOr<FileDigest> CopyFileHashed(const std::string& from, const std::string& to,
                                          unsigned mode, const ByteProgress& progress);

// Reads the file and returns its size and SHA-256. NOT_FOUND / UNAVAILABLE naming the path.
absl::StatusOr<FileDigest> HashFile(const std::string& path, const ByteProgress& progress);

// What is in a folder, read without exceptions (std::filesystem's iterators throw from ++).
struct FolderEntry {
  std::string path;
  std::string name;
  bool is_file = false;
  bool is_folder = false;
  uint64_t size = 0;  // files only
};
// The entries of `folder` (and of its subfolders if `recursive`). UNAVAILABLE naming the folder
// if it cannot be read; an absent folder has none.
absl::StatusOr<std::vector<FolderEntry>> ListFolder(const std::string& folder, bool recursive);

// Fsyncs a file's contents. UNAVAILABLE naming it.
absl::Status SyncFile(const std::string& path);
// Fsyncs a folder, so the names created in it last. UNAVAILABLE naming it.
absl::Status SyncDirectory(const std::string& folder);

}  // namespace coop::backup

#endif  // COOPLEDGER_BACKUP_FILE_COPY_H_
