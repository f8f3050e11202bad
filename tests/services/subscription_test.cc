// Subscribe over a real gRPC server: catch-up, caught_up, then live, with no gap and no
// duplicate across the switch; a subscriber that stops reading stalls nothing.
// Raw appends name streams outside the domain's categories (ledger-…, notes-…): the edge
// refuses a raw append to a domain stream such as coop-… for every principal
// (services/domain_stream_guard.h), so these tests no longer use coop-/group- names.
#include "services/subscription.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "base/uuid.h"
#include "tests/services/server_fixture.h"
#include "tests/support/event_builders.h"

namespace coop::testing {
namespace {

class SubscriptionTest : public ServerFixture {
 protected:
  // Reads one subscription message; fails the test on a closed stream.
  static coop::v1::SubscribeResponse Next(grpc::ClientReader<coop::v1::SubscribeResponse>* reader) {
    coop::v1::SubscribeResponse message;
    EXPECT_TRUE(reader->Read(&message)) << "subscription ended early";
    return message;
  }
};

TEST_F(SubscriptionTest, StartsDuringConcurrentAppendsCatchesUpThenGoesLive) {
  ASSERT_TRUE(Append(AppendTo("pre-1", Any(), 300)).ok());
  std::atomic<bool> stop{false};
  std::atomic<int> appended{0};
  std::vector<std::thread> appenders;
  for (int t = 0; t < 4; ++t) {
    appenders.emplace_back([&, t] {
      auto stub = coop::v1::EventStore::NewStub(channel_);
      for (int i = 0; i < 150 && !stop; ++i) {
        grpc::ClientContext context;
        coop::v1::AppendResponse response;
        ASSERT_TRUE(
            stub->Append(&context, AppendTo("c-" + std::to_string(t), Any()), &response).ok());
        ++appended;
      }
    });
  }
  while (appended < 50) std::this_thread::sleep_for(std::chrono::milliseconds(1));

  auto context = Context(60'000);
  coop::v1::SubscribeRequest request;
  request.set_from_position(1);
  auto reader = stub_->Subscribe(context.get(), request);
  std::vector<coop::v1::RecordedEvent> received;
  uint64_t caught_up_at = 0;
  bool caught_up = false;
  while (!caught_up) {
    auto message = Next(reader.get());
    if (HasFailure()) break;
    ASSERT_FALSE(message.has_fell_behind());
    if (message.has_caught_up()) {
      caught_up = true;
      caught_up_at = message.caught_up().position();
    } else {
      received.push_back(message.event());
    }
  }
  ASSERT_EQ(received.size(), caught_up_at) << "catch-up sent exactly 1..caught_up";
  for (auto& t : appenders) t.join();
  // Live: everything the appenders wrote after the switch, plus events appended now.
  ASSERT_TRUE(Append(AppendTo("live-1", Any(), 5)).ok());
  const uint64_t head = server_->store().GetLogInfo().head_position();
  while (received.size() < head) {
    auto message = Next(reader.get());
    if (HasFailure()) break;
    ASSERT_TRUE(message.has_event()) << "only events after caught_up";
    received.push_back(message.event());
  }
  context->TryCancel();

  const auto all = ReadAll();
  ASSERT_EQ(all.size(), head);
  ASSERT_EQ(received.size(), head);
  for (size_t i = 0; i < all.size(); ++i) {
    ASSERT_EQ(received[i].position(), i + 1) << "no gap, no duplicate, in order";
    EXPECT_EQ(received[i].SerializeAsString(), all[i].SerializeAsString());
  }
  EXPECT_GT(head, caught_up_at) << "some events came live";
}

TEST_F(SubscriptionTest, FromEndWithAFilterSeesOnlyNewMatchingEvents) {
  ASSERT_TRUE(Append(AppendTo("ledger-1", Any(), 3)).ok());
  auto context = Context();
  coop::v1::SubscribeRequest request;
  request.set_from_end(true);
  request.mutable_filter()->add_stream_prefixes("ledger-");
  auto reader = stub_->Subscribe(context.get(), request);
  auto first = Next(reader.get());
  ASSERT_TRUE(first.has_caught_up());
  EXPECT_EQ(first.caught_up().position(), 3u);
  ASSERT_TRUE(Append(AppendTo("notes-1", Any(), 2)).ok());
  ASSERT_TRUE(Append(AppendTo("ledger-2", Any())).ok());
  auto live = Next(reader.get());
  ASSERT_TRUE(live.has_event());
  EXPECT_EQ(live.event().position(), 6u);
  EXPECT_EQ(live.event().stream_id(), "ledger-2");
  context->TryCancel();
}

TEST_F(SubscriptionTest, AnAreaFilteredSubscriberWaitsQuietlyPastOtherAreasEvents) {
  auto in_area = AppendTo("ledger-1", Any());
  auto* area = in_area.mutable_streams(0)->mutable_events(0)->mutable_area();
  area->set_code("32044");
  area->set_unit_set("2025-03");
  ASSERT_TRUE(Append(in_area).ok());
  // More events of other areas after it than the fell-behind threshold.
  for (int i = 0; i < 12; ++i) ASSERT_TRUE(Append(AppendTo("other-1", Any(), 1000)).ok());

  auto context = Context();
  coop::v1::SubscribeRequest request;
  request.set_from_position(1);
  *request.mutable_filter()->add_areas() = *area;
  auto reader = stub_->Subscribe(context.get(), request);
  auto first = Next(reader.get());
  ASSERT_TRUE(first.has_event());
  EXPECT_EQ(first.event().position(), 1u);
  auto caught_up = Next(reader.get());
  ASSERT_TRUE(caught_up.has_caught_up());
  EXPECT_EQ(caught_up.caught_up().position(), 12'001u) << "examined up to the head";

  auto later = in_area;
  later.mutable_streams(0)->mutable_events(0)->set_event_id(base::NewRandomUuid());
  ASSERT_TRUE(Append(later).ok());
  auto live = Next(reader.get());
  ASSERT_TRUE(live.has_event()) << "no fell_behind or repeated caught_up: " << live.DebugString();
  EXPECT_EQ(live.event().position(), 12'002u);
  context->TryCancel();
}

TEST_F(SubscriptionTest, ASparseFilterSendsCheckpointsWhileItScans) {
  // 140,000 events that do not match, then one that does.
  for (int i = 0; i < 14; ++i) ASSERT_TRUE(Append(AppendTo("noise-1", Any(), 10'000)).ok());
  auto rare = AppendTo("rare-1", Any());
  rare.mutable_streams(0)->mutable_events(0)->set_type("test.v1.Rare");
  ASSERT_TRUE(Append(rare).ok());

  auto context = Context(60'000);
  coop::v1::SubscribeRequest request;
  request.set_from_position(1);
  request.mutable_filter()->add_event_types("test.v1.Rare");
  auto reader = stub_->Subscribe(context.get(), request);
  std::vector<uint64_t> checkpoints;
  coop::v1::SubscribeResponse message = Next(reader.get());
  while (message.has_checkpoint()) {
    checkpoints.push_back(message.checkpoint().position());
    message = Next(reader.get());
  }
  ASSERT_TRUE(message.has_event()) << message.DebugString();
  EXPECT_EQ(message.event().position(), 140'001u);
  ASSERT_GE(checkpoints.size(), 2u) << "about one per " << services::kMaxScanPerReaction;
  for (size_t i = 1; i < checkpoints.size(); ++i) EXPECT_GT(checkpoints[i], checkpoints[i - 1]);
  EXPECT_LT(checkpoints.back(), 140'001u);
  EXPECT_TRUE(Next(reader.get()).has_caught_up());
  context->TryCancel();
}

TEST_F(SubscriptionTest, SeveralEventsPerMessageComeInOrderWithNoGapAndLiveOnesAreNotHeldBack) {
  ASSERT_TRUE(Append(AppendTo("ledger-1", Any(), 500)).ok());
  ASSERT_TRUE(Append(AppendTo("notes-1", Any(), 100)).ok());
  ASSERT_TRUE(Append(AppendTo("ledger-2", Any(), 200)).ok());

  auto context = Context(60'000);
  coop::v1::SubscribeRequest request;
  request.set_from_position(1);
  request.set_max_events_per_message(100);
  request.mutable_filter()->add_stream_prefixes("ledger-");
  auto reader = stub_->Subscribe(context.get(), request);
  std::vector<coop::v1::RecordedEvent> received;
  int full_messages = 0;
  for (;;) {
    auto message = Next(reader.get());
    if (HasFailure()) return;
    if (message.has_caught_up()) {
      EXPECT_EQ(message.caught_up().position(), 800u);
      break;
    }
    ASSERT_TRUE(message.has_events())
        << "only `events` messages were asked for: " << message.ShortDebugString().substr(0, 200);
    ASSERT_GE(message.events().events_size(), 1);
    ASSERT_LE(message.events().events_size(), 100);
    if (message.events().events_size() == 100) ++full_messages;
    for (const auto& event : message.events().events()) received.push_back(event);
  }
  // A message holds events of one page (256 events read together), so 700 give at least four
  // full messages of 100.
  EXPECT_GE(full_messages, 4) << "700 matching events gather into messages of 100";
  std::vector<coop::v1::RecordedEvent> expected;
  for (auto& event : ReadAll()) {
    if (event.stream_id().starts_with("ledger-")) expected.push_back(std::move(event));
  }
  ASSERT_EQ(received.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    ASSERT_EQ(received[i].SerializeAsString(), expected[i].SerializeAsString())
        << "in position order, no gap, no duplicate, the filter applied (at " << i << ")";
  }

  // Live: one new event comes at once, alone, not held back until 100 have gathered.
  ASSERT_TRUE(Append(AppendTo("ledger-3", Any())).ok());
  auto live = Next(reader.get());
  ASSERT_TRUE(live.has_events()) << live.ShortDebugString();
  ASSERT_EQ(live.events().events_size(), 1);
  EXPECT_EQ(live.events().events(0).position(), 801u);
  context->TryCancel();
}

TEST_F(SubscriptionTest, AMessageOfSeveralEventsStopsAtAboutAMegabyte) {
  // Ten events of 300 KB: a page may hold four of them (1.2 MB), a message three.
  auto request_append = AppendTo("ledger-1", Any(), 10);
  for (auto& event : *request_append.mutable_streams(0)->mutable_events()) {
    event.set_payload(std::string(300'000, 'x'));
  }
  ASSERT_TRUE(Append(request_append).ok());
  auto context = Context(60'000);
  coop::v1::SubscribeRequest request;
  request.set_from_position(1);
  request.set_max_events_per_message(services::kMaxEventsPerMessage);
  auto reader = stub_->Subscribe(context.get(), request);
  uint64_t next = 1;
  for (;;) {
    auto message = Next(reader.get());
    if (HasFailure() || message.has_caught_up()) break;
    ASSERT_TRUE(message.has_events()) << message.ShortDebugString().substr(0, 200);
    EXPECT_LE(message.events().events_size(), 3) << "at most three of 300 KB in 1 MiB";
    EXPECT_LE(message.ByteSizeLong(), services::kMaxEventsMessageBytes);
    for (const auto& event : message.events().events()) EXPECT_EQ(event.position(), next++);
  }
  EXPECT_EQ(next, 11u) << "every event, in order";
  context->TryCancel();
}

TEST_F(SubscriptionTest, MoreEventsPerMessageThanAPageIsRefusedNamingTheField) {
  ASSERT_TRUE(Append(AppendTo("ledger-1", Any(), 3)).ok());
  auto context = Context();
  coop::v1::SubscribeRequest request;
  request.set_from_position(1);
  request.set_max_events_per_message(services::kMaxEventsPerMessage + 1);
  auto reader = stub_->Subscribe(context.get(), request);
  coop::v1::SubscribeResponse message;
  EXPECT_FALSE(reader->Read(&message)) << "nothing is sent: " << message.ShortDebugString();
  const grpc::Status status = reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("max_events_per_message"), std::string::npos)
      << status.error_message();

  auto accepted_context = Context();
  request.set_max_events_per_message(services::kMaxEventsPerMessage);
  auto accepted = stub_->Subscribe(accepted_context.get(), request);
  auto first = Next(accepted.get());
  ASSERT_TRUE(first.has_events()) << first.ShortDebugString();
  EXPECT_EQ(first.events().events_size(), 3);
  accepted_context->TryCancel();
}

TEST_F(SubscriptionTest, ASubscriberThatStopsReadingStallsNoAppendAndLaterGetsEverything) {
  auto context = Context(120'000);
  coop::v1::SubscribeRequest request;
  request.set_from_position(1);
  auto reader = stub_->Subscribe(context.get(), request);
  ASSERT_TRUE(Next(reader.get()).has_caught_up());

  // The subscriber now reads nothing while 24,000 events of 1 KiB are appended.
  constexpr int kAppends = 240;
  constexpr int kEventsPerAppend = 100;
  auto stub = coop::v1::EventStore::NewStub(channel_);
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < kAppends; ++i) {
    auto append = AppendTo("busy-" + std::to_string(i % 7), Any(), 0);
    for (int e = 0; e < kEventsPerAppend; ++e) {
      *append.mutable_streams(0)->add_events() = NewEvent(std::string(1024, 'p'));
    }
    grpc::ClientContext append_context;
    append_context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    coop::v1::AppendResponse response;
    ASSERT_TRUE(stub->Append(&append_context, append, &response).ok())
        << "append " << i << " stalled behind the idle subscriber";
  }
  const auto append_time = std::chrono::steady_clock::now() - started;
  std::cout << "appends with an idle subscriber took "
            << std::chrono::duration_cast<std::chrono::milliseconds>(append_time).count()
            << " ms\n";

  // Now it reads again: it is told it fell behind, and gets every event, in order.
  const uint64_t total = kAppends * kEventsPerAppend;
  uint64_t expected = 1;
  bool fell_behind = false;
  bool caught_up_again = false;
  while (!caught_up_again) {
    auto message = Next(reader.get());
    if (HasFailure()) break;
    if (message.has_fell_behind()) {
      fell_behind = true;
      EXPECT_EQ(message.fell_behind().position(), expected - 1);
    } else if (message.has_caught_up()) {
      caught_up_again = true;
      EXPECT_EQ(message.caught_up().position(), total);
    } else {
      ASSERT_EQ(message.event().position(), expected++);
    }
  }
  EXPECT_EQ(expected, total + 1);
  EXPECT_TRUE(fell_behind) << "a subscriber more than " << services::kFellBehindLag
                           << " behind is told so";
  context->TryCancel();
}

TEST_F(SubscriptionTest, ShutdownEndsSubscriptionsWithUnavailable) {
  auto context = Context();
  coop::v1::SubscribeRequest request;
  request.set_from_end(true);
  auto reader = stub_->Subscribe(context.get(), request);
  ASSERT_TRUE(Next(reader.get()).has_caught_up());
  std::thread stopper([&] { server_->Shutdown(); });
  coop::v1::SubscribeResponse message;
  EXPECT_FALSE(reader->Read(&message));
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::UNAVAILABLE);
  stopper.join();
}

TEST_F(SubscriptionTest, CancelledSubscriptionsAreForgotten) {
  for (int i = 0; i < 5; ++i) {
    auto context = Context();
    coop::v1::SubscribeRequest request;
    request.set_from_end(true);
    auto reader = stub_->Subscribe(context.get(), request);
    ASSERT_TRUE(Next(reader.get()).has_caught_up());
    context->TryCancel();
    coop::v1::SubscribeResponse message;
    while (reader->Read(&message)) {
    }
    (void)reader->Finish();
  }
  const auto& registry = server_->event_store_service().subscriptions();
  for (int i = 0; i < 200 && registry.size() > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(registry.size(), 0u);
}

}  // namespace
}  // namespace coop::testing
