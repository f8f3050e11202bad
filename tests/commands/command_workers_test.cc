#include "commands/command_workers.h"

#include <gtest/gtest.h>

#include <atomic>

#include "absl/synchronization/notification.h"

namespace coop::commands {
namespace {

// Given one thread held by a task and a queue of two, when more tasks come, then the third
// waiting one is RESOURCE_EXHAUSTED at once instead of piling up behind the first.
TEST(CommandWorkersTest, ABoundedQueueRefusesWhatItCannotHoldAndRunsTheRest) {
  CommandWorkers workers(1, 2);
  absl::Notification started, release;
  std::atomic<int> ran{0};
  ASSERT_TRUE(workers
                  .TryPost([&] {
                    started.Notify();
                    release.WaitForNotification();
                    ++ran;
                  })
                  .ok());
  started.WaitForNotification();
  ASSERT_TRUE(workers.TryPost([&] { ++ran; }).ok());
  ASSERT_TRUE(workers.TryPost([&] { ++ran; }).ok());
  const absl::Status full = workers.TryPost([&] { ++ran; });
  EXPECT_EQ(full.code(), absl::StatusCode::kResourceExhausted) << full;
  EXPECT_FALSE(workers.Post([&] { ++ran; }));
  release.Notify();
  workers.Stop();
  EXPECT_EQ(ran.load(), 3);
  EXPECT_EQ(workers.TryPost([] {}).code(), absl::StatusCode::kUnavailable);
}

TEST(CommandWorkersTest, WithoutABoundEveryTaskIsQueued) {
  std::atomic<int> ran{0};
  {
    CommandWorkers workers(1);
    for (int i = 0; i < 1000; ++i) ASSERT_TRUE(workers.Post([&] { ++ran; }));
  }
  EXPECT_EQ(ran.load(), 1000);
}

}  // namespace
}  // namespace coop::commands
