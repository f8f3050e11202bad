// The legal calendar of a cooperative or union: what changes by the calendar alone (a
// suspension that runs out, a dissolution that ends by itself), the annual report and meeting
// deadlines, and when a cooperative is old enough to be rated. One set of functions for every
// reader: the decider, the registry views and the statistics. A status due by time is derived
// for the day asked; it is never written as an event.
//
// | rule    | what it says                                                               |
// |---------|----------------------------------------------------------------------------|
// | COOP-17 | a dissolution neither completed nor cancelled ends by itself 6 months after |
// |         | it started: the cooperative is dissolved from that day                      |
// | COOP-18 | a suspension ends after its last day (its latest extension's)               |
// | COOP-19 | the annual report for year Y is due 15 Jan Y+1 (Y ≤ 2018), 15 Dec Y after   |
// | COOP-20 | the annual meeting for fiscal year Y is due within 3 months after it       |
// |         | (Y ≤ 2023), 4 months after (from 2024)                                      |
// | COOP-21 | a cooperative is rated (or counted "not rated") for a year only if it was   |
// |         | registered at least 12 months before the year's end                         |
// | COOP-22 | grounds for revoking the certificate that the record shows: no annual       |
// |         | general meeting for 18 months running, or fewer members than COOP-01's      |
// |         | minimum for 12 months running                                               |
//
// Pure; thread-safe.
#ifndef COOPLEDGER_DOMAIN_COOPERATIVE_COOPERATIVE_CALENDAR_H_
#define COOPLEDGER_DOMAIN_COOPERATIVE_COOPERATIVE_CALENDAR_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "domain/cooperative/cooperative_state.h"

namespace coop::domain {

inline constexpr char kAutomaticDissolutionRule[] = "COOP-17";
inline constexpr char kSuspensionEndRule[] = "COOP-18";
inline constexpr char kRevocationGroundsRule[] = "COOP-22";

// A change of status due by the calendar alone.
struct TimedTransition {
  CooperativeStatus to = CooperativeStatus::kActive;
  absl::CivilDay on;      // the first day in the new status
  const char* rule = "";  // kAutomaticDissolutionRule or kSuspensionEndRule
};

// The transition due on or before `day` for a cooperative recorded in `status`, if any. A
// suspension (with its last day `suspended_until`) ends the day after; a dissolution started on
// `dissolution_started_on` ends by itself 6 months later. At most one is due: a suspended
// cooperative is not dissolving.
std::optional<TimedTransition> DueTransition(CooperativeStatus status,
                                             absl::CivilDay suspended_until,
                                             absl::CivilDay dissolution_started_on,
                                             absl::CivilDay day);

// The state on `day`: `state` with the transition due by then applied (status, status_since,
// status_rule). A state already past `day` is returned as it is.
CooperativeState AdvanceTo(CooperativeState state, absl::CivilDay day);

// The status on `day` of a cooperative whose events up to `day` folded into `state`.
CooperativeStatus StatusOn(const CooperativeState& state, absl::CivilDay day);

// The last day the annual report for `year` is on time (COOP-19): 15 January of the next year
// up to 2018 (Decrees 193/2013, 107/2017), 15 December of the year itself from 2019 (Circulars
// 09/2019, 09/2024).
absl::CivilDay AnnualReportDeadline(int year);

// The last day the annual meeting for `fiscal_year` is on time (COOP-20): within 3 months after
// it under the 2012 law (fiscal years up to 2023), within 4 months under the 2023 law.
absl::CivilDay GeneralMeetingDeadline(int fiscal_year);

// Whether a cooperative registered on `registered_on` is old enough to be rated for the
// period ending on `period_last` (COOP-21): at least 12 months old on that day.
bool OldEnoughToRate(absl::CivilDay registered_on, absl::CivilDay period_last);

// A ground for revoking the certificate (COOP-22) that the record shows.
struct RevocationGroundShown {
  coop::v1::RevocationGround ground = coop::v1::REVOCATION_GROUND_UNSPECIFIED;
  absl::CivilDay since;  // the first day the ground holds
  absl::CivilDay from;   // the last meeting (or the registration), or the day members fell short
};

// When each ground would hold for `state` if nothing more were recorded: the meeting ground 18
// months after the latest meeting (the registration before the first), the members ground 12
// months after the count fell below the minimum (nullopt while it is not below).
std::optional<RevocationGroundShown> GeneralMeetingGround(const CooperativeState& state);
std::optional<RevocationGroundShown> MembersGround(const CooperativeState& state);

// The grounds that hold on `day` for a cooperative whose events up to `day` folded into
// `state`: none unless it is active or suspended on that day (the calendar applied) with its
// certificate in force.
std::vector<RevocationGroundShown> RevocationGroundsOn(const CooperativeState& state,
                                                       absl::CivilDay day);

// A ground and its dates in words, for an error or a compliance issue: "no annual general
// meeting since 2023-03-10: a ground from 2024-09-10".
std::string DescribeGround(const RevocationGroundShown& ground);

// The status named as on the wire (CooperativeStatusName), or nullopt for a name it never gives.
std::optional<CooperativeStatus> CooperativeStatusFromName(const std::string& name);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_COOPERATIVE_COOPERATIVE_CALENDAR_H_
