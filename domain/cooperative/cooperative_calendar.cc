#include "domain/cooperative/cooperative_calendar.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "domain/common/dates.h"

namespace coop::domain {

std::optional<TimedTransition> DueTransition(CooperativeStatus status,
                                             absl::CivilDay suspended_until,
                                             absl::CivilDay dissolution_started_on,
                                             absl::CivilDay day) {
  if (status == CooperativeStatus::kSuspended && suspended_until < day) {
    return TimedTransition{CooperativeStatus::kActive, suspended_until + 1, kSuspensionEndRule};
  }
  if (status == CooperativeStatus::kDissolving) {
    const absl::CivilDay automatic = AddMonths(dissolution_started_on, 6);
    if (automatic <= day) {
      return TimedTransition{CooperativeStatus::kDissolved, automatic, kAutomaticDissolutionRule};
    }
  }
  return std::nullopt;
}

CooperativeState AdvanceTo(CooperativeState state, absl::CivilDay day) {
  auto due = DueTransition(state.status, state.suspended_until, state.dissolution_started_on, day);
  if (!due.has_value()) return state;
  state.status = due->to;
  state.status_since = due->on;
  state.status_rule = due->rule;
  return state;
}

CooperativeStatus StatusOn(const CooperativeState& state, absl::CivilDay day) {
  auto due = DueTransition(state.status, state.suspended_until, state.dissolution_started_on, day);
  return due.has_value() ? due->to : state.status;
}

absl::CivilDay AnnualReportDeadline(int year) {
  return year <= 2018 ? absl::CivilDay(year + 1, 1, 15) : absl::CivilDay(year, 12, 15);
}

absl::CivilDay GeneralMeetingDeadline(int fiscal_year) {
  return fiscal_year <= 2023 ? absl::CivilDay(fiscal_year + 1, 3, 31)
                             : absl::CivilDay(fiscal_year + 1, 4, 30);
}

bool OldEnoughToRate(absl::CivilDay registered_on, absl::CivilDay period_last) {
  return registered_on <= AddMonths(period_last, -12);
}

std::optional<RevocationGroundShown> GeneralMeetingGround(const CooperativeState& state) {
  if (state.status == CooperativeStatus::kUnregistered) return std::nullopt;
  const absl::CivilDay from = std::max(state.last_general_meeting_on, state.registered_on);
  return RevocationGroundShown{coop::v1::NO_GENERAL_MEETING_18_MONTHS, AddMonths(from, 18), from};
}

std::optional<RevocationGroundShown> MembersGround(const CooperativeState& state) {
  if (state.status == CooperativeStatus::kUnregistered || !state.below_minimum) {
    return std::nullopt;
  }
  return RevocationGroundShown{coop::v1::BELOW_MINIMUM_MEMBERS_12_MONTHS,
                               AddMonths(state.below_minimum_since, 12), state.below_minimum_since};
}

std::vector<RevocationGroundShown> RevocationGroundsOn(const CooperativeState& state,
                                                       absl::CivilDay day) {
  std::vector<RevocationGroundShown> grounds;
  const CooperativeStatus status = StatusOn(state, day);
  if (state.certificate_revoked ||
      (status != CooperativeStatus::kActive && status != CooperativeStatus::kSuspended)) {
    return grounds;
  }
  for (auto ground : {GeneralMeetingGround(state), MembersGround(state)}) {
    if (ground.has_value() && ground->since <= day) grounds.push_back(*ground);
  }
  return grounds;
}

std::string DescribeGround(const RevocationGroundShown& ground) {
  if (ground.ground == coop::v1::BELOW_MINIMUM_MEMBERS_12_MONTHS) {
    return absl::StrCat("fewer members than the minimum (COOP-01) since ", FormatDate(ground.from),
                        ": a ground for revocation from ", FormatDate(ground.since), " (COOP-22)");
  }
  return absl::StrCat("no annual general meeting recorded since ", FormatDate(ground.from),
                      ": a ground for revocation from ", FormatDate(ground.since), " (COOP-22)");
}

std::optional<CooperativeStatus> CooperativeStatusFromName(const std::string& name) {
  using S = CooperativeStatus;
  for (S status : {S::kUnregistered, S::kActive, S::kSuspended, S::kDissolving, S::kDissolved,
                   S::kCeased, S::kInBankruptcy, S::kBankrupt}) {
    if (name == CooperativeStatusName(status)) return status;
  }
  return std::nullopt;
}

}  // namespace coop::domain
