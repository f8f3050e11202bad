// Conformance of every event store backend (store_conformance.h): appends: gap-free positions,
// expected versions, exact idempotency, atomic multi-stream appends.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "eventstore/event_store.h"
#include "tests/eventstore/conformance/store_conformance.h"
#include "tests/support/event_builders.h"
#include "tests/support/test_support.h"

namespace coop::eventstore {
namespace {

using coop::testing::AddStream;
using coop::testing::Any;
using coop::testing::AppendTo;
using coop::testing::Exact;
using coop::testing::NewEvent;
using coop::testing::NoStream;
using coop::testing::StreamExists;

TEST_P(StoreConformanceTest, ConcurrentAppendsGetGapFreePositionsAndContiguousVersions) {
  constexpr int kThreads = 8;
  constexpr int kAppendsPerThread = 150;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kAppendsPerThread; ++i) {
        // Overlapping streams: every thread writes to all five; some appends carry 2 events.
        auto request = AppendTo("s-" + std::to_string((t + i) % 5), Any(), 1 + i % 2);
        auto r = store_->Append(std::move(request));
        ASSERT_OK(r);
      }
    });
  }
  for (auto& t : threads) t.join();
  const auto events = ReadAllEvents();
  const size_t expected = kThreads * (kAppendsPerThread + kAppendsPerThread / 2);
  ASSERT_EQ(events.size(), expected);
  std::map<std::string, uint64_t> versions;
  for (size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].position(), i + 1) << "gap or reorder";
    EXPECT_EQ(events[i].stream_version(), ++versions[events[i].stream_id()])
        << "stream versions must be contiguous in position order";
  }
  EXPECT_EQ(store_->GetLogInfo().head_position(), expected);
  auto verify = store_->Verify(0, 0);
  ASSERT_OK(verify);
  EXPECT_TRUE(verify->ok()) << verify->problem();
}

TEST_P(StoreConformanceTest, RacingExactVersionAppendsHaveOneWinnerPerVersion) {
  constexpr int kThreads = 8;
  constexpr uint64_t kVersions = 40;
  std::vector<std::map<uint64_t, bool>> wins(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (uint64_t v = 0; v < kVersions; ++v) {
        auto r = store_->Append(AppendTo("race-1", Exact(v)));
        if (r.ok()) {
          wins[t][v] = true;
        } else {
          ASSERT_EQ(r.status().code(), absl::StatusCode::kAborted) << r.status();
          ASSERT_NE(r.status().message().find("current version"), std::string::npos);
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  for (uint64_t v = 0; v < kVersions; ++v) {
    int winners = 0;
    for (int t = 0; t < kThreads; ++t) winners += wins[t].count(v);
    EXPECT_EQ(winners, 1) << "version " << v;
  }
  auto info = store_->GetStreamInfo("race-1");
  ASSERT_OK(info);
  EXPECT_EQ(info->version(), kVersions);
}

TEST_P(StoreConformanceTest, ExpectedVersionKindsAndTheirErrors) {
  ASSERT_OK(store_->Append(AppendTo("s-1", NoStream())));
  auto again = store_->Append(AppendTo("s-1", NoStream()));
  EXPECT_EQ(again.status().code(), absl::StatusCode::kAborted);
  EXPECT_NE(again.status().message().find("current version 1"), std::string::npos)
      << again.status();

  auto missing = store_->Append(AppendTo("s-2", StreamExists()));
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kAborted);
  EXPECT_NE(missing.status().message().find("current version 0"), std::string::npos);

  auto wrong = store_->Append(AppendTo("s-1", Exact(5)));
  EXPECT_EQ(wrong.status().code(), absl::StatusCode::kAborted);
  EXPECT_NE(wrong.status().message().find("expected version 5, current version 1"),
            std::string::npos)
      << wrong.status();

  EXPECT_OK(store_->Append(AppendTo("s-1", StreamExists())));
  EXPECT_OK(store_->Append(AppendTo("s-1", Exact(2))));
  EXPECT_OK(store_->Append(AppendTo("s-3", Exact(0))));
  EXPECT_OK(store_->Append(AppendTo("s-1", Any())));
  EXPECT_EQ(store_->GetLogInfo().head_position(), 5u);
}

TEST_P(StoreConformanceTest, RetriedAppendReturnsTheOriginalResultEvenAfterTheStreamMoved) {
  auto request = AppendTo("s-1", NoStream(), 2);
  auto first = store_->Append(request);
  ASSERT_OK(first);
  ASSERT_OK(store_->Append(AppendTo("s-1", Any(), 3)));
  const uint64_t head = store_->GetLogInfo().head_position();

  auto retry = store_->Append(request);
  ASSERT_OK(retry);
  EXPECT_TRUE(retry->duplicate());
  EXPECT_EQ(retry->first_position(), first->first_position());
  EXPECT_EQ(retry->last_position(), first->last_position());
  EXPECT_EQ(retry->streams(0).first_version(), 1u);
  EXPECT_EQ(retry->streams(0).last_version(), 2u);
  EXPECT_EQ(store_->GetLogInfo().head_position(), head) << "a retry must write nothing";

  // Metadata is not part of the identity of an event: a retry with other metadata is a retry.
  request.mutable_streams(0)->mutable_events(0)->mutable_metadata()->set_client("retrying");
  request.mutable_streams(0)->mutable_events(1)->mutable_metadata()->set_client("retrying");
  auto retry2 = store_->Append(request);
  ASSERT_OK(retry2);
  EXPECT_TRUE(retry2->duplicate());
}

TEST_P(StoreConformanceTest, EventIdsAreStoredInCanonicalLowerCase) {
  auto request = AppendTo("s-1", Any());
  request.mutable_streams(0)->mutable_events(0)->set_event_id(
      "ABCDEF00-0000-4000-8000-00000000000A");
  ASSERT_OK(store_->Append(request));
  coop::v1::ReadStreamRequest read;
  read.set_stream_id("s-1");
  auto events = store_->ReadStream(read);
  ASSERT_OK(events);
  EXPECT_EQ((*events)[0].event_id(), "abcdef00-0000-4000-8000-00000000000a");
  // The same id in either case is the same event.
  request.mutable_streams(0)->mutable_events(0)->set_event_id(
      "abcdef00-0000-4000-8000-00000000000a");
  auto retry = store_->Append(request);
  ASSERT_OK(retry);
  EXPECT_TRUE(retry->duplicate());
}

TEST_P(StoreConformanceTest, SameIdWithDifferentContentIsRejectedAndWritesNothing) {
  auto request = AppendTo("s-1", Any());
  ASSERT_OK(store_->Append(request));
  const auto before = store_->GetLogInfo();

  auto changed_payload = request;
  changed_payload.mutable_streams(0)->mutable_events(0)->set_payload("other");
  auto changed_stream = request;
  changed_stream.mutable_streams(0)->set_stream_id("s-2");
  auto changed_type = request;
  changed_type.mutable_streams(0)->mutable_events(0)->set_type("test.v1.Other");
  auto partly_new = request;
  *partly_new.mutable_streams(0)->add_events() = coop::testing::NewEvent();
  auto changed_schema = request;
  changed_schema.mutable_streams(0)->mutable_events(0)->set_schema_version(2);
  auto changed_date = request;
  changed_date.mutable_streams(0)->mutable_events(0)->set_occurred_on("2020-01-01");
  auto changed_area = request;
  changed_area.mutable_streams(0)->mutable_events(0)->mutable_area()->set_code("96");
  changed_area.mutable_streams(0)->mutable_events(0)->mutable_area()->set_unit_set("2025-03");
  for (const auto& bad : {changed_payload, changed_stream, changed_type, partly_new, changed_schema,
                          changed_date, changed_area}) {
    auto r = store_->Append(bad);
    EXPECT_EQ(r.status().code(), absl::StatusCode::kAlreadyExists) << r.status();
  }
  auto partly = store_->Append(partly_new);
  EXPECT_NE(partly.status().message().find("streams[0].events[0].event_id: already recorded"),
            std::string::npos)
      << partly.status();
  const auto after = store_->GetLogInfo();
  EXPECT_EQ(after.head_position(), before.head_position());
  EXPECT_EQ(after.chain_head(), before.chain_head());
  EXPECT_EQ(store_->GetStreamInfo("s-2").status().code(), absl::StatusCode::kNotFound);
}

TEST_P(StoreConformanceTest, DuplicateIdsInsideOneGroupCommitAreCaught) {
  // Many concurrent copies of the same append: exactly one writes, the rest are duplicates
  // (or, for a changed copy, rejected) whether or not they shared a batch with the first.
  auto request = AppendTo("dup-1", Any(), 2);
  auto changed = request;
  changed.mutable_streams(0)->mutable_events(1)->set_payload("changed");
  std::atomic<int> originals{0}, duplicates{0}, rejected{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&, t] {
      auto r = store_->Append(t % 4 == 3 ? changed : request);
      if (!r.ok()) {
        EXPECT_EQ(r.status().code(), absl::StatusCode::kAlreadyExists);
        ++rejected;
      } else if (r->duplicate()) {
        ++duplicates;
      } else {
        ++originals;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(store_->GetLogInfo().head_position(), 2u);
  EXPECT_EQ(originals + duplicates + rejected, 16);
  EXPECT_EQ(originals.load(), 1);
  // Either a plain copy won (11 duplicates, 4 changed copies rejected) or a changed copy won.
  EXPECT_TRUE((duplicates == 11 && rejected == 4) || (duplicates == 3 && rejected == 12))
      << duplicates << " duplicates, " << rejected << " rejected";
}

TEST_P(StoreConformanceTest, MultiStreamAppendIsAllOrNothing) {
  ASSERT_OK(store_->Append(AppendTo("b-1", NoStream())));
  const auto before = store_->GetLogInfo();

  coop::v1::AppendRequest request;
  AddStream(&request, "a-1", NoStream(), 2);
  AddStream(&request, "b-1", Exact(7), 1);  // wrong: b-1 is at version 1
  auto r = store_->Append(request);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(store_->GetLogInfo().head_position(), before.head_position());
  EXPECT_EQ(store_->GetStreamInfo("a-1").status().code(), absl::StatusCode::kNotFound);

  request.mutable_streams(1)->mutable_expected()->set_version(1);
  r = store_->Append(request);
  ASSERT_OK(r);
  EXPECT_EQ(r->first_position(), 2u);
  EXPECT_EQ(r->last_position(), 4u);
  EXPECT_EQ(r->streams(0).last_version(), 2u);
  EXPECT_EQ(r->streams(1).first_version(), 2u);
}

TEST_P(StoreConformanceTest, InvalidInputIsRejectedBeforeTheWriter) {
  auto request = AppendTo("s 1", Any());
  auto r = store_->Append(request);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("streams[0].stream_id"), std::string::npos);
  EXPECT_EQ(store_->GetLogInfo().head_position(), 0u);
}

TEST_P(StoreConformanceTest, AppendAsyncCompletesOnceAndTheNotifierSeesTheCommit) {
  absl::Notification done;
  std::atomic<int> calls{0};
  absl::StatusOr<coop::v1::AppendResponse> result;
  store_->AppendAsync(AppendTo("s-1", NoStream(), 2),
                      [&](absl::StatusOr<coop::v1::AppendResponse> r) {
                        result = std::move(r);
                        ++calls;
                        done.Notify();
                      });
  ASSERT_TRUE(done.WaitForNotificationWithTimeout(absl::Seconds(10)));
  ASSERT_OK(result);
  EXPECT_EQ(result->last_position(), 2u);
  EXPECT_EQ(store_->notifier().head(), 2u) << "the notifier knows the commit once it is acked";

  absl::Notification woken;
  ASSERT_NE(store_->notifier().NotifyWhenAbove(2, [&] { woken.Notify(); }), 0u);
  ASSERT_OK(store_->Append(AppendTo("s-1", Exact(2))));
  EXPECT_TRUE(woken.WaitForNotificationWithTimeout(absl::Seconds(10)));

  absl::Notification refused;
  store_->AppendAsync(AppendTo("s 1", Any()), [&](absl::StatusOr<coop::v1::AppendResponse> r) {
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
    ++calls;
    refused.Notify();
  });
  ASSERT_TRUE(refused.WaitForNotificationWithTimeout(absl::Seconds(10)));
  absl::SleepFor(absl::Milliseconds(50));
  EXPECT_EQ(calls.load(), 2) << "each append completes exactly once";
}

}  // namespace
}  // namespace coop::eventstore
