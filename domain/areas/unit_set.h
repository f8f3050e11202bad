// The two sets of administrative units the system knows, and which one is in force on a
// date. Vietnam's 2025 reform (in force 1 July 2025) abolished the district level and merged
// communes and provinces, and reused many codes with new meanings (32044 was Thị trấn U Minh
// and is now Xã Nguyễn Phích), so an area is always a code *and* its unit set.
//
// Dates are absl::CivilDay values (see iso_date.h for "YYYY-MM-DD" text). Pure; thread-safe.
#ifndef COOPLEDGER_DOMAIN_AREAS_UNIT_SET_H_
#define COOPLEDGER_DOMAIN_AREAS_UNIT_SET_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace coop::domain::areas {

enum class UnitSet {
  // "2025-03": province → district → commune (63 / 696 / 10,035), the list in force before
  // 1 July 2025. It stands for every earlier date too: the commune mergers of 2019–2025 are
  // not modelled, so a code abolished before March 2025 is not a unit of it.
  k2025_03,
  // "2025-07": province → commune (34 / 3,321), in force from 1 July 2025 (as amended).
  k2025_07,
};

inline constexpr UnitSet kAllUnitSets[] = {UnitSet::k2025_03, UnitSet::k2025_07};

// The first day of the two-level set.
inline constexpr absl::CivilDay kTwoLevelReformDay(2025, 7, 1);

// "2025-03" or "2025-07": the name used on the wire (coop.v1.Area.unit_set).
const std::string& UnitSetName(UnitSet set);

// The inverse of UnitSetName; INVALID_ARGUMENT naming the known sets for anything else.
absl::StatusOr<UnitSet> ParseUnitSet(std::string_view name);
// ParseUnitSet for the request field `field`: the error names the field, in Vietnamese first
// and then in English ("<field>: \"x\" không phải bộ đơn vị hành chính; … / <field>: \"x\" is not
// a unit set; …").
absl::StatusOr<UnitSet> ParseUnitSetField(std::string_view field, std::string_view name);

// Whether the set has a district level (true for 2025-03 only).
bool HasDistricts(UnitSet set);

// 2025-03 before kTwoLevelReformDay, 2025-07 from it on.
UnitSet UnitSetInForceOn(absl::CivilDay day);
// The same for a "YYYY-MM-DD" date; INVALID_ARGUMENT if it is not one.
absl::StatusOr<UnitSet> UnitSetInForceOn(std::string_view iso_date);

}  // namespace coop::domain::areas

#endif  // COOPLEDGER_DOMAIN_AREAS_UNIT_SET_H_
