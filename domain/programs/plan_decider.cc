#include "domain/programs/plan_decider.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "domain/common/dates.h"
#include "domain/common/rules.h"

namespace coop::domain {
namespace {

using coop::v1::PlanEvent;
using Events = std::vector<PlanEvent>;

// Plans before this year are not recorded.
constexpr int kFirstPlanYear = 2000;

absl::Status CheckTargets(const coop::v1::AnnualPlanTargetsSet& e) {
  if (e.targets().empty()) {
    return Violation("PLAN-02", "targets_set.targets", "a plan sets at least one target");
  }
  std::set<int> seen;
  for (int i = 0; i < e.targets_size(); ++i) {
    const auto& t = e.targets(i);
    const std::string field = absl::StrCat("targets_set.targets[", i, "]");
    if (t.indicator() == coop::v1::PLAN_INDICATOR_UNSPECIFIED ||
        !coop::v1::PlanIndicator_IsValid(t.indicator())) {
      return Violation("COMMON-03", field + ".indicator", "is required");
    }
    if (t.comparison() == coop::v1::TARGET_COMPARISON_UNSPECIFIED ||
        !coop::v1::TargetComparison_IsValid(t.comparison())) {
      return Violation("COMMON-03", field + ".comparison", "is required (AT_LEAST or EQUAL)");
    }
    if (t.value() < 0) return Violation("COMMON-02", field + ".value", "must be >= 0");
    if (!seen.insert(t.indicator()).second) {
      return Violation("PLAN-02", field + ".indicator",
                       absl::StrCat(coop::v1::PlanIndicator_Name(t.indicator()),
                                    " has a target already in this plan"));
    }
  }
  return absl::OkStatus();
}

absl::Status DecideTargets(const coop::v1::AnnualPlanTargetsSet& e, absl::CivilDay on,
                           const PlanState& s, const DecisionContext& ctx) {
  if (e.area().code().empty())
    return Violation("COMMON-03", "targets_set.area.code", "is required");
  if (e.area().unit_set().empty()) {
    return Violation("COMMON-03", "targets_set.area.unit_set", "is required");
  }
  if (e.year() == 0) return Violation("COMMON-03", "targets_set.year", "is required");
  if (e.year() < kFirstPlanYear || e.year() > on.year() + 1) {
    return Violation("PLAN-01", "targets_set.year",
                     absl::StrCat("a plan of ", FormatDate(on), " is for a year from ",
                                  kFirstPlanYear, " to ", on.year() + 1, ", got ", e.year()));
  }
  if (s.set && (e.area().code() != s.area.code() || e.area().unit_set() != s.area.unit_set() ||
                e.year() != s.year)) {
    return Violation("PLAN-03", "targets_set",
                     absl::StrCat("this is the plan ", PlanStreamId(s.area, s.year), ", not ",
                                  PlanStreamId(e.area(), e.year())));
  }
  if (auto st = CheckTargets(e); !st.ok()) return st;
  // A revision names the area checked when the plan was first set, even once its unit set is
  // no longer in force.
  if (!s.set && ctx.check_area) return ctx.check_area("targets_set.area", e.area(), on);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Events> DecidePlan(const std::string& occurred_on, const PlanEvent& fact,
                                  const PlanState& s, const DecisionContext& ctx) {
  auto on = ParsePastDate("occurred_on", occurred_on, ctx.today);
  if (!on.ok()) return on.status();
  switch (fact.event_case()) {
    case PlanEvent::kTargetsSet:
      if (auto st = DecideTargets(fact.targets_set(), *on, s, ctx); !st.ok()) return st;
      return Events{fact};
    case PlanEvent::EVENT_NOT_SET:
      break;
  }
  return Violation("COMMON-03", "event", "says nothing to record");
}

}  // namespace coop::domain
