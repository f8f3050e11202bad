// Group commit is real: concurrent appends share WriteBatches and fsyncs, and a conflicting
// append fails alone inside a batch whose other appends commit.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "eventstore/rocks/rocks_event_store.h"
#include "rocksdb/statistics.h"
#include "tests/support/event_builders.h"
#include "tests/support/test_support.h"
#include "tests/support/writer_gate.h"

namespace coop::eventstore {
namespace {

using coop::testing::Any;
using coop::testing::AppendTo;
using coop::testing::NoStream;
using coop::testing::WriterGate;

TEST(GroupCommitTest, ConcurrentDurableAppendsNeedFarFewerWalSyncsThanAppends) {
  coop::testing::TempDir dir;
  RocksOptions rocks;
  rocks.statistics = rocksdb::CreateDBStatistics();
  auto store = RocksEventStore::Open(dir.path(), StoreOptions(), rocks);
  ASSERT_OK(store);
  const uint64_t syncs_before = rocks.statistics->getTickerCount(rocksdb::WAL_FILE_SYNCED);

  constexpr int kThreads = 32;
  constexpr int kAppendsPerThread = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kAppendsPerThread; ++i) {
        ASSERT_OK((*store)->Append(AppendTo("s-" + std::to_string(t), Any())));
      }
    });
  }
  for (auto& t : threads) t.join();
  const uint64_t appends = kThreads * kAppendsPerThread;
  const uint64_t syncs = rocks.statistics->getTickerCount(rocksdb::WAL_FILE_SYNCED) - syncs_before;
  const auto stats = (*store)->writer_stats();
  std::cout << appends << " durable appends: " << stats.batches << " batches, " << syncs
            << " WAL syncs\n";
  EXPECT_EQ(stats.appends_committed, appends);
  EXPECT_GE(syncs, 1u) << "sync durability must fsync the WAL";
  EXPECT_LT(syncs, appends / 3) << "one fsync should serve many appends";
  EXPECT_LE(syncs, stats.batches + 2) << "about one WAL sync per batch";
}

TEST(GroupCommitTest, AConflictingAppendSharesABatchWithAppendsThatSucceed) {
  coop::testing::TempDir dir;
  WriterGate gate;
  RocksOptions rocks;
  rocks.statistics = rocksdb::CreateDBStatistics();
  rocks.before_batch_hook = gate.Hook();
  auto opened = RocksEventStore::Open(dir.path(), StoreOptions(), rocks);
  ASSERT_OK(opened);
  auto& store = **opened;

  std::vector<absl::StatusOr<coop::v1::AppendResponse>> results(4);
  absl::Notification done[4];
  auto submit = [&](int i, coop::v1::AppendRequest request) {
    store.AppendAsync(std::move(request), [&, i](absl::StatusOr<coop::v1::AppendResponse> r) {
      results[i] = std::move(r);
      done[i].Notify();
    });
  };
  submit(0, AppendTo("a-1", Any()));
  gate.WaitUntilHeld();  // the writer holds append 0 and waits in the hook
  submit(1, AppendTo("b-1", NoStream()));
  submit(2, AppendTo("b-1", NoStream()));  // conflicts with append 1 inside the same batch
  submit(3, AppendTo("c-1", Any(), 2));
  const auto batches_before = store.writer_stats().batches;
  const uint64_t syncs_before = rocks.statistics->getTickerCount(rocksdb::WAL_FILE_SYNCED);
  gate.Release();
  for (auto& d : done) d.WaitForNotification();

  ASSERT_OK(results[0]);
  ASSERT_OK(results[1]);
  ASSERT_OK(results[3]);
  EXPECT_EQ(results[2].status().code(), absl::StatusCode::kAborted);
  EXPECT_NE(results[2].status().message().find("current version 1"), std::string::npos)
      << results[2].status();
  EXPECT_EQ(store.writer_stats().batches - batches_before, 1u) << "all four shared one batch";
  EXPECT_EQ(rocks.statistics->getTickerCount(rocksdb::WAL_FILE_SYNCED) - syncs_before, 1u);
  EXPECT_EQ(results[0]->first_position(), 1u);
  EXPECT_EQ(results[1]->first_position(), 2u);
  EXPECT_EQ(results[3]->first_position(), 3u);
  EXPECT_EQ(results[3]->last_position(), 4u);
  EXPECT_EQ(store.writer_stats().appends_rejected, 1u);
}

TEST(GroupCommitTest, AFullQueueRefusesAppendsInsteadOfGrowingMemory) {
  coop::testing::TempDir dir;
  WriterGate gate;
  StoreOptions options;
  options.max_queued_bytes = 4096;
  RocksOptions rocks;
  rocks.before_batch_hook = gate.Hook();
  auto opened = RocksEventStore::Open(dir.path(), options, rocks);
  ASSERT_OK(opened);
  auto& store = **opened;
  std::atomic<int> ok{0}, refused{0};
  auto count = [&](absl::StatusOr<coop::v1::AppendResponse> r) {
    if (r.ok()) {
      ++ok;
    } else {
      EXPECT_EQ(r.status().code(), absl::StatusCode::kResourceExhausted) << r.status();
      ++refused;
    }
  };
  store.AppendAsync(AppendTo("a-1", Any()), count);
  gate.WaitUntilHeld();
  // ~1 KiB each: the first few fit in the 4 KiB queue, the rest are refused at once.
  for (int i = 0; i < 10; ++i) {
    auto request = AppendTo("a-1", Any(), 0);
    *request.mutable_streams(0)->add_events() = coop::testing::NewEvent(std::string(1000, 'x'));
    store.AppendAsync(std::move(request), count);
  }
  EXPECT_GT(refused.load(), 0);
  gate.Release();
  store.Close();
  EXPECT_EQ(ok + refused, 11);
  EXPECT_EQ(store.writer_stats().appends_committed, static_cast<uint64_t>(ok.load()));
}

TEST(GroupCommitTest,
     GivenACallerStillBeingAnsweredWhenMoreAppendsArriveThenTheyAreWrittenMeanwhile) {
  coop::testing::TempDir dir;
  auto opened = RocksEventStore::Open(dir.path(), StoreOptions(), RocksOptions());
  ASSERT_OK(opened);
  auto& store = **opened;

  // The first append's callback takes its time (a slow reply), as long as the test holds it.
  absl::Notification in_first_callback, release_first_callback;
  std::vector<int> answered;  // in the order the callbacks ran (one thread runs them)
  absl::Notification all_answered;
  store.AppendAsync(AppendTo("a-1", Any()), [&](absl::StatusOr<coop::v1::AppendResponse> r) {
    EXPECT_OK(r);
    in_first_callback.Notify();
    release_first_callback.WaitForNotification();
    answered.push_back(0);
  });
  in_first_callback.WaitForNotification();
  // Meanwhile two more appends are written, each in a batch of its own: the commits go on
  // (the committer no longer answers the calls itself).
  for (int i = 1; i <= 2; ++i) {
    store.AppendAsync(AppendTo("b-" + std::to_string(i), Any()),
                      [&, i](absl::StatusOr<coop::v1::AppendResponse> r) {
                        EXPECT_OK(r);
                        answered.push_back(i);
                        if (i == 2) all_answered.Notify();
                      });
    const absl::Time deadline = absl::Now() + absl::Seconds(10);
    while (store.notifier().head() < static_cast<uint64_t>(1 + i) && absl::Now() < deadline) {
      absl::SleepFor(absl::Milliseconds(1));
    }
    EXPECT_EQ(store.notifier().head(), static_cast<uint64_t>(1 + i))
        << "append " << i << " was not written while the first caller was being answered";
  }
  EXPECT_FALSE(all_answered.HasBeenNotified());  // answered in order: after the first
  release_first_callback.Notify();
  all_answered.WaitForNotification();
  EXPECT_EQ(answered, (std::vector<int>{0, 1, 2}));
}

}  // namespace
}  // namespace coop::eventstore
