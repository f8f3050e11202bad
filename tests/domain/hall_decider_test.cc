// Given/when/then tests of the community-hall (hội quán) decider. Each test names the rule id
// it shows (see domain/common/rules.cc); no I/O.
#include "domain/hall/hall_decider.h"

#include <gtest/gtest.h>

#include "domain/common/dates.h"
#include "domain/common/rules.h"
#include "tests/support/test_support.h"

namespace coop::domain {
namespace {

using coop::v1::HallEvent;

struct Given {
  std::string on;
  HallEvent event;
};

class HallDeciderTest : public ::testing::Test {
 protected:
  // Folds the given history into a state.
  HallState State(const std::vector<Given>& history) {
    HallState state;
    for (const auto& g : history) state = Evolve(state, *ParseDate("", g.on), g.event);
    return state;
  }
  absl::StatusOr<std::vector<HallEvent>> When(const std::vector<Given>& history,
                                              const std::string& on, const HallEvent& fact) {
    return DecideHall(on, fact, State(history), context_);
  }
  // Then: rejected under `rule`, with its code and the rule id in the message.
  static void ExpectRule(const absl::StatusOr<std::vector<HallEvent>>& result,
                         const std::string& rule) {
    ASSERT_FALSE(result.ok()) << "expected a violation of " << rule;
    EXPECT_EQ(result.status().code(), FindRule(rule).code) << result.status();
    EXPECT_NE(result.status().message().find("[" + rule + "]"), std::string::npos)
        << result.status();
  }

  static HallEvent Founding(int64_t members = 25) {
    HallEvent e;
    auto* f = e.mutable_founded();
    f->set_hall_id("h1");
    f->set_name("Hội quán nông dân ấp 3");
    f->mutable_address()->set_code("32059");
    f->mutable_address()->set_unit_set("2025-03");
    f->set_hamlet("Ấp 3");
    f->set_field("rice");
    f->set_members(members);
    return e;
  }
  static HallEvent Members(int64_t members) {
    HallEvent e;
    e.mutable_members_changed()->set_members(members);
    return e;
  }
  static HallEvent Formalised(coop::v1::HallFormalisedAs as, const std::string& id) {
    HallEvent e;
    e.mutable_formalised()->set_formalised_as(as);
    e.mutable_formalised()->set_new_aggregate_id(id);
    return e;
  }
  static Given Founded() { return {"2023-05-01", Founding()}; }

  DecisionContext context_{absl::CivilDay(2026, 11, 27), nullptr};
};

TEST_F(HallDeciderTest, GivenNothingWhenFoundedThenActive) {
  auto events = When({}, "2023-05-01", Founding());
  ASSERT_OK(events);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_TRUE((*events)[0].has_founded());
  const HallState s = State({Founded()});
  EXPECT_EQ(s.status, HallStatus::kActive);
  EXPECT_EQ(s.members, 25);
  EXPECT_EQ(s.hamlet, "Ấp 3");
  EXPECT_EQ(s.founded_on, absl::CivilDay(2023, 5, 1));
}

TEST_F(HallDeciderTest, GivenActiveWhenMembersChangeThenTheNewCount) {
  EXPECT_OK(When({Founded()}, "2024-01-01", Members(0)));
  EXPECT_EQ(State({Founded(), {"2024-01-01", Members(31)}}).members, 31);
}

TEST_F(HallDeciderTest, Hall01FoundedOnceAndNothingBeforeIt) {
  ExpectRule(When({Founded()}, "2024-01-01", Founding()), "HALL-01");
  ExpectRule(When({}, "2024-01-01", Members(30)), "HALL-01");
  ExpectRule(When({Founded()}, "2023-04-30", Members(30)), "HALL-01");
}

TEST_F(HallDeciderTest, Hall02FormalisedOnceAsAGroupOrACooperativeThenNothingMore) {
  EXPECT_OK(When({Founded()}, "2024-09-01", Formalised(coop::v1::HALL_AS_GROUP, "g1")));
  EXPECT_OK(When({Founded()}, "2024-09-01", Formalised(coop::v1::HALL_AS_COOPERATIVE, "c1")));
  const Given formalised{"2024-09-01", Formalised(coop::v1::HALL_AS_GROUP, "g1")};
  const HallState s = State({Founded(), formalised});
  EXPECT_EQ(s.status, HallStatus::kFormalised);
  EXPECT_TRUE(IsTerminal(s.status));
  EXPECT_EQ(s.formalised_as, coop::v1::HALL_AS_GROUP);
  EXPECT_EQ(s.new_aggregate_id, "g1");
  ExpectRule(
      When({Founded(), formalised}, "2025-01-01", Formalised(coop::v1::HALL_AS_COOPERATIVE, "c1")),
      "HALL-02");
  ExpectRule(When({Founded(), formalised}, "2025-01-01", Members(40)), "HALL-02");
}

TEST_F(HallDeciderTest, Common01DatesAreRealAndNotInTheFuture) {
  ExpectRule(When({}, "2026-11-28", Founding()), "COMMON-01");
  ExpectRule(When({}, "2023-02-29", Founding()), "COMMON-01");
}

TEST_F(HallDeciderTest, Common02And03CountsAndRequiredFields) {
  ExpectRule(When({}, "2023-05-01", Founding(-1)), "COMMON-02");
  ExpectRule(When({Founded()}, "2024-01-01", Members(-1)), "COMMON-02");
  auto no_id = Founding();
  no_id.mutable_founded()->clear_hall_id();
  ExpectRule(When({}, "2023-05-01", no_id), "COMMON-03");
  auto no_address = Founding();
  no_address.mutable_founded()->clear_address();
  ExpectRule(When({}, "2023-05-01", no_address), "COMMON-03");
  ExpectRule(
      When({Founded()}, "2024-09-01", Formalised(coop::v1::HALL_FORMALISED_AS_UNSPECIFIED, "g1")),
      "COMMON-03");
  ExpectRule(When({Founded()}, "2024-09-01", Formalised(coop::v1::HALL_AS_GROUP, "")), "COMMON-03");
  ExpectRule(When({Founded()}, "2024-09-01", HallEvent()), "COMMON-03");
}

TEST_F(HallDeciderTest, Area01TheAddressIsCheckedOnTheEventsDate) {
  context_.check_area = [](const std::string& field, const coop::v1::Area& area,
                           absl::CivilDay on) -> absl::Status {
    if (area.unit_set() == "2025-03" && on >= absl::CivilDay(2025, 7, 1)) {
      return Violation("AREA-01", field + ".unit_set", "2025-03 is not in force");
    }
    return absl::OkStatus();
  };
  EXPECT_OK(When({}, "2023-05-01", Founding()));
  ExpectRule(When({}, "2025-07-01", Founding()), "AREA-01");
}

TEST_F(HallDeciderTest, EveryHallRuleIsInTheTableWithALegalBasis) {
  for (const char* id : {"HALL-01", "HALL-02"}) {
    const Rule& rule = FindRule(id);
    EXPECT_FALSE(rule.text.empty()) << id;
    EXPECT_FALSE(rule.legal_basis.empty()) << id;
  }
}

}  // namespace
}  // namespace coop::domain
