// Given/when/then tests of the annual plan decider. Each test names the rule id it shows (see
// domain/common/rules.cc); no I/O.
#include "domain/programs/plan_decider.h"

#include <gtest/gtest.h>

#include "tests/domain/programs_test_support.h"
#include "tests/support/test_support.h"

namespace coop::domain {
namespace {

using coop::v1::PlanEvent;
using testing::ExpectRule;
using Given = testing::Given<PlanEvent>;

class PlanDeciderTest : public ::testing::Test {
 protected:
  // Folds the given history into a state.
  static PlanState State(const std::vector<Given>& history) {
    return testing::Fold<PlanState>(history);
  }
  absl::StatusOr<std::vector<PlanEvent>> When(const std::vector<Given>& history,
                                              const std::string& on, const PlanEvent& fact) {
    return DecidePlan(on, fact, State(history), context_);
  }

  static void AddTarget(PlanEvent* e, coop::v1::PlanIndicator indicator, int64_t value,
                        coop::v1::TargetComparison comparison = coop::v1::AT_LEAST,
                        bool per_commune = false) {
    auto* t = e->mutable_targets_set()->add_targets();
    t->set_indicator(indicator);
    t->set_comparison(comparison);
    t->set_value(value);
    t->set_per_commune(per_commune);
  }
  // The district's plan for 2025: new HTX ≥ 2, one new THT per commune, one model HTX.
  static PlanEvent Targets(int year = 2025) {
    PlanEvent e;
    auto* s = e.mutable_targets_set();
    s->mutable_area()->set_code("966");
    s->mutable_area()->set_unit_set("2025-03");
    s->set_year(year);
    s->set_decision("15/KH-UBND");
    AddTarget(&e, coop::v1::NEW_COOPERATIVES, 2);
    AddTarget(&e, coop::v1::NEW_GROUPS, 1, coop::v1::EQUAL, /*per_commune=*/true);
    AddTarget(&e, coop::v1::MODEL_COOPERATIVES, 1, coop::v1::EQUAL);
    return e;
  }
  static Given Set() { return {"2024-12-20", Targets()}; }

  DecisionContext context_{absl::CivilDay(2026, 11, 27), nullptr};
};

TEST_F(PlanDeciderTest, GivenAPlanWhenTargetsAreSetAgainThenTheyReplaceTheEarlierOnes) {
  EXPECT_EQ(PlanStreamId(Targets().targets_set().area(), 2025), "plan-2025-03-966-2025");
  ASSERT_OK(When({}, "2024-12-20", Targets()));
  PlanEvent revised = Targets();
  revised.mutable_targets_set()->clear_targets();
  AddTarget(&revised, coop::v1::COOPERATIVES_IN_OCOP, 2);
  ASSERT_OK(When({Set()}, "2025-03-01", revised));
  const auto state = State({Set(), {"2025-03-01", revised}});
  EXPECT_EQ(state.revisions, 2);
  ASSERT_EQ(state.targets.size(), 1u);
  EXPECT_EQ(state.targets.at(coop::v1::COOPERATIVES_IN_OCOP).value(), 2);
}

TEST_F(PlanDeciderTest, Plan01AYearFrom2000ToTheYearAfterThePlan) {
  EXPECT_OK(When({}, "2024-12-20", Targets(2000)));
  ExpectRule(When({}, "2024-12-20", Targets(1999)), "PLAN-01");
  ExpectRule(When({}, "2024-12-20", Targets(2026)), "PLAN-01");
  ExpectRule(When({}, "2024-12-20", Targets(0)), "COMMON-03");
}

TEST_F(PlanDeciderTest, Plan02AtLeastOneTargetEachIndicatorOnce) {
  auto repeated = Targets();
  AddTarget(&repeated, coop::v1::NEW_COOPERATIVES, 3);
  ExpectRule(When({}, "2024-12-20", repeated), "PLAN-02");
  auto empty = Targets();
  empty.mutable_targets_set()->clear_targets();
  ExpectRule(When({}, "2024-12-20", empty), "PLAN-02");
  auto zero = Targets();
  AddTarget(&zero, coop::v1::HALLS_KEPT, 0);
  EXPECT_OK(When({}, "2024-12-20", zero));
}

TEST_F(PlanDeciderTest, Plan03EveryEventOfAPlanNamesItsAreaAndYear) {
  auto other_year = Targets(2024);
  ExpectRule(When({Set()}, "2024-12-21", other_year), "PLAN-03");
  auto other_area = Targets();
  other_area.mutable_targets_set()->mutable_area()->set_code("967");
  ExpectRule(When({Set()}, "2024-12-21", other_area), "PLAN-03");
  auto other_unit_set = Targets();
  other_unit_set.mutable_targets_set()->mutable_area()->set_unit_set("2025-07");
  ExpectRule(When({Set()}, "2024-12-21", other_unit_set), "PLAN-03");
}

TEST_F(PlanDeciderTest, Common01To03DatesValuesAndRequiredFields) {
  ExpectRule(When({}, "2026-11-28", Targets()), "COMMON-01");
  auto negative = Targets();
  AddTarget(&negative, coop::v1::TRAINING_CLASSES, -1);
  ExpectRule(When({}, "2024-12-20", negative), "COMMON-02");
  auto no_indicator = Targets();
  AddTarget(&no_indicator, coop::v1::PLAN_INDICATOR_UNSPECIFIED, 1);
  ExpectRule(When({}, "2024-12-20", no_indicator), "COMMON-03");
  auto no_comparison = Targets();
  AddTarget(&no_comparison, coop::v1::GRADUATES_PLACED, 1, coop::v1::TARGET_COMPARISON_UNSPECIFIED);
  ExpectRule(When({}, "2024-12-20", no_comparison), "COMMON-03");
  auto no_unit_set = Targets();
  no_unit_set.mutable_targets_set()->mutable_area()->clear_unit_set();
  ExpectRule(When({}, "2024-12-20", no_unit_set), "COMMON-03");
  ExpectRule(When({}, "2024-12-20", PlanEvent()), "COMMON-03");
}

TEST_F(PlanDeciderTest, Area01TheAreaIsCheckedWhenThePlanIsFirstSet) {
  context_.check_area = [](const std::string& field, const coop::v1::Area& area,
                           absl::CivilDay on) -> absl::Status {
    if (area.unit_set() == "2025-03" && on >= absl::CivilDay(2025, 7, 1)) {
      return Violation("AREA-01", field + ".unit_set", "2025-03 is not in force");
    }
    return absl::OkStatus();
  };
  EXPECT_OK(When({}, "2024-12-20", Targets()));
  ExpectRule(When({}, "2025-07-01", Targets()), "AREA-01");
  // A revision after the reform keeps the plan's area.
  EXPECT_OK(When({Set()}, "2025-08-01", Targets()));
}

}  // namespace
}  // namespace coop::domain
