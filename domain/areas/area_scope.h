// Whether an area lies within another: the scope rule of a recorder (a district office
// records for the communes of its district), across the 2025 reform.
//
// Within one unit set: the area is the scope unit or lies below it (commune → district →
// province). Across the two sets, through the successor table (successors.h):
//   - an area of 2025-03 lies within a 2025-07 scope if any unit it went into (wholly or in
//     part) lies within the scope; a 2025-03 district counts through its communes;
//   - an area of 2025-07 lies within a 2025-03 scope if any old unit that went into it lies
//     within the scope.
// "Any", because a split commune's cooperatives may sit in either part: both offices may
// record for it (docs/administration.md). An area that is not a unit of its set, or has an
// unknown set, lies within nothing. Pure; thread-safe.
#ifndef COOPLEDGER_DOMAIN_AREAS_AREA_SCOPE_H_
#define COOPLEDGER_DOMAIN_AREAS_AREA_SCOPE_H_

#include "coop/v1/event.pb.h"

namespace coop::domain::areas {

bool AreaWithin(const coop::v1::Area& area, const coop::v1::Area& scope);

}  // namespace coop::domain::areas

#endif  // COOPLEDGER_DOMAIN_AREAS_AREA_SCOPE_H_
