// Compaction: what a manual compaction of a store did (the event log's, the projection
// store's; coop.v1.Admin/CompactStores). A plain value; thread-compatible.
#ifndef COOPLEDGER_BASE_COMPACTION_H_
#define COOPLEDGER_BASE_COMPACTION_H_

#include <cstdint>

namespace coop::base {

struct Compaction {
  uint64_t families = 0;      // column families compacted
  uint64_t bytes_before = 0;  // their live table files' size before
  uint64_t bytes_after = 0;   // and after
};

}  // namespace coop::base

#endif  // COOPLEDGER_BASE_COMPACTION_H_
