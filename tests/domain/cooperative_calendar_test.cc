// The cooperative calendar: boundary days of each rule (COOP-17 to COOP-22). Pure; no I/O.
#include "domain/cooperative/cooperative_calendar.h"

#include <gtest/gtest.h>

#include "domain/common/rules.h"

namespace coop::domain {
namespace {

using absl::CivilDay;
using S = CooperativeStatus;

TEST(CooperativeCalendarTest, Coop17ADissolutionEndsByItselfSixMonthsAfterItStarted) {
  const CivilDay started(2024, 6, 30);
  EXPECT_FALSE(DueTransition(S::kDissolving, CivilDay(), started, CivilDay(2024, 12, 29)));
  auto due = DueTransition(S::kDissolving, CivilDay(), started, CivilDay(2024, 12, 30));
  ASSERT_TRUE(due.has_value());
  EXPECT_EQ(due->to, S::kDissolved);
  EXPECT_EQ(due->on, CivilDay(2024, 12, 30));
  EXPECT_STREQ(due->rule, "COOP-17");
  // 31 August + 6 months is the last day of February (a leap year's too).
  EXPECT_EQ(
      DueTransition(S::kDissolving, CivilDay(), CivilDay(2023, 8, 31), CivilDay(2024, 3, 1))->on,
      CivilDay(2024, 2, 29));
  // Only a dissolving cooperative: an active one with an old start date is left alone.
  EXPECT_FALSE(DueTransition(S::kActive, CivilDay(), started, CivilDay(2026, 1, 1)));
}

TEST(CooperativeCalendarTest, Coop18ASuspensionEndsAfterItsLastDay) {
  const CivilDay until(2024, 12, 31);
  EXPECT_FALSE(DueTransition(S::kSuspended, until, CivilDay(), until));
  auto due = DueTransition(S::kSuspended, until, CivilDay(), CivilDay(2025, 1, 1));
  ASSERT_TRUE(due.has_value());
  EXPECT_EQ(due->to, S::kActive);
  EXPECT_EQ(due->on, CivilDay(2025, 1, 1));
  EXPECT_STREQ(due->rule, "COOP-18");
}

TEST(CooperativeCalendarTest, AdvanceToSetsTheStatusItsDayAndRuleAndStatusOnAgrees) {
  CooperativeState state;
  state.status = S::kSuspended;
  state.suspended_until = CivilDay(2025, 6, 30);
  EXPECT_EQ(StatusOn(state, CivilDay(2025, 6, 30)), S::kSuspended);
  EXPECT_EQ(StatusOn(state, CivilDay(2025, 7, 1)), S::kActive);
  const CooperativeState later = AdvanceTo(state, CivilDay(2025, 9, 1));
  EXPECT_EQ(later.status, S::kActive);
  EXPECT_EQ(later.status_since, CivilDay(2025, 7, 1));
  EXPECT_STREQ(later.status_rule, "COOP-18");
  EXPECT_EQ(AdvanceTo(state, CivilDay(2025, 6, 1)).status, S::kSuspended);
}

TEST(CooperativeCalendarTest, Coop19AnnualReportDeadlines) {
  EXPECT_EQ(AnnualReportDeadline(2018), CivilDay(2019, 1, 15));
  EXPECT_EQ(AnnualReportDeadline(2019), CivilDay(2019, 12, 15));
  EXPECT_EQ(AnnualReportDeadline(2025), CivilDay(2025, 12, 15));
}

TEST(CooperativeCalendarTest, Coop20AnnualMeetingDeadlines) {
  EXPECT_EQ(GeneralMeetingDeadline(2023), CivilDay(2024, 3, 31));  // 2012 law: 3 months
  EXPECT_EQ(GeneralMeetingDeadline(2024), CivilDay(2025, 4, 30));  // 2023 law: 4 months
}

TEST(CooperativeCalendarTest, Coop21TwelveMonthsOldAtThePeriodsEnd) {
  const CivilDay end_2024(2024, 12, 31);
  EXPECT_TRUE(OldEnoughToRate(CivilDay(2023, 12, 31), end_2024));
  EXPECT_FALSE(OldEnoughToRate(CivilDay(2024, 1, 1), end_2024));  // 365 days in a leap year
  // The official reporting year ends on 14 December.
  EXPECT_TRUE(OldEnoughToRate(CivilDay(2023, 12, 14), CivilDay(2024, 12, 14)));
  EXPECT_FALSE(OldEnoughToRate(CivilDay(2023, 12, 15), CivilDay(2024, 12, 14)));
}

TEST(CooperativeCalendarTest, Coop22GroundsHoldOnlyForALivingCooperativeWithItsCertificate) {
  // Registered on 2023-03-10 with no meeting recorded: the meeting ground holds from
  // 2024-09-10 while active or suspended, not while dissolving, nor once the certificate is
  // revoked.
  CooperativeState state;
  state.status = S::kActive;
  state.registered_on = CivilDay(2023, 3, 10);
  EXPECT_TRUE(RevocationGroundsOn(state, CivilDay(2024, 9, 9)).empty());
  auto grounds = RevocationGroundsOn(state, CivilDay(2024, 9, 10));
  ASSERT_EQ(grounds.size(), 1u);
  EXPECT_EQ(grounds[0].ground, coop::v1::NO_GENERAL_MEETING_18_MONTHS);
  EXPECT_EQ(grounds[0].from, CivilDay(2023, 3, 10));
  EXPECT_EQ(DescribeGround(grounds[0]),
            "no annual general meeting recorded since 2023-03-10: a ground for revocation from "
            "2024-09-10 (COOP-22)");
  // A meeting on 2024-08-31 moves it to the last day of February 2026.
  state.last_general_meeting_on = CivilDay(2024, 8, 31);
  EXPECT_TRUE(RevocationGroundsOn(state, CivilDay(2026, 2, 27)).empty());
  EXPECT_EQ(RevocationGroundsOn(state, CivilDay(2026, 2, 28)).size(), 1u);
  // Below the minimum since 2025-02-01 as well: both grounds from 2026-02-28.
  state.below_minimum = true;
  state.below_minimum_since = CivilDay(2025, 2, 1);
  EXPECT_EQ(RevocationGroundsOn(state, CivilDay(2026, 2, 28)).size(), 2u);
  state.status = S::kSuspended;
  state.suspended_until = CivilDay(2026, 12, 31);
  EXPECT_EQ(RevocationGroundsOn(state, CivilDay(2026, 3, 1)).size(), 2u);
  state.status = S::kDissolving;
  state.dissolution_started_on = CivilDay(2026, 1, 1);
  EXPECT_TRUE(RevocationGroundsOn(state, CivilDay(2026, 3, 1)).empty());
  state.status = S::kActive;
  state.certificate_revoked = true;
  state.revoked_for_tax_enforcement = true;
  EXPECT_TRUE(RevocationGroundsOn(state, CivilDay(2026, 3, 1)).empty());
}

TEST(CooperativeCalendarTest, EveryCalendarRuleIsInTheRuleTable) {
  for (const char* id : {"COOP-17", "COOP-18", "COOP-19", "COOP-20", "COOP-21", "COOP-22"}) {
    const Rule& rule = FindRule(id);
    EXPECT_EQ(rule.id, id);
    EXPECT_EQ(rule.code, absl::StatusCode::kFailedPrecondition) << id;
  }
  EXPECT_STREQ(kAutomaticDissolutionRule, "COOP-17");
  EXPECT_STREQ(kSuspensionEndRule, "COOP-18");
  EXPECT_STREQ(kRevocationGroundsRule, "COOP-22");
}

TEST(CooperativeCalendarTest, StatusNamesRoundTrip) {
  for (S status : {S::kUnregistered, S::kActive, S::kSuspended, S::kDissolving, S::kDissolved,
                   S::kCeased, S::kInBankruptcy, S::kBankrupt}) {
    EXPECT_EQ(CooperativeStatusFromName(CooperativeStatusName(status)), status);
  }
  EXPECT_FALSE(CooperativeStatusFromName("closed").has_value());
}

}  // namespace
}  // namespace coop::domain
