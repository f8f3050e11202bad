// Given/when/then tests of the graduate placement decider. Each test names the rule id it
// shows (see domain/common/rules.cc); no I/O.
#include "domain/programs/placement_decider.h"

#include <gtest/gtest.h>

#include "tests/domain/programs_test_support.h"
#include "tests/support/test_support.h"

namespace coop::domain {
namespace {

using coop::v1::PlacementEvent;
using testing::ExpectRule;
using Given = testing::Given<PlacementEvent>;

class PlacementDeciderTest : public ::testing::Test {
 protected:
  // Folds the given history into a state.
  static PlacementState State(const std::vector<Given>& history) {
    return testing::Fold<PlacementState>(history);
  }
  absl::StatusOr<std::vector<PlacementEvent>> When(const std::vector<Given>& history,
                                                   const std::string& on,
                                                   const PlacementEvent& fact) {
    return DecidePlacement(on, fact, State(history), context_);
  }

  static PlacementEvent Placement(const std::string& person_ref = "person-7f3a2c") {
    PlacementEvent e;
    auto* p = e.mutable_placed();
    p->set_placement_id("pl1");
    p->set_person_ref(person_ref);
    p->set_degree(coop::v1::DEGREE_UNIVERSITY);
    p->set_field("agronomy");
    p->set_cooperative_id("c1");
    p->set_planned_term_months(36);
    return e;
  }
  static Given Placed() { return {"2024-03-01", Placement()}; }
  static PlacementEvent Ended(const std::string& end_date = "") {
    PlacementEvent e;
    e.mutable_ended()->set_end_date(end_date);
    e.mutable_ended()->set_reason("term completed");
    return e;
  }

  DecisionContext context_{absl::CivilDay(2026, 11, 27), nullptr};
};

TEST_F(PlacementDeciderTest, GivenNothingWhenPlacedThenTheStartIsTheEventsDate) {
  auto events = When({}, "2024-03-01", Placement());
  ASSERT_OK(events);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].placed().start_date(), "2024-03-01");
  const auto state = State({{"2024-03-01", (*events)[0]}});
  EXPECT_EQ(state.status, PlacementStatus::kRunning);
  EXPECT_TRUE(PlacementActiveOn(state, absl::CivilDay(2024, 12, 31)));
  EXPECT_FALSE(PlacementActiveOn(state, absl::CivilDay(2024, 2, 29)));
}

TEST_F(PlacementDeciderTest, Place01PlacedOnceEndedOnlyWhileRunningOnce) {
  ExpectRule(When({Placed()}, "2024-04-01", Placement()), "PLACE-01");
  ExpectRule(When({}, "2024-04-01", Ended()), "PLACE-01");
  auto ended = When({Placed()}, "2025-06-30", Ended());
  ASSERT_OK(ended);
  EXPECT_EQ((*ended)[0].ended().end_date(), "2025-06-30");
  const std::vector<Given> history = {Placed(), {"2025-06-30", (*ended)[0]}};
  const auto state = State(history);
  EXPECT_EQ(state.status, PlacementStatus::kEnded);
  EXPECT_TRUE(PlacementActiveOn(state, absl::CivilDay(2025, 6, 29)));
  EXPECT_FALSE(PlacementActiveOn(state, absl::CivilDay(2025, 6, 30)));
  ExpectRule(When(history, "2025-07-01", Ended()), "PLACE-01");
}

TEST_F(PlacementDeciderTest, Place02StartAndEndAreTheEventsDatesEndAfterStart) {
  auto dated = Placement();
  dated.mutable_placed()->set_start_date("2024-03-01");
  EXPECT_OK(When({}, "2024-03-01", dated));
  ExpectRule(When({}, "2024-03-02", dated), "PLACE-02");
  EXPECT_OK(When({Placed()}, "2024-03-02", Ended("2024-03-02")));
  ExpectRule(When({Placed()}, "2024-03-03", Ended("2024-03-02")), "PLACE-02");
  ExpectRule(When({Placed()}, "2024-03-01", Ended()), "PLACE-02");  // the day it started
  ExpectRule(When({Placed()}, "2024-02-01", Ended()), "PLACE-02");
}

TEST_F(PlacementDeciderTest, Place03APlannedTermOfAtLeastOneMonth) {
  auto one_month = Placement();
  one_month.mutable_placed()->set_planned_term_months(1);
  EXPECT_OK(When({}, "2024-03-01", one_month));
  auto none = Placement();
  none.mutable_placed()->set_planned_term_months(0);
  ExpectRule(When({}, "2024-03-01", none), "PLACE-03");
  auto negative = Placement();
  negative.mutable_placed()->set_planned_term_months(-6);
  ExpectRule(When({}, "2024-03-01", negative), "PLACE-03");
}

TEST_F(PlacementDeciderTest, Place04NoPersonalDataInTheLog) {
  EXPECT_OK(When({}, "2024-03-01", Placement("hr:2024/0042")));
  ExpectRule(When({}, "2024-03-01", Placement("Nguyễn Văn An")), "PLACE-04");
  ExpectRule(When({}, "2024-03-01", Placement("an.nguyen@example.vn")), "PLACE-04");
  ExpectRule(When({}, "2024-03-01", Placement("096123456789")), "PLACE-04");  // an ID number
  ExpectRule(When({}, "2024-03-01", Placement("")), "COMMON-03");
}

TEST_F(PlacementDeciderTest, Common01And03DatesAndRequiredFields) {
  ExpectRule(When({}, "2026-11-28", Placement()), "COMMON-01");
  auto unreal = Placement();
  unreal.mutable_placed()->set_start_date("2024-02-30");
  ExpectRule(When({}, "2024-03-01", unreal), "COMMON-01");
  auto no_degree = Placement();
  no_degree.mutable_placed()->clear_degree();
  ExpectRule(When({}, "2024-03-01", no_degree), "COMMON-03");
  auto no_cooperative = Placement();
  no_cooperative.mutable_placed()->clear_cooperative_id();
  ExpectRule(When({}, "2024-03-01", no_cooperative), "COMMON-03");
  ExpectRule(When({}, "2024-03-01", PlacementEvent()), "COMMON-03");
}

}  // namespace
}  // namespace coop::domain
