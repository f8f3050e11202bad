// What makes a RocksDB table the same table in another backup: the number it was written
// under and the session of the database that wrote it (both in its properties block), and
// its size — RocksDB's own naming for shared backup files. Tables never change once written,
// so a table whose identity a backup already holds is shared, not copied or even read.
// Thread-safe.
#ifndef COOPLEDGER_BACKUP_TABLE_IDENTITY_H_
#define COOPLEDGER_BACKUP_TABLE_IDENTITY_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace coop::backup {

// "<original file number>_s<session>_<size>.sst", read from the table's footer and
// properties. DATA_LOSS naming the file if it is not a readable table, or has no session.
absl::StatusOr<std::string> TableIdentity(const std::string& path, uint64_t size);

// Whether `name` is a table of a RocksDB folder (ends in ".sst").
bool IsTable(const std::string& name);

}  // namespace coop::backup

#endif  // COOPLEDGER_BACKUP_TABLE_IDENTITY_H_
