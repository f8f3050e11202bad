// Issue 10, "queries cannot be frozen", over a real server: Reporting queries that wait for a
// projection (min_position past what it has applied) while a rebuild of the cooperative
// registry is held open, so that the wait cannot end by itself. Before, 24 such waits held
// every query thread for the whole wait (reporting_max_wait) and a plain query behind them
// timed out; calls past any bound piled up; shutdown waited for them.
//   - a call whose client gave up frees its thread at once: a plain query behind 24 abandoned
//     waits is answered;
//   - the query queue is bounded: calls beyond it are RESOURCE_EXHAUSTED at once;
//   - shutdown ends the waits (UNAVAILABLE) instead of waiting for them.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "tests/services/held_rebuild.h"

namespace coop::testing {
namespace {

constexpr char kRegistry[] = "cooperative_registry";
constexpr int kQueryThreads = 2;
constexpr int kQueryQueue = 8;

class FrozenQueriesTest : public HeldRebuildFixture {
 protected:
  void Configure(services::ServerOptions& options) override {
    options.query_threads = kQueryThreads;
    options.query_queue = kQueryQueue;
    options.projection_page_size = 4;
    options.projection_catch_up_commit_events = 4;
    // Far longer than any deadline below: only the caller giving up, or shutdown, ends a wait.
    options.reporting_max_wait = absl::Seconds(120);
    HeldRebuild::Install(held_, options, absl::Seconds(120));
  }

  // Records a few cooperatives, starts a rebuild of the registry and holds it, then records
  // one more: a wait for that position can end only when the rebuild goes live. Returns the
  // position.
  uint64_t HoldTheRegistryBehind() {
    for (int i = 0; i < 12; ++i) {
      coop::v1::CommandReply reply;
      EXPECT_TRUE(Register(Registration(absl::StrFormat("22%08d", i)), &reply).ok());
      first_id_ = first_id_.empty() ? reply.aggregate_id() : first_id_;
    }
    coop::v1::RebuildProjectionRequest rebuild;
    rebuild.set_name(kRegistry);
    coop::v1::ProjectionStatus started;
    EXPECT_TRUE(reporting_->RebuildProjection(Context().get(), rebuild, &started).ok());
    EXPECT_TRUE(held_->first_page.WaitForNotificationWithTimeout(absl::Seconds(60)));
    coop::v1::CommandReply reply;
    EXPECT_TRUE(Register(Registration("2299999999"), &reply).ok());
    return reply.position();
  }

  // GetCooperative of the first cooperative, waiting for `min_position`, with a deadline.
  grpc::Status Get(uint64_t min_position, int deadline_ms) {
    coop::v1::GetCooperativeRequest request;
    request.set_cooperative_id(first_id_);
    request.set_min_position(min_position);
    coop::v1::CooperativeView view;
    return reporting_->GetCooperative(Context(deadline_ms).get(), request, &view);
  }

  // `calls` concurrent Gets waiting for `min_position`; returns how many ended with each code.
  // With `one_by_one`, each call is started once the previous one is on a query thread or in
  // the queue (so that none finds the queue full because the threads have not yet taken
  // theirs); `meanwhile` then runs.
  std::map<grpc::StatusCode, int> ManyGets(int calls, uint64_t min_position, int deadline_ms,
                                           bool one_by_one = false,
                                           const std::function<void()>& meanwhile = nullptr) {
    absl::Mutex mu;
    std::map<grpc::StatusCode, int> codes;
    std::vector<std::thread> threads;
    for (int i = 0; i < calls; ++i) {
      threads.emplace_back([&] {
        const grpc::Status status = Get(min_position, deadline_ms);
        absl::MutexLock lock(&mu);
        ++codes[status.error_code()];
        messages_[status.error_code()] = status.error_message();
      });
      for (int tries = 0; one_by_one && tries < 3000 && Admitted() < static_cast<size_t>(i + 1);
           ++tries) {
        absl::SleepFor(absl::Milliseconds(10));
      }
    }
    if (meanwhile) meanwhile();
    for (auto& thread : threads) thread.join();
    return codes;
  }

  size_t Admitted() const { return server_->running_queries() + server_->queued_queries(); }

  std::string first_id_;
  std::map<grpc::StatusCode, std::string> messages_;  // the last message of each code
};

TEST_F(FrozenQueriesTest, WaitsWhoseCallersGaveUpFreeTheirThreadsAndTheQueueIsBounded) {
  const uint64_t behind = HoldTheRegistryBehind();
  // A wait for a position the registry has not applied does wait (it is not refused).
  EXPECT_EQ(Get(behind, 500).error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);

  // When 24 callers wait for it and give up after 3 s
  const auto codes = ManyGets(24, behind, 3'000);

  // Then those beyond the threads and the queue were refused at once, the others expired
  EXPECT_GE(codes.count(grpc::StatusCode::RESOURCE_EXHAUSTED)
                ? codes.at(grpc::StatusCode::RESOURCE_EXHAUSTED)
                : 0,
            24 - kQueryThreads - kQueryQueue);
  EXPECT_EQ(codes.count(grpc::StatusCode::OK), 0u);
  // and their threads and places in the queue are free again within moments (before, each
  // abandoned wait held its thread for reporting_max_wait, here 120 s), so a plain query
  // behind them is answered
  for (int tries = 0; tries < 3000 && Admitted() > 0; ++tries) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  EXPECT_EQ(Admitted(), 0u);
  const grpc::Status plain = Get(0, 5'000);
  EXPECT_TRUE(plain.ok()) << plain.error_code() << " " << plain.error_message();

  // And once the rebuild is live, the wait is answered
  held_->release.Notify();
  EXPECT_TRUE(Get(behind, 60'000).ok());
}

TEST_F(FrozenQueriesTest, ShutdownEndsWaitingQueriesInsteadOfWaitingForThem) {
  const uint64_t behind = HoldTheRegistryBehind();
  // Given queries waiting on every query thread and in the queue, with a minute to go
  std::thread shutdown;
  absl::Time shutdown_began;
  const auto codes =
      ManyGets(kQueryThreads + kQueryQueue, behind, 60'000, /*one_by_one=*/true, [&] {
        EXPECT_EQ(server_->running_queries(), static_cast<size_t>(kQueryThreads));
        EXPECT_EQ(server_->queued_queries(), static_cast<size_t>(kQueryQueue));
        // When the server shuts down, with a grace of 30 s for calls in flight
        shutdown_began = absl::Now();
        shutdown = std::thread([this] { server_->Shutdown(absl::Seconds(30)); });
      });
  const absl::Duration ended_after = absl::Now() - shutdown_began;
  held_->release.Notify();  // the rebuild's runner stops last
  shutdown.join();

  // Then every waiting query ended UNAVAILABLE at once: shutdown did not wait out their
  // deadlines or its grace, and none was answered
  for (const auto& [code, count] : codes) RecordProperty(absl::StrCat("code_", code), count);
  ASSERT_EQ(codes.size(), 1u) << codes.begin()->first << " × " << codes.begin()->second << " ("
                              << messages_[codes.begin()->first] << "), " << codes.rbegin()->first
                              << " × " << codes.rbegin()->second;
  EXPECT_EQ(codes.begin()->first, grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(codes.begin()->second, kQueryThreads + kQueryQueue);
  EXPECT_LT(ended_after, absl::Seconds(15));
}

}  // namespace
}  // namespace coop::testing
