#include "domain/programs/plan_state.h"

#include "absl/strings/str_cat.h"

namespace coop::domain {

PlanState Evolve(PlanState s, absl::CivilDay on, const coop::v1::PlanEvent& event) {
  using E = coop::v1::PlanEvent;
  switch (event.event_case()) {
    case E::kTargetsSet: {
      const auto& e = event.targets_set();
      s.set = true;
      s.area = e.area();
      s.year = e.year();
      s.targets.clear();
      for (const auto& target : e.targets()) s.targets[target.indicator()] = target;
      ++s.revisions;
      s.last_set_on = on;
      break;
    }
    case E::EVENT_NOT_SET:
      break;
  }
  return s;
}

std::string PlanStreamId(const coop::v1::Area& area, int year) {
  return absl::StrCat("plan-", area.unit_set(), "-", area.code(), "-", year);
}

}  // namespace coop::domain
