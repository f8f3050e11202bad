#include "base/rocks_checkpoint.h"

#include <filesystem>
#include <memory>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "base/rocks_status.h"
#include "rocksdb/utilities/checkpoint.h"

namespace coop::base {

absl::Status CheckpointRocks(rocksdb::DB* db, const std::string& dir) {
  std::error_code ec;
  if (std::filesystem::exists(dir, ec)) {
    return absl::FailedPreconditionError(absl::StrCat("checkpoint folder ", dir, " exists"));
  }
  rocksdb::Checkpoint* raw = nullptr;
  if (auto s = rocksdb::Checkpoint::Create(db, &raw); !s.ok()) {
    return FromRocks(s, "starting a checkpoint");
  }
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
  // log_size_for_flush 0: flush the memtables first, so the copy is mostly linked tables and
  // little copied log.
  if (auto s = checkpoint->CreateCheckpoint(dir, /*log_size_for_flush=*/0); !s.ok()) {
    return FromRocks(s, absl::StrCat("writing the checkpoint ", dir));
  }
  return absl::OkStatus();
}

}  // namespace coop::base
