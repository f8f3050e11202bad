#include "tools/scale/scale_areas.h"

#include <string>

#include "domain/areas/area_catalog.h"
#include "domain/areas/successors.h"
#include "domain/areas/unit_set.h"

namespace coop::scale {
namespace {

using domain::areas::AreaCatalog;
using domain::areas::AreaLevel;
using domain::areas::UnitSet;

coop::v1::Area AreaOf(const std::string& code, UnitSet set) {
  coop::v1::Area area;
  area.set_code(code);
  area.set_unit_set(domain::areas::UnitSetName(set));
  return area;
}

std::vector<Place> PlacesAtLevel(UnitSet set, AreaLevel level) {
  const AreaCatalog& catalog = AreaCatalog::Reference(set);
  std::vector<Place> places;
  for (const auto& unit : catalog.units()) {
    if (unit.level != level) continue;
    auto chain = catalog.ChainToProvince(unit.code);
    if (!chain.ok()) continue;
    std::string first_commune;
    if (level == AreaLevel::kDistrict) {
      auto communes = catalog.CommunesOf(unit.code);
      if (!communes.ok() || communes->empty()) continue;  // the island districts
      first_commune = communes->front()->code;
    }
    Place place;
    place.commune = AreaOf(unit.code, set);
    if (chain->size() == 3) place.district = AreaOf((*chain)[1]->code, set);
    place.province = AreaOf(chain->back()->code, set);
    if (level == AreaLevel::kDistrict) {
      place.district = place.commune;
      place.commune = AreaOf(first_commune, set);
    }
    places.push_back(std::move(place));
  }
  return places;
}

}  // namespace

const ScaleAreas& ScaleAreas::Get() {
  static const ScaleAreas* areas = new ScaleAreas();
  return *areas;
}

ScaleAreas::ScaleAreas()
    : old_(PlacesAtLevel(UnitSet::k2025_03, AreaLevel::kCommune)),
      new_(PlacesAtLevel(UnitSet::k2025_07, AreaLevel::kCommune)),
      districts_(PlacesAtLevel(UnitSet::k2025_03, AreaLevel::kDistrict)) {
  for (const auto* unit : AreaCatalog::Reference(UnitSet::k2025_07).Provinces()) {
    Place place;
    place.province = AreaOf(unit->code, UnitSet::k2025_07);
    provinces_new_.push_back(std::move(place));
  }
  for (size_t i = 0; i < old_.size(); ++i) old_index_[old_[i].commune.code()] = i;
  for (size_t i = 0; i < new_.size(); ++i) new_index_[new_[i].commune.code()] = i;
}

const Place& ScaleAreas::CommuneOn(absl::CivilDay day, Dice& dice) const {
  const auto& places = day < domain::areas::kTwoLevelReformDay ? old_ : new_;
  return places[dice.Index(places.size())];
}

const Place* ScaleAreas::Find(const coop::v1::Area& area) const {
  const bool old_set = area.unit_set() == domain::areas::UnitSetName(UnitSet::k2025_03);
  const auto& map = old_set ? old_index_ : new_index_;
  auto it = map.find(area.code());
  if (it == map.end()) return nullptr;
  return old_set ? &old_[it->second] : &new_[it->second];
}

std::optional<Place> ScaleAreas::SuccessorOf(const coop::v1::Area& old_commune, Dice& dice) const {
  const auto& table = domain::areas::SuccessorTable::Reference();
  const auto* single = table.SingleSuccessor(old_commune.code());
  std::string code;
  if (single != nullptr) {
    code = single->new_code;
  } else {
    auto all = table.SuccessorsOf(old_commune.code());
    if (all.empty()) return std::nullopt;
    code = all[dice.Index(all.size())].new_code;
  }
  const Place* place = Find(AreaOf(code, UnitSet::k2025_07));
  if (place == nullptr) return std::nullopt;
  return *place;
}

}  // namespace coop::scale
