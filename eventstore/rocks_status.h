// Maps RocksDB statuses onto absl::Status codes, keeping RocksDB's message (which names the
// damaged file for corruption). Pure; thread-safe.
#ifndef COOPLEDGER_EVENTSTORE_ROCKS_STATUS_H_
#define COOPLEDGER_EVENTSTORE_ROCKS_STATUS_H_

#include <string_view>

#include "absl/status/status.h"
#include "rocksdb/status.h"

namespace coop::eventstore {

absl::Status FromRocks(const rocksdb::Status& status, const std::string& context);

}  // namespace coop::eventstore

#endif  // COOPLEDGER_EVENTSTORE_ROCKS_STATUS_H_
