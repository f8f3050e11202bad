#include "domain/areas/unit_set.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/iso_date.h"

namespace coop::domain::areas {

const std::string& UnitSetName(UnitSet set) {
  static const std::string* const k2025_03 = new std::string("2025-03");
  static const std::string* const k2025_07 = new std::string("2025-07");
  return set == UnitSet::k2025_03 ? *k2025_03 : *k2025_07;
}

absl::StatusOr<UnitSet> ParseUnitSet(std::string_view name) {
  for (UnitSet set : kAllUnitSets) {
    if (name == UnitSetName(set)) return set;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("\"", std::string(name), "\" is not a unit set; use 2025-03 or 2025-07"));
}

absl::StatusOr<UnitSet> ParseUnitSetField(std::string_view field, std::string_view name) {
  auto set = ParseUnitSet(name);
  if (set.ok()) return set;
  const std::string named(field);
  return absl::InvalidArgumentError(absl::StrCat(named, ": \"", std::string(name),
                                                 "\" không phải bộ đơn vị hành chính; dùng "
                                                 "2025-03 hoặc 2025-07 / ",
                                                 named, ": ", set.status().message()));
}

bool HasDistricts(UnitSet set) { return set == UnitSet::k2025_03; }

UnitSet UnitSetInForceOn(absl::CivilDay day) {
  return day < kTwoLevelReformDay ? UnitSet::k2025_03 : UnitSet::k2025_07;
}

absl::StatusOr<UnitSet> UnitSetInForceOn(std::string_view iso_date) {
  absl::StatusOr<absl::CivilDay> day = base::ParseIsoDate(iso_date);
  if (!day.ok()) return day.status();
  return UnitSetInForceOn(*day);
}

}  // namespace coop::domain::areas
