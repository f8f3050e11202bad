#include "base/rocks_flush.h"

#include "base/rocks_status.h"

namespace coop::base {

absl::Status FlushFamilies(rocksdb::DB* db,
                           const std::vector<rocksdb::ColumnFamilyHandle*>& families) {
  rocksdb::FlushOptions flush;
  flush.wait = true;
  flush.allow_write_stall = true;
  if (auto s = db->Flush(flush, families); !s.ok()) return FromRocks(s, "flushing memtables");
  return absl::OkStatus();
}

}  // namespace coop::base
