// Given/when/then tests of the cooperative-group (THT) decider. Each test names the rule id
// it shows (see domain/common/rules.cc); no I/O.
#include "domain/group/group_decider.h"

#include <gtest/gtest.h>

#include "domain/common/dates.h"
#include "domain/common/rules.h"
#include "domain/group/group_calendar.h"
#include "tests/support/test_support.h"

namespace coop::domain {
namespace {

using coop::v1::GroupEvent;

struct Given {
  std::string on;
  GroupEvent event;
};

class GroupDeciderTest : public ::testing::Test {
 protected:
  // Folds the given history into a state.
  GroupState State(const std::vector<Given>& history) {
    GroupState state;
    for (const auto& g : history) state = Evolve(state, *ParseDate("", g.on), g.event);
    return state;
  }
  absl::StatusOr<std::vector<GroupEvent>> When(const std::vector<Given>& history,
                                               const std::string& on, const GroupEvent& fact) {
    return DecideGroup(on, fact, State(history), context_);
  }
  // Then: rejected under `rule`, with its code and the rule id in the message.
  static void ExpectRule(const absl::StatusOr<std::vector<GroupEvent>>& result,
                         const std::string& rule) {
    ASSERT_FALSE(result.ok()) << "expected a violation of " << rule;
    EXPECT_EQ(result.status().code(), FindRule(rule).code) << result.status();
    EXPECT_NE(result.status().message().find("[" + rule + "]"), std::string::npos)
        << result.status();
  }

  static GroupEvent Formation(int64_t members = 5) {
    GroupEvent e;
    auto* f = e.mutable_formed();
    f->set_group_id("g1");
    f->set_name("Tổ hợp tác trồng lúa Khánh An");
    f->set_no_fixed_term(true);
    f->mutable_address()->set_code("32059");
    f->mutable_address()->set_unit_set("2025-03");
    f->set_members(members);
    f->set_has_capital_contributions(true);
    f->set_representative_ref("person-1");
    f->add_activities("rice");
    f->set_origin(coop::v1::GROUP_ORIGIN_NEW);
    return e;
  }
  static GroupEvent Notice(coop::v1::GroupNoticeDecree decree) {
    GroupEvent e;
    e.mutable_notified()->set_decree(decree);
    e.mutable_notified()->set_authority("UBND xã Khánh An");
    return e;
  }
  static GroupEvent Registration(const std::string& certificate_date = "") {
    GroupEvent e;
    e.mutable_registered()->set_certificate_number("THT-0012");
    e.mutable_registered()->set_certificate_date(certificate_date);
    e.mutable_registered()->set_authority("UBND xã Khánh An");
    return e;
  }
  static GroupEvent Suspend(const std::string& from, const std::string& until) {
    GroupEvent e;
    e.mutable_suspended()->set_from(from);
    e.mutable_suspended()->set_until(until);
    return e;
  }
  static GroupEvent Convert(bool all_agreed = true) {
    GroupEvent e;
    e.mutable_converted_to_cooperative()->set_cooperative_id("c9");
    e.mutable_converted_to_cooperative()->set_all_members_agreed(all_agreed);
    return e;
  }
  static GroupEvent Members(int64_t members) {
    GroupEvent e;
    e.mutable_members_changed()->set_members(members);
    return e;
  }

  // A group of the Decree 151 era, and one of the 2023 law.
  static Given Formed2018() { return {"2018-03-01", Formation()}; }
  static Given Notified2018() { return {"2018-03-10", Notice(coop::v1::GROUP_DECREE_151_2007)}; }
  static Given Formed2024() { return {"2024-08-01", Formation()}; }
  static Given Registered2024() { return {"2024-09-01", Registration()}; }

  DecisionContext context_{absl::CivilDay(2026, 11, 27), nullptr};
};

GroupEvent Resumed() {
  GroupEvent e;
  e.mutable_resumed();
  return e;
}
GroupEvent Terminated() {
  GroupEvent e;
  e.mutable_terminated()->set_reason("purpose achieved");
  return e;
}

// --- formation ---

TEST_F(GroupDeciderTest, GivenNothingWhenFormedThenFormedButNotYetActive) {
  auto events = When({}, "2024-08-01", Formation());
  ASSERT_OK(events);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_TRUE((*events)[0].has_formed());
  const GroupState s = State({Formed2024()});
  EXPECT_EQ(s.status, GroupStatus::kFormed);
  EXPECT_EQ(s.formed_on, absl::CivilDay(2024, 8, 1));
  EXPECT_EQ(s.members, 5);
}

TEST_F(GroupDeciderTest, Group01AtLeastTwoMembersThreeUnderDecree151) {
  EXPECT_OK(When({}, "2024-08-01", Formation(2)));
  ExpectRule(When({}, "2024-08-01", Formation(1)), "GROUP-01");
  ExpectRule(When({}, "2019-11-24", Formation(2)), "GROUP-01");
  EXPECT_OK(When({}, "2019-11-24", Formation(3)));
  EXPECT_OK(When({}, "2019-11-25", Formation(2)));
  EXPECT_EQ(MinimumGroupMembers(absl::CivilDay(2019, 11, 24)), 3);
  EXPECT_EQ(MinimumGroupMembers(absl::CivilDay(2019, 11, 25)), 2);
  // A member count is checked against the minimum on its own date.
  EXPECT_OK(When({Formed2018(), Notified2018()}, "2020-01-10", Members(2)));
  ExpectRule(When({Formed2018(), Notified2018()}, "2019-01-10", Members(2)), "GROUP-01");
  ExpectRule(When({Formed2024()}, "2025-01-10", Members(1)), "GROUP-01");
  EXPECT_EQ(State({Formed2024(), {"2025-01-10", Members(7)}}).members, 7);
}

TEST_F(GroupDeciderTest, Group02FormedOnceAndNothingBeforeIt) {
  ExpectRule(When({Formed2024()}, "2024-09-01", Formation()), "GROUP-02");
  ExpectRule(When({}, "2024-09-01", Registration()), "GROUP-02");
  ExpectRule(When({Formed2024()}, "2024-07-31", Terminated()), "GROUP-02");
  ExpectRule(When({Formed2024()}, "2024-08-10", Registration("2024-07-31")), "GROUP-02");
  ExpectRule(
      When({Formed2024(), Registered2024()}, "2024-09-10", Suspend("2024-07-20", "2024-09-30")),
      "GROUP-02");
}

TEST_F(GroupDeciderTest, Group03NothingAfterTerminationOrConversion) {
  const Given terminated{"2025-01-01", Terminated()};
  EXPECT_EQ(State({Formed2024(), terminated}).status, GroupStatus::kTerminated);
  EXPECT_TRUE(IsTerminal(GroupStatus::kTerminated));
  ExpectRule(When({Formed2024(), terminated}, "2025-02-01", Members(4)), "GROUP-03");
  ExpectRule(When({Formed2024(), terminated}, "2025-02-01", Terminated()), "GROUP-03");
  const Given converted{"2025-09-01", Convert()};
  EXPECT_TRUE(IsTerminal(State({Formed2024(), Registered2024(), converted}).status));
  ExpectRule(When({Formed2024(), Registered2024(), converted}, "2025-10-01", Terminated()),
             "GROUP-03");
}

TEST_F(GroupDeciderTest, Group04ATermInMonthsOrNoFixedTermNotBoth) {
  auto months = Formation();
  months.mutable_formed()->set_no_fixed_term(false);
  months.mutable_formed()->set_term_months(24);
  EXPECT_OK(When({}, "2024-08-01", months));
  auto both = Formation();
  both.mutable_formed()->set_term_months(24);
  ExpectRule(When({}, "2024-08-01", both), "GROUP-04");
  auto neither = Formation();
  neither.mutable_formed()->set_no_fixed_term(false);
  ExpectRule(When({}, "2024-08-01", neither), "GROUP-04");
  auto negative = months;
  negative.mutable_formed()->set_term_months(-1);
  ExpectRule(When({}, "2024-08-01", negative), "COMMON-02");
}

// --- notice and registration ---

TEST_F(GroupDeciderTest, Group05ANoticeIsUnderTheDecreeInForceAndEndsWithTheNewLaw) {
  EXPECT_OK(When({Formed2018()}, "2018-03-10", Notice(coop::v1::GROUP_DECREE_151_2007)));
  EXPECT_EQ(State({Formed2018(), Notified2018()}).status, GroupStatus::kActive);
  ExpectRule(When({Formed2018()}, "2018-03-10", Notice(coop::v1::GROUP_DECREE_77_2019)),
             "GROUP-05");
  EXPECT_OK(When({Formed2018()}, "2019-11-25", Notice(coop::v1::GROUP_DECREE_77_2019)));
  ExpectRule(When({Formed2018()}, "2019-11-25", Notice(coop::v1::GROUP_DECREE_151_2007)),
             "GROUP-05");
  EXPECT_OK(When({Formed2018()}, "2024-06-30", Notice(coop::v1::GROUP_DECREE_77_2019)));
  ExpectRule(When({Formed2018()}, "2024-07-01", Notice(coop::v1::GROUP_DECREE_77_2019)),
             "GROUP-05");
  ExpectRule(When({Formed2018()}, "2018-03-10", Notice(coop::v1::GROUP_NOTICE_DECREE_UNSPECIFIED)),
             "COMMON-03");
  EXPECT_EQ(NoticeDecreeInForce(absl::CivilDay(2024, 7, 1)),
            coop::v1::GROUP_NOTICE_DECREE_UNSPECIFIED);
}

TEST_F(GroupDeciderTest, Group06NotifiedOnceAndNotAfterRegistering) {
  ExpectRule(
      When({Formed2018(), Notified2018()}, "2019-01-10", Notice(coop::v1::GROUP_DECREE_151_2007)),
      "GROUP-06");
  ExpectRule(
      When({Formed2024(), Registered2024()}, "2024-10-01", Notice(coop::v1::GROUP_DECREE_77_2019)),
      "GROUP-06");
}

TEST_F(GroupDeciderTest, Group07RegistrationFromJuly2024ForNewAndOlderGroups) {
  EXPECT_OK(When({Formed2024()}, "2024-09-01", Registration()));
  const GroupState s = State({Formed2024(), Registered2024()});
  EXPECT_EQ(s.status, GroupStatus::kActive);
  EXPECT_TRUE(s.registered);
  EXPECT_EQ(s.certificate_date, absl::CivilDay(2024, 9, 1));
  // An older, notified group registers under the new law too.
  EXPECT_OK(When({Formed2018(), Notified2018()}, "2024-07-01", Registration()));
  ExpectRule(When({Formed2018(), Notified2018()}, "2024-06-30", Registration()), "GROUP-07");
  ExpectRule(When({Formed2018(), Notified2018()}, "2024-07-05", Registration("2024-06-30")),
             "GROUP-07");
  ExpectRule(When({Formed2018()}, "2024-07-05", Registration("2024-07-06")), "COMMON-01");
  auto no_number = Registration();
  no_number.mutable_registered()->clear_certificate_number();
  ExpectRule(When({Formed2024()}, "2024-09-01", no_number), "COMMON-03");
}

TEST_F(GroupDeciderTest, Group08RegisteredOnce) {
  ExpectRule(When({Formed2024(), Registered2024()}, "2024-10-01", Registration()), "GROUP-08");
}

// --- suspension ---

TEST_F(GroupDeciderTest, Group09OnlyAnActiveGroupIsSuspended) {
  ExpectRule(When({Formed2024()}, "2025-01-01", Suspend("2025-01-01", "2025-03-01")), "GROUP-09");
  EXPECT_OK(
      When({Formed2024(), Registered2024()}, "2025-01-01", Suspend("2025-01-01", "2025-03-01")));
  const Given suspended{"2025-01-01", Suspend("2025-01-01", "2025-03-01")};
  EXPECT_EQ(State({Formed2024(), Registered2024(), suspended}).status, GroupStatus::kSuspended);
  ExpectRule(When({Formed2024(), Registered2024(), suspended}, "2025-02-01",
                  Suspend("2025-02-01", "2025-04-01")),
             "GROUP-09");
}

TEST_F(GroupDeciderTest, Group10ASuspensionShorterThanFifteenDaysIsNotRecorded) {
  const std::vector<Given> active = {Formed2024(), Registered2024()};
  EXPECT_OK(When(active, "2025-01-01", Suspend("2025-01-01", "2025-01-15")));  // 15 days
  ExpectRule(When(active, "2025-01-01", Suspend("2025-01-01", "2025-01-14")), "GROUP-10");
  ExpectRule(When(active, "2025-01-01", Suspend("", "2025-01-10")), "GROUP-10");
  auto result = When(active, "2025-01-01", Suspend("2025-01-01", "2025-01-14"));
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(result.status().message().find("is 14 days"), std::string::npos) << result.status();
  ExpectRule(When(active, "2025-01-01", Suspend("2025-01-01", "2024-12-31")), "COMMON-01");
  ExpectRule(When(active, "2025-01-01", Suspend("2025-01-01", "")), "COMMON-03");
}

TEST_F(GroupDeciderTest, Group11OnlyASuspendedGroupResumes) {
  const std::vector<Given> suspended = {
      Formed2024(), Registered2024(), {"2025-01-01", Suspend("2025-01-01", "2025-03-01")}};
  EXPECT_OK(When(suspended, "2025-02-01", Resumed()));
  std::vector<Given> resumed = suspended;
  resumed.push_back({"2025-02-01", Resumed()});
  EXPECT_EQ(State(resumed).status, GroupStatus::kActive);
  ExpectRule(When(resumed, "2025-03-01", Resumed()), "GROUP-11");
  ExpectRule(When({Formed2024()}, "2025-03-01", Resumed()), "GROUP-11");
}

// --- termination and conversion ---

TEST_F(GroupDeciderTest, GivenFormedActiveOrSuspendedWhenTerminatedThenTerminated) {
  EXPECT_OK(When({Formed2024()}, "2025-01-01", Terminated()));
  EXPECT_OK(When({Formed2018(), Notified2018()}, "2020-01-01", Terminated()));
  const std::vector<Given> suspended = {
      Formed2024(), Registered2024(), {"2025-01-01", Suspend("2025-01-01", "2025-03-01")}};
  EXPECT_OK(When(suspended, "2025-02-01", Terminated()));
  std::vector<Given> history = suspended;
  history.push_back({"2025-02-01", Terminated()});
  EXPECT_EQ(State(history).status, GroupStatus::kTerminated);
  EXPECT_EQ(State(history).ended_on, absl::CivilDay(2025, 2, 1));
}

TEST_F(GroupDeciderTest, Group12ConversionNeedsACertificateTwelveMonthsOld) {
  ExpectRule(When({Formed2018(), Notified2018()}, "2024-01-10", Convert()), "GROUP-12");
  ExpectRule(When({Formed2024()}, "2025-09-01", Convert()), "GROUP-12");
  ExpectRule(When({Formed2024(), Registered2024()}, "2025-08-31", Convert()), "GROUP-12");
  auto events = When({Formed2024(), Registered2024()}, "2025-09-01", Convert());
  ASSERT_OK(events);
  ASSERT_EQ(events->size(), 1u);
  const GroupState s = State({Formed2024(), Registered2024(), {"2025-09-01", Convert()}});
  EXPECT_EQ(s.status, GroupStatus::kConverted);
  EXPECT_EQ(s.cooperative_id, "c9");
  // Counted from the certificate's date, not the event that recorded it.
  const Given late_record{"2024-10-15", Registration("2024-09-01")};
  EXPECT_OK(When({Formed2024(), late_record}, "2025-09-01", Convert()));
  auto no_id = Convert();
  no_id.mutable_converted_to_cooperative()->clear_cooperative_id();
  ExpectRule(When({Formed2024(), Registered2024()}, "2025-09-01", no_id), "COMMON-03");
}

TEST_F(GroupDeciderTest, Group13ConversionNeedsEveryMembersAgreement) {
  ExpectRule(When({Formed2024(), Registered2024()}, "2025-09-01", Convert(false)), "GROUP-13");
}

TEST_F(GroupDeciderTest, AGroupThroughItsWholeLifecycle) {
  std::vector<Given> history = {Formed2018(), Notified2018()};
  EXPECT_EQ(State(history).status, GroupStatus::kActive);
  const std::vector<std::pair<std::string, GroupEvent>> steps = {
      {"2020-05-01", Suspend("2020-05-01", "2020-07-31")},
      {"2020-07-01", Resumed()},
      {"2024-08-01", Registration()},
      {"2025-08-01", Convert()},
  };
  const GroupStatus expected[] = {GroupStatus::kSuspended, GroupStatus::kActive,
                                  GroupStatus::kActive, GroupStatus::kConverted};
  for (size_t i = 0; i < steps.size(); ++i) {
    ASSERT_OK(When(history, steps[i].first, steps[i].second));
    history.push_back({steps[i].first, steps[i].second});
    EXPECT_EQ(State(history).status, expected[i]) << i;
  }
}

// --- dates, fields, areas ---

TEST_F(GroupDeciderTest, Common01DatesAreRealAndNotInTheFuture) {
  ExpectRule(When({}, "2026-11-28", Formation()), "COMMON-01");
  ExpectRule(When({}, "2025-02-29", Formation()), "COMMON-01");
  auto contract_later = Formation();
  contract_later.mutable_formed()->set_contract_date("2024-08-02");
  ExpectRule(When({}, "2024-08-01", contract_later), "COMMON-01");
  auto contract_earlier = Formation();
  contract_earlier.mutable_formed()->set_contract_date("2024-07-25");
  EXPECT_OK(When({}, "2024-08-01", contract_earlier));
  ExpectRule(When({Formed2024()}, "2024-09-01", Registration("2026-12-01")), "COMMON-01");
}

TEST_F(GroupDeciderTest, Common02And03CountsAndRequiredFields) {
  ExpectRule(When({}, "2024-08-01", Formation(-1)), "COMMON-02");
  ExpectRule(When({Formed2024()}, "2025-01-01", Members(-2)), "COMMON-02");
  auto no_name = Formation();
  no_name.mutable_formed()->clear_name();
  ExpectRule(When({}, "2024-08-01", no_name), "COMMON-03");
  auto no_address = Formation();
  no_address.mutable_formed()->clear_address();
  ExpectRule(When({}, "2024-08-01", no_address), "COMMON-03");
  auto from_hall = Formation();
  from_hall.mutable_formed()->set_origin(coop::v1::GROUP_ORIGIN_FORMALISED_HALL);
  ExpectRule(When({}, "2024-08-01", from_hall), "COMMON-03");
  from_hall.mutable_formed()->set_origin_hall_id("h1");
  EXPECT_OK(When({}, "2024-08-01", from_hall));
  ExpectRule(When({Formed2024()}, "2024-09-01", GroupEvent()), "COMMON-03");
  GroupEvent nothing_changed;
  nothing_changed.mutable_changed();
  ExpectRule(When({Formed2024()}, "2024-09-01", nothing_changed), "COMMON-03");
}

TEST_F(GroupDeciderTest, Area01TheAddressIsCheckedOnTheEventsDate) {
  context_.check_area = [](const std::string& field, const coop::v1::Area& area,
                           absl::CivilDay on) -> absl::Status {
    if (area.unit_set() == "2025-03" && on >= absl::CivilDay(2025, 7, 1)) {
      return Violation("AREA-01", field + ".unit_set", "2025-03 is not in force");
    }
    return absl::OkStatus();
  };
  EXPECT_OK(When({}, "2024-08-01", Formation()));
  ExpectRule(When({}, "2025-07-01", Formation()), "AREA-01");
  GroupEvent moved;
  moved.mutable_changed()->mutable_address()->set_code("32062");
  moved.mutable_changed()->mutable_address()->set_unit_set("2025-03");
  ExpectRule(When({Formed2024()}, "2025-07-01", moved), "AREA-01");
  EXPECT_OK(When({Formed2024()}, "2025-06-30", moved));
  EXPECT_EQ(State({Formed2024(), {"2025-06-30", moved}}).address.code(), "32062");
}

TEST_F(GroupDeciderTest, AChangeChangesOnlyTheFieldsSet) {
  GroupEvent renamed;
  renamed.mutable_changed()->set_name("Tổ hợp tác lúa sạch Khánh An");
  const GroupState s = State({Formed2024(), {"2025-01-01", renamed}});
  EXPECT_EQ(s.name, "Tổ hợp tác lúa sạch Khánh An");
  EXPECT_EQ(s.address.code(), "32059");
  EXPECT_EQ(s.activities, std::vector<std::string>{"rice"});
  GroupEvent cleared;
  cleared.mutable_changed()->set_activities_changed(true);
  EXPECT_OK(When({Formed2024()}, "2025-01-01", cleared));
  EXPECT_TRUE(State({Formed2024(), {"2025-01-01", cleared}}).activities.empty());
}

TEST_F(GroupDeciderTest, EveryGroupRuleIsInTheTableWithALegalBasis) {
  for (const char* id :
       {"GROUP-01", "GROUP-02", "GROUP-03", "GROUP-04", "GROUP-05", "GROUP-06", "GROUP-07",
        "GROUP-08", "GROUP-09", "GROUP-10", "GROUP-11", "GROUP-12", "GROUP-13"}) {
    const Rule& rule = FindRule(id);
    EXPECT_FALSE(rule.text.empty()) << id;
    EXPECT_FALSE(rule.legal_basis.empty()) << id;
  }
}

// --- the calendar (group_calendar.h) ---

GroupEvent TerminationNotice() {
  GroupEvent e;
  e.mutable_termination_notified()->set_reason("Hết thời hạn hợp đồng hợp tác");
  e.mutable_termination_notified()->set_authority("UBND xã Khánh An");
  return e;
}

TEST_F(GroupDeciderTest, Group14ASuspensionRunsOutAfterItsLastDay) {
  // Given a suspension until 2025-03-31: resumed on its last day; from 2025-04-01 the group is
  // active again, so a resume is refused (GROUP-11, naming GROUP-14) and a new suspension is not.
  const Given suspended{"2025-01-02", Suspend("2025-01-02", "2025-03-31")};
  const std::vector<Given> history = {Formed2024(), Registered2024(), suspended};
  EXPECT_OK(When(history, "2025-03-31", Resumed()));
  auto late = When(history, "2025-04-01", Resumed());
  ExpectRule(late, "GROUP-11");
  EXPECT_NE(late.status().message().find("its suspension ended on 2025-03-31: GROUP-14"),
            std::string::npos)
      << late.status();
  EXPECT_OK(When(history, "2025-05-01", Suspend("2025-05-01", "2025-06-30")));
  const GroupState later = AdvanceTo(State(history), absl::CivilDay(2025, 4, 1));
  EXPECT_EQ(later.status, GroupStatus::kActive);
  EXPECT_STREQ(later.status_rule, "GROUP-14");
}

TEST_F(GroupDeciderTest, Group15ATerminationNoticeEndsTheGroupThreeMonthsLater) {
  // Given a termination notified on 2025-01-31, the group is terminating until it ends by
  // itself on 2025-04-30 (31 January + 3 months, clamped to the month's end).
  const Given notice{"2025-01-31", TerminationNotice()};
  const std::vector<Given> history = {Formed2024(), Registered2024(), notice};
  EXPECT_EQ(State(history).status, GroupStatus::kTerminating);
  // Meanwhile it changes its members or terminates earlier, and nothing else.
  EXPECT_OK(When(history, "2025-02-10", Members(3)));
  EXPECT_OK(When(history, "2025-04-29", Terminated()));
  ExpectRule(When(history, "2025-02-10", Suspend("2025-02-10", "2025-03-31")), "GROUP-15");
  ExpectRule(When(history, "2025-02-10", TerminationNotice()), "GROUP-15");
  ExpectRule(When(history, "2025-02-10", Convert()), "GROUP-15");
  // From 2025-04-30 it has ended: nothing more is recorded (GROUP-03, naming GROUP-15).
  auto after = When(history, "2025-04-30", Terminated());
  ExpectRule(after, "GROUP-03");
  EXPECT_NE(after.status().message().find("by itself on 2025-04-30"), std::string::npos)
      << after.status();
  const GroupState ended = AdvanceTo(State(history), absl::CivilDay(2025, 5, 1));
  EXPECT_EQ(ended.status, GroupStatus::kTerminated);
  EXPECT_EQ(ended.ended_on, absl::CivilDay(2025, 4, 30));
  EXPECT_STREQ(ended.status_rule, "GROUP-15");
  // An event after the end (a log from before the rule), folded as the readers fold (the
  // calendar before each event), does not revive it.
  std::vector<Given> with_legacy = history;
  with_legacy.push_back({"2025-06-01", Members(4)});
  GroupState folded;
  for (const Given& g : with_legacy) {
    const absl::CivilDay day = *ParseDate("", g.on);
    folded = Evolve(AdvanceTo(std::move(folded), day), day, g.event);
  }
  EXPECT_EQ(folded.status, GroupStatus::kTerminated);
  EXPECT_EQ(folded.ended_on, absl::CivilDay(2025, 4, 30));
}

TEST(GroupCalendarTest, StatusNamesRoundTrip) {
  using S = GroupStatus;
  for (S status : {S::kUnformed, S::kFormed, S::kActive, S::kSuspended, S::kTerminating,
                   S::kTerminated, S::kConverted}) {
    EXPECT_EQ(GroupStatusFromName(GroupStatusName(status)), status);
  }
  EXPECT_FALSE(GroupStatusFromName("dormant").has_value());
}

}  // namespace
}  // namespace coop::domain
