#include "commands/live_decision_context.h"

#include "absl/time/clock.h"
#include "domain/areas/area_rules.h"
#include "domain/common/dates.h"

namespace coop::commands {

domain::DecisionContext LiveDecisionContext() { return LiveDecisionContext(absl::Now()); }

domain::DecisionContext LiveDecisionContext(absl::Time now) {
  domain::DecisionContext context;
  context.today = domain::VietnamDay(now);
  context.check_area = [](const std::string& field, const coop::v1::Area& area, absl::CivilDay on) {
    return domain::areas::ValidateArea(field, area.code(), area.unit_set(), on);
  };
  context.check_address_level = [](const std::string& field, const coop::v1::Area& area) {
    return domain::areas::ValidateAddressLevel(field, area.code(), area.unit_set());
  };
  return context;
}

}  // namespace coop::commands
