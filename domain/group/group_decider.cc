#include "domain/group/group_decider.h"

#include "absl/strings/str_cat.h"
#include "domain/common/dates.h"
#include "domain/common/rules.h"
#include "domain/group/group_calendar.h"

namespace coop::domain {
namespace {

using coop::v1::GroupEvent;
using Events = std::vector<GroupEvent>;
using S = GroupStatus;

constexpr absl::CivilDay kDecree77InForce(2019, 11, 25);
constexpr absl::CivilDay kLaw2023InForce(2024, 7, 1);
constexpr int kMinimumSuspensionDays = 15;
constexpr int kMonthsBeforeConversion = 12;

absl::Status Require(bool ok, std::string_view rule, const std::string& field,
                     const std::string& detail) {
  return ok ? absl::OkStatus() : Violation(rule, field, detail);
}

// The status, and for one the calendar gave (group_calendar.h), since when and by which rule.
std::string StatusText(const GroupState& s) {
  std::string text = absl::StrCat("the group is ", GroupStatusName(s.status));
  const absl::string_view rule = s.status_rule;
  if (rule == kGroupSuspensionEndRule) {
    absl::StrAppend(&text, " (its suspension ended on ", FormatDate(s.status_since - 1), ": ", rule,
                    ")");
  } else if (rule == kGroupAutomaticTerminationRule) {
    absl::StrAppend(&text, " (by itself on ", FormatDate(s.status_since),
                    ", 3 months after it notified its termination on ",
                    FormatDate(s.termination_notified_on), ": ", rule, ")");
  } else if (s.status == S::kTerminating) {
    absl::StrAppend(&text, " (it notified its termination on ",
                    FormatDate(s.termination_notified_on), " and ends by itself on ",
                    FormatDate(AddMonths(s.termination_notified_on, 3)), ": ",
                    kGroupAutomaticTerminationRule, ")");
  }
  return text;
}

const char* DecreeName(coop::v1::GroupNoticeDecree decree) {
  switch (decree) {
    case coop::v1::GROUP_DECREE_151_2007:
      return "Decree 151/2007/NĐ-CP";
    case coop::v1::GROUP_DECREE_77_2019:
      return "Decree 77/2019/NĐ-CP";
    default:
      return "no decree";
  }
}

// COMMON-02 and GROUP-01.
absl::Status CheckMembers(const std::string& field, int64_t members, absl::CivilDay on) {
  if (members < 0) return Violation("COMMON-02", field, "must be zero or more");
  const int64_t minimum = MinimumGroupMembers(on);
  return Require(
      members >= minimum, "GROUP-01", field,
      absl::StrCat("a group needs at least ", minimum, " members on ", FormatDate(on),
                   on < kDecree77InForce ? " (Decree 151/2007/NĐ-CP)" : "", ", got ", members));
}

// GROUP-04 and COMMON-02: a term in months or no fixed term, exactly one.
absl::Status CheckTerm(const coop::v1::GroupFormed& e) {
  if (e.term_months() < 0) return Violation("COMMON-02", "term_months", "must be zero or more");
  if (e.no_fixed_term() && e.term_months() > 0) {
    return Violation(
        "GROUP-04", "term_months",
        absl::StrCat("a contract with no fixed term has no term in months, got ", e.term_months()));
  }
  return Require(e.no_fixed_term() || e.term_months() > 0, "GROUP-04", "term_months",
                 "give the contract's term in months, or set no_fixed_term");
}

absl::Status DecideFormation(const coop::v1::GroupFormed& e, absl::CivilDay on, const GroupState& s,
                             const DecisionContext& ctx) {
  if (s.status != S::kUnformed) {
    return Violation("GROUP-02", "formed", "the group is already formed");
  }
  if (e.group_id().empty()) return Violation("COMMON-03", "group_id", "is required");
  if (e.name().empty()) return Violation("COMMON-03", "name", "is required");
  if (auto st = CheckTerm(e); !st.ok()) return st;
  if (!e.contract_date().empty()) {
    auto contract = ParsePastDate("contract_date", e.contract_date(), ctx.today);
    if (!contract.ok()) return contract.status();
    if (*contract > on) {
      return Violation("COMMON-01", "contract_date",
                       absl::StrCat(e.contract_date(), " is after the formation date ",
                                    FormatDate(on), "; a group is formed by its contract"));
    }
  }
  if (e.address().code().empty()) return Violation("COMMON-03", "address", "is required");
  if (auto st = CheckAddress(ctx, "address", e.address(), on); !st.ok()) return st;
  if (auto st = CheckMembers("members", e.members(), on); !st.ok()) return st;
  return Require(
      e.origin() != coop::v1::GROUP_ORIGIN_FORMALISED_HALL || !e.origin_hall_id().empty(),
      "COMMON-03", "origin_hall_id", "a group formalised from a hall names the hall");
}

absl::Status DecideNotice(const coop::v1::GroupNotified& e, absl::CivilDay on,
                          const GroupState& s) {
  if (s.registered) {
    return Violation("GROUP-06", "notified",
                     "the group is registered (certificate of " + FormatDate(s.certificate_date) +
                         "); a registered group gives no notice");
  }
  if (s.notified) {
    return Violation("GROUP-06", "notified",
                     "the group already notified the commune on " + FormatDate(s.notified_on) +
                         "; record changes as GroupChanged");
  }
  if (e.decree() == coop::v1::GROUP_NOTICE_DECREE_UNSPECIFIED) {
    return Violation("COMMON-03", "notified.decree",
                     "is required (GROUP_DECREE_151_2007 or GROUP_DECREE_77_2019)");
  }
  const auto in_force = NoticeDecreeInForce(on);
  if (in_force == coop::v1::GROUP_NOTICE_DECREE_UNSPECIFIED) {
    return Violation("GROUP-05", "occurred_on",
                     absl::StrCat("from 1 July 2024 a group registers under Law 17/2023/QH15 "
                                  "Art. 107 instead of notifying; a notice on ",
                                  FormatDate(on), " is not recorded"));
  }
  return Require(e.decree() == in_force, "GROUP-05", "notified.decree",
                 absl::StrCat("a notice given on ", FormatDate(on), " is under ",
                              DecreeName(in_force), ", not ", DecreeName(e.decree())));
}

absl::Status DecideRegistration(const coop::v1::GroupRegistered& e, absl::CivilDay on,
                                const GroupState& s, const DecisionContext& ctx) {
  if (s.registered) {
    return Violation(
        "GROUP-08", "registered",
        absl::StrCat("the group is already registered (certificate ", s.certificate_number, " of ",
                     FormatDate(s.certificate_date), ")"));
  }
  if (e.certificate_number().empty()) {
    return Violation("COMMON-03", "registered.certificate_number", "is required");
  }
  absl::CivilDay certificate = on;
  if (!e.certificate_date().empty()) {
    auto day = ParsePastDate("registered.certificate_date", e.certificate_date(), ctx.today);
    if (!day.ok()) return day.status();
    if (*day > on) {
      return Violation(
          "COMMON-01", "registered.certificate_date",
          absl::StrCat(e.certificate_date(), " is after the event's date ", FormatDate(on)));
    }
    certificate = *day;
  }
  if (certificate < s.formed_on) {
    return Violation("GROUP-02", "registered.certificate_date",
                     absl::StrCat(FormatDate(certificate), " is before the formation on ",
                                  FormatDate(s.formed_on)));
  }
  return Require(certificate >= kLaw2023InForce, "GROUP-07", "registered.certificate_date",
                 absl::StrCat("a group registers under Law 17/2023/QH15 from 1 July 2024; on ",
                              FormatDate(certificate), " it notified the commune instead"));
}

absl::Status DecideChange(const coop::v1::GroupChanged& e, absl::CivilDay on,
                          const DecisionContext& ctx) {
  const bool has_address = !e.address().code().empty() || !e.address().unit_set().empty();
  if (e.name().empty() && !has_address && e.representative_ref().empty() &&
      !e.activities_changed()) {
    return Violation("COMMON-03", "changed", "says nothing to change");
  }
  if (has_address) return CheckAddress(ctx, "changed.address", e.address(), on);
  return absl::OkStatus();
}

absl::Status DecideSuspension(const coop::v1::GroupSuspended& e, absl::CivilDay on,
                              const GroupState& s) {
  if (s.status == S::kSuspended) {
    return Violation("GROUP-09", "suspended",
                     "the group is already suspended until " + FormatDate(s.suspended_until));
  }
  if (auto st = Require(s.status == S::kActive, "GROUP-09", "suspended", StatusText(s)); !st.ok()) {
    return st;
  }
  auto from = ParseDate("suspended.from", e.from().empty() ? FormatDate(on) : e.from());
  if (!from.ok()) return from.status();
  if (e.until().empty()) return Violation("COMMON-03", "suspended.until", "is required");
  auto until = ParseDate("suspended.until", e.until());
  if (!until.ok()) return until.status();
  if (*until < *from) return Violation("COMMON-01", "suspended.until", "is before suspended.from");
  if (*from < s.formed_on) {
    return Violation(
        "GROUP-02", "suspended.from",
        absl::StrCat(FormatDate(*from), " is before the formation on ", FormatDate(s.formed_on)));
  }
  const int64_t days = (*until - *from) + 1;  // from and until inclusive
  return Require(
      days >= kMinimumSuspensionDays, "GROUP-10", "suspended.until",
      absl::StrCat("a suspension from ", FormatDate(*from), " to ", FormatDate(*until), " is ",
                   days, " days; a group notifies only suspensions of ", kMinimumSuspensionDays,
                   " days or more, so a shorter one is not recorded"));
}

absl::Status DecideConversion(const coop::v1::GroupConvertedToCooperative& e, absl::CivilDay on,
                              const GroupState& s) {
  if (e.cooperative_id().empty()) {
    return Violation("COMMON-03", "converted_to_cooperative.cooperative_id", "is required");
  }
  if (!s.registered) {
    return Violation("GROUP-12", "converted_to_cooperative",
                     "the group has no registration certificate; it registers first (Law "
                     "17/2023/QH15 Art. 107)");
  }
  const absl::CivilDay earliest = AddMonths(s.certificate_date, kMonthsBeforeConversion);
  if (on < earliest) {
    return Violation("GROUP-12", "occurred_on",
                     absl::StrCat("the certificate of ", FormatDate(s.certificate_date),
                                  " is less than 12 months old; the group converts from ",
                                  FormatDate(earliest)));
  }
  return Require(e.all_members_agreed(), "GROUP-13", "converted_to_cooperative.all_members_agreed",
                 absl::StrCat("all ", s.members, " members must agree to the conversion"));
}

}  // namespace

int64_t MinimumGroupMembers(absl::CivilDay day) { return day < kDecree77InForce ? 3 : 2; }

coop::v1::GroupNoticeDecree NoticeDecreeInForce(absl::CivilDay day) {
  if (day < kDecree77InForce) return coop::v1::GROUP_DECREE_151_2007;
  if (day < kLaw2023InForce) return coop::v1::GROUP_DECREE_77_2019;
  return coop::v1::GROUP_NOTICE_DECREE_UNSPECIFIED;
}

absl::StatusOr<Events> DecideGroup(const std::string& occurred_on, const GroupEvent& fact,
                                   const GroupState& recorded, const DecisionContext& ctx) {
  using E = GroupEvent;
  auto on = ParsePastDate("occurred_on", occurred_on, ctx.today);
  if (!on.ok()) return on.status();
  if (fact.event_case() == E::EVENT_NOT_SET) {
    return Violation("COMMON-03", "event", "says nothing to record");
  }
  if (fact.has_formed()) {
    if (auto st = DecideFormation(fact.formed(), *on, recorded, ctx); !st.ok()) return st;
    return Events{fact};
  }
  // The rules see the group as the calendar leaves it on the event's date.
  const GroupState s = AdvanceTo(recorded, *on);
  // Everything else happens to a formed, living group, after its formation.
  if (s.status == S::kUnformed) {
    return Violation("GROUP-02", "event", "the group is not formed");
  }
  if (IsTerminal(s.status)) {
    return Violation("GROUP-03", "event",
                     absl::StrCat(StatusText(s), "; nothing more can be recorded"));
  }
  if (*on < s.formed_on) {
    return Violation(
        "GROUP-02", "occurred_on",
        absl::StrCat(occurred_on, " is before the formation on ", FormatDate(s.formed_on)));
  }
  // A group ending by its notice only changes its details or members, or terminates.
  if (s.status == S::kTerminating && !fact.has_changed() && !fact.has_members_changed() &&
      !fact.has_terminated()) {
    return Violation(kGroupAutomaticTerminationRule, "event", StatusText(s));
  }
  absl::Status st;
  switch (fact.event_case()) {
    case E::kNotified:
      st = DecideNotice(fact.notified(), *on, s);
      break;
    case E::kRegistered:
      st = DecideRegistration(fact.registered(), *on, s, ctx);
      break;
    case E::kChanged:
      st = DecideChange(fact.changed(), *on, ctx);
      break;
    case E::kMembersChanged:
      st = CheckMembers("members_changed.members", fact.members_changed().members(), *on);
      break;
    case E::kSuspended:
      st = DecideSuspension(fact.suspended(), *on, s);
      break;
    case E::kResumed:
      st = Require(s.status == S::kSuspended, "GROUP-11", "resumed", StatusText(s));
      break;
    case E::kConvertedToCooperative:
      st = DecideConversion(fact.converted_to_cooperative(), *on, s);
      break;
    case E::kTerminationNotified:  // from formed, active or suspended (terminating: above)
    case E::kTerminated:           // from formed, active, suspended or terminating
    default:
      break;
  }
  if (!st.ok()) return st;
  return Events{fact};
}

}  // namespace coop::domain
