// The rule every event's area must satisfy before the domain accepts it: a known unit set,
// a code that is a unit of that set, and a set that was in force on the day the event
// happened (2025-03 before 1 July 2025, 2025-07 from then on). Checked against the
// reference catalogues. Pure; thread-safe.
#ifndef COOPLEDGER_DOMAIN_AREAS_AREA_RULES_H_
#define COOPLEDGER_DOMAIN_AREAS_AREA_RULES_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"

namespace coop::domain::areas {

// `code` and `unit_set` as in coop.v1.Area, `occurred_on` the event's business date
// "YYYY-MM-DD" (required). Returns INVALID_ARGUMENT naming the field and the rule, e.g.
//   "area.unit_set: 2025-03 is not in force on 2025-08-01; use 2025-07"
//   "area.code: area 99999 is not a unit of set 2025-03"
//   "occurred_on: \"2025-02-30\" is not a calendar date YYYY-MM-DD"
// Checks in that order: unit set, date, code, in force.
absl::Status ValidateArea(std::string_view code, std::string_view unit_set,
                          std::string_view occurred_on);

// The same checks for an area named `field` (e.g. "address", giving "address.code: ..." and
// "address.unit_set: ...") on a date already parsed; fits a decider's area hook:
//   [](const std::string& field, const coop::v1::Area& area, absl::CivilDay on) {
//     return ValidateArea(field, area.code(), area.unit_set(), on);
//   }
absl::Status ValidateArea(const std::string& field, std::string_view code,
                          std::string_view unit_set, absl::CivilDay occurred_on);

// AREA-02: the address of a cooperative, group or hall is a commune — or, in 2025-03, one of
// the five island districts that have no communes (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn,
// Côn Đảo). A province or an ordinary district is refused, naming `field`. REQUIRES: the area
// passed ValidateArea.
absl::Status ValidateAddressLevel(const std::string& field, std::string_view code,
                                  std::string_view unit_set);

}  // namespace coop::domain::areas

#endif  // COOPLEDGER_DOMAIN_AREAS_AREA_RULES_H_
