// The state of one annual plan (an area's targets for a year), folded from its events: the
// area, the year and the targets in force. Pure value type; not thread-safe (copy it).
#ifndef COOPLEDGER_DOMAIN_PROGRAMS_PLAN_STATE_H_
#define COOPLEDGER_DOMAIN_PROGRAMS_PLAN_STATE_H_

#include <map>
#include <string>

#include "absl/time/civil_time.h"
#include "coop/v1/plan_events.pb.h"

namespace coop::domain {

struct PlanState {
  bool set = false;  // targets were set at least once
  coop::v1::Area area;
  int year = 0;
  // The targets in force: those of the latest AnnualPlanTargetsSet, by indicator.
  std::map<coop::v1::PlanIndicator, coop::v1::PlanTarget> targets;
  int revisions = 0;  // how many times the targets were set
  absl::CivilDay last_set_on;
};

// Applies one event that happened on `occurred_on`. Events come from the log and are trusted:
// Evolve never fails. A later AnnualPlanTargetsSet replaces all the targets.
PlanState Evolve(PlanState state, absl::CivilDay occurred_on, const coop::v1::PlanEvent& event);

// The plan's stream: "plan-<unit set>-<area code>-<year>", e.g. "plan-2025-03-966-2025".
std::string PlanStreamId(const coop::v1::Area& area, int year);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_PROGRAMS_PLAN_STATE_H_
