// Small files that hold secrets (the person vault's master key, the tree-head signing key):
// read only if no one but the owner may read them, created only whole and only once, with mode
// 0600. Not thread-safe with respect to the file system (two processes creating the same file:
// one wins, the other reads the winner's). Functions are otherwise pure.
#ifndef COOPLEDGER_BASE_SECRET_FILE_H_
#define COOPLEDGER_BASE_SECRET_FILE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace coop::base {

// The bytes of the secret file at `path`, which `what` names in errors ("master key file").
// NOT_FOUND if it does not exist; FAILED_PRECONDITION if it is not a regular file or group or
// others may access it (saying how to fix it); INVALID_ARGUMENT if it holds more than 4 KiB;
// UNAVAILABLE for other I/O errors. The read buffer is wiped.
absl::StatusOr<std::string> ReadSecretFile(const std::string& path, const std::string& what);

// Creates `path` (and its folder) holding `contents`, mode 0600, synced, then synced into its
// folder: written under a temporary name and linked into place, so a crash never leaves a
// partial file and a file another process created meanwhile is never overwritten
// (ALREADY_EXISTS then). UNAVAILABLE for I/O errors.
absl::Status CreateSecretFile(const std::string& path, const std::string& contents,
                              const std::string& what);

}  // namespace coop::base

#endif  // COOPLEDGER_BASE_SECRET_FILE_H_
