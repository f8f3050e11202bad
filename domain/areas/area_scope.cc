#include "domain/areas/area_scope.h"

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "domain/areas/area_catalog.h"
#include "domain/areas/successors.h"
#include "domain/areas/unit_set.h"

namespace coop::domain::areas {
namespace {

bool Contains(UnitSet set, const std::string& ancestor, const std::string& code) {
  auto contains = AreaCatalog::Reference(set).ContainsOrEquals(ancestor, code);
  return contains.ok() && *contains;
}

// The 2025-07 units a 2025-03 unit went into (a district through its communes).
std::vector<std::string> NewUnitsOf(const std::string& old_code) {
  std::vector<std::string> out;
  const auto& table = SuccessorTable::Reference();
  const auto* unit = AreaCatalog::Reference(UnitSet::k2025_03).Find(old_code);
  if (unit != nullptr && unit->level == AreaLevel::kDistrict) {
    auto communes = AreaCatalog::Reference(UnitSet::k2025_03).CommunesOf(old_code);
    if (!communes.ok()) return out;
    for (const AreaUnit* commune : *communes) {
      for (const auto& s : table.SuccessorsOf(commune->code)) out.push_back(s.new_code);
    }
    return out;
  }
  for (const auto& s : table.SuccessorsOf(old_code)) out.push_back(s.new_code);
  return out;
}

// The 2025-03 units that went into a 2025-07 unit (the successor table read backwards).
const std::vector<std::string>& OldUnitsOf(const std::string& new_code) {
  static const auto* const kPredecessors = [] {
    auto* map = new absl::flat_hash_map<std::string, std::vector<std::string>>();
    const auto& table = SuccessorTable::Reference();
    for (const auto& old_code : table.old_codes()) {
      for (const auto& s : table.SuccessorsOf(old_code)) (*map)[s.new_code].push_back(old_code);
    }
    return map;
  }();
  static const std::vector<std::string> kNone;
  auto it = kPredecessors->find(new_code);
  return it == kPredecessors->end() ? kNone : it->second;
}

}  // namespace

bool AreaWithin(const coop::v1::Area& area, const coop::v1::Area& scope) {
  auto area_set = ParseUnitSet(area.unit_set());
  auto scope_set = ParseUnitSet(scope.unit_set());
  if (!area_set.ok() || !scope_set.ok()) return false;
  if (AreaCatalog::Reference(*area_set).Find(area.code()) == nullptr) return false;
  if (*area_set == *scope_set) return Contains(*scope_set, scope.code(), area.code());
  if (*area_set == UnitSet::k2025_03) {
    for (const auto& new_code : NewUnitsOf(area.code())) {
      if (Contains(UnitSet::k2025_07, scope.code(), new_code)) return true;
    }
    return false;
  }
  for (const auto& old_code : OldUnitsOf(area.code())) {
    if (Contains(UnitSet::k2025_03, scope.code(), old_code)) return true;
  }
  return false;
}

}  // namespace coop::domain::areas
