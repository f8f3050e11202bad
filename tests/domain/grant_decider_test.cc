// Given/when/then tests of the support grant decider. Each test names the rule id it shows
// (see domain/common/rules.cc); no I/O.
#include "domain/programs/grant_decider.h"

#include <gtest/gtest.h>

#include "tests/domain/programs_test_support.h"
#include "tests/support/test_support.h"

namespace coop::domain {
namespace {

using coop::v1::GrantEvent;
using testing::ExpectRule;
using Given = testing::Given<GrantEvent>;

class GrantDeciderTest : public ::testing::Test {
 protected:
  // Folds the given history into a state.
  static GrantState State(const std::vector<Given>& history) {
    return testing::Fold<GrantState>(history);
  }
  absl::StatusOr<std::vector<GrantEvent>> When(const std::vector<Given>& history,
                                               const std::string& on, const GrantEvent& fact) {
    return DecideGrant(on, fact, State(history), context_);
  }

  // Packaging and labels for a cooperative, paid by the province.
  static GrantEvent Granted() {
    GrantEvent e;
    auto* g = e.mutable_granted();
    g->set_grant_id("g1");
    g->set_type(coop::v1::SUPPORT_PACKAGING_LABEL_TRADEMARK);
    g->set_programme("Chương trình hỗ trợ phát triển KTTT 2021-2025");
    g->set_amount_vnd(50'000'000);
    g->set_funding_source(coop::v1::FUNDING_PROVINCIAL);
    g->set_decision("56/QĐ-UBND");
    g->set_cooperative_id("c1");
    return e;
  }

  DecisionContext context_{absl::CivilDay(2026, 11, 27), nullptr};
};

TEST_F(GrantDeciderTest, GivenNothingWhenAGrantIsGivenThenItIsRecorded) {
  auto events = When({}, "2025-04-02", Granted());
  ASSERT_OK(events);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_TRUE((*events)[0].has_granted());
  EXPECT_TRUE(State({{"2025-04-02", Granted()}}).granted);
}

TEST_F(GrantDeciderTest, Grant01AGrantIsRecordedOnce) {
  ExpectRule(When({{"2025-04-02", Granted()}}, "2025-04-03", Granted()), "GRANT-01");
}

TEST_F(GrantDeciderTest, Grant02TypeFundingSourceAndRecipient) {
  auto to_group = Granted();
  to_group.mutable_granted()->set_group_id("t1");  // replaces the cooperative in the oneof
  EXPECT_OK(When({}, "2025-04-02", to_group));
  auto no_type = Granted();
  no_type.mutable_granted()->clear_type();
  ExpectRule(When({}, "2025-04-02", no_type), "GRANT-02");
  auto unknown_type = Granted();
  unknown_type.mutable_granted()->set_type(static_cast<coop::v1::SupportType>(99));
  ExpectRule(When({}, "2025-04-02", unknown_type), "GRANT-02");
  auto no_source = Granted();
  no_source.mutable_granted()->clear_funding_source();
  ExpectRule(When({}, "2025-04-02", no_source), "GRANT-02");
  auto no_recipient = Granted();
  no_recipient.mutable_granted()->clear_recipient();
  ExpectRule(When({}, "2025-04-02", no_recipient), "GRANT-02");
  auto empty_recipient = Granted();
  empty_recipient.mutable_granted()->set_cooperative_id("");
  ExpectRule(When({}, "2025-04-02", empty_recipient), "GRANT-02");
}

TEST_F(GrantDeciderTest, Grant03AnAmountSomethingInKindOrBoth) {
  auto in_kind = Granted();
  in_kind.mutable_granted()->set_amount_vnd(0);
  in_kind.mutable_granted()->set_in_kind("1 máy sấy nông sản");
  EXPECT_OK(When({}, "2025-04-02", in_kind));
  auto both = in_kind;
  both.mutable_granted()->set_amount_vnd(10'000'000);
  EXPECT_OK(When({}, "2025-04-02", both));
  auto nothing = Granted();
  nothing.mutable_granted()->set_amount_vnd(0);
  ExpectRule(When({}, "2025-04-02", nothing), "GRANT-03");
}

TEST_F(GrantDeciderTest, Common01To03DatesAmountsAndRequiredFields) {
  ExpectRule(When({}, "2026-11-28", Granted()), "COMMON-01");
  auto negative = Granted();
  negative.mutable_granted()->set_amount_vnd(-1);
  negative.mutable_granted()->set_in_kind("training materials");
  ExpectRule(When({}, "2025-04-02", negative), "COMMON-02");
  auto no_id = Granted();
  no_id.mutable_granted()->clear_grant_id();
  ExpectRule(When({}, "2025-04-02", no_id), "COMMON-03");
  auto area_without_code = Granted();
  area_without_code.mutable_granted()->mutable_area()->set_unit_set("2025-07");
  ExpectRule(When({}, "2025-04-02", area_without_code), "COMMON-03");
  ExpectRule(When({}, "2025-04-02", GrantEvent()), "COMMON-03");
}

TEST_F(GrantDeciderTest, Area01AGivenAreaIsCheckedOnTheGrantsDate) {
  context_.check_area = [](const std::string& field, const coop::v1::Area& area,
                           absl::CivilDay on) -> absl::Status {
    if (area.unit_set() == "2025-03" && on >= absl::CivilDay(2025, 7, 1)) {
      return Violation("AREA-01", field + ".unit_set", "2025-03 is not in force");
    }
    return absl::OkStatus();
  };
  auto with_area = Granted();
  with_area.mutable_granted()->mutable_area()->set_code("32059");
  with_area.mutable_granted()->mutable_area()->set_unit_set("2025-03");
  EXPECT_OK(When({}, "2025-04-02", with_area));
  ExpectRule(When({}, "2025-07-02", with_area), "AREA-01");
  EXPECT_OK(When({}, "2025-07-02", Granted()));  // no area given: nothing to check
}

}  // namespace
}  // namespace coop::domain
