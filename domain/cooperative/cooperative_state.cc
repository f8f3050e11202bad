#include "domain/cooperative/cooperative_state.h"

#include <algorithm>

#include "base/saturating_add.h"
#include "domain/common/dates.h"
#include "domain/cooperative/cooperative_checks.h"

namespace coop::domain {

bool IsTerminal(CooperativeStatus status) {
  return status == CooperativeStatus::kDissolved || status == CooperativeStatus::kCeased ||
         status == CooperativeStatus::kBankrupt;
}

const char* CooperativeStatusName(CooperativeStatus status) {
  switch (status) {
    case CooperativeStatus::kUnregistered:
      return "unregistered";
    case CooperativeStatus::kActive:
      return "active";
    case CooperativeStatus::kSuspended:
      return "suspended";
    case CooperativeStatus::kDissolving:
      return "dissolving";
    case CooperativeStatus::kDissolved:
      return "dissolved";
    case CooperativeStatus::kCeased:
      return "ceased";
    case CooperativeStatus::kInBankruptcy:
      return "in bankruptcy";
    case CooperativeStatus::kBankrupt:
      return "bankrupt";
  }
  return "unknown";
}

namespace {

// total + delta (sign +1) or total - delta (sign -1). Deltas are bounded and non-negative
// when decided, but an amendment's replacement only passes the field checks (COMMON-04 bounds
// a count from above only), so a stored delta may be any int64, its minimum included:
// negating that one is undefined, and saturating keeps a count from wrapping to the other sign.
int64_t Moved(int64_t total, int64_t delta, int sign) {
  return sign > 0 ? base::SaturatingAdd(total, delta) : base::SaturatingSub(total, delta);
}

void Add(coop::v1::MemberCounts* total, const coop::v1::MemberCounts& delta, int sign) {
  total->set_official(Moved(total->official(), delta.official(), sign));
  total->set_associate_contributing(
      Moved(total->associate_contributing(), delta.associate_contributing(), sign));
  total->set_associate_non_contributing(
      Moved(total->associate_non_contributing(), delta.associate_non_contributing(), sign));
}

}  // namespace

CooperativeState Evolve(CooperativeState s, absl::CivilDay on,
                        const coop::v1::CooperativeEvent& event) {
  using E = coop::v1::CooperativeEvent;
  const CooperativeStatus before = s.status;
  switch (event.event_case()) {
    case E::kRegistered: {
      const auto& e = event.registered();
      s.status = CooperativeStatus::kActive;
      s.cooperative_id = e.cooperative_id();
      s.code = e.code();
      s.name = e.name();
      s.kind = e.kind();
      s.law_regime = e.law_regime();
      s.registered_on = on;
      s.address = e.address();
      s.charter_capital_vnd = e.charter_capital_vnd();
      s.members = e.members();
      s.workforce = e.workforce();
      s.origin = e.origin();
      s.origin_group_id = e.origin_group_id();
      s.origin_hall_id = e.origin_hall_id();
      s.predecessor_ids.assign(e.predecessor_ids().begin(), e.predecessor_ids().end());
      break;
    }
    case E::kRegistrationChanged: {
      const auto& e = event.registration_changed();
      if (!e.name().empty()) s.name = e.name();
      if (!e.address().code().empty()) s.address = e.address();
      break;
    }
    case E::kMembershipReported:
      s.members = event.membership_reported().members();
      break;
    case E::kMembersAdmitted:
      Add(&s.members, event.members_admitted().members(), +1);
      break;
    case E::kMembersLeft:
      Add(&s.members, event.members_left().members(), -1);
      break;
    case E::kWorkforceReported:
      s.workforce = event.workforce_reported().workforce();
      break;
    case E::kCharterCapitalChanged:
      s.charter_capital_vnd = event.charter_capital_changed().charter_capital_vnd();
      break;
    case E::kSuspended:
      s.status = CooperativeStatus::kSuspended;
      s.suspended_until = ParseDateOr(event.suspended().until(), on);
      break;
    case E::kSuspensionExtended:
      s.suspended_until = ParseDateOr(event.suspension_extended().until(), s.suspended_until);
      break;
    case E::kResumed:
      s.status = CooperativeStatus::kActive;
      break;
    case E::kDissolutionStarted:
      s.status = CooperativeStatus::kDissolving;
      s.dissolution_started_on = on;
      break;
    case E::kDissolutionCancelled:
      s.status = CooperativeStatus::kActive;
      break;
    case E::kDissolutionCompleted:
      s.status = CooperativeStatus::kDissolved;
      break;
    case E::kCertificateRevoked:
      s.certificate_revoked = true;
      s.revoked_for_tax_enforcement = event.certificate_revoked().for_tax_enforcement();
      s.status_before_revocation = s.status;
      break;
    case E::kCertificateRestored:
      s.certificate_revoked = false;
      s.revoked_for_tax_enforcement = false;
      // A revocation that started dissolution is undone with it.
      if (s.status == CooperativeStatus::kDissolving) s.status = s.status_before_revocation;
      break;
    case E::kReorganised:
      s.successor_ids.assign(event.reorganised().successor_ids().begin(),
                             event.reorganised().successor_ids().end());
      if (!event.reorganised().survives()) s.status = CooperativeStatus::kCeased;
      break;
    case E::kBankruptcyOpened:
      s.status = CooperativeStatus::kInBankruptcy;
      break;
    case E::kBankruptcyDeclared:
      s.status = CooperativeStatus::kBankrupt;
      break;
    case E::kGeneralMeetingHeld:
      s.general_meeting_years.insert(event.general_meeting_held().fiscal_year());
      s.last_general_meeting_on = std::max(s.last_general_meeting_on, on);
      break;
    case E::kAnnualReportSubmitted:
      s.annual_report_years.insert(event.annual_report_submitted().year());
      break;
    case E::kRated:
      s.rated_years.insert(event.rated().year());
      break;
    case E::kDesignatedModel:
      s.model_cooperative = true;
      break;
    case E::kInspected:
    case E::kAttendedTradeFair:
    case E::EVENT_NOT_SET:
      break;
  }
  if (event.has_registered() || event.has_membership_reported() || event.has_members_admitted() ||
      event.has_members_left()) {
    const bool below =
        CountedMembers(s.law_regime, s.members) < MinimumMembers(s.kind, s.law_regime);
    if (below && !s.below_minimum) s.below_minimum_since = on;
    s.below_minimum = below;
  }
  if (IsTerminal(before)) {
    s.status = before;
  } else if (s.status != before) {
    s.status_since = on;
    s.status_rule = "";
  }
  return s;
}

}  // namespace coop::domain
