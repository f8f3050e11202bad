// Tamper evidence: someone with disk access rewrites, removes or reorders events through
// RocksDB's own API, or damages a data file. Verify names the position, or the file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "eventstore/canonical.h"
#include "eventstore/rocks/keys.h"
#include "eventstore/rocks/rocks_event_store.h"
#include "rocksdb/db.h"
#include "tests/support/event_builders.h"
#include "tests/support/raw_log.h"
#include "tests/support/test_support.h"

namespace coop::eventstore {
namespace {

using coop::testing::Any;
using coop::testing::AppendTo;

using RawDb = coop::testing::RawLog;

class TamperTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = RocksEventStore::Open(dir_.path(), StoreOptions());
    ASSERT_OK(store);
    for (int i = 0; i < 10; ++i) {
      ASSERT_OK((*store)->Append(AppendTo("s-" + std::to_string(i % 3), Any(), 2)));
    }
  }
  coop::v1::VerifyLogResponse VerifyAfterReopen() {
    auto store = RocksEventStore::Open(dir_.path(), StoreOptions());
    EXPECT_OK(store);
    if (!store.ok()) return {};
    auto verify = (*store)->Verify(0, 0);
    EXPECT_OK(verify);
    return verify.ok() ? *verify : coop::v1::VerifyLogResponse();
  }
  coop::testing::TempDir dir_;
};

TEST_F(TamperTest, UntouchedLogVerifies) { EXPECT_TRUE(VerifyAfterReopen().ok()); }

TEST_F(TamperTest, RewrittenPayloadIsFoundAtItsPosition) {
  {
    RawDb raw(dir_.path());
    auto e = raw.Get(7);
    e.set_payload("a different truth");
    raw.Put(7, e);
  }
  auto verify = VerifyAfterReopen();
  EXPECT_FALSE(verify.ok());
  EXPECT_EQ(verify.first_bad_position(), 7u);
  EXPECT_NE(verify.problem().find("hash"), std::string::npos) << verify.problem();
}

TEST_F(TamperTest, RewrittenRecordedAtOrMetadataIsFound) {
  {
    RawDb raw(dir_.path());
    auto e = raw.Get(3);
    e.set_recorded_at_micros(e.recorded_at_micros() + 1);
    raw.Put(3, e);
    auto f = raw.Get(9);
    f.mutable_metadata()->set_actor("someone else");
    raw.Put(9, f);
  }
  EXPECT_EQ(VerifyAfterReopen().first_bad_position(), 3u);
}

TEST_F(TamperTest, RewrittenEventWithRecomputedOwnHashBreaksTheNextLink) {
  {
    RawDb raw(dir_.path());
    auto e = raw.Get(5);
    e.set_payload("forged");
    // A careful forger recomputes the event's own hashes; the next event's link still breaks.
    const std::string canonical = CanonicalEncoding(e);
    e.set_hash(ChainHash(e.prev_hash(), canonical));
    e.set_leaf_hash(LeafHash(canonical));
    raw.Put(5, e);
  }
  auto verify = VerifyAfterReopen();
  EXPECT_FALSE(verify.ok());
  EXPECT_EQ(verify.first_bad_position(), 6u);
  EXPECT_NE(verify.problem().find("prev_hash"), std::string::npos) << verify.problem();
}

TEST_F(TamperTest, RemovedEventIsFound) {
  {
    RawDb raw(dir_.path());
    raw.Delete(4);
  }
  auto verify = VerifyAfterReopen();
  EXPECT_FALSE(verify.ok());
  EXPECT_EQ(verify.first_bad_position(), 4u);
  EXPECT_NE(verify.problem().find("missing"), std::string::npos) << verify.problem();
}

TEST_F(TamperTest, ReorderedEventsAreFound) {
  {
    RawDb raw(dir_.path());
    auto three = raw.Get(3);
    auto four = raw.Get(4);
    raw.Put(3, four);
    raw.Put(4, three);
  }
  EXPECT_EQ(VerifyAfterReopen().first_bad_position(), 3u);
}

TEST_F(TamperTest, GarbageBytesAreFound) {
  {
    RawDb raw(dir_.path());
    raw.PutRaw(6, "\xff\xff\xff garbage");
  }
  auto verify = VerifyAfterReopen();
  EXPECT_EQ(verify.first_bad_position(), 6u);
}

TEST_F(TamperTest, DamagedDataFileIsACorruptionErrorNamingTheFile) {
  {
    RawDb raw(dir_.path());
    raw.Flush();  // move the events from the WAL into an SST file
  }
  // Find the SST file holding the events (the largest one) and flip bytes in its data block.
  std::string sst;
  uintmax_t largest = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
    if (entry.path().extension() == ".sst" && entry.file_size() > largest) {
      largest = entry.file_size();
      sst = entry.path().string();
    }
  }
  ASSERT_FALSE(sst.empty());
  {
    std::fstream f(sst, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(100);
    const std::string junk(64, '\x5a');
    f.write(junk.data(), junk.size());
  }
  const std::string file_name = std::filesystem::path(sst).filename().string();
  auto store = RocksEventStore::Open(dir_.path(), StoreOptions());
  if (!store.ok()) {
    EXPECT_EQ(store.status().code(), absl::StatusCode::kDataLoss) << store.status();
    EXPECT_NE(store.status().message().find(file_name), std::string::npos) << store.status();
    return;
  }
  auto verify = (*store)->Verify(0, 0);
  ASSERT_FALSE(verify.ok()) << "a damaged file must not verify";
  EXPECT_EQ(verify.status().code(), absl::StatusCode::kDataLoss) << verify.status();
  EXPECT_NE(verify.status().message().find(file_name), std::string::npos) << verify.status();
}

}  // namespace
}  // namespace coop::eventstore
