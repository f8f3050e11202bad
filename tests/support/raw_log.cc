#include "tests/support/raw_log.h"

#include <gtest/gtest.h>

#include "eventstore/rocks/keys.h"

namespace coop::testing {

RawLog::RawLog(const std::string& dir) {
  std::vector<std::string> names;
  EXPECT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir, &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const auto& n : names) families.emplace_back(n, rocksdb::ColumnFamilyOptions());
  rocksdb::DB* db = nullptr;
  EXPECT_TRUE(rocksdb::DB::Open(rocksdb::DBOptions(), dir, families, &handles_, &db).ok());
  db_.reset(db);
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == "events") events_ = handles_[i];
  }
}

RawLog::~RawLog() {
  if (!db_) return;
  for (auto* h : handles_) EXPECT_TRUE(db_->DestroyColumnFamilyHandle(h).ok());
  EXPECT_TRUE(db_->Close().ok());
}

coop::v1::RecordedEvent RawLog::Get(uint64_t position) {
  std::string value;
  EXPECT_TRUE(
      db_->Get(rocksdb::ReadOptions(), events_, eventstore::keys::EventKey(position), &value).ok());
  coop::v1::RecordedEvent e;
  EXPECT_TRUE(e.ParseFromString(value));
  return e;
}

void RawLog::PutRaw(uint64_t position, const std::string& value) {
  EXPECT_TRUE(
      db_->Put(rocksdb::WriteOptions(), events_, eventstore::keys::EventKey(position), value).ok());
}

void RawLog::Put(uint64_t position, const coop::v1::RecordedEvent& event) {
  PutRaw(position, event.SerializeAsString());
}

void RawLog::Delete(uint64_t position) {
  EXPECT_TRUE(
      db_->Delete(rocksdb::WriteOptions(), events_, eventstore::keys::EventKey(position)).ok());
}

void RawLog::Flush() { EXPECT_TRUE(db_->Flush(rocksdb::FlushOptions(), events_).ok()); }

}  // namespace coop::testing
