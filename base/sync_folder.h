// SyncFolder: makes everything in a folder durable — fsyncs every regular file under it, then
// every folder, deepest first, then the folder's parent (which holds its name). For a tool that
// wrote a database without a sync per write (the offline restore) and must not report success
// before the data has reached the disk. Thread-compatible; pure but for the file system.
#ifndef COOPLEDGER_BASE_SYNC_FOLDER_H_
#define COOPLEDGER_BASE_SYNC_FOLDER_H_

#include <string>

#include "absl/status/status.h"

namespace coop::base {

// UNAVAILABLE naming the path if a file or folder cannot be opened or synced.
absl::Status SyncFolder(const std::string& folder);

}  // namespace coop::base

#endif  // COOPLEDGER_BASE_SYNC_FOLDER_H_
