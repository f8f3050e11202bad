#include "base/kill_point.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace coop::base {
namespace {

class KillPointTest : public ::testing::Test {
 protected:
  void TearDown() override { ASSERT_TRUE(ArmKillPointForTest("").ok()); }
};

TEST_F(KillPointTest, UnarmedEveryPointIsReachedWithoutEffect) {
  ASSERT_TRUE(ArmKillPointForTest("").ok());
  for (const char* point : kKillPoints) KillPoint(point);
  EXPECT_EQ(ArmedKillPoint(), "");
}

TEST_F(KillPointTest, EveryPointHasADistinctDottedName) {
  std::set<std::string> names;
  for (const char* point : kKillPoints) {
    EXPECT_TRUE(names.insert(point).second) << point;
    EXPECT_TRUE(IsKillPoint(point)) << point;
    EXPECT_NE(std::string(point).find('.'), std::string::npos) << point;
  }
  EXPECT_EQ(names.size(), std::size(kKillPoints));
  EXPECT_FALSE(IsKillPoint("eventstore.nowhere"));
  EXPECT_FALSE(IsKillPoint(""));
}

TEST_F(KillPointTest, ArmingRefusesAnUnknownNameOrABadCountAndArmsNothing) {
  for (const char* bad : {"eventstore.nowhere", "backup.copy:0", "backup.copy:x", "backup.copy:-1",
                          "backup.copy:", ":3"}) {
    const absl::Status st = ArmKillPointForTest(bad);
    EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(st.message().find("COOPD_KILL_POINT"), absl::string_view::npos) << st;
    EXPECT_EQ(ArmedKillPoint(), "") << bad;
  }
}

TEST_F(KillPointTest, OtherPointsAndEarlierReachesDoNotKill) {
  ASSERT_TRUE(ArmKillPointForTest("backup.copy:3").ok());
  EXPECT_EQ(ArmedKillPoint(), "backup.copy");
  KillPoint("backup.before_rename");
  KillPoint("vault.write.before");
  KillPoint("backup.copy");
  KillPoint("backup.copy");
  EXPECT_EQ(KillPointReached(), 2u);
}

TEST_F(KillPointTest, TheNthReachKillsWithSigkillAndSaysWhere) {
  EXPECT_EXIT(
      {
        if (!ArmKillPointForTest("vault.write.after:2").ok()) return;
        KillPoint("vault.write.after");
        KillPoint("vault.write.before");
        KillPoint("vault.write.after");
      },
      ::testing::KilledBySignal(SIGKILL), "kill point vault.write.after reached \\(2\\): SIGKILL");
}

TEST_F(KillPointTest, WithoutACountTheFirstReachKills) {
  EXPECT_EXIT(
      {
        if (!ArmKillPointForTest("eventstore.compact").ok()) return;
        KillPoint("eventstore.compact");
      },
      ::testing::KilledBySignal(SIGKILL), "kill point eventstore.compact reached \\(1\\)");
}

TEST_F(KillPointTest, AmongRacingThreadsExactlyTheNthReachKills) {
  // 8 threads reach the point 1,000 times each; armed at 8,000 the last reach kills, and it
  // is one of them: no reach is lost or counted twice.
  EXPECT_EXIT(
      {
        if (!ArmKillPointForTest("projections.page_commit.before:8000").ok()) return;
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t) {
          threads.emplace_back([] {
            for (int i = 0; i < 1000; ++i) KillPoint("projections.page_commit.before");
          });
        }
        for (auto& thread : threads) thread.join();
        // Not killed: report how often it was reached.
        fprintf(stderr, "reached %llu times\n",
                static_cast<unsigned long long>(KillPointReached()));
        _exit(0);
      },
      ::testing::KilledBySignal(SIGKILL), "reached \\(8000\\)");
}

TEST(KillPointEnvironmentTest, TheEnvironmentIsReadOnceBeforeMain) {
  // ctest runs this binary without COOPD_KILL_POINT: nothing is armed.
  if (getenv("COOPD_KILL_POINT") == nullptr) EXPECT_EQ(ArmedKillPoint(), "");
}

}  // namespace
}  // namespace coop::base
