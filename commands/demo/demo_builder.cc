#include "commands/demo/demo_builder.h"

#include "base/uuid.h"
#include "domain/areas/area_catalog.h"

namespace coop::demo {

using domain::areas::AreaCatalog;
using domain::areas::UnitSet;

std::string DemoUuid(const std::string& name) {
  static const auto kNamespace = *base::ParseUuid("0d1e2a6b-94c3-4b5e-8f07-7a1c2d3e4f50");
  return base::NameBasedUuid(kNamespace, name);
}

const char* UnitSetOn(absl::CivilDay day) { return day < kReform ? "2025-03" : "2025-07"; }

coop::v1::Area CommuneOn(absl::CivilDay day, Dice& dice) {
  const UnitSet set = day < kReform ? UnitSet::k2025_03 : UnitSet::k2025_07;
  const auto communes = *AreaCatalog::Reference(set).CommunesOf(kProvince);
  coop::v1::Area area;
  area.set_code(communes[dice.Between(0, static_cast<int64_t>(communes.size()) - 1)]->code);
  area.set_unit_set(UnitSetOn(day));
  return area;
}

coop::v1::Area ProvinceOn(absl::CivilDay day) {
  coop::v1::Area area;
  area.set_code(kProvince);
  area.set_unit_set(UnitSetOn(day));
  return area;
}

coop::v1::Area DistrictOrProvinceOn(absl::CivilDay day, Dice& dice) {
  if (day >= kReform) return ProvinceOn(day);
  const auto districts = *AreaCatalog::Reference(UnitSet::k2025_03).ChildrenOf(kProvince);
  coop::v1::Area area;
  area.set_code(districts[dice.Between(0, static_cast<int64_t>(districts.size()) - 1)]->code);
  area.set_unit_set(UnitSetOn(day));
  return area;
}

}  // namespace coop::demo
