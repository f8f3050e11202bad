// RocksDB's informational log (the LOG file of a database folder), written so that a full disk
// cannot crash the server. RocksDB's own LOG writer, in Debian's build, asserts when it writes
// again after a failed write — which a full disk makes certain, since RocksDB logs the very
// error. This one writes LOG with stdio, drops a line it cannot write, and starts the file
// again beyond a size. Thread-safe.
#ifndef COOPLEDGER_BASE_ROCKS_INFO_LOG_H_
#define COOPLEDGER_BASE_ROCKS_INFO_LOG_H_

#include <memory>
#include <string>

#include "rocksdb/env.h"

namespace coop::base {

// The logger for a database in `folder` (its LOG file; the folder must exist). Level INFO.
std::shared_ptr<rocksdb::Logger> TolerantInfoLog(const std::string& folder);

}  // namespace coop::base

#endif  // COOPLEDGER_BASE_ROCKS_INFO_LOG_H_
