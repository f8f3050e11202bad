// Conformance of every event store backend (store_conformance.h): closing and reopening,
// recorded_at never going back, and verification of the hash chain.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "eventstore/event_store.h"
#include "tests/eventstore/conformance/store_conformance.h"
#include "tests/support/event_builders.h"
#include "tests/support/test_support.h"

namespace coop::eventstore {
namespace {

using coop::testing::Any;
using coop::testing::AppendTo;

TEST_P(StoreConformanceTest, ReopenRestoresEverythingWithTheSameChainHead) {
  for (int i = 0; i < 20; ++i)
    ASSERT_OK(store_->Append(AppendTo("s-" + std::to_string(i % 3), Any(), 2)));
  const auto before = store_->GetLogInfo();
  const auto events_before = ReadAllEvents();
  Reopen();
  const auto after = store_->GetLogInfo();
  EXPECT_EQ(after.head_position(), 40u);
  EXPECT_EQ(after.chain_head(), before.chain_head());
  EXPECT_EQ(after.last_recorded_at_micros(), before.last_recorded_at_micros());
  const auto events_after = ReadAllEvents();
  ASSERT_EQ(events_after.size(), events_before.size());
  for (size_t i = 0; i < events_after.size(); ++i) {
    EXPECT_EQ(events_after[i].SerializeAsString(), events_before[i].SerializeAsString());
  }
  auto next = store_->Append(AppendTo("s-0", Any()));
  ASSERT_OK(next);
  EXPECT_EQ(next->first_position(), 41u);
  auto verify = store_->Verify(0, 0);
  ASSERT_OK(verify);
  EXPECT_TRUE(verify->ok()) << verify->problem();
}

TEST_P(StoreConformanceTest, RecordedAtNeverDecreasesEvenWhenTheClockStepsBack) {
  ASSERT_OK(store_->Append(AppendTo("s-1", Any())));
  clock_.Advance(-60'000'000);  // the system clock is set back a minute
  ASSERT_OK(store_->Append(AppendTo("s-1", Any())));
  clock_.Advance(120'000'000);
  ASSERT_OK(store_->Append(AppendTo("s-1", Any())));
  const auto events = ReadAllEvents();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[1].recorded_at_micros(), events[0].recorded_at_micros());
  EXPECT_GT(events[2].recorded_at_micros(), events[1].recorded_at_micros());
}

TEST_P(StoreConformanceTest, VerifyCoversARange) {
  ASSERT_OK(store_->Append(AppendTo("s-1", Any(), 10)));
  auto verify = store_->Verify(4, 7);
  ASSERT_OK(verify);
  EXPECT_TRUE(verify->ok());
  EXPECT_EQ(verify->verified_from(), 4u);
  EXPECT_EQ(verify->verified_to(), 7u);
}

TEST_P(StoreConformanceTest, VerifyStopsWhenCancelled) {
  for (int i = 0; i < 3; ++i) ASSERT_OK(store_->Append(AppendTo("s-1", Any(), 5000)));
  int polls = 0;
  auto verify = store_->Verify(0, 0, [&] { return ++polls >= 2; });
  EXPECT_EQ(verify.status().code(), absl::StatusCode::kCancelled) << verify.status();
  EXPECT_NE(verify.status().message().find("position 8192"), std::string::npos) << verify.status();
}

TEST_P(StoreConformanceTest, AppendsAfterCloseAreUnavailable) {
  store_->Close();
  auto r = store_->Append(AppendTo("s-1", Any()));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace coop::eventstore
