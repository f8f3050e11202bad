// How a waiting call ends when it gives up (services/view_wait.h): the server shutting down is
// UNAVAILABLE, in Vietnamese and English, naming what waited; the call's own cancellation
// stays CANCELLED; every other outcome is kept.
#include "services/view_wait.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>

#include "absl/status/status.h"

namespace coop::services {
namespace {

TEST(ViewWaitTest, GivenTheServerStoppingWhenAWaitIsCancelledThenItIsUnavailableInBothLanguages) {
  std::atomic<bool> stopping{true};
  const absl::Status status =
      WaitOutcome(absl::CancelledError("the wait ended"), &stopping, "the query");
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  const std::string message(status.message());
  EXPECT_NE(message.find("máy chủ đang dừng"), std::string::npos) << message;
  EXPECT_NE(message.find("the server is shutting down"), std::string::npos) << message;
  EXPECT_NE(message.find("the query"), std::string::npos) << message;
}

TEST(ViewWaitTest, GivenTheServerRunningWhenAWaitIsCancelledThenItStaysCancelled) {
  std::atomic<bool> stopping{false};
  const absl::Status status =
      WaitOutcome(absl::CancelledError("the wait ended"), &stopping, "the scope check");
  EXPECT_EQ(status.code(), absl::StatusCode::kCancelled);
  EXPECT_NE(std::string(status.message()).find("cuộc gọi đã bị huỷ"), std::string::npos);
  EXPECT_NE(std::string(status.message()).find("while the scope check waited"), std::string::npos);
  EXPECT_EQ(WaitOutcome(absl::CancelledError("x"), nullptr, "the query").code(),
            absl::StatusCode::kCancelled);
}

TEST(ViewWaitTest, GivenAnyOtherOutcomeThenItIsKept) {
  std::atomic<bool> stopping{true};
  EXPECT_TRUE(WaitOutcome(absl::OkStatus(), &stopping, "the query").ok());
  const absl::Status late = absl::DeadlineExceededError("not caught up");
  EXPECT_EQ(WaitOutcome(late, &stopping, "the query"), late);
}

TEST(ViewWaitTest, GivenNoCallWhenTheServerStopsThenTheWaitGivesUp) {
  std::atomic<bool> stopping{false};
  const auto give_up = GiveUpWhen(&stopping, nullptr);
  EXPECT_FALSE(give_up());
  stopping = true;
  EXPECT_TRUE(give_up());
  EXPECT_FALSE(GiveUpWhen(nullptr, nullptr)());
}

TEST(ViewWaitTest, TheStoppingErrorIsUnavailableAndNamesWhatEnded) {
  EXPECT_EQ(ServerStoppingError().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(ServerStoppingError().message(), kServerStoppingMessage);
  EXPECT_EQ(ServerStoppingError("the feed").message(),
            std::string(kServerStoppingMessage) + " (the feed)");
}

}  // namespace
}  // namespace coop::services
