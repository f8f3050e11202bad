#include "domain/cooperative/cooperative_decider.h"

#include "absl/strings/str_cat.h"
#include "base/saturating_add.h"
#include "domain/common/dates.h"
#include "domain/common/rules.h"
#include "domain/common/value_bounds.h"
#include "domain/cooperative/cooperative_calendar.h"
#include "domain/cooperative/cooperative_checks.h"

namespace coop::domain {
namespace {

using coop::v1::CooperativeEvent;
using Events = std::vector<CooperativeEvent>;
using S = CooperativeStatus;

absl::Status Require(bool ok, std::string_view rule, const std::string& field,
                     const std::string& detail) {
  return ok ? absl::OkStatus() : Violation(rule, field, detail);
}

// The status, and for one the calendar gave (cooperative_calendar.h), since when and by which
// rule: "the cooperative is active (its suspension ended on 2025-01-01: COOP-18)".
std::string StatusText(const CooperativeState& s) {
  std::string text = absl::StrCat("the cooperative is ", CooperativeStatusName(s.status));
  const absl::string_view rule = s.status_rule;
  if (rule == kSuspensionEndRule) {
    absl::StrAppend(&text, " (its suspension ended on ", FormatDate(s.status_since - 1), ": ", rule,
                    ")");
  } else if (rule == kAutomaticDissolutionRule) {
    absl::StrAppend(&text, " (by itself on ", FormatDate(s.status_since),
                    ", 6 months after its dissolution started on ",
                    FormatDate(s.dissolution_started_on), ": ", rule, ")");
  }
  return text;
}

absl::Status DecideRegistration(const coop::v1::CooperativeRegistered& e, absl::CivilDay on,
                                const CooperativeState& s, const DecisionContext& ctx) {
  if (s.status != S::kUnregistered) {
    return Violation("COOP-11", "registered", "the cooperative is already registered");
  }
  if (e.cooperative_id().empty()) return Violation("COMMON-03", "cooperative_id", "is required");
  if (e.code().empty()) return Violation("COMMON-03", "code", "is required");
  if (e.name().empty()) return Violation("COMMON-03", "name", "is required");
  if (e.kind() == coop::v1::COOPERATIVE_KIND_UNSPECIFIED) {
    return Violation("COMMON-03", "kind", "is required (COOPERATIVE or COOPERATIVE_UNION)");
  }
  if (e.law_regime() == coop::v1::LAW_REGIME_UNSPECIFIED) {
    return Violation("COMMON-03", "law_regime", "is required (LAW_2012 or LAW_2023)");
  }
  // Every registration — new, converted from a group, or from a reorganisation — is under the
  // law in force on its date; later events of a cooperative keep the law it registered under.
  if (e.law_regime() != RegimeInForce(on)) {
    return Violation("COOP-14", "law_regime",
                     absl::StrCat("a cooperative registered on ", FormatDate(on), " is under ",
                                  coop::v1::LawRegime_Name(RegimeInForce(on))));
  }
  if (e.address().code().empty()) return Violation("COMMON-03", "address", "is required");
  if (auto st = CheckAddress(ctx, "address", e.address(), on); !st.ok()) return st;
  if (auto st = CheckCounts("members", e.members()); !st.ok()) return st;
  if (auto st = CheckMinimumMembers("members", e.kind(), e.law_regime(), e.members()); !st.ok()) {
    return st;
  }
  if (auto st = CheckCapital("registered", e.kind(), e.law_regime(), e.charter_capital_vnd(),
                             e.largest_member_contribution_vnd());
      !st.ok()) {
    return st;
  }
  return CheckWorkforce("workforce", e.workforce());
}

absl::Status DecideSuspension(const coop::v1::CooperativeSuspended& e, absl::CivilDay on,
                              const CooperativeState& s) {
  if (s.status == S::kSuspended) {
    return Violation("COOP-04", "suspended",
                     "the cooperative is already suspended; extend the suspension instead");
  }
  if (auto st = Require(s.status == S::kActive, "COOP-04", "suspended", StatusText(s)); !st.ok()) {
    return st;
  }
  auto from = ParseDate("suspended.from", e.from().empty() ? FormatDate(on) : e.from());
  if (!from.ok()) return from.status();
  auto until = ParseDate("suspended.until", e.until());
  if (!until.ok()) return until.status();
  if (*until < *from) {
    return Violation("COMMON-01", "suspended.until", "is before suspended.from");
  }
  return Require(
      *until <= AddMonths(*from, 12), "COOP-05", "suspended.until",
      absl::StrCat("a notice covers at most 12 months: ", FormatDate(*from), " to ", e.until()));
}

absl::Status DecideExtension(const coop::v1::CooperativeSuspensionExtended& e,
                             const CooperativeState& s) {
  if (auto st = Require(s.status == S::kSuspended, "COOP-06", "suspension_extended", StatusText(s));
      !st.ok()) {
    return st;
  }
  auto until = ParseDate("suspension_extended.until", e.until());
  if (!until.ok()) return until.status();
  if (*until <= s.suspended_until) {
    return Violation("COOP-06", "suspension_extended.until",
                     "must be after the current end " + FormatDate(s.suspended_until));
  }
  return Require(*until <= AddMonths(s.suspended_until, 12), "COOP-05", "suspension_extended.until",
                 "a notice covers at most 12 months");
}

absl::Status DecideMembers(const CooperativeEvent& fact, const CooperativeState& s) {
  if (fact.has_membership_reported()) {
    return CheckCounts("membership_reported.members", fact.membership_reported().members());
  }
  if (fact.has_members_admitted()) {
    const auto& admitted = fact.members_admitted().members();
    if (auto st = CheckCounts("members_admitted.members", admitted); !st.ok()) return st;
    const auto& m = s.members;
    // COMMON-04 holds for the count the admission leads to, not only for the admission.
    if (base::SaturatingAdd(m.official(), admitted.official()) > kMaxCount ||
        base::SaturatingAdd(m.associate_contributing(), admitted.associate_contributing()) >
            kMaxCount ||
        base::SaturatingAdd(m.associate_non_contributing(), admitted.associate_non_contributing()) >
            kMaxCount) {
      return Violation(
          "COMMON-04", "members_admitted.members",
          absl::StrCat("the cooperative would have more than ", kMaxCount, " members of one type"));
    }
    return absl::OkStatus();
  }
  const auto& left = fact.members_left().members();
  if (auto st = CheckCounts("members_left.members", left); !st.ok()) return st;
  const auto& m = s.members;
  if (left.official() > m.official() ||
      left.associate_contributing() > m.associate_contributing() ||
      left.associate_non_contributing() > m.associate_non_contributing()) {
    return Violation("COOP-12", "members_left.members",
                     absl::StrCat("the cooperative has ", m.official(), " official, ",
                                  m.associate_contributing(), " contributing and ",
                                  m.associate_non_contributing(), " non-contributing members"));
  }
  return absl::OkStatus();
}

absl::Status DecideRating(const coop::v1::CooperativeRated& e, absl::CivilDay on,
                          const CooperativeState& s) {
  if (auto st = CheckRating(e); !st.ok()) return st;
  if (e.year() < s.registered_on.year() || e.year() > on.year()) {
    return Violation("COOP-09", "rated.year",
                     absl::StrCat("the cooperative was registered on ", FormatDate(s.registered_on),
                                  "; it cannot be rated for ", e.year(), " on ", FormatDate(on)));
  }
  const absl::CivilDay year_end(e.year(), 12, 31);
  if (!OldEnoughToRate(s.registered_on, year_end)) {
    return Violation("COOP-21", "rated.year",
                     absl::StrCat("the cooperative was registered on ", FormatDate(s.registered_on),
                                  ", less than 12 months before the end of ", e.year(),
                                  "; it is rated from ", e.year() + 1));
  }
  return Require(!s.rated_years.contains(e.year()), "COOP-09", "rated.year",
                 absl::StrCat("already rated for ", e.year(), "; correct the earlier rating"));
}

// COOP-22: a revocation that names a ground the record can show is refused unless the record
// shows it on the revocation's date.
absl::Status DecideRevocationGround(const coop::v1::CooperativeCertificateRevoked& e,
                                    absl::CivilDay on, const CooperativeState& s) {
  if (e.ground() == coop::v1::REVOCATION_GROUND_UNSPECIFIED) return absl::OkStatus();
  if (e.for_tax_enforcement()) {
    return Violation(kRevocationGroundsRule, "certificate_revoked.ground",
                     "a revocation for tax enforcement names no ground of COOP-22");
  }
  for (const auto& shown : RevocationGroundsOn(s, on)) {
    if (shown.ground == e.ground()) return absl::OkStatus();
  }
  const auto expected = e.ground() == coop::v1::NO_GENERAL_MEETING_18_MONTHS
                            ? GeneralMeetingGround(s)
                            : MembersGround(s);
  const std::string ground = coop::v1::RevocationGround_Name(e.ground());
  if (!expected.has_value()) {
    return Violation(
        kRevocationGroundsRule, "certificate_revoked.ground",
        absl::StrCat("the record does not show ", ground, ": the cooperative has ",
                     CountedMembers(s.law_regime, s.members), " members counted, the minimum is ",
                     MinimumMembers(s.kind, s.law_regime)));
  }
  return Violation(kRevocationGroundsRule, "certificate_revoked.ground",
                   absl::StrCat("the record does not show ", ground, " on ", FormatDate(on), ": ",
                                DescribeGround(*expected)));
}

// Which statuses each lifecycle event needs (COOP-07, COOP-08, COOP-15).
absl::Status DecideLifecycle(const CooperativeEvent& fact, absl::CivilDay on,
                             const CooperativeState& s) {
  using E = CooperativeEvent;
  switch (fact.event_case()) {
    case E::kResumed:
      return Require(s.status == S::kSuspended, "COOP-06", "resumed", StatusText(s));
    case E::kDissolutionStarted:
      return Require(s.status == S::kActive || s.status == S::kSuspended, "COOP-07",
                     "dissolution_started", StatusText(s));
    case E::kDissolutionCancelled:
      // Within 6 months of its start: on the day 6 months on, the calendar has ended it
      // (COOP-17) and COOP-03 refuses the cancellation.
      return Require(s.status == S::kDissolving, "COOP-07", "dissolution_cancelled", StatusText(s));
    case E::kDissolutionCompleted:
      return Require(s.status == S::kDissolving, "COOP-07", "dissolution_completed", StatusText(s));
    case E::kCertificateRevoked:
      if (s.certificate_revoked) {
        return Violation("COOP-08", "certificate_revoked", "the certificate is already revoked");
      }
      return DecideRevocationGround(fact.certificate_revoked(), on, s);
    case E::kCertificateRestored:
      return Require(s.certificate_revoked, "COOP-08", "certificate_restored",
                     "the certificate is not revoked");
    case E::kBankruptcyOpened:
      return Require(s.status == S::kActive || s.status == S::kSuspended, "COOP-15",
                     "bankruptcy_opened", StatusText(s));
    case E::kBankruptcyDeclared:
      return Require(s.status == S::kInBankruptcy, "COOP-15", "bankruptcy_declared",
                     "no bankruptcy proceedings are open");
    case E::kReorganised: {
      const auto& r = fact.reorganised();
      if (r.kind() == coop::v1::REORGANISATION_KIND_UNSPECIFIED) {
        return Violation("COMMON-03", "reorganised.kind", "is required");
      }
      if (r.successor_ids().empty() && !r.survives()) {
        return Violation("COMMON-03", "reorganised.successor_ids",
                         "a cooperative that ends by reorganisation names its successors");
      }
      return Require(s.status == S::kActive, "COOP-07", "reorganised", StatusText(s));
    }
    default:
      return absl::OkStatus();
  }
}

}  // namespace

absl::StatusOr<Events> DecideCooperative(const std::string& occurred_on,
                                         const CooperativeEvent& fact,
                                         const CooperativeState& recorded,
                                         const DecisionContext& ctx) {
  using E = CooperativeEvent;
  auto on = ParsePastDate("occurred_on", occurred_on, ctx.today);
  if (!on.ok()) return on.status();
  if (fact.event_case() == E::EVENT_NOT_SET) {
    return Violation("COMMON-03", "event", "says nothing to record");
  }
  if (fact.has_registered()) {
    if (auto st = DecideRegistration(fact.registered(), *on, recorded, ctx); !st.ok()) return st;
    return Events{fact};
  }
  // The rules see the cooperative as the calendar leaves it on the event's date.
  const CooperativeState s = AdvanceTo(recorded, *on);
  // Everything else happens to a registered, living cooperative, after its registration.
  if (s.status == S::kUnregistered) {
    return Violation("COOP-11", "event", "the cooperative is not registered");
  }
  if (IsTerminal(s.status)) {
    return Violation("COOP-03", "event",
                     absl::StrCat(StatusText(s), "; nothing more can be recorded"));
  }
  if (*on < s.registered_on) {
    return Violation(
        "COOP-11", "occurred_on",
        absl::StrCat(occurred_on, " is before the registration on ", FormatDate(s.registered_on)));
  }
  absl::Status st;
  switch (fact.event_case()) {
    case E::kRegistrationChanged:
      if (fact.registration_changed().has_address()) {
        st = CheckAddress(ctx, "registration_changed.address",
                          fact.registration_changed().address(), *on);
      }
      break;
    case E::kMembershipReported:
    case E::kMembersAdmitted:
    case E::kMembersLeft:
      st = DecideMembers(fact, s);
      break;
    case E::kWorkforceReported:
      st = CheckWorkforce("workforce_reported.workforce", fact.workforce_reported().workforce());
      break;
    case E::kCharterCapitalChanged:
      st = CheckCapital("charter_capital_changed", s.kind, s.law_regime,
                        fact.charter_capital_changed().charter_capital_vnd(),
                        fact.charter_capital_changed().largest_member_contribution_vnd());
      break;
    case E::kSuspended:
      st = DecideSuspension(fact.suspended(), *on, s);
      break;
    case E::kSuspensionExtended:
      st = DecideExtension(fact.suspension_extended(), s);
      break;
    case E::kRated:
      st = DecideRating(fact.rated(), *on, s);
      break;
    case E::kAnnualReportSubmitted:
      st = Require(fact.annual_report_submitted().year() >= s.registered_on.year() &&
                       fact.annual_report_submitted().year() <= on->year(),
                   "COOP-11", "annual_report_submitted.year",
                   "must be a year from the registration to the report's date");
      break;
    case E::kGeneralMeetingHeld:
      st = Require(fact.general_meeting_held().fiscal_year() >= s.registered_on.year() &&
                       fact.general_meeting_held().fiscal_year() <= on->year(),
                   "COOP-11", "general_meeting_held.fiscal_year",
                   "must be a year from the registration to the meeting's date");
      break;
    default:
      st = DecideLifecycle(fact, *on, s);
      break;
  }
  if (!st.ok()) return st;
  Events events{fact};
  // A revocation other than for tax enforcement starts dissolution at once.
  if (fact.has_certificate_revoked() && !fact.certificate_revoked().for_tax_enforcement() &&
      s.status != S::kDissolving) {
    auto& started = *events.emplace_back().mutable_dissolution_started();
    started.set_kind(coop::v1::COMPULSORY);
    started.set_resolution(fact.certificate_revoked().decision());
  }
  return events;
}

}  // namespace coop::domain
