// The RocksDB backend's Merkle family: a data folder written before the family existed (here:
// one whose family and size were removed) is brought level on open from the events' leaf
// hashes, with the same roots as a store that kept it all along; a merkle size ahead of the
// log is refused as data loss.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/big_endian.h"
#include "eventstore/rocks/keys.h"
#include "eventstore/rocks/rocks_event_store.h"
#include "rocksdb/db.h"
#include "tests/support/event_builders.h"
#include "tests/support/test_support.h"

namespace coop::eventstore {
namespace {

using coop::testing::Any;
using coop::testing::AppendTo;

// Runs `change(db, meta, merkle)` on the store's RocksDB opened directly.
template <typename Change>
void WithRawDb(const std::string& dir, Change change) {
  std::vector<std::string> names;
  ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir, &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const auto& name : names) families.emplace_back(name, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(rocksdb::DBOptions(), dir, families, &handles, &db).ok());
  rocksdb::ColumnFamilyHandle* meta = nullptr;
  rocksdb::ColumnFamilyHandle* merkle = nullptr;
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == rocksdb::kDefaultColumnFamilyName) meta = handles[i];
    if (names[i] == "merkle") merkle = handles[i];
  }
  ASSERT_NE(merkle, nullptr);
  change(db, meta, merkle);
  for (auto* handle : handles) EXPECT_TRUE(db->DestroyColumnFamilyHandle(handle).ok());
  EXPECT_TRUE(db->Close().ok());
  delete db;
}

class MerkleFamilyTest : public ::testing::Test {
 protected:
  // 75 events in appends of 1 to 9, and the roots of every size.
  void SetUp() override {
    auto store = RocksEventStore::Open(dir_.path(), StoreOptions());
    ASSERT_OK(store);
    for (int i = 0; i < 15; ++i) {
      ASSERT_OK((*store)->Append(AppendTo("s-" + std::to_string(i % 4), Any(), 1 + (i * 7) % 9)));
    }
    const uint64_t head = (*store)->GetLogInfo().head_position();
    for (uint64_t size = 0; size <= head; ++size) {
      auto root = (*store)->TreeRoot(size);
      ASSERT_OK(root);
      roots_.push_back(*root);
    }
  }
  coop::testing::TempDir dir_;
  std::vector<std::string> roots_;  // by size
};

TEST_F(MerkleFamilyTest, AnOlderFolderWithoutTheTreeGetsItOnOpen) {
  WithRawDb(dir_.path(), [](rocksdb::DB* db, rocksdb::ColumnFamilyHandle* meta,
                            rocksdb::ColumnFamilyHandle* merkle) {
    rocksdb::WriteOptions wo;
    ASSERT_TRUE(db->DeleteRange(wo, merkle, std::string(1, '\0'), std::string(1, '\x7f')).ok());
    ASSERT_TRUE(db->Delete(wo, meta, std::string(keys::kMerkleSizeKey)).ok());
  });
  auto store = RocksEventStore::Open(dir_.path(), StoreOptions());
  ASSERT_OK(store);
  for (uint64_t size = 0; size < roots_.size(); ++size) {
    auto root = (*store)->TreeRoot(size);
    ASSERT_OK(root);
    EXPECT_EQ(*root, roots_[size]) << "size " << size;
  }
  // And it goes on growing from there.
  ASSERT_OK((*store)->Append(AppendTo("s-9", Any(), 3)));
  auto proof = (*store)->ConsistencyProof(roots_.size() - 1, roots_.size() + 2);
  ASSERT_OK(proof);
  auto grown = (*store)->TreeRoot(roots_.size() + 2);
  ASSERT_OK(grown);
  EXPECT_OK(verify::VerifyConsistency(roots_.size() - 1, roots_.size() + 2, roots_.back(), *grown,
                                      *proof));
}

TEST_F(MerkleFamilyTest, AMerkleSizeAheadOfTheLogIsDataLoss) {
  WithRawDb(dir_.path(), [](rocksdb::DB* db, rocksdb::ColumnFamilyHandle* meta,
                            rocksdb::ColumnFamilyHandle*) {
    std::string size;
    base::PutU64(&size, 1000);
    ASSERT_TRUE(
        db->Put(rocksdb::WriteOptions(), meta, std::string(keys::kMerkleSizeKey), size).ok());
  });
  auto store = RocksEventStore::Open(dir_.path(), StoreOptions());
  EXPECT_EQ(store.status().code(), absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace coop::eventstore
