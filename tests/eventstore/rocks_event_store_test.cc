#include "eventstore/rocks_event_store.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <thread>

#include "eventstore/uuid.h"
#include "tests/support/event_builders.h"
#include "tests/support/test_support.h"

namespace coop::eventstore {
namespace {

using coop::testing::AddStream;
using coop::testing::Any;
using coop::testing::AppendTo;
using coop::testing::Exact;
using coop::testing::NoStream;
using coop::testing::StreamExists;

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

  std::vector<coop::v1::RecordedEvent> ReadAllEvents(ReadAllQuery query = {}) {
    std::vector<coop::v1::RecordedEvent> out;
    for (;;) {
      auto page = store_->ReadAll(query);
      EXPECT_OK(page);
      if (!page.ok()) return out;
      for (auto& e : page->events) out.push_back(e);
      if (page->end_of_log) return out;
      query.from_position = page->next_position;
    }
  }

  coop::testing::TempDir dir_;
  ManualClock clock_{1'700'000'000'000'000};
  std::unique_ptr<RocksEventStore> store_;
};

TEST_F(RocksEventStoreTest, AppendsAndReadsBackOneStream) {
  auto result = store_->Append(AppendTo("coop-a", NoStream(), 3));
  ASSERT_OK(result);
  EXPECT_EQ(result->first_position(), 1u);
  EXPECT_EQ(result->last_position(), 3u);
  ASSERT_EQ(result->streams_size(), 1);
  EXPECT_EQ(result->streams(0).first_version(), 1u);
  EXPECT_EQ(result->streams(0).last_version(), 3u);
  EXPECT_FALSE(result->duplicate());

  coop::v1::ReadStreamRequest read;
  read.set_stream_id("coop-a");
  auto events = store_->ReadStream(read);
  ASSERT_OK(events);
  ASSERT_EQ(events->size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ((*events)[i].stream_version(), static_cast<uint64_t>(i + 1));
    EXPECT_EQ((*events)[i].position(), static_cast<uint64_t>(i + 1));
    EXPECT_EQ((*events)[i].payload(), "payload");
    EXPECT_EQ((*events)[i].hash().size(), 32u);
    EXPECT_EQ((*events)[i].leaf_hash().size(), 32u);
    EXPECT_EQ((*events)[i].recorded_at_micros(), clock_.NowMicros());
  }
  EXPECT_EQ((*events)[1].prev_hash(), (*events)[0].hash());

  read.set_direction(coop::v1::BACKWARDS);
  read.set_max_count(2);
  events = store_->ReadStream(read);
  ASSERT_OK(events);
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].stream_version(), 3u);
  EXPECT_EQ((*events)[1].stream_version(), 2u);

  read.set_direction(coop::v1::FORWARDS);
  read.set_from_version(3);
  events = store_->ReadStream(read);
  ASSERT_OK(events);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].stream_version(), 3u);

  auto info = store_->GetStreamInfo("coop-a");
  ASSERT_OK(info);
  EXPECT_EQ(info->version(), 3u);
  EXPECT_EQ(info->first_position(), 1u);
  EXPECT_EQ(info->last_position(), 3u);
  EXPECT_EQ(info->category(), "coop");
}

TEST_F(RocksEventStoreTest, FindEventByIdInAnyCase) {
  auto request = AppendTo("s-1", Any(), 2);
  ASSERT_OK(store_->Append(request));
  const std::string id = request.streams(0).events(1).event_id();
  std::string upper = id;
  for (auto& c : upper) c = static_cast<char>(std::toupper(c));
  auto found = store_->FindEvent(upper);
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->position(), 2u);
  auto missing = store_->FindEvent(NewRandomUuid());
  ASSERT_OK(missing);
  EXPECT_FALSE(missing->has_value());
  EXPECT_EQ(store_->FindEvent("nope").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(RocksEventStoreTest, UnknownStreamIsNotFound) {
  coop::v1::ReadStreamRequest read;
  read.set_stream_id("coop-missing");
  EXPECT_EQ(store_->ReadStream(read).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store_->GetStreamInfo("coop-missing").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(RocksEventStoreTest, ConcurrentAppendsGetGapFreePositionsAndContiguousVersions) {
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

TEST_F(RocksEventStoreTest, RacingExactVersionAppendsHaveOneWinnerPerVersion) {
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

TEST_F(RocksEventStoreTest, ExpectedVersionKindsAndTheirErrors) {
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

TEST_F(RocksEventStoreTest, RetriedAppendReturnsTheOriginalResultEvenAfterTheStreamMoved) {
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

TEST_F(RocksEventStoreTest, EventIdsAreStoredInCanonicalLowerCase) {
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

TEST_F(RocksEventStoreTest, SameIdWithDifferentContentIsRejectedAndWritesNothing) {
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

TEST_F(RocksEventStoreTest, DuplicateIdsInsideOneGroupCommitAreCaught) {
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

TEST_F(RocksEventStoreTest, MultiStreamAppendIsAllOrNothing) {
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

TEST_F(RocksEventStoreTest, ReopenRestoresEverythingWithTheSameChainHead) {
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

TEST_F(RocksEventStoreTest, RecordedAtNeverDecreasesEvenWhenTheClockStepsBack) {
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

TEST_F(RocksEventStoreTest, PositionAtTimeFindsThePrefixKnownAtATime) {
  const int64_t t0 = clock_.NowMicros();
  ASSERT_OK(store_->Append(AppendTo("s-1", Any(), 2)));  // positions 1-2 at t0
  clock_.Advance(1000);
  ASSERT_OK(store_->Append(AppendTo("s-1", Any(), 3)));  // positions 3-5 at t0+1000
  clock_.Advance(1000);
  ASSERT_OK(store_->Append(AppendTo("s-1", Any())));  // position 6 at t0+2000

  EXPECT_EQ(*store_->PositionAtTime(t0 - 1, false), 1u);
  EXPECT_EQ(*store_->PositionAtTime(t0 + 1, false), 3u);
  EXPECT_EQ(*store_->PositionAtTime(t0 + 1000, false), 3u);
  EXPECT_EQ(*store_->PositionAtTime(t0 + 5000, false), 7u);  // head + 1
  EXPECT_EQ(*store_->PositionAtTime(t0 - 1, true), 0u);
  EXPECT_EQ(*store_->PositionAtTime(t0 + 1500, true), 5u);  // known at t0+1500: 1..5
  EXPECT_EQ(*store_->PositionAtTime(t0 + 2000, true), 6u);
}

TEST_F(RocksEventStoreTest, ReadAllFiltersByTypePrefixAndArea) {
  auto request = AppendTo("coop-1", Any(), 3);
  request.mutable_streams(0)->mutable_events(1)->set_type("test.v1.Other");
  auto* area = request.mutable_streams(0)->mutable_events(2)->mutable_area();
  area->set_code("32044");
  area->set_unit_set("2025-03");
  ASSERT_OK(store_->Append(request));
  auto other = AppendTo("group-1", Any(), 2);
  *other.mutable_streams(0)->mutable_events(0)->mutable_area() = *area;
  other.mutable_streams(0)->mutable_events(1)->mutable_area()->set_code("32044");
  other.mutable_streams(0)->mutable_events(1)->mutable_area()->set_unit_set("2025-07");
  ASSERT_OK(store_->Append(other));

  ReadAllQuery by_type;
  by_type.filter.add_event_types("test.v1.Other");
  auto events = ReadAllEvents(by_type);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].position(), 2u);

  ReadAllQuery by_prefix;
  by_prefix.filter.add_stream_prefixes("group-");
  events = ReadAllEvents(by_prefix);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].position(), 4u);

  ReadAllQuery by_area;  // the same code in another unit set is another area
  *by_area.filter.add_areas() = *area;
  events = ReadAllEvents(by_area);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].position(), 3u);
  EXPECT_EQ(events[1].position(), 4u);

  by_area.backwards = true;
  events = ReadAllEvents(by_area);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].position(), 4u);

  // When the area's index runs out, the page says the whole log up to its end was examined,
  // so a follower starts after it instead of re-reading the tail of other areas.
  ReadAllQuery tail;
  *tail.filter.add_areas() = *area;
  tail.from_position = 5;
  auto page = store_->ReadAll(tail);
  ASSERT_OK(page);
  EXPECT_TRUE(page->events.empty());
  EXPECT_TRUE(page->end_of_log);
  EXPECT_EQ(page->next_position, 6u) << "head + 1";

  ReadAllQuery both;  // all given lists must match
  *both.filter.add_areas() = *area;
  both.filter.add_stream_prefixes("coop-");
  events = ReadAllEvents(both);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].position(), 3u);
}

TEST_F(RocksEventStoreTest, ReadAllPagesForwardsAndBackwards) {
  ASSERT_OK(store_->Append(AppendTo("s-1", Any(), 10)));
  ReadAllQuery query;
  query.max_count = 4;
  auto page = store_->ReadAll(query);
  ASSERT_OK(page);
  ASSERT_EQ(page->events.size(), 4u);
  EXPECT_FALSE(page->end_of_log);
  EXPECT_EQ(page->next_position, 5u);

  query.backwards = true;
  query.from_position = 0;
  page = store_->ReadAll(query);
  ASSERT_OK(page);
  ASSERT_EQ(page->events.size(), 4u);
  EXPECT_EQ(page->events[0].position(), 10u);
  EXPECT_EQ(page->next_position, 6u);

  query.from_position = 3;
  page = store_->ReadAll(query);
  ASSERT_OK(page);
  ASSERT_EQ(page->events.size(), 3u);
  EXPECT_TRUE(page->end_of_log);
  EXPECT_EQ(page->next_position, 0u);
}

TEST_F(RocksEventStoreTest, VerifyCoversARange) {
  ASSERT_OK(store_->Append(AppendTo("s-1", Any(), 10)));
  auto verify = store_->Verify(4, 7);
  ASSERT_OK(verify);
  EXPECT_TRUE(verify->ok());
  EXPECT_EQ(verify->verified_from(), 4u);
  EXPECT_EQ(verify->verified_to(), 7u);
}

TEST_F(RocksEventStoreTest, VerifyStopsWhenCancelled) {
  for (int i = 0; i < 3; ++i) ASSERT_OK(store_->Append(AppendTo("s-1", Any(), 5000)));
  int polls = 0;
  auto verify = store_->Verify(0, 0, [&] { return ++polls >= 2; });
  EXPECT_EQ(verify.status().code(), absl::StatusCode::kCancelled) << verify.status();
  EXPECT_NE(verify.status().message().find("position 8192"), std::string::npos) << verify.status();
}

TEST_F(RocksEventStoreTest, InvalidInputIsRejectedBeforeTheWriter) {
  auto request = AppendTo("s 1", Any());
  auto r = store_->Append(request);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("streams[0].stream_id"), std::string::npos);
  EXPECT_EQ(store_->writer_stats().appends_rejected, 0u);
  EXPECT_EQ(store_->GetLogInfo().head_position(), 0u);
}

TEST_F(RocksEventStoreTest, AppendsAfterCloseAreUnavailable) {
  store_->Close();
  auto r = store_->Append(AppendTo("s-1", Any()));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace coop::eventstore
