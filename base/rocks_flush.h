// Flushes RocksDB column families' memtables into tables and waits: what the event store and
// the projection store do on a clean close (so the next start replays no write-ahead log), and
// the projection store before a logged write that follows unlogged ones. Thread-safe (as
// rocksdb::DB::Flush).
#ifndef COOPLEDGER_BASE_ROCKS_FLUSH_H_
#define COOPLEDGER_BASE_ROCKS_FLUSH_H_

#include <vector>

#include "absl/status/status.h"
#include "rocksdb/db.h"

namespace coop::base {

// Waits for the flush, stalling writes if it must. The error: FromRocks's (rocks_status.h); the
// write-ahead log then still holds every write.
absl::Status FlushFamilies(rocksdb::DB* db,
                           const std::vector<rocksdb::ColumnFamilyHandle*>& families);

}  // namespace coop::base

#endif  // COOPLEDGER_BASE_ROCKS_FLUSH_H_
