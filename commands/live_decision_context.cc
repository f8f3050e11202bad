#include "commands/live_decision_context.h"

#include "absl/time/clock.h"
#include "domain/areas/area_rules.h"

namespace coop::commands {

domain::DecisionContext LiveDecisionContext() {
  static const absl::TimeZone kVietnam = absl::FixedTimeZone(7 * 60 * 60);
  domain::DecisionContext context;
  context.today = absl::ToCivilDay(absl::Now(), kVietnam);
  context.check_area = [](const std::string& field, const coop::v1::Area& area, absl::CivilDay on) {
    return domain::areas::ValidateArea(field, area.code(), area.unit_set(), on);
  };
  return context;
}

}  // namespace coop::commands
