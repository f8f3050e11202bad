// A consistent copy of an open RocksDB database in a new folder (RocksDB's Checkpoint): what a
// store hands the online backup (backup/). Tables are hard-linked where the folder is on the
// same file system as the database, copied otherwise; the write-ahead log is copied up to the
// last complete write, so the copy holds every write that had completed when it was taken and
// none in part. Another process opens the folder as an ordinary database. Thread-safe: writes
// may go on meanwhile.
#ifndef COOPLEDGER_BASE_ROCKS_CHECKPOINT_H_
#define COOPLEDGER_BASE_ROCKS_CHECKPOINT_H_

#include <string>

#include "absl/status/status.h"
#include "rocksdb/db.h"

namespace coop::base {

// `dir` must not exist (its parent must). FAILED_PRECONDITION if it does; otherwise
// FromRocks's errors (rocks_status.h), after which a partial `dir` may be left to remove.
absl::Status CheckpointRocks(rocksdb::DB* db, const std::string& dir);

}  // namespace coop::base

#endif  // COOPLEDGER_BASE_ROCKS_CHECKPOINT_H_
