// Maps RocksDB statuses onto absl::Status codes, keeping RocksDB's message (which names the
// damaged file for corruption). Pure; thread-safe.
#ifndef COOPLEDGER_BASE_ROCKS_STATUS_H_
#define COOPLEDGER_BASE_ROCKS_STATUS_H_

#include <string_view>

#include "absl/status/status.h"
#include "rocksdb/status.h"

namespace coop::base {

absl::Status FromRocks(const rocksdb::Status& status, const std::string& context);

}  // namespace coop::base

#endif  // COOPLEDGER_BASE_ROCKS_STATUS_H_
