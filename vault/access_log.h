// PersonAccessLog: every access to personal details — who, when, what, which person — kept
// apart from the details, append-only, in its own RocksDB folder (<data_dir>/people-access by
// default). Auditors list it (coop.v1.People/ListPersonAccess). It holds person refs and
// principals' names, never details.
//
// Keys: the entry's sequence, u64 big-endian, increasing (the later of the clock in
// microseconds and the previous key + 1), so the key order is the order of accesses and a
// page token is the last key read. Values: coop.v1.PersonAccess. Every write is synced: an
// access the caller saw succeed is logged durably first.
//
// Thread-safe.
#ifndef COOPLEDGER_VAULT_ACCESS_LOG_H_
#define COOPLEDGER_VAULT_ACCESS_LOG_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "coop/v1/people.pb.h"

namespace rocksdb {
class DB;
}  // namespace rocksdb

namespace coop::vault {

class PersonAccessLog {
 public:
  static absl::StatusOr<std::unique_ptr<PersonAccessLog>> Open(const std::string& dir);
  ~PersonAccessLog();  // Close()

  // Appends `entry` (at_micros is set here from the clock) and syncs.
  absl::Status Record(coop::v1::PersonAccess entry);

  struct Page {
    std::vector<coop::v1::PersonAccess> entries;
    std::string next_page_token;  // empty on the last page
  };
  // Entries after `page_token` (empty: from the first), oldest first, at most `limit`, only
  // `person_ref`'s if it is not empty. INVALID_ARGUMENT naming page_token if it is not one
  // this log gave.
  absl::StatusOr<Page> List(const std::string& person_ref, const std::string& page_token,
                            size_t limit) const;

  // Closes RocksDB. Idempotent; no other call may run concurrently or follow.
  void Close();
  // Writes a consistent copy of the database into the new folder `dir` (base/rocks_checkpoint.h),
  // for the online backup; writes go on meanwhile. REQUIRES: open, and not closed before it
  // returns.
  absl::Status Checkpoint(const std::string& dir);

 private:
  PersonAccessLog() = default;

  std::unique_ptr<rocksdb::DB> db_;
  absl::Mutex mu_;
  uint64_t last_key_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace coop::vault

#endif  // COOPLEDGER_VAULT_ACCESS_LOG_H_
