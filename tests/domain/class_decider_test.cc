// Given/when/then tests of the class decider. Each test names the rule id it shows (see
// domain/common/rules.cc); no I/O.
#include "domain/programs/class_decider.h"

#include <gtest/gtest.h>

#include "tests/domain/programs_test_support.h"
#include "tests/support/test_support.h"

namespace coop::domain {
namespace {

using coop::v1::ClassEvent;
using testing::ExpectRule;
using Given = testing::Given<ClassEvent>;

class ClassDeciderTest : public ::testing::Test {
 protected:
  // Folds the given history into a state.
  static ClassState State(const std::vector<Given>& history) {
    return testing::Fold<ClassState>(history);
  }
  absl::StatusOr<std::vector<ClassEvent>> When(const std::vector<Given>& history,
                                               const std::string& on, const ClassEvent& fact) {
    return DecideClass(on, fact, State(history), context_);
  }

  // A two-day propaganda class held by a district for commune officials and members.
  static ClassEvent Held() {
    ClassEvent e;
    auto* h = e.mutable_held();
    h->set_class_id("k1");
    h->set_kind(coop::v1::PROPAGANDA);
    h->set_title("Tuyên truyền Luật Hợp tác xã 2023");
    h->set_organiser("Phòng Nông nghiệp huyện U Minh");
    h->set_start_date("2025-03-10");
    h->set_end_date("2025-03-11");
    h->mutable_area()->set_code("966");
    h->mutable_area()->set_unit_set("2025-03");
    h->mutable_participants()->set_officials(12);
    h->mutable_participants()->set_members(40);
    h->set_budget_vnd(25'000'000);
    h->add_cooperative_ids("c1");
    h->add_cooperative_ids("c2");
    return e;
  }

  DecisionContext context_{absl::CivilDay(2026, 11, 27), nullptr};
};

TEST_F(ClassDeciderTest, GivenNothingWhenAClassIsHeldThenItIsRecordedOnce) {
  auto events = When({}, "2025-03-10", Held());
  ASSERT_OK(events);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_TRUE((*events)[0].has_held());
  const auto state = State({{"2025-03-10", Held()}});
  EXPECT_TRUE(state.held);
  EXPECT_EQ(state.kind, coop::v1::PROPAGANDA);
}

TEST_F(ClassDeciderTest, Class01AClassIsHeldOnce) {
  ExpectRule(When({{"2025-03-10", Held()}}, "2025-03-11", Held()), "CLASS-01");
}

TEST_F(ClassDeciderTest, Class02EndNotBeforeStartAndTheEventIsADayOfTheClass) {
  EXPECT_OK(When({}, "2025-03-11", Held()));  // the last day
  auto one_day = Held();
  one_day.mutable_held()->set_end_date("2025-03-10");
  EXPECT_OK(When({}, "2025-03-10", one_day));
  auto backwards = Held();
  backwards.mutable_held()->set_end_date("2025-03-09");
  ExpectRule(When({}, "2025-03-10", backwards), "CLASS-02");
  ExpectRule(When({}, "2025-03-09", Held()), "CLASS-02");
  ExpectRule(When({}, "2025-03-12", Held()), "CLASS-02");
}

TEST_F(ClassDeciderTest, Class03AtLeastOneParticipant) {
  auto farmers_only = Held();
  farmers_only.mutable_held()->mutable_participants()->Clear();
  farmers_only.mutable_held()->mutable_participants()->set_farmers(1);
  EXPECT_OK(When({}, "2025-03-10", farmers_only));
  auto nobody = Held();
  nobody.mutable_held()->mutable_participants()->Clear();
  ExpectRule(When({}, "2025-03-10", nobody), "CLASS-03");
}

TEST_F(ClassDeciderTest, Common01DatesAreRealAndNotInTheFuture) {
  auto future = Held();
  future.mutable_held()->set_start_date("2026-11-27");
  future.mutable_held()->set_end_date("2026-11-28");  // still running tomorrow
  ExpectRule(When({}, "2026-11-27", future), "COMMON-01");
  auto unreal = Held();
  unreal.mutable_held()->set_start_date("2025-02-29");
  ExpectRule(When({}, "2025-03-10", unreal), "COMMON-01");
  ExpectRule(When({}, "2026-11-28", Held()), "COMMON-01");
}

TEST_F(ClassDeciderTest, Common02And03CountsBudgetAndRequiredFields) {
  auto negative = Held();
  negative.mutable_held()->mutable_participants()->set_other(-1);
  ExpectRule(When({}, "2025-03-10", negative), "COMMON-02");
  auto budget = Held();
  budget.mutable_held()->set_budget_vnd(-1);
  ExpectRule(When({}, "2025-03-10", budget), "COMMON-02");
  auto free = Held();
  free.mutable_held()->set_budget_vnd(0);
  EXPECT_OK(When({}, "2025-03-10", free));
  auto no_kind = Held();
  no_kind.mutable_held()->clear_kind();
  ExpectRule(When({}, "2025-03-10", no_kind), "COMMON-03");
  auto no_area = Held();
  no_area.mutable_held()->clear_area();
  ExpectRule(When({}, "2025-03-10", no_area), "COMMON-03");
  auto no_organiser = Held();
  no_organiser.mutable_held()->clear_organiser();
  ExpectRule(When({}, "2025-03-10", no_organiser), "COMMON-03");
  ExpectRule(When({}, "2025-03-10", ClassEvent()), "COMMON-03");
}

TEST_F(ClassDeciderTest, Area01TheAreaIsCheckedOnTheEventsDate) {
  context_.check_area = [](const std::string& field, const coop::v1::Area& area,
                           absl::CivilDay on) -> absl::Status {
    if (area.unit_set() == "2025-03" && on >= absl::CivilDay(2025, 7, 1)) {
      return Violation("AREA-01", field + ".unit_set", "2025-03 is not in force");
    }
    return absl::OkStatus();
  };
  EXPECT_OK(When({}, "2025-03-10", Held()));
  auto after_reform = Held();
  after_reform.mutable_held()->set_start_date("2025-07-10");
  after_reform.mutable_held()->set_end_date("2025-07-10");
  ExpectRule(When({}, "2025-07-10", after_reform), "AREA-01");
}

}  // namespace
}  // namespace coop::domain
