// The RocksDB backend's own behaviour, beyond the conformance suite every backend passes
// (tests/eventstore/conformance/): here, the writer's counters, a clean close, the memtables'
// size and a manual compaction.
#include "eventstore/rocks/rocks_event_store.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>

#include "tests/support/event_builders.h"
#include "tests/support/test_support.h"

namespace coop::eventstore {
namespace {

using coop::testing::Any;
using coop::testing::AppendTo;
using coop::testing::WriteAheadLogBytes;

class RocksEventStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  void Reopen() {
    store_.reset();
    StoreOptions options;
    options.clock = &clock_;
    auto store = RocksEventStore::Open(dir_.path(), options);
    ASSERT_OK(store);
    store_ = std::move(*store);
  }

  coop::testing::TempDir dir_;
  ManualClock clock_{1'700'000'000'000'000};
  std::unique_ptr<RocksEventStore> store_;
};

TEST_F(RocksEventStoreTest, InvalidInputIsRejectedBeforeTheWriter) {
  auto request = AppendTo("s 1", Any());
  auto r = store_->Append(request);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("streams[0].stream_id"), std::string::npos);
  EXPECT_EQ(store_->writer_stats().appends_rejected, 0u);
  EXPECT_EQ(store_->GetLogInfo().head_position(), 0u);
}

TEST_F(RocksEventStoreTest, ACleanCloseLeavesNoWriteAheadLogToReplayAtTheNextStart) {
  for (int i = 0; i < 50; ++i) ASSERT_OK(store_->Append(AppendTo("s-" + std::to_string(i), Any())));
  EXPECT_GT(WriteAheadLogBytes(dir_.path()), 0u);  // the appends are in the log, durable
  store_->Close();
  EXPECT_EQ(WriteAheadLogBytes(dir_.path()), 0u);  // flushed into tables on the way out
  Reopen();
  EXPECT_EQ(store_->GetLogInfo().head_position(), 50u);
}

// The memtables are kept small (8 MiB a family: the committer's skip-list inserts stay in
// the CPU's caches); RocksDB's default, 64 MiB, would still hold these 24 MiB in memory.
TEST_F(RocksEventStoreTest, GivenMoreThanAMemtableOfEventsWhenAppendedThenTheyAreFlushedToTables) {
  const auto table_files = [&] {
    int count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
      if (entry.path().extension() == ".sst") ++count;
    }
    return count;
  };
  ASSERT_EQ(table_files(), 0);
  const std::string payload(512 << 10, 'x');
  for (int i = 0; i < 48; ++i) {  // 24 MiB of payload, in the events family
    coop::v1::AppendRequest request;
    auto* stream = request.add_streams();
    stream->set_stream_id("big-" + std::to_string(i));
    *stream->mutable_expected() = Any();
    *stream->add_events() = coop::testing::NewEvent(payload);
    ASSERT_OK(store_->Append(request));
  }
  // Flushes run in the background: wait for the first table, at most ten seconds.
  for (int waited_ms = 0; table_files() == 0 && waited_ms < 10'000; waited_ms += 20) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_GT(table_files(), 0);
  Reopen();
  EXPECT_EQ(store_->GetLogInfo().head_position(), 48u);
}

// Every family, not only the events' (the random keys are in the stream index, the stream
// heads and the ids), as RocksDB records the options it opened with (its OPTIONS file).
TEST_F(RocksEventStoreTest, GivenTheStoreOpenThenEveryFamilyFlushesItsMemtableAtEightMebibytes) {
  std::filesystem::path newest;
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("OPTIONS-", 0) == 0 && (newest.empty() || name > newest.filename().string())) {
      newest = entry.path();
    }
  }
  ASSERT_FALSE(newest.empty());
  std::ifstream file(newest);
  std::map<std::string, std::string> buffer_size_by_family;
  std::string line, family;
  while (std::getline(file, line)) {
    const size_t start = line.find_first_not_of(' ');
    if (start == std::string::npos) continue;
    line = line.substr(start);
    if (line.rfind("[", 0) == 0) {
      const std::string section = "[CFOptions \"";
      family = line.rfind(section, 0) == 0
                   ? line.substr(section.size(), line.find('"', section.size()) - section.size())
                   : "";
    } else if (!family.empty() && line.rfind("write_buffer_size=", 0) == 0) {
      buffer_size_by_family[family] = line.substr(std::string("write_buffer_size=").size());
    }
  }
  const std::map<std::string, std::string> expected = {
      {"default", "8388608"},    {"events", "8388608"},    {"stream_index", "8388608"},
      {"streams", "8388608"},    {"event_ids", "8388608"}, {"time_index", "8388608"},
      {"area_index", "8388608"}, {"merkle", "8388608"}};
  EXPECT_EQ(buffer_size_by_family, expected);
}

TEST_F(RocksEventStoreTest, ACompactionRewritesEveryFamilyAndChangesNothingRead) {
  for (int round = 0; round < 4; ++round) {
    for (int i = 0; i < 100; ++i) {
      ASSERT_OK(store_->Append(AppendTo("s-" + std::to_string(i % 10), Any(), 2)));
    }
    store_->Close();  // each round's memtables flushed into a table of its own
    Reopen();
  }
  const coop::v1::LogInfo before = store_->GetLogInfo();
  auto done = store_->Compact(nullptr);
  ASSERT_OK(done);
  EXPECT_EQ(done->families, 8u);  // meta and the seven families of eventstore/README.md
  EXPECT_GT(done->bytes_before, 0u);
  EXPECT_GT(done->bytes_after, 0u);
  EXPECT_LE(done->bytes_after, done->bytes_before);  // four tables per family merged into one
  EXPECT_EQ(store_->GetLogInfo().head_position(), before.head_position());
  EXPECT_EQ(store_->GetLogInfo().chain_head(), before.chain_head());
  auto verified = store_->Verify(1, before.head_position());
  ASSERT_OK(verified);
  EXPECT_TRUE(verified->ok()) << verified->problem();
  ASSERT_OK(store_->Append(AppendTo("after", Any())));
  Reopen();
  EXPECT_EQ(store_->GetLogInfo().head_position(), before.head_position() + 1);
}

TEST_F(RocksEventStoreTest, ACompactionStopsWhenCancelledOrClosed) {
  ASSERT_OK(store_->Append(AppendTo("s", Any())));
  int asked = 0;
  auto cancelled = store_->Compact([&asked] { return ++asked == 2; });
  EXPECT_EQ(cancelled.status().code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(asked, 2);  // after the second family
  store_->Close();
  EXPECT_EQ(store_->Compact(nullptr).status().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace coop::eventstore
