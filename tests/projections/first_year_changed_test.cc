// FirstYearChangedBy (projections/statistics/entity_figures.h): the earliest year an added
// event can change, which bounds what the annual_statistics projection recomputes. Pure;
// given/when/then.
#include <gtest/gtest.h>

#include <string>

#include "coop/v1/class_events.pb.h"
#include "coop/v1/cooperative_events.pb.h"
#include "coop/v1/corrections.pb.h"
#include "coop/v1/event.pb.h"
#include "coop/v1/group_events.pb.h"
#include "coop/v1/hall_events.pb.h"
#include "coop/v1/placement_events.pb.h"
#include "projections/statistics/entity_figures.h"

namespace coop::projections::statistics {
namespace {

coop::v1::RecordedEvent Recorded(const std::string& stream,
                                 const google::protobuf::Message& payload, const std::string& on) {
  coop::v1::RecordedEvent event;
  event.set_stream_id(stream);
  event.set_type(payload.GetDescriptor()->full_name());
  event.set_payload(payload.SerializeAsString());
  event.set_occurred_on(on);
  return event;
}

int FirstYear(const std::string& stream, const google::protobuf::Message& payload,
              const std::string& on) {
  return FirstYearChangedBy(Recorded(stream, payload, on), PeriodKind::kCalendarYear);
}

TEST(FirstYearChangedByTest, GivenAnEventDatedInAYearThenItChangesThatYearOn) {
  coop::v1::CooperativeMembershipReported reported;
  EXPECT_EQ(FirstYear("coop-A", reported, "2024-05-01"), 2024);
  coop::v1::CooperativeInspected inspected;
  EXPECT_EQ(FirstYear("coop-A", inspected, "2021-12-31"), 2021);
  coop::v1::ClassHeld held;
  EXPECT_EQ(FirstYear("class-K", held, "2019-01-01"), 2019);
}

TEST(FirstYearChangedByTest, GivenTheReportingYearThenADateAfter14DecemberIsInTheNextYear) {
  coop::v1::CooperativeInspected inspected;
  EXPECT_EQ(
      FirstYearChangedBy(Recorded("coop-A", inspected, "2023-12-20"), PeriodKind::kReportingYear),
      2024);
}

TEST(FirstYearChangedByTest, GivenARatingReportOrMeetingAboutAnEarlierYearThenThatYear) {
  coop::v1::CooperativeRated rated;
  rated.set_year(2019);
  EXPECT_EQ(FirstYear("coop-A", rated, "2024-06-01"), 2019);
  rated.set_year(2025);  // about a later year: the event's own year still bounds it
  EXPECT_EQ(FirstYear("coop-A", rated, "2024-06-01"), 2024);
  coop::v1::CooperativeAnnualReportSubmitted report;
  report.set_year(2022);
  EXPECT_EQ(FirstYear("coop-A", report, "2023-03-01"), 2022);
  coop::v1::CooperativeGeneralMeetingHeld meeting;
  meeting.set_fiscal_year(2020);
  EXPECT_EQ(FirstYear("coop-A", meeting, "2021-04-01"), 2020);
  meeting.set_fiscal_year(0);  // no year given: any year may change
  EXPECT_EQ(FirstYear("coop-A", meeting, "2021-04-01"), 0);
}

TEST(FirstYearChangedByTest, GivenAChangeThatMayReaddressTheEntityThenFrom2025AtTheLatest) {
  coop::v1::CooperativeRegistrationChanged changed;
  EXPECT_EQ(FirstYear("coop-A", changed, "2026-02-01"), 2025);
  EXPECT_EQ(FirstYear("coop-A", changed, "2023-02-01"), 2023);
  coop::v1::GroupChanged group_changed;
  EXPECT_EQ(FirstYear("group-G", group_changed, "2027-02-01"), 2025);
}

TEST(FirstYearChangedByTest, GivenAFirstEventACorrectionOrAPlacementThenEveryYear) {
  EXPECT_EQ(FirstYear("coop-A", coop::v1::CooperativeRegistered(), "2024-01-01"), 0);
  EXPECT_EQ(FirstYear("group-G", coop::v1::GroupFormed(), "2024-01-01"), 0);
  EXPECT_EQ(FirstYear("hall-H", coop::v1::HallFounded(), "2024-01-01"), 0);
  coop::v1::EventVoided voided;
  voided.set_event_id("e1");
  EXPECT_EQ(FirstYear("coop-A", voided, "2024-01-01"), 0);
  coop::v1::EventAmended amended;
  amended.set_event_id("e1");
  EXPECT_EQ(FirstYear("coop-A", amended, "2024-01-01"), 0);
  EXPECT_EQ(FirstYear("placement-P", coop::v1::GraduatePlaced(), "2024-01-01"), 0);
}

TEST(FirstYearChangedByTest, GivenADateThatDoesNotParseThenEveryYear) {
  coop::v1::CooperativeInspected inspected;
  EXPECT_EQ(FirstYear("coop-A", inspected, "2024-13-01"), 0);
  EXPECT_EQ(FirstYear("coop-A", inspected, ""), 0);
}

}  // namespace
}  // namespace coop::projections::statistics
