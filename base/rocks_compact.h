// Compacts RocksDB column families now (manual compaction), one after another: what
// coop.v1.Admin/CompactStores does to the event log and the projection store, so that an
// operator can reclaim space and settle the tables at a quiet hour. Reads and writes go on
// meanwhile (RocksDB's own background compactions too). Thread-safe (as
// rocksdb::DB::CompactRange); a crash at any moment leaves the database as RocksDB's recovery
// finds it, every write kept (tests/crash/crash_anywhere.cc kills inside it).
#ifndef COOPLEDGER_BASE_ROCKS_COMPACT_H_
#define COOPLEDGER_BASE_ROCKS_COMPACT_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "absl/status/statusor.h"
#include "base/compaction.h"
#include "rocksdb/db.h"

namespace coop::base {

// Compacts each of `families` whole, down to the last level. After each family: the kill
// point `kill_point` (base/kill_point.h; may be null), then `cancelled` (may be empty) is asked
// and true stops it with CANCELLED (the families done stay compacted). The errors: FromRocks's
// (rocks_status.h).
absl::StatusOr<Compaction> CompactFamilies(
    rocksdb::DB* db, const std::vector<rocksdb::ColumnFamilyHandle*>& families,
    const char* kill_point, const std::function<bool()>& cancelled);

}  // namespace coop::base

#endif  // COOPLEDGER_BASE_ROCKS_COMPACT_H_
