// Conformance of every event store backend (store_conformance.h): reads: a stream, the whole log
// with filters and pages, an event by id, the prefix known at a time.
#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <vector>

#include "base/uuid.h"
#include "eventstore/event_store.h"
#include "tests/eventstore/conformance/store_conformance.h"
#include "tests/support/event_builders.h"
#include "tests/support/test_support.h"

namespace coop::eventstore {
namespace {

using coop::testing::Any;
using coop::testing::AppendTo;
using coop::testing::NoStream;

TEST_P(StoreConformanceTest, AppendsAndReadsBackOneStream) {
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

TEST_P(StoreConformanceTest, FindEventByIdInAnyCase) {
  auto request = AppendTo("s-1", Any(), 2);
  ASSERT_OK(store_->Append(request));
  const std::string id = request.streams(0).events(1).event_id();
  std::string upper = id;
  for (auto& c : upper) c = static_cast<char>(std::toupper(c));
  auto found = store_->FindEvent(upper);
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->position(), 2u);
  auto missing = store_->FindEvent(base::NewRandomUuid());
  ASSERT_OK(missing);
  EXPECT_FALSE(missing->has_value());
  EXPECT_EQ(store_->FindEvent("nope").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_P(StoreConformanceTest, UnknownStreamIsNotFound) {
  coop::v1::ReadStreamRequest read;
  read.set_stream_id("coop-missing");
  EXPECT_EQ(store_->ReadStream(read).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store_->GetStreamInfo("coop-missing").status().code(), absl::StatusCode::kNotFound);
}

TEST_P(StoreConformanceTest, PositionAtTimeFindsThePrefixKnownAtATime) {
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

// Appends to stream coop-1 three events: the second of type test.v1.Other, the third recorded
// at `area` (32044 in the 2025-03 units).
void AppendThreeOfTwoTypesTheLastWithAnArea(EventStore& store, coop::v1::Area* area) {
  auto request = AppendTo("coop-1", Any(), 3);
  request.mutable_streams(0)->mutable_events(1)->set_type("test.v1.Other");
  area->set_code("32044");
  area->set_unit_set("2025-03");
  *request.mutable_streams(0)->mutable_events(2)->mutable_area() = *area;
  ASSERT_OK(store.Append(request));
}

// A reader that keeps events as bytes (the projections' stream rows) gets each event's bytes
// as stored, one per event returned, in the same order, through a filter too; others none.
TEST_P(StoreConformanceTest, ReadAllWithStoredBytesGivesEachEventsBytesAlongsideIt) {
  coop::v1::Area area;
  ASSERT_NO_FATAL_FAILURE(AppendThreeOfTwoTypesTheLastWithAnArea(*store_, &area));
  ASSERT_OK(store_->Append(AppendTo("group-1", Any(), 2)));

  ReadAllQuery plain;
  auto page = store_->ReadAll(plain);
  ASSERT_OK(page);
  EXPECT_EQ(page->events.size(), 5u);
  EXPECT_TRUE(page->stored_bytes.empty());

  ReadAllQuery everything;
  everything.with_stored_bytes = true;
  ReadAllQuery by_type = everything;
  by_type.filter.add_event_types("test.v1.Other");
  ReadAllQuery by_area = everything;
  *by_area.filter.add_areas() = area;
  ReadAllQuery backwards = everything;
  backwards.backwards = true;
  for (const ReadAllQuery& query : {everything, by_type, by_area, backwards}) {
    page = store_->ReadAll(query);
    ASSERT_OK(page);
    ASSERT_FALSE(page->events.empty());
    ASSERT_EQ(page->stored_bytes.size(), page->events.size());
    for (size_t i = 0; i < page->events.size(); ++i) {
      coop::v1::RecordedEvent parsed;
      ASSERT_TRUE(parsed.ParseFromString(page->stored_bytes[i]));
      EXPECT_EQ(parsed.SerializeAsString(), page->events[i].SerializeAsString());
      EXPECT_EQ(parsed.hash(), page->events[i].hash());
      EXPECT_FALSE(parsed.hash().empty());
    }
  }
}

TEST_P(StoreConformanceTest, ReadAllFiltersByTypePrefixAndArea) {
  coop::v1::Area area_value;
  ASSERT_NO_FATAL_FAILURE(AppendThreeOfTwoTypesTheLastWithAnArea(*store_, &area_value));
  const coop::v1::Area* area = &area_value;
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

TEST_P(StoreConformanceTest, ReadAllPagesForwardsAndBackwards) {
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

TEST_P(StoreConformanceTest, ReadAllBoundsAPageInBytesAndTakesAtLeastOneEvent) {
  auto request = AppendTo("ledger-1", Any(), 5);
  for (auto& event : *request.mutable_streams(0)->mutable_events()) {
    event.set_payload(std::string(1000, 'x'));
  }
  ASSERT_OK(store_->Append(request));
  ReadAllQuery query;
  query.max_bytes = 2500;  // two events hold 2000 bytes, three 3000: the page stops at three
  auto page = store_->ReadAll(query);
  ASSERT_OK(page);
  EXPECT_EQ(page->events.size(), 3u);
  EXPECT_FALSE(page->end_of_log);
  EXPECT_EQ(page->next_position, 4u);
  query.max_bytes = 1;  // smaller than any event: still one, so a reader always moves on
  page = store_->ReadAll(query);
  ASSERT_OK(page);
  EXPECT_EQ(page->events.size(), 1u);
}

TEST_P(StoreConformanceTest, ReadAllBoundsItsScanAndSaysWhereToGoOn) {
  // Positions 1..6; the area 32044 (2025-03) holds 1, 3 and 6.
  coop::v1::Area area;
  area.set_code("32044");
  area.set_unit_set("2025-03");
  auto first = AppendTo("coop-1", Any(), 3);
  *first.mutable_streams(0)->mutable_events(0)->mutable_area() = area;
  *first.mutable_streams(0)->mutable_events(2)->mutable_area() = area;
  ASSERT_OK(store_->Append(first));
  ASSERT_OK(store_->Append(AppendTo("group-1", Any(), 2)));
  auto last = AppendTo("coop-2", Any());
  *last.mutable_streams(0)->mutable_events(0)->mutable_area() = area;
  ASSERT_OK(store_->Append(last));

  ReadAllQuery everything;  // no filter: every event counts as examined
  everything.max_scan = 2;
  auto page = store_->ReadAll(everything);
  ASSERT_OK(page);
  EXPECT_EQ(page->examined, 2u);
  ASSERT_EQ(page->events.size(), 2u);
  EXPECT_FALSE(page->end_of_log);
  EXPECT_EQ(page->next_position, 3u);

  ReadAllQuery in_area;  // one area: only its events are examined
  *in_area.filter.add_areas() = area;
  in_area.max_scan = 2;
  page = store_->ReadAll(in_area);
  ASSERT_OK(page);
  EXPECT_EQ(page->examined, 2u);
  ASSERT_EQ(page->events.size(), 2u);
  EXPECT_EQ(page->events[1].position(), 3u);
  EXPECT_FALSE(page->end_of_log);
  EXPECT_EQ(page->next_position, 4u);
  in_area.from_position = page->next_position;
  page = store_->ReadAll(in_area);
  ASSERT_OK(page);
  EXPECT_EQ(page->examined, 1u);
  ASSERT_EQ(page->events.size(), 1u);
  EXPECT_EQ(page->events[0].position(), 6u);
  EXPECT_TRUE(page->end_of_log);
  EXPECT_EQ(page->next_position, 7u);

  ReadAllQuery nothing_matches = in_area;  // a sparse filter still moves on, bounded
  nothing_matches.from_position = 0;
  nothing_matches.max_scan = 1;
  nothing_matches.filter.add_event_types("test.v1.Never");
  page = store_->ReadAll(nothing_matches);
  ASSERT_OK(page);
  EXPECT_EQ(page->examined, 1u);
  EXPECT_TRUE(page->events.empty());
  EXPECT_FALSE(page->end_of_log);
  EXPECT_EQ(page->next_position, 2u);
}

}  // namespace
}  // namespace coop::eventstore
