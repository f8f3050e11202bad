// StreamRowCache (projections/stream_row_cache.h): a stream row appended to without copying the
// events is written as the same bytes as a row of stripped copies (so rows written before it
// read the same, and the projections' versions did not change); the stored events are parsed
// only when asked for, and the tail of a row is known without parsing it. On a real
// projection store's batches.
#include "projections/stream_row_cache.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "coop/v1/reporting.pb.h"
#include "projections/page_rows.h"
#include "projections/projection_store.h"
#include "tests/support/test_support.h"

namespace coop::projections {
namespace {

// An event with every field set, as the store records it.
coop::v1::RecordedEvent Recorded(uint64_t position, uint64_t version, bool with_area = true) {
  coop::v1::RecordedEvent event;
  event.set_position(position);
  event.set_stream_id("coop-1");
  event.set_stream_version(version);
  event.set_event_id("00000000-0000-4000-8000-00000000000" + std::to_string(version % 10));
  event.set_type("coop.v1.CooperativeRegistered");
  event.set_schema_version(1);
  event.set_payload(std::string(300, static_cast<char>('a' + version % 26)));
  event.mutable_metadata()->set_actor("recorder@tinh");
  event.mutable_metadata()->set_agency("So Tai chinh");
  event.mutable_metadata()->set_correlation_id("corr");
  if (with_area) {
    event.mutable_area()->set_code("00001");
    event.mutable_area()->set_unit_set("2025-07");
  }
  event.set_occurred_on("2024-05-06");
  event.set_recorded_at_micros(1'700'000'000'000'000 + static_cast<int64_t>(position));
  event.set_prev_hash(std::string(32, '\x01'));
  event.set_hash(std::string(32, '\x02'));
  event.set_leaf_hash(std::string(32, '\x03'));
  return event;
}

// What the projections kept before the cache: a copy with the hashes (and, for the statistics,
// the metadata) cleared.
coop::v1::RecordedEvent Stripped(const coop::v1::RecordedEvent& event, bool without_metadata) {
  coop::v1::RecordedEvent copy = event;
  copy.clear_prev_hash();
  copy.clear_hash();
  copy.clear_leaf_hash();
  if (without_metadata) copy.clear_metadata();
  return copy;
}

std::string RowOf(const std::vector<coop::v1::RecordedEvent>& events, bool without_metadata) {
  coop::v1::CooperativeRegistryStream row;
  for (const auto& event : events) *row.add_events() = Stripped(event, without_metadata);
  return DeterministicBytes(row);
}

class StreamRowCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = ProjectionStore::Open(dir_.Sub("rows"));
    ASSERT_OK(store);
    store_ = std::move(*store);
    ASSERT_OK(store_->EnsureProjection("streams"));
  }
  ProjectionStore::Batch NewBatch() {
    auto batch = store_->NewBatch("streams");
    EXPECT_OK(batch);
    return std::move(*batch);
  }
  std::string Stored(const std::string& key) {
    auto batch = NewBatch();
    auto row = batch.Get(key);
    EXPECT_OK(row);
    return row.ok() && row->has_value() ? **row : std::string();
  }
  void Store(const std::string& key, const std::string& value) {
    auto batch = NewBatch();
    batch.Put(key, value);
    ASSERT_OK(store_->Commit(batch));
  }

  coop::testing::TempDir dir_;
  std::unique_ptr<ProjectionStore> store_;
};

TEST_F(StreamRowCacheTest,
       GivenEventsAppendedOverTwoPagesWhenEachFinishesThenTheRowIsTheBytesOfTheirStrippedCopies) {
  const std::vector<coop::v1::RecordedEvent> events = {Recorded(1, 1), Recorded(2, 2, false),
                                                       Recorded(7, 3)};
  for (const bool without_metadata : {false, true}) {
    SCOPED_TRACE(without_metadata ? "hashes and metadata dropped" : "hashes dropped");
    const std::string key = without_metadata ? "e/1" : "s/1";
    StreamRowCache cache =
        without_metadata ? StreamRowCache({8, 12, 13, 14}, 10) : StreamRowCache({12, 13, 14}, 10);
    auto page1 = NewBatch();
    cache.BeginPage(1);
    ASSERT_OK(cache.Append(page1, key, events[0]));
    ASSERT_OK(cache.Append(page1, key, events[1]));
    ASSERT_OK(cache.FinishPage(page1, 2));
    ASSERT_OK(store_->Commit(page1));
    EXPECT_EQ(Stored(key), RowOf({events[0], events[1]}, without_metadata));

    auto page2 = NewBatch();
    cache.BeginPage(3);
    ASSERT_OK(cache.Append(page2, key, events[2]));
    ASSERT_OK(cache.FinishPage(page2, 7));
    ASSERT_OK(store_->Commit(page2));
    EXPECT_EQ(Stored(key), RowOf(events, without_metadata));
  }
}

TEST_F(StreamRowCacheTest,
       GivenALongStoredRowWhenAPageAppendsOneEventThenTheBatchWritesThatEventNotTheWholeRow) {
  std::vector<coop::v1::RecordedEvent> events;
  for (uint64_t version = 1; version <= 100; ++version)
    events.push_back(Recorded(version, version));
  Store("s/1", RowOf(events, false));
  const std::string one_event = RowOf({Recorded(101, 101)}, false);

  StreamRowCache cache({12, 13, 14}, 10);
  auto page = NewBatch();
  cache.BeginPage(101);
  events.push_back(Recorded(101, 101));
  ASSERT_OK(cache.Append(page, "s/1", events.back()));
  ASSERT_OK(cache.FinishPage(page, 101));
  // The key and the one event's bytes (a whole row of 101 events is 100 times more).
  EXPECT_EQ(page.staged_bytes(), std::string("s/1").size() + one_event.size());
  ASSERT_OK(store_->Commit(page));
  EXPECT_EQ(Stored("s/1"), RowOf(events, false));
}

// What the statistics kept before the cache (KeepEvent): every known field but the metadata and
// the hashes, copied one by one, so no unknown field either.
coop::v1::RecordedEvent KeptByTheStatistics(const coop::v1::RecordedEvent& event) {
  coop::v1::RecordedEvent kept;
  kept.set_position(event.position());
  kept.set_stream_id(event.stream_id());
  kept.set_stream_version(event.stream_version());
  kept.set_event_id(event.event_id());
  kept.set_type(event.type());
  kept.set_schema_version(event.schema_version());
  kept.set_payload(event.payload());
  if (event.has_area()) *kept.mutable_area() = event.area();
  kept.set_occurred_on(event.occurred_on());
  kept.set_recorded_at_micros(event.recorded_at_micros());
  return kept;
}

std::string Kept(const coop::v1::RecordedEvent& event, const std::vector<int>& dropped) {
  std::string scratch;
  std::string row;
  AppendKeptEvent(event, dropped, &scratch, &row);
  return row;
}

std::string RowOfOne(const coop::v1::RecordedEvent& kept) {
  coop::v1::CooperativeRegistryStream row;
  *row.add_events() = kept;
  return DeterministicBytes(row);
}

TEST(AppendKeptEventTest, GivenUnusualEventsWhenKeptThenTheBytesAreThoseOfTheStrippedCopy) {
  // An area present but empty, every field at its default, a payload whose length takes three
  // bytes, and fields this build does not know (a number it lacks; a known number with the
  // wrong wire type), which the statistics never kept.
  coop::v1::RecordedEvent empty_area = Recorded(4, 1, false);
  empty_area.mutable_area();
  coop::v1::RecordedEvent large = Recorded(5, 2);
  large.set_payload(std::string(20'000, 'x'));
  coop::v1::RecordedEvent unknown;
  const std::string extra = std::string("\x78\x07", 2)    // field 15, varint 7
                            + std::string("\x28\x01", 2)  // field 5 (a string) as a varint
                            + std::string("\x83\x01\x08\x01\x84\x01", 6);  // group 16 {1: 1}
  ASSERT_TRUE(unknown.ParseFromString(Recorded(6, 3).SerializeAsString() + extra));
  ASSERT_FALSE(unknown.GetReflection()->GetUnknownFields(unknown).empty());
  coop::v1::RecordedEvent defaults;
  for (const coop::v1::RecordedEvent* event : {&empty_area, &large, &unknown, &defaults}) {
    const coop::v1::RecordedEvent& given = *event;
    SCOPED_TRACE(given.position());
    EXPECT_EQ(Kept(given, {8, 12, 13, 14}), RowOfOne(KeptByTheStatistics(given)));
    coop::v1::RecordedEvent registry = Stripped(given, false);
    registry.GetReflection()->MutableUnknownFields(&registry)->Clear();
    EXPECT_EQ(Kept(given, {12, 13, 14}), RowOfOne(registry));
  }
}

// The runner gives the projections each event's bytes as the log stores them
// (Projection::ApplyStored): kept as they are, they make the same row element as the event
// serialized again, for the same unusual events, and fields this build does not know (a
// number it lacks, a known number with another wire type) are left out the same way.
TEST(AppendStoredEventTest, GivenAnEventsStoredBytesWhenKeptThenTheElementIsAppendKeptEvents) {
  coop::v1::RecordedEvent empty_area = Recorded(4, 1, false);
  empty_area.mutable_area();
  coop::v1::RecordedEvent large = Recorded(5, 2);
  large.set_payload(std::string(20'000, 'x'));
  const std::string extra = std::string("\x78\x07", 2)    // field 15, varint 7
                            + std::string("\x28\x01", 2)  // field 5 (a string) as a varint
                            + std::string("\x83\x01\x08\x01\x84\x01", 6);  // group 16 {1: 1}
  const std::vector<std::string> stored = {
      empty_area.SerializeAsString(), large.SerializeAsString(),
      Recorded(6, 3).SerializeAsString() + extra,
      std::string(extra) + Recorded(7, 4).SerializeAsString(),  // the unknown ones first
      coop::v1::RecordedEvent().SerializeAsString()};
  for (const std::string& bytes : stored) {
    coop::v1::RecordedEvent parsed;
    ASSERT_TRUE(parsed.ParseFromString(bytes));
    SCOPED_TRACE(parsed.position());
    for (const std::vector<int>& dropped :
         {std::vector<int>{8, 12, 13, 14}, std::vector<int>{12, 13, 14}}) {
      std::string scratch, row;
      AppendStoredEvent(bytes, dropped, &scratch, &row);
      EXPECT_EQ(row, Kept(parsed, dropped));
    }
  }
}

TEST_F(StreamRowCacheTest, GivenAPageAppendedWithStoredBytesWhenFinishedThenTheRowIsAsWithoutThem) {
  const auto first = Recorded(1, 1);
  const auto second = Recorded(2, 2);
  const std::string first_bytes = first.SerializeAsString();
  const std::string second_bytes = second.SerializeAsString();
  std::string rows[2];
  for (int with_bytes = 0; with_bytes < 2; ++with_bytes) {
    StreamRowCache cache({12, 13, 14}, 10);
    auto page = NewBatch();
    cache.BeginPage(1);
    ASSERT_OK(cache.Append(page, "s/1", first, with_bytes ? first_bytes : std::string_view()));
    ASSERT_OK(cache.Append(page, "s/1", second, with_bytes ? second_bytes : std::string_view()));
    ASSERT_OK(cache.FinishPage(page, 2));
    auto row = page.Get("s/1");
    ASSERT_OK(row);
    ASSERT_TRUE(row->has_value());
    rows[with_bytes] = **row;
  }
  EXPECT_EQ(rows[1], rows[0]);
  EXPECT_EQ(rows[0], RowOf({first, second}, false));
}

TEST_F(StreamRowCacheTest,
       GivenARowWithAStrayEndGroupTagWhenItsEventsAreAskedThenItIsDataLossNotAShorterList) {
  std::string row = RowOf({Recorded(1, 1)}, false);
  row += '\x0c';  // end-group of field 1: a parse that stops there would keep the first event
  row += RowOf({Recorded(2, 2)}, false);
  Store("s/1", row);
  StreamRowCache cache({12, 13, 14}, 10);
  auto page = NewBatch();
  cache.BeginPage(3);
  auto events = cache.Events(page, "s/1");
  EXPECT_EQ(events.status().code(), absl::StatusCode::kDataLoss);
}

TEST_F(StreamRowCacheTest, GivenARowWhoseEventsWereAskedWhenItsTailIsAskedThenItIsTheirLast) {
  Store("s/1", RowOf({Recorded(3, 1), Recorded(8, 2)}, false));
  StreamRowCache cache({12, 13, 14}, 10);
  auto page = NewBatch();
  cache.BeginPage(9);
  auto events = cache.Events(page, "s/1");
  ASSERT_OK(events);
  ASSERT_EQ(events->size(), 2u);
  auto tail = cache.TailOf(page, "s/1");
  ASSERT_OK(tail);
  EXPECT_EQ(tail->stored_version, 2u);
  EXPECT_EQ(tail->stored_position, 8u);
}

TEST_F(StreamRowCacheTest,
       GivenAStoredRowWhenItsEventsAreAskedThenTheStoredComeParsedAndThePagesAsGiven) {
  const auto first = Recorded(1, 1);
  Store("s/1", RowOf({first}, false));
  const auto second = Recorded(5, 2);
  StreamRowCache cache({12, 13, 14}, 10);
  auto page = NewBatch();
  cache.BeginPage(5);
  ASSERT_OK(cache.Append(page, "s/1", second));
  auto events = cache.Events(page, "s/1");
  ASSERT_OK(events);
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0]->SerializeAsString(), Stripped(first, false).SerializeAsString());
  EXPECT_EQ((*events)[1], &second);  // no copy
}

TEST_F(StreamRowCacheTest, GivenAStoredRowWhenItsTailIsAskedThenTheLastStoredEventIsNamed) {
  Store("s/1", RowOf({Recorded(3, 1), Recorded(9, 2)}, false));
  StreamRowCache cache({12, 13, 14}, 10);
  auto page = NewBatch();
  cache.BeginPage(10);
  const auto third = Recorded(10, 3);
  ASSERT_OK(cache.Append(page, "s/1", third));
  auto tail = cache.TailOf(page, "s/1");
  ASSERT_OK(tail);
  EXPECT_EQ(tail->stored_version, 2u);
  EXPECT_EQ(tail->stored_position, 9u);
  ASSERT_EQ(tail->appended.size(), 1u);
  EXPECT_EQ(tail->appended[0], &third);
  ASSERT_OK(cache.FinishPage(page, 10));
  ASSERT_OK(store_->Commit(page));

  // The next page knows the tail the last one wrote; a row never written has none.
  auto next = NewBatch();
  cache.BeginPage(11);
  tail = cache.TailOf(next, "s/1");
  ASSERT_OK(tail);
  EXPECT_EQ(tail->stored_version, 3u);
  EXPECT_EQ(tail->stored_position, 10u);
  EXPECT_TRUE(tail->appended.empty());
  tail = cache.TailOf(next, "s/2");
  ASSERT_OK(tail);
  EXPECT_EQ(tail->stored_version, 0u);
  EXPECT_EQ(tail->stored_position, 0u);
}

TEST_F(StreamRowCacheTest,
       GivenEventsParsedOnAPageWhenTheNextPageAsksThenTheyAreThoseARowReadBackParsesTo) {
  StreamRowCache cache({8, 12, 13, 14}, 10);
  const std::vector<coop::v1::RecordedEvent> events = {Recorded(1, 1), Recorded(2, 2)};
  auto page1 = NewBatch();
  cache.BeginPage(1);
  ASSERT_OK(cache.Append(page1, "e/1", events[0]));
  ASSERT_OK(cache.Events(page1, "e/1"));  // parsed while the page's event is appended
  ASSERT_OK(cache.Append(page1, "e/1", events[1]));
  ASSERT_OK(cache.FinishPage(page1, 2));
  ASSERT_OK(store_->Commit(page1));

  auto page2 = NewBatch();
  cache.BeginPage(3);
  auto kept = cache.Events(page2, "e/1");
  ASSERT_OK(kept);
  coop::v1::CooperativeRegistryStream read_back;
  ASSERT_TRUE(read_back.ParseFromString(Stored("e/1")));
  ASSERT_EQ(kept->size(), 2u);
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ((*kept)[i]->SerializeAsString(), read_back.events(i).SerializeAsString());
    EXPECT_FALSE((*kept)[i]->has_metadata());
    EXPECT_TRUE((*kept)[i]->hash().empty());
  }
}

TEST_F(StreamRowCacheTest, GivenAPageNotCommittedWhenTheNextDoesNotFollowThenTheRowIsReadAgain) {
  StreamRowCache cache({12, 13, 14}, 10);
  const auto first = Recorded(1, 1);
  auto lost = NewBatch();
  cache.BeginPage(1);
  ASSERT_OK(cache.Append(lost, "s/1", first));
  ASSERT_OK(cache.FinishPage(lost, 1));  // never committed

  auto again = NewBatch();
  cache.BeginPage(1);  // the same page again: it does not follow the last one finished
  auto tail = cache.TailOf(again, "s/1");
  ASSERT_OK(tail);
  EXPECT_EQ(tail->stored_version, 0u);
  auto events = cache.Events(again, "s/1");
  ASSERT_OK(events);
  EXPECT_TRUE(events->empty());
}

TEST_F(StreamRowCacheTest, GivenMoreRowsThanTheBoundWhenThePageFinishesThenAllAreDropped) {
  StreamRowCache cache({12, 13, 14}, 2);
  std::vector<coop::v1::RecordedEvent> events;
  for (uint64_t i = 1; i <= 3; ++i) events.push_back(Recorded(i, 1));
  auto page = NewBatch();
  cache.BeginPage(1);
  for (uint64_t i = 0; i < 3; ++i) {
    ASSERT_OK(cache.Append(page, "s/" + std::to_string(i), events[i]));
  }
  ASSERT_OK(cache.FinishPage(page, 3));
  EXPECT_EQ(cache.size(), 0u);
  ASSERT_OK(store_->Commit(page));
  for (uint64_t i = 0; i < 3; ++i) {
    EXPECT_EQ(Stored("s/" + std::to_string(i)), RowOf({events[i]}, false));
  }
}

TEST_F(StreamRowCacheTest, GivenAnUnreadableRowWhenItIsAskedForThenItIsDataLossNamingTheKey) {
  Store("s/1", std::string("\x0a\xff", 2));
  StreamRowCache cache({12, 13, 14}, 10);
  auto page = NewBatch();
  cache.BeginPage(1);
  auto events = cache.Events(page, "s/1");
  EXPECT_EQ(events.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(events.status().message().find("s/1"), std::string::npos);
  auto tail = cache.TailOf(page, "s/1");
  EXPECT_EQ(tail.status().code(), absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace coop::projections
