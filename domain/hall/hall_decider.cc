#include "domain/hall/hall_decider.h"

#include "absl/strings/str_cat.h"
#include "domain/common/dates.h"
#include "domain/common/rules.h"

namespace coop::domain {
namespace {

using coop::v1::HallEvent;
using Events = std::vector<HallEvent>;
using S = HallStatus;

absl::Status CheckMembers(const std::string& field, int64_t members) {
  return members >= 0 ? absl::OkStatus() : Violation("COMMON-02", field, "must be zero or more");
}

absl::Status DecideFounding(const coop::v1::HallFounded& e, absl::CivilDay on, const HallState& s,
                            const DecisionContext& ctx) {
  if (s.status != S::kUnfounded) {
    return Violation("HALL-01", "founded", "the hall is already founded");
  }
  if (e.hall_id().empty()) return Violation("COMMON-03", "hall_id", "is required");
  if (e.name().empty()) return Violation("COMMON-03", "name", "is required");
  if (e.address().code().empty()) return Violation("COMMON-03", "address", "is required");
  if (auto st = CheckAddress(ctx, "address", e.address(), on); !st.ok()) return st;
  return CheckMembers("members", e.members());
}

absl::Status DecideFormalisation(const coop::v1::HallFormalised& e) {
  if (e.formalised_as() == coop::v1::HALL_FORMALISED_AS_UNSPECIFIED) {
    return Violation("COMMON-03", "formalised.formalised_as",
                     "is required (HALL_AS_GROUP or HALL_AS_COOPERATIVE)");
  }
  if (e.new_aggregate_id().empty()) {
    return Violation("COMMON-03", "formalised.new_aggregate_id",
                     "names the group or cooperative the hall became");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Events> DecideHall(const std::string& occurred_on, const HallEvent& fact,
                                  const HallState& s, const DecisionContext& ctx) {
  using E = HallEvent;
  auto on = ParsePastDate("occurred_on", occurred_on, ctx.today);
  if (!on.ok()) return on.status();
  if (fact.event_case() == E::EVENT_NOT_SET) {
    return Violation("COMMON-03", "event", "says nothing to record");
  }
  if (fact.has_founded()) {
    if (auto st = DecideFounding(fact.founded(), *on, s, ctx); !st.ok()) return st;
    return Events{fact};
  }
  // Everything else happens to a founded hall that is not formalised, after its founding.
  if (s.status == S::kUnfounded) return Violation("HALL-01", "event", "the hall is not founded");
  if (IsTerminal(s.status)) {
    return Violation("HALL-02", "event",
                     absl::StrCat("the hall was formalised on ", FormatDate(s.formalised_on),
                                  " as ", coop::v1::HallFormalisedAs_Name(s.formalised_as), " ",
                                  s.new_aggregate_id, "; record it there"));
  }
  if (*on < s.founded_on) {
    return Violation(
        "HALL-01", "occurred_on",
        absl::StrCat(occurred_on, " is before the founding on ", FormatDate(s.founded_on)));
  }
  absl::Status st;
  switch (fact.event_case()) {
    case E::kMembersChanged:
      st = CheckMembers("members_changed.members", fact.members_changed().members());
      break;
    case E::kFormalised:
      st = DecideFormalisation(fact.formalised());
      break;
    default:
      break;
  }
  if (!st.ok()) return st;
  return Events{fact};
}

}  // namespace coop::domain
