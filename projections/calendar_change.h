// The entry a registry view's status_history gets when the calendar, not an event, changed a
// status (domain/cooperative/cooperative_calendar.h, domain/group/group_calendar.h): the new
// status, its first day and the rule, credited to the event that started what ran out (the
// latest change an event made). Header-only; pure; thread-safe.
#ifndef COOPLEDGER_PROJECTIONS_CALENDAR_CHANGE_H_
#define COOPLEDGER_PROJECTIONS_CALENDAR_CHANGE_H_

#include <string>

#include "absl/time/civil_time.h"
#include "coop/v1/reporting.pb.h"
#include "domain/common/dates.h"

namespace coop::projections {

// `history` is the view's status_history so far (any container of StatusChange, oldest first).
template <typename Changes>
coop::v1::StatusChange CalendarChange(const std::string& status, absl::CivilDay on,
                                      const char* rule, const Changes& history) {
  coop::v1::StatusChange change;
  change.set_status(status);
  change.set_on(domain::FormatDate(on));
  change.set_rule(rule);
  for (auto it = history.rbegin(); it != history.rend(); ++it) {
    if (it->rule().empty()) {
      change.set_position(it->position());
      break;
    }
  }
  return change;
}

}  // namespace coop::projections

#endif  // COOPLEDGER_PROJECTIONS_CALENDAR_CHANGE_H_
