#include "domain/programs/class_decider.h"

#include "absl/strings/str_cat.h"
#include "domain/common/dates.h"
#include "domain/common/rules.h"

namespace coop::domain {
namespace {

using coop::v1::ClassEvent;
using Events = std::vector<ClassEvent>;

absl::Status CheckParticipants(const coop::v1::ClassParticipants& p) {
  const int64_t counts[] = {p.officials(), p.managers(), p.members(), p.farmers(), p.other()};
  bool anyone = false;
  for (int64_t count : counts) {
    if (count < 0) {
      return Violation("COMMON-02", "held.participants", "participant counts must be zero or more");
    }
    anyone = anyone || count > 0;
  }
  if (!anyone) return Violation("CLASS-03", "held.participants", "a class has participants");
  return absl::OkStatus();
}

absl::Status DecideHeld(const coop::v1::ClassHeld& e, absl::CivilDay on, const ClassState& s,
                        const DecisionContext& ctx) {
  if (s.held) {
    return Violation("CLASS-01", "held",
                     absl::StrCat("the class was already recorded on ", FormatDate(s.held_on),
                                  "; correct it instead"));
  }
  if (e.class_id().empty()) return Violation("COMMON-03", "held.class_id", "is required");
  if (e.kind() == coop::v1::CLASS_KIND_UNSPECIFIED || !coop::v1::ClassKind_IsValid(e.kind())) {
    return Violation("COMMON-03", "held.kind",
                     "is required (STATE_MANAGEMENT_TRAINING, PROPAGANDA, VOCATIONAL or "
                     "MEMBER_MANAGER_TRAINING)");
  }
  if (e.title().empty()) return Violation("COMMON-03", "held.title", "is required");
  if (e.organiser().empty()) return Violation("COMMON-03", "held.organiser", "is required");
  auto start = ParsePastDate("held.start_date", e.start_date(), ctx.today);
  if (!start.ok()) return start.status();
  auto end = ParsePastDate("held.end_date", e.end_date(), ctx.today);
  if (!end.ok()) return end.status();
  if (*end < *start) {
    return Violation("CLASS-02", "held.end_date",
                     absl::StrCat(e.end_date(), " is before the start ", e.start_date()));
  }
  if (on < *start || on > *end) {
    return Violation("CLASS-02", "occurred_on",
                     absl::StrCat(FormatDate(on), " is not a day of the class (", e.start_date(),
                                  " to ", e.end_date(), ")"));
  }
  if (auto st = CheckParticipants(e.participants()); !st.ok()) return st;
  if (e.budget_vnd() < 0) return Violation("COMMON-02", "held.budget_vnd", "must be >= 0");
  if (e.area().code().empty()) return Violation("COMMON-03", "held.area", "is required");
  if (ctx.check_area) return ctx.check_area("held.area", e.area(), on);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Events> DecideClass(const std::string& occurred_on, const ClassEvent& fact,
                                   const ClassState& s, const DecisionContext& ctx) {
  auto on = ParsePastDate("occurred_on", occurred_on, ctx.today);
  if (!on.ok()) return on.status();
  switch (fact.event_case()) {
    case ClassEvent::kHeld:
      if (auto st = DecideHeld(fact.held(), *on, s, ctx); !st.ok()) return st;
      return Events{fact};
    case ClassEvent::EVENT_NOT_SET:
      break;
  }
  return Violation("COMMON-03", "event", "says nothing to record");
}

}  // namespace coop::domain
