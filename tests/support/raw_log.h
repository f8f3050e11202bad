// RawLog: the event store's RocksDB opened directly, as an intruder with disk access would,
// handing out the events family — for tests that rewrite, remove or reorder stored events
// behind the store's back. Open it only while no store has the folder open. Test-only; not
// thread-safe.
#ifndef COOPLEDGER_TESTS_SUPPORT_RAW_LOG_H_
#define COOPLEDGER_TESTS_SUPPORT_RAW_LOG_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "coop/v1/event.pb.h"
#include "rocksdb/db.h"

namespace coop::testing {

class RawLog {
 public:
  explicit RawLog(const std::string& dir);
  ~RawLog();

  coop::v1::RecordedEvent Get(uint64_t position);
  void PutRaw(uint64_t position, const std::string& value);
  void Put(uint64_t position, const coop::v1::RecordedEvent& event);
  void Delete(uint64_t position);
  void Flush();

 private:
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  rocksdb::ColumnFamilyHandle* events_ = nullptr;
};

}  // namespace coop::testing

#endif  // COOPLEDGER_TESTS_SUPPORT_RAW_LOG_H_
