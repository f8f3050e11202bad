#include "eventstore/validation.h"

#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace coop::eventstore {
namespace {

coop::v1::AppendRequest OneEvent() {
  coop::v1::AppendRequest request;
  auto* stream = request.add_streams();
  stream->set_stream_id("coop-1");
  auto* event = stream->add_events();
  event->set_event_id("123e4567-e89b-12d3-a456-426614174000");
  event->set_type("coop.v1.CooperativeRegistered");
  event->set_schema_version(1);
  event->set_payload("x");
  return request;
}

void ExpectInvalid(const coop::v1::AppendRequest& request, const std::string& field,
                   absl::StatusCode code = absl::StatusCode::kInvalidArgument) {
  auto st = ValidateAppend(request, Limits());
  EXPECT_EQ(st.code(), code) << st;
  EXPECT_NE(st.message().find(field), std::string::npos) << st;
}

TEST(ValidationTest, AcceptsAWellFormedAppend) { EXPECT_OK(ValidateAppend(OneEvent(), Limits())); }

TEST(ValidationTest, StreamIdSyntax) {
  Limits limits;
  EXPECT_OK(ValidateStreamId("s", "plan-2025-07-96-2026", limits));
  EXPECT_OK(ValidateStreamId("s", "coop-123e4567-e89b-12d3-a456-426614174000", limits));
  EXPECT_FALSE(ValidateStreamId("s", "", limits).ok());
  EXPECT_FALSE(ValidateStreamId("s", "-leading", limits).ok());
  EXPECT_FALSE(ValidateStreamId("s", "has space", limits).ok());
  EXPECT_FALSE(ValidateStreamId("s", std::string("nul\0x", 5), limits).ok());
  EXPECT_FALSE(ValidateStreamId("s", std::string(201, 'a'), limits).ok());
}

TEST(ValidationTest, EventTypeSyntax) {
  Limits limits;
  EXPECT_OK(ValidateEventType("t", "coop.v1.CooperativeRegistered", limits));
  EXPECT_FALSE(ValidateEventType("t", "", limits).ok());
  EXPECT_FALSE(ValidateEventType("t", "coop..Registered", limits).ok());
  EXPECT_FALSE(ValidateEventType("t", "coop.v1.", limits).ok());
  EXPECT_FALSE(ValidateEventType("t", "1coop.X", limits).ok());
  EXPECT_FALSE(ValidateEventType("t", "coop.v1.Bad-Name", limits).ok());
}

TEST(ValidationTest, DatesMustBeOnTheCalendar) {
  EXPECT_OK(ValidateDate("d", "2024-02-29"));
  EXPECT_FALSE(ValidateDate("d", "2023-02-29").ok());
  EXPECT_FALSE(ValidateDate("d", "2023-13-01").ok());
  EXPECT_FALSE(ValidateDate("d", "2023-1-01").ok());
  EXPECT_FALSE(ValidateDate("d", "20230101").ok());
}

TEST(ValidationTest, ErrorsNameTheField) {
  auto r = OneEvent();
  r.mutable_streams(0)->mutable_events(0)->set_event_id("nope");
  ExpectInvalid(r, "streams[0].events[0].event_id");

  r = OneEvent();
  r.mutable_streams(0)->mutable_events(0)->set_type("bad type");
  ExpectInvalid(r, "streams[0].events[0].type");

  r = OneEvent();
  r.mutable_streams(0)->mutable_events(0)->set_schema_version(0);
  ExpectInvalid(r, "streams[0].events[0].schema_version");

  r = OneEvent();
  r.mutable_streams(0)->mutable_events(0)->set_occurred_on("2024-02-30");
  ExpectInvalid(r, "streams[0].events[0].occurred_on");

  r = OneEvent();
  r.mutable_streams(0)->mutable_events(0)->mutable_area()->set_code("96");
  ExpectInvalid(r, "streams[0].events[0].area");

  r = OneEvent();
  *r.add_streams() = r.streams(0);
  ExpectInvalid(r, "streams[1].stream_id");  // same stream twice

  r = OneEvent();
  auto* second = r.mutable_streams(0)->add_events();
  *second = r.streams(0).events(0);
  ExpectInvalid(r, "streams[0].events[1].event_id");  // same id twice

  r = OneEvent();  // the same id in another letter case is the same id
  auto* upper = r.mutable_streams(0)->add_events();
  *upper = r.streams(0).events(0);
  upper->set_event_id("123E4567-E89B-12D3-A456-426614174000");
  ExpectInvalid(r, "streams[0].events[1].event_id");

  r = OneEvent();
  r.mutable_streams(0)->mutable_expected()->set_version(3);
  ExpectInvalid(r, "streams[0].expected.version");

  ExpectInvalid(coop::v1::AppendRequest(), "streams");
}

TEST(ValidationTest, LimitsAreResourceExhaustedAndNamed) {
  auto r = OneEvent();
  r.mutable_streams(0)->mutable_events(0)->set_payload(std::string((1 << 20) + 1, 'x'));
  ExpectInvalid(r, "streams[0].events[0].payload", absl::StatusCode::kResourceExhausted);

  Limits small;
  small.max_events_per_append = 2;
  r = OneEvent();
  for (int i = 0; i < 2; ++i) {
    auto* e = r.mutable_streams(0)->add_events();
    *e = r.streams(0).events(0);
    e->set_event_id(i == 0 ? "123e4567-e89b-12d3-a456-426614174001"
                           : "123e4567-e89b-12d3-a456-426614174002");
  }
  auto st = ValidateAppend(r, small);
  EXPECT_EQ(st.code(), absl::StatusCode::kResourceExhausted) << st;
  EXPECT_NE(st.message().find("at most 2 events"), std::string::npos) << st;
}

TEST(ValidationTest, FilterAreasNeedBothParts) {
  coop::v1::EventFilter filter;
  filter.add_areas()->set_code("966");
  EXPECT_EQ(ValidateFilter(filter, Limits()).code(), absl::StatusCode::kInvalidArgument);
  filter.mutable_areas(0)->set_unit_set("2025-03");
  EXPECT_OK(ValidateFilter(filter, Limits()));
}

}  // namespace
}  // namespace coop::eventstore
