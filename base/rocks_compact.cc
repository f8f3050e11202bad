#include "base/rocks_compact.h"

#include "base/kill_point.h"
#include "base/rocks_status.h"

namespace coop::base {
namespace {

uint64_t LiveTableBytes(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family) {
  uint64_t bytes = 0;
  if (!db->GetIntProperty(family, rocksdb::DB::Properties::kLiveSstFilesSize, &bytes)) return 0;
  return bytes;
}

}  // namespace

absl::StatusOr<Compaction> CompactFamilies(
    rocksdb::DB* db, const std::vector<rocksdb::ColumnFamilyHandle*>& families,
    const char* kill_point, const std::function<bool()>& cancelled) {
  rocksdb::CompactRangeOptions options;
  // RocksDB's background compactions go on beside it (no stall of the writers behind them).
  options.exclusive_manual_compaction = false;
  // Every table rewritten once, the last level too: what an operator asks of "compact now".
  options.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForceOptimized;
  Compaction done;
  for (auto* family : families) {
    done.bytes_before += LiveTableBytes(db, family);
    if (auto s = db->CompactRange(options, family, nullptr, nullptr); !s.ok()) {
      return FromRocks(s, "compacting " + family->GetName());
    }
    done.bytes_after += LiveTableBytes(db, family);
    ++done.families;
    if (kill_point != nullptr) KillPoint(kill_point);
    if (cancelled && cancelled()) {
      return absl::CancelledError("the compaction was cancelled, or the server is stopping");
    }
  }
  return done;
}

}  // namespace coop::base
