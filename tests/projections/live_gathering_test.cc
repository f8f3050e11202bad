// Live gathering (RunnerOptions::live_read_interval, coopd --projection_gather_ms): commits
// that come within the interval after a read are read together in one page; a commit after a
// quiet spell, and one that a caller waits for, are read at once. On a real event store and a
// real projection store; the 60 s intervals make each outcome independent of the machine's
// speed.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "projections/projection_runner.h"
#include "tests/projections/runner_fixture.h"
#include "tests/support/test_support.h"

namespace coop::projections {
namespace {

// Writes the last position it applied, and counts the pages it was given.
class PageCounting final : public Projection {
 public:
  std::string name() const override { return "page_counting"; }
  uint32_t version() const override { return 1; }
  absl::Status Apply(const coop::v1::RecordedEvent& event, ProjectionWriter& writer) override {
    writer.Put("last", absl::StrCat(event.position()));
    return absl::OkStatus();
  }
  void BeginPage(uint64_t first_position) override { pages_.fetch_add(1); }
  uint64_t pages() const { return pages_.load(); }

 private:
  std::atomic<uint64_t> pages_{0};
};

class LiveGatheringTest : public RunnerFixture {
 protected:
  // A runner with `interval`, live at the head of a log of one event.
  void StartLive(absl::Duration interval) {
    const uint64_t head = AppendEvents(1);
    RunnerOptions options;
    options.live_read_interval = interval;
    runner_ = std::make_unique<ProjectionRunner>(events_.get(), projections_.get(), &projection_,
                                                 options);
    ASSERT_OK(runner_->Start());
    ASSERT_OK(runner_->WaitForPosition(head, absl::Seconds(30)));
    ASSERT_TRUE(WaitForState(*runner_, ProjectionState::kLive));
  }
  // Polls (without WaitForPosition, which stops the gathering) until `position` is applied.
  bool AppliedWithin(uint64_t position, absl::Duration timeout) {
    const absl::Time deadline = absl::Now() + timeout;
    while (absl::Now() < deadline) {
      if (runner_->status().position >= position) return true;
      absl::SleepFor(absl::Milliseconds(5));
    }
    return false;
  }

  PageCounting projection_;
  std::unique_ptr<ProjectionRunner> runner_;
};

TEST_F(LiveGatheringTest, GivenCommitsWithinTheIntervalWhenLiveThenTheyAreReadInOnePage) {
  ASSERT_NO_FATAL_FAILURE(StartLive(absl::Seconds(60)));
  // The first commit after the quiet start is read at once.
  ASSERT_TRUE(AppliedWithin(AppendEvents(1), absl::Seconds(20)));
  const uint64_t pages_before = projection_.pages();
  // The next ones, within the 60 s interval, are gathered: none is read for now.
  const uint64_t head = AppendEvents(29);
  EXPECT_FALSE(AppliedWithin(head - 28, absl::Milliseconds(300)));
  EXPECT_EQ(projection_.pages(), pages_before);
  // A caller waiting for them ends the gathering: all 29 come in one page.
  ASSERT_OK(runner_->WaitForPosition(head, absl::Seconds(20)));
  EXPECT_EQ(projection_.pages() - pages_before, 1u);
}

TEST_F(LiveGatheringTest, GivenAQuietLogWhenACommitArrivesThenItIsReadAtOnce) {
  // An interval longer than the wait below: the commit is read without waiting for it.
  ASSERT_NO_FATAL_FAILURE(StartLive(absl::Seconds(60)));
  const uint64_t head = AppendEvents(1);
  EXPECT_TRUE(AppliedWithin(head, absl::Seconds(20)));
}

TEST_F(LiveGatheringTest, GivenACallerWaitingForAPositionWhenCommitsComeFastThenItIsNotDelayed) {
  ASSERT_NO_FATAL_FAILURE(StartLive(absl::Seconds(60)));
  // The first commit after the quiet spell is read at once; the next ones would gather for the
  // rest of the 60 s interval, but a caller waits for them, so they are read at once too.
  ASSERT_TRUE(AppliedWithin(AppendEvents(1), absl::Seconds(20)));
  for (int i = 0; i < 3; ++i) {
    SCOPED_TRACE(absl::StrCat("commit ", i));
    const uint64_t head = AppendEvents(1);
    EXPECT_OK(runner_->WaitForPosition(head, absl::Seconds(20)));
  }
  // Without a caller waiting, the gathering holds the next commit back.
  const uint64_t held = AppendEvents(1);
  EXPECT_FALSE(AppliedWithin(held, absl::Milliseconds(500)));
  // Stop ends the gathering wait at once, not after the interval.
  const absl::Time stop = absl::Now();
  runner_->Stop();
  EXPECT_LT(absl::Now() - stop, absl::Seconds(10));
}

}  // namespace
}  // namespace coop::projections
