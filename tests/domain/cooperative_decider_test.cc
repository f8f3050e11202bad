// Given/when/then tests of the cooperative decider. Each test names the rule id it shows
// (see domain/common/rules.cc); no I/O.
#include "domain/cooperative/cooperative_decider.h"

#include <gtest/gtest.h>

#include <limits>

#include "domain/common/dates.h"
#include "domain/common/rules.h"
#include "domain/cooperative/cooperative_calendar.h"
#include "tests/support/test_support.h"

namespace coop::domain {
namespace {

using coop::v1::CooperativeEvent;

struct Given {
  std::string on;
  CooperativeEvent event;
};

class CooperativeDeciderTest : public ::testing::Test {
 protected:
  // Folds the given history into a state.
  CooperativeState State(const std::vector<Given>& history) {
    CooperativeState state;
    for (const auto& g : history) state = Evolve(state, *ParseDate("", g.on), g.event);
    return state;
  }
  absl::StatusOr<std::vector<CooperativeEvent>> When(const std::vector<Given>& history,
                                                     const std::string& on,
                                                     const CooperativeEvent& fact) {
    return DecideCooperative(on, fact, State(history), context_);
  }
  // Then: rejected under `rule`, with its code and the rule id in the message.
  static void ExpectRule(const absl::StatusOr<std::vector<CooperativeEvent>>& result,
                         const std::string& rule) {
    ASSERT_FALSE(result.ok()) << "expected a violation of " << rule;
    EXPECT_EQ(result.status().code(), FindRule(rule).code) << result.status();
    EXPECT_NE(result.status().message().find("[" + rule + "]"), std::string::npos)
        << result.status();
  }

  static CooperativeEvent Registration(coop::v1::LawRegime regime = coop::v1::LAW_2023,
                                       int64_t official = 5) {
    CooperativeEvent e;
    auto* r = e.mutable_registered();
    r->set_cooperative_id("c1");
    r->set_code("2000123456");
    r->set_kind(coop::v1::COOPERATIVE);
    r->set_name("HTX Nông nghiệp Khánh An");
    r->set_law_regime(regime);
    r->mutable_address()->set_code("32059");
    r->mutable_address()->set_unit_set("2025-03");
    r->set_charter_capital_vnd(1'000'000'000);
    r->mutable_members()->set_official(official);
    r->mutable_workforce()->set_regular_workers(10);
    r->mutable_workforce()->set_of_which_members(4);
    r->set_origin(coop::v1::ORIGIN_NEW);
    return e;
  }
  static Given Registered() { return {"2024-09-01", Registration()}; }
  static CooperativeEvent Suspend(const std::string& from, const std::string& until) {
    CooperativeEvent e;
    e.mutable_suspended()->set_from(from);
    e.mutable_suspended()->set_until(until);
    return e;
  }
  static CooperativeEvent Rated(int year, double score, coop::v1::RatingGrade grade) {
    CooperativeEvent e;
    e.mutable_rated()->set_year(year);
    e.mutable_rated()->set_score(score);
    e.mutable_rated()->set_grade(grade);
    return e;
  }

  DecisionContext context_{absl::CivilDay(2026, 11, 27), nullptr};
};

CooperativeEvent Resumed() {
  CooperativeEvent e;
  e.mutable_resumed();
  return e;
}
CooperativeEvent DissolutionStarted() {
  CooperativeEvent e;
  e.mutable_dissolution_started()->set_kind(coop::v1::VOLUNTARY);
  return e;
}
CooperativeEvent DissolutionCancelled() {
  CooperativeEvent e;
  e.mutable_dissolution_cancelled();
  return e;
}
CooperativeEvent DissolutionCompleted() {
  CooperativeEvent e;
  e.mutable_dissolution_completed();
  return e;
}
CooperativeEvent Revoked(bool for_tax) {
  CooperativeEvent e;
  e.mutable_certificate_revoked()->set_grounds("no operation for 12 months");
  e.mutable_certificate_revoked()->set_decision("12/QĐ-UBND");
  e.mutable_certificate_revoked()->set_for_tax_enforcement(for_tax);
  return e;
}
CooperativeEvent Restored() {
  CooperativeEvent e;
  e.mutable_certificate_restored()->set_reason("revocation made in error");
  return e;
}
CooperativeEvent MembersLeft(int64_t official) {
  CooperativeEvent e;
  e.mutable_members_left()->mutable_members()->set_official(official);
  return e;
}

// --- registration ---

TEST_F(CooperativeDeciderTest, GivenNothingWhenRegisteredUnderTheLawInForceThenRegistered) {
  auto events = When({}, "2024-09-01", Registration());
  ASSERT_OK(events);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_TRUE((*events)[0].has_registered());
  EXPECT_EQ(State({Registered()}).status, CooperativeStatus::kActive);
}

TEST_F(CooperativeDeciderTest, Coop01MinimumMembersByKindAndRegime) {
  ExpectRule(When({}, "2024-09-01", Registration(coop::v1::LAW_2023, 4)), "COOP-01");
  EXPECT_OK(When({}, "2020-03-01", Registration(coop::v1::LAW_2012, 7)));
  ExpectRule(When({}, "2020-03-01", Registration(coop::v1::LAW_2012, 6)), "COOP-01");
  // Under the 2012 law associates count too.
  auto with_associates = Registration(coop::v1::LAW_2012, 5);
  with_associates.mutable_registered()->mutable_members()->set_associate_contributing(2);
  EXPECT_OK(When({}, "2020-03-01", with_associates));
  // A union counts member cooperatives: 3 under the 2023 law, 4 under the 2012 law.
  auto union_2023 = Registration(coop::v1::LAW_2023, 3);
  union_2023.mutable_registered()->set_kind(coop::v1::COOPERATIVE_UNION);
  EXPECT_OK(When({}, "2024-09-01", union_2023));
  auto union_2012 = Registration(coop::v1::LAW_2012, 3);
  union_2012.mutable_registered()->set_kind(coop::v1::COOPERATIVE_UNION);
  ExpectRule(When({}, "2020-03-01", union_2012), "COOP-01");
}

TEST_F(CooperativeDeciderTest, Coop02OneMembersShareOfCapital) {
  auto at_limit = Registration();
  at_limit.mutable_registered()->set_largest_member_contribution_vnd(300'000'000);  // 30 %
  EXPECT_OK(When({}, "2024-09-01", at_limit));
  auto over = Registration();
  over.mutable_registered()->set_largest_member_contribution_vnd(300'000'001);
  ExpectRule(When({}, "2024-09-01", over), "COOP-02");
  auto over_2012 = Registration(coop::v1::LAW_2012, 7);
  over_2012.mutable_registered()->set_largest_member_contribution_vnd(200'000'001);  // > 20 %
  ExpectRule(When({}, "2020-03-01", over_2012), "COOP-02");
  auto union_2023 = Registration(coop::v1::LAW_2023, 3);
  union_2023.mutable_registered()->set_kind(coop::v1::COOPERATIVE_UNION);
  union_2023.mutable_registered()->set_largest_member_contribution_vnd(400'000'000);  // 40 %
  EXPECT_OK(When({}, "2024-09-01", union_2023));
}

TEST_F(CooperativeDeciderTest, Coop14EveryRegistrationIsUnderTheLawInForceOnItsDate) {
  ExpectRule(When({}, "2024-07-01", Registration(coop::v1::LAW_2012, 7)), "COOP-14");
  ExpectRule(When({}, "2024-06-30", Registration(coop::v1::LAW_2023, 5)), "COOP-14");
  // A reorganisation or a conversion registers a cooperative too: under the law in force
  // (LAW_2012 for a 2025 reorganisation was accepted once), whatever the origin says.
  for (auto origin : {coop::v1::ORIGIN_REORGANISATION, coop::v1::ORIGIN_CONVERTED_FROM_GROUP,
                      coop::v1::COOPERATIVE_ORIGIN_UNSPECIFIED}) {
    auto registered = Registration(coop::v1::LAW_2012, 7);
    registered.mutable_registered()->set_origin(origin);
    ExpectRule(When({}, "2025-03-01", registered), "COOP-14");
    registered.mutable_registered()->set_law_regime(coop::v1::LAW_2023);
    EXPECT_OK(When({}, "2025-03-01", registered));
  }
  // Later events of a cooperative registered under the 2012 law stay allowed.
  CooperativeEvent admitted;
  admitted.mutable_members_admitted()->mutable_members()->set_official(1);
  EXPECT_OK(When({{"2020-03-01", Registration(coop::v1::LAW_2012, 7)}}, "2025-03-01", admitted));
}

TEST_F(CooperativeDeciderTest, Area02AnAddressIsACommuneOrAnIslandDistrict) {
  context_.check_address_level = [](const std::string& field, const coop::v1::Area& area) {
    return area.code().size() == 5 ? absl::OkStatus()
                                   : Violation("AREA-02", field + ".code", "is not a commune");
  };
  auto at_district = Registration();
  at_district.mutable_registered()->mutable_address()->set_code("966");
  ExpectRule(When({}, "2024-09-01", at_district), "AREA-02");
  EXPECT_OK(When({}, "2024-09-01", Registration()));
}

TEST_F(CooperativeDeciderTest, Common01DatesAreRealAndNotInTheFuture) {
  ExpectRule(When({}, "2026-11-28", Registration()), "COMMON-01");
  ExpectRule(When({}, "2025-02-29", Registration()), "COMMON-01");
  ExpectRule(When({}, "01/09/2024", Registration()), "COMMON-01");
}

TEST_F(CooperativeDeciderTest, Common02And03CountsAndRequiredFields) {
  auto negative = Registration();
  negative.mutable_registered()->set_charter_capital_vnd(-1);
  ExpectRule(When({}, "2024-09-01", negative), "COMMON-02");
  auto no_code = Registration();
  no_code.mutable_registered()->clear_code();
  ExpectRule(When({}, "2024-09-01", no_code), "COMMON-03");
  ExpectRule(When({Registered()}, "2024-10-01", CooperativeEvent()), "COMMON-03");
}

TEST_F(CooperativeDeciderTest, Area01TheAddressIsCheckedOnTheEventsDate) {
  context_.check_area = [](const std::string& field, const coop::v1::Area& area,
                           absl::CivilDay on) -> absl::Status {
    if (area.unit_set() == "2025-03" && on >= absl::CivilDay(2025, 7, 1)) {
      return Violation("AREA-01", field + ".unit_set", "2025-03 is not in force");
    }
    return absl::OkStatus();
  };
  EXPECT_OK(When({}, "2024-09-01", Registration()));
  ExpectRule(When({}, "2025-07-01", Registration()), "AREA-01");
}

TEST_F(CooperativeDeciderTest, Coop11RegisteredOnceAndNothingBeforeIt) {
  ExpectRule(When({Registered()}, "2024-10-01", Registration()), "COOP-11");
  ExpectRule(When({}, "2024-10-01", Resumed()), "COOP-11");
  ExpectRule(When({Registered()}, "2024-08-31", Suspend("2024-08-31", "2024-12-31")), "COOP-11");
}

// --- suspension ---

TEST_F(CooperativeDeciderTest, GivenActiveWhenSuspendedForAtMostTwelveMonthsThenSuspended) {
  EXPECT_OK(When({Registered()}, "2025-01-10", Suspend("2025-01-10", "2026-01-10")));
  ExpectRule(When({Registered()}, "2025-01-10", Suspend("2025-01-10", "2026-01-11")), "COOP-05");
}

TEST_F(CooperativeDeciderTest, Coop04And06SuspendOnlyActiveExtendAndResumeOnlySuspended) {
  const Given suspended{"2025-01-10", Suspend("2025-01-10", "2025-06-30")};
  ExpectRule(When({Registered(), suspended}, "2025-02-01", Suspend("2025-02-01", "2025-03-01")),
             "COOP-04");
  CooperativeEvent extend;
  extend.mutable_suspension_extended()->set_until("2026-03-31");
  EXPECT_OK(When({Registered(), suspended}, "2025-06-01", extend));
  ExpectRule(When({Registered()}, "2025-06-01", extend), "COOP-06");
  extend.mutable_suspension_extended()->set_until("2026-07-01");  // > 12 months after 06-30
  ExpectRule(When({Registered(), suspended}, "2025-06-01", extend), "COOP-05");
  EXPECT_OK(When({Registered(), suspended}, "2025-03-01", Resumed()));
  ExpectRule(When({Registered()}, "2025-03-01", Resumed()), "COOP-06");
}

// --- dissolution, revocation, bankruptcy, reorganisation ---

TEST_F(CooperativeDeciderTest, Coop07DissolutionCancelledOnlyWhileDissolvingWithinSixMonths) {
  const Given started{"2025-01-15", DissolutionStarted()};
  EXPECT_OK(When({Registered(), started}, "2025-07-14", DissolutionCancelled()));
  // On the day 6 months on, the calendar has ended it (COOP-17): nothing more is recorded.
  ExpectRule(When({Registered(), started}, "2025-07-15", DissolutionCancelled()), "COOP-03");
  ExpectRule(When({Registered()}, "2025-02-01", DissolutionCancelled()), "COOP-07");
  ExpectRule(When({Registered()}, "2025-02-01", DissolutionCompleted()), "COOP-07");
  ExpectRule(When({Registered(), started}, "2025-02-01", DissolutionStarted()), "COOP-07");
}

TEST_F(CooperativeDeciderTest, Coop03NothingAfterATerminalState) {
  const Given started{"2025-01-15", DissolutionStarted()};
  const Given completed{"2025-03-01", DissolutionCompleted()};
  EXPECT_EQ(State({Registered(), started, completed}).status, CooperativeStatus::kDissolved);
  ExpectRule(
      When({Registered(), started, completed}, "2025-04-01", Rated(2024, 70, coop::v1::FAIR)),
      "COOP-03");
}

TEST_F(CooperativeDeciderTest, Coop08RevocationStartsDissolutionUnlessForTaxAndCanBeRestored) {
  auto events = When({Registered()}, "2025-05-01", Revoked(false));
  ASSERT_OK(events);
  ASSERT_EQ(events->size(), 2u);
  EXPECT_TRUE((*events)[0].has_certificate_revoked());
  ASSERT_TRUE((*events)[1].has_dissolution_started());
  EXPECT_EQ((*events)[1].dissolution_started().kind(), coop::v1::COMPULSORY);

  auto tax = When({Registered()}, "2025-05-01", Revoked(true));
  ASSERT_OK(tax);
  EXPECT_EQ(tax->size(), 1u);

  // Restored after a revocation in error: dissolution is undone with it.
  std::vector<Given> history = {Registered()};
  for (const auto& e : *events) history.push_back({"2025-05-01", e});
  EXPECT_EQ(State(history).status, CooperativeStatus::kDissolving);
  EXPECT_OK(When(history, "2025-06-01", Restored()));
  history.push_back({"2025-06-01", Restored()});
  EXPECT_EQ(State(history).status, CooperativeStatus::kActive);
  ExpectRule(When(history, "2025-06-02", Restored()), "COOP-08");
}

TEST_F(CooperativeDeciderTest, Coop15BankruptcyDeclaredOnlyAfterProceedingsOpened) {
  CooperativeEvent declared;
  declared.mutable_bankruptcy_declared()->set_decision("01/QĐ-TA");
  ExpectRule(When({Registered()}, "2025-05-01", declared), "COOP-15");
  CooperativeEvent opened;
  opened.mutable_bankruptcy_opened()->set_decision("02/QĐ-TA");
  const Given open{"2025-05-01", opened};
  EXPECT_OK(When({Registered(), open}, "2025-09-01", declared));
  EXPECT_TRUE(IsTerminal(State({Registered(), open, {"2025-09-01", declared}}).status));
}

TEST_F(CooperativeDeciderTest, ASplitEndsTheCooperativeASeparationDoesNot) {
  CooperativeEvent split;
  split.mutable_reorganised()->set_kind(coop::v1::SPLIT);
  split.mutable_reorganised()->add_successor_ids("c2");
  split.mutable_reorganised()->add_successor_ids("c3");
  EXPECT_OK(When({Registered()}, "2025-05-01", split));
  EXPECT_EQ(State({Registered(), {"2025-05-01", split}}).status, CooperativeStatus::kCeased);
  CooperativeEvent separation;
  separation.mutable_reorganised()->set_kind(coop::v1::SEPARATION);
  separation.mutable_reorganised()->set_survives(true);
  separation.mutable_reorganised()->add_successor_ids("c4");
  EXPECT_EQ(State({Registered(), {"2025-05-01", separation}}).status, CooperativeStatus::kActive);
  CooperativeEvent nameless = split;
  nameless.mutable_reorganised()->clear_successor_ids();
  ExpectRule(When({Registered()}, "2025-05-01", nameless), "COMMON-03");
}

// --- figures ---

// An amendment's replacement passes only the field checks, which bound a count from above:
// a departure of INT64_MIN members can be stored. Folding it must not negate INT64_MIN
// (undefined) nor wrap the count: it saturates. Found by fuzz/event_payload_fuzzer.cc (UBSan).
TEST_F(CooperativeDeciderTest, AStoredDepartureOfTheSmallestInt64SaturatesTheCount) {
  const int64_t smallest = std::numeric_limits<int64_t>::min();
  const CooperativeState state = State({Registered(), {"2025-01-01", MembersLeft(smallest)}});
  EXPECT_EQ(state.members.official(), std::numeric_limits<int64_t>::max());
  CooperativeEvent admitted;
  admitted.mutable_members_admitted()->mutable_members()->set_official(smallest);
  EXPECT_EQ(State({Registered(), {"2025-01-01", admitted}}).members.official(), smallest + 5);
}

TEST_F(CooperativeDeciderTest, Coop12AndCoop13MembersAndWorkers) {
  ExpectRule(When({Registered()}, "2025-01-01", MembersLeft(6)), "COOP-12");
  EXPECT_OK(When({Registered()}, "2025-01-01", MembersLeft(5)));
  CooperativeEvent workforce;
  workforce.mutable_workforce_reported()->mutable_workforce()->set_regular_workers(3);
  workforce.mutable_workforce_reported()->mutable_workforce()->set_of_which_members(4);
  ExpectRule(When({Registered()}, "2025-01-01", workforce), "COOP-13");
}

TEST_F(CooperativeDeciderTest, Coop09And10Ratings) {
  EXPECT_OK(When({Registered()}, "2026-03-01", Rated(2025, 80, coop::v1::GOOD)));
  ExpectRule(When({Registered()}, "2026-03-01", Rated(2025, 79.5, coop::v1::GOOD)), "COOP-10");
  ExpectRule(When({Registered()}, "2026-03-01", Rated(2025, 101, coop::v1::GOOD)), "COOP-10");
  ExpectRule(When({Registered()}, "2026-03-01", Rated(2023, 50, coop::v1::AVERAGE)),
             "COOP-09");  // registered in 2024
  ExpectRule(When({Registered()}, "2025-03-01", Rated(2026, 50, coop::v1::AVERAGE)),
             "COOP-09");  // a year not reached yet
  const Given rated{"2026-03-01", Rated(2025, 49.9, coop::v1::WEAK)};
  ExpectRule(When({Registered(), rated}, "2026-04-01", Rated(2025, 60, coop::v1::AVERAGE)),
             "COOP-09");
}

// --- the calendar (cooperative_calendar.h) as the decider applies it ---

TEST_F(CooperativeDeciderTest, Coop21RatedOnlyWhenTwelveMonthsOldAtTheYearsEnd) {
  // Given a cooperative registered on 2024-09-01, when it is rated for 2024, then COOP-21: it
  // was 4 months old at the end of 2024. For 2025 it is rated.
  ExpectRule(When({Registered()}, "2025-03-01", Rated(2024, 80, coop::v1::GOOD)), "COOP-21");
  EXPECT_OK(When({Registered()}, "2026-03-01", Rated(2025, 80, coop::v1::GOOD)));
  // Registered on 31 December, it is 12 months old on the next 31 December.
  const Given new_year_eve{"2024-12-31", Registration()};
  EXPECT_OK(When({new_year_eve}, "2026-03-01", Rated(2025, 80, coop::v1::GOOD)));
  const Given new_year{"2025-01-01", Registration()};
  ExpectRule(When({new_year}, "2026-03-01", Rated(2025, 80, coop::v1::GOOD)), "COOP-21");
}

TEST_F(CooperativeDeciderTest, Coop17NothingAfterAnAutomaticDissolution) {
  // Given a dissolution started on 2025-01-15 and never completed, when anything is recorded
  // on or after 2025-07-15, then COOP-03 naming the calendar's rule COOP-17.
  const Given started{"2025-01-15", DissolutionStarted()};
  auto refused = When({Registered(), started}, "2025-08-01", DissolutionCompleted());
  ExpectRule(refused, "COOP-03");
  EXPECT_NE(refused.status().message().find("by itself on 2025-07-15"), std::string::npos)
      << refused.status();
  EXPECT_NE(refused.status().message().find("COOP-17"), std::string::npos) << refused.status();
  EXPECT_OK(When({Registered(), started}, "2025-07-14", DissolutionCompleted()));
  // A dissolution started on 31 August ends by itself on the last day of February.
  const Given august{"2025-08-31", DissolutionStarted()};
  EXPECT_OK(When({Registered(), august}, "2026-02-27", DissolutionCancelled()));
  ExpectRule(When({Registered(), august}, "2026-02-28", DissolutionCancelled()), "COOP-03");
}

TEST_F(CooperativeDeciderTest, Coop18ASuspensionRunsOutAfterItsLastDay) {
  // Given a suspension until 2025-06-30: on its last day it is resumed or extended; from
  // 2025-07-01 the cooperative is active again, so a resume or an extension of that suspension
  // is refused (COOP-06, naming COOP-18) and a new suspension is accepted.
  const Given suspended{"2025-01-10", Suspend("2025-01-10", "2025-06-30")};
  EXPECT_OK(When({Registered(), suspended}, "2025-06-30", Resumed()));
  auto late = When({Registered(), suspended}, "2025-07-01", Resumed());
  ExpectRule(late, "COOP-06");
  EXPECT_NE(late.status().message().find("its suspension ended on 2025-06-30: COOP-18"),
            std::string::npos)
      << late.status();
  CooperativeEvent extend;
  extend.mutable_suspension_extended()->set_until("2025-12-31");
  EXPECT_OK(When({Registered(), suspended}, "2025-06-30", extend));
  ExpectRule(When({Registered(), suspended}, "2025-07-01", extend), "COOP-06");
  EXPECT_OK(When({Registered(), suspended}, "2025-08-01", Suspend("2025-08-01", "2025-12-31")));
  // An extension moves the last day.
  const Given extended{"2025-06-01", extend};
  EXPECT_OK(When({Registered(), suspended, extended}, "2025-12-31", Resumed()));
  ExpectRule(When({Registered(), suspended, extended}, "2026-01-01", Resumed()), "COOP-06");
}

TEST_F(CooperativeDeciderTest, AnEventAfterAnAutomaticEndDoesNotReviveTheCooperative) {
  // A log written before the calendar rules may hold a cancellation after the automatic end:
  // folded as the readers fold (the calendar before each event), the cooperative stays
  // dissolved, from the day the calendar ended it.
  CooperativeState state;
  for (const Given& g : {Registered(), Given{"2025-01-15", DissolutionStarted()},
                         Given{"2025-09-01", DissolutionCancelled()}}) {
    const absl::CivilDay day = *ParseDate("", g.on);
    state = Evolve(AdvanceTo(std::move(state), day), day, g.event);
  }
  EXPECT_EQ(state.status, CooperativeStatus::kDissolved);
  EXPECT_EQ(state.status_since, absl::CivilDay(2025, 7, 15));
  EXPECT_STREQ(state.status_rule, "COOP-17");
}

TEST_F(CooperativeDeciderTest, AFactRecordedLateIsJudgedAsOfItsDate) {
  // A suspension until 2025-03-31, then a report of 2025-04-15; a resume dated 2025-03-20,
  // entered late, is judged on its date: the suspension had not run out yet.
  const Given suspended{"2025-01-10", Suspend("2025-01-10", "2025-03-31")};
  const Given report{"2025-04-15", MembersLeft(1)};
  EXPECT_OK(When({Registered(), suspended, report}, "2025-03-20", Resumed()));
  ExpectRule(When({Registered(), suspended, report}, "2025-04-20", Resumed()), "COOP-06");
}

CooperativeEvent RevokedOn(coop::v1::RevocationGround ground) {
  CooperativeEvent e = Revoked(false);
  e.mutable_certificate_revoked()->set_ground(ground);
  return e;
}
CooperativeEvent Meeting(int fiscal_year) {
  CooperativeEvent e;
  e.mutable_general_meeting_held()->set_fiscal_year(fiscal_year);
  return e;
}

TEST_F(CooperativeDeciderTest, Coop22ARevocationForNoMeetingNeedsEighteenMonthsWithoutOne) {
  // Given a cooperative registered on 2024-09-01 that held its meeting on 2025-04-20, when its
  // certificate is revoked for no meeting in 18 months, then COOP-22 until 2026-10-20, the day
  // 18 months after that meeting; from then on it is revoked and dissolution starts.
  const Given meeting{"2025-04-20", Meeting(2024)};
  const auto ground = coop::v1::NO_GENERAL_MEETING_18_MONTHS;
  auto early = When({Registered(), meeting}, "2026-10-19", RevokedOn(ground));
  ExpectRule(early, "COOP-22");
  EXPECT_NE(early.status().message().find("certificate_revoked.ground"), std::string::npos);
  EXPECT_NE(early.status().message().find("since 2025-04-20: a ground for revocation from "
                                          "2026-10-20"),
            std::string::npos)
      << early.status();
  auto due = When({Registered(), meeting}, "2026-10-20", RevokedOn(ground));
  ASSERT_OK(due);
  EXPECT_EQ(due->size(), 2u);  // COOP-08: the dissolution starts with it
  // Without any meeting the 18 months count from the registration.
  ExpectRule(When({Registered()}, "2026-02-28", RevokedOn(ground)), "COOP-22");
  EXPECT_OK(When({Registered()}, "2026-03-01", RevokedOn(ground)));
  // A revocation for tax enforcement names no such ground; one on another ground is not
  // checked.
  auto tax = RevokedOn(ground);
  tax.mutable_certificate_revoked()->set_for_tax_enforcement(true);
  ExpectRule(When({Registered()}, "2026-03-01", tax), "COOP-22");
  EXPECT_OK(When({Registered(), meeting}, "2025-05-01", Revoked(false)));
}

TEST_F(CooperativeDeciderTest, Coop22ARevocationForTooFewMembersNeedsTwelveMonthsBelow) {
  // Given 5 official members (the 2023 law's minimum, COOP-01) and one leaving on 2025-02-28,
  // then the ground holds from 2026-02-28; members admitted back on 2025-06-01 clear it.
  const auto ground = coop::v1::BELOW_MINIMUM_MEMBERS_12_MONTHS;
  const Given left{"2025-02-28", MembersLeft(1)};
  auto never = When({Registered()}, "2026-10-01", RevokedOn(ground));
  ExpectRule(never, "COOP-22");
  EXPECT_NE(never.status().message().find("5 members counted, the minimum is 5"), std::string::npos)
      << never.status();
  ExpectRule(When({Registered(), left}, "2026-02-27", RevokedOn(ground)), "COOP-22");
  EXPECT_OK(When({Registered(), left}, "2026-02-28", RevokedOn(ground)));
  CooperativeEvent admitted;
  admitted.mutable_members_admitted()->mutable_members()->set_official(1);
  ExpectRule(When({Registered(), left, {"2025-06-01", admitted}}, "2026-03-01", RevokedOn(ground)),
             "COOP-22");
  // A count that falls short again starts the 12 months again.
  const Given again{"2025-09-01", MembersLeft(1)};
  ExpectRule(
      When({Registered(), left, {"2025-06-01", admitted}, again}, "2026-08-31", RevokedOn(ground)),
      "COOP-22");
  EXPECT_OK(
      When({Registered(), left, {"2025-06-01", admitted}, again}, "2026-09-01", RevokedOn(ground)));
}

TEST_F(CooperativeDeciderTest, EveryCitedRuleIsInTheTableWithALegalBasis) {
  for (const auto& rule : RuleTable()) {
    EXPECT_FALSE(rule.text.empty()) << rule.id;
    EXPECT_FALSE(rule.legal_basis.empty()) << rule.id;
    EXPECT_NE(rule.code, absl::StatusCode::kOk) << rule.id;
  }
}

}  // namespace
}  // namespace coop::domain
