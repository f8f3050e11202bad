#include "domain/programs/grant_decider.h"

#include "absl/strings/str_cat.h"
#include "domain/common/dates.h"
#include "domain/common/rules.h"

namespace coop::domain {
namespace {

using coop::v1::GrantEvent;
using Events = std::vector<GrantEvent>;

absl::Status DecideGranted(const coop::v1::SupportGranted& e, absl::CivilDay on,
                           const GrantState& s, const DecisionContext& ctx) {
  if (s.granted) {
    return Violation("GRANT-01", "granted",
                     absl::StrCat("the grant was already recorded on ", FormatDate(s.granted_on),
                                  "; correct it instead"));
  }
  if (e.grant_id().empty()) return Violation("COMMON-03", "granted.grant_id", "is required");
  if (e.type() == coop::v1::SUPPORT_TYPE_UNSPECIFIED || !coop::v1::SupportType_IsValid(e.type())) {
    return Violation("GRANT-02", "granted.type", "names one of the support types");
  }
  if (e.funding_source() == coop::v1::FUNDING_SOURCE_UNSPECIFIED ||
      !coop::v1::FundingSource_IsValid(e.funding_source())) {
    return Violation("GRANT-02", "granted.funding_source",
                     "is central, provincial, district, commune or other");
  }
  const bool recipient = (e.has_cooperative_id() && !e.cooperative_id().empty()) ||
                         (e.has_group_id() && !e.group_id().empty());
  if (!recipient) {
    return Violation("GRANT-02", "granted.recipient", "a cooperative_id or a group_id is required");
  }
  if (e.amount_vnd() < 0) return Violation("COMMON-02", "granted.amount_vnd", "must be >= 0");
  if (e.amount_vnd() == 0 && e.in_kind().empty()) {
    return Violation("GRANT-03", "granted.amount_vnd",
                     "a grant gives an amount, something in kind (in_kind), or both");
  }
  if (e.has_area()) {
    if (e.area().code().empty()) {
      return Violation("COMMON-03", "granted.area.code", "is required when an area is given");
    }
    if (ctx.check_area) return ctx.check_area("granted.area", e.area(), on);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Events> DecideGrant(const std::string& occurred_on, const GrantEvent& fact,
                                   const GrantState& s, const DecisionContext& ctx) {
  auto on = ParsePastDate("occurred_on", occurred_on, ctx.today);
  if (!on.ok()) return on.status();
  switch (fact.event_case()) {
    case GrantEvent::kGranted:
      if (auto st = DecideGranted(fact.granted(), *on, s, ctx); !st.ok()) return st;
      return Events{fact};
    case GrantEvent::EVENT_NOT_SET:
      break;
  }
  return Violation("COMMON-03", "event", "says nothing to record");
}

}  // namespace coop::domain
