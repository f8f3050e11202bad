#include "projections/statistics/area_mapper.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "domain/areas/area_catalog.h"
#include "domain/areas/successors.h"

namespace coop::projections::statistics {
namespace {

using domain::areas::AreaCatalog;
using domain::areas::AreaLevel;
using domain::areas::SuccessorTable;
using domain::areas::UnitSet;

// The chain of a unit of `set`, up to the nation; empty if it is not a unit.
std::vector<std::string> UnitChain(UnitSet set, const std::string& code, bool* commune) {
  const AreaCatalog& catalog = AreaCatalog::Reference(set);
  auto chain = catalog.ChainToProvince(code);
  if (!chain.ok()) return {};
  std::vector<std::string> out;
  for (const auto* unit : *chain) out.push_back(unit->code);
  out.push_back(kNation);
  *commune = (*chain)[0]->level == AreaLevel::kCommune;
  return out;
}

// The 2025-07 province an old province went into.
std::string NewProvinceOf(const std::string& old_province) {
  auto successors = SuccessorTable::Reference().SuccessorsOf(old_province);
  for (const auto& s : successors) {
    if (s.new_level == AreaLevel::kProvince) return s.new_code;
  }
  return "";
}

}  // namespace

bool CountsIn(const MappedArea& mapped, const std::string& code) {
  return std::find(mapped.chain.begin(), mapped.chain.end(), code) != mapped.chain.end();
}

UnitSet UnitSetOr(const coop::v1::Area& area, UnitSet fallback) {
  auto set = domain::areas::ParseUnitSet(area.unit_set());
  return set.ok() ? *set : fallback;
}

const MappedArea& AreaMapper::Map(const coop::v1::Area& recorded, UnitSet target,
                                  const coop::v1::Area& readdress) {
  key_.clear();
  absl::StrAppend(&key_, recorded.unit_set(), "|", recorded.code(), "|", static_cast<int>(target),
                  "|", readdress.unit_set(), "|", readdress.code());
  auto it = memo_.find(key_);
  if (it != memo_.end()) return it->second;
  return memo_.emplace(key_, Compute(recorded, target, readdress)).first->second;
}

MappedArea AreaMapper::Compute(const coop::v1::Area& recorded, UnitSet target,
                               const coop::v1::Area& readdress) const {
  MappedArea out;
  const UnitSet own = UnitSetOr(recorded, target);
  const std::string& code = recorded.code();
  if (own == target) {
    out.chain = UnitChain(target, code, &out.commune);
    if (out.chain.empty()) {
      out.unassigned = true;
      out.old_code = code;
      out.chain = {absl::StrCat("?", code), kNation};
    }
    return out;
  }
  if (own == UnitSet::k2025_03 && target == UnitSet::k2025_07) {
    if (!readdress.code().empty() && UnitSetOr(readdress, UnitSet::k2025_03) == target) {
      out.chain = UnitChain(target, readdress.code(), &out.commune);
      if (!out.chain.empty()) return out;
    }
    const auto& table = SuccessorTable::Reference();
    if (const auto* single = table.SingleSuccessor(code)) {
      out.chain = UnitChain(target, single->new_code, &out.commune);
      if (!out.chain.empty()) return out;
    }
    out.unassigned = true;
    out.old_code = code;
    for (const auto& s : table.SuccessorsOf(code)) out.candidates.push_back(s.new_code);
    std::string province;
    if (!out.candidates.empty()) {
      bool unused;
      auto chain = UnitChain(target, out.candidates.front(), &unused);
      if (chain.size() >= 2) province = chain[chain.size() - 2];
    } else {
      // An old district (or a commune without successors): under its province's successor.
      auto old_chain = AreaCatalog::Reference(UnitSet::k2025_03).ChainToProvince(code);
      if (old_chain.ok()) province = NewProvinceOf(old_chain->back()->code);
    }
    out.chain = {absl::StrCat("u", code)};
    if (!province.empty()) out.chain.push_back(province);
    out.chain.push_back(kNation);
    return out;
  }
  out.unassigned = true;
  out.old_code = code;
  out.chain = {absl::StrCat("u", code), kNation};
  return out;
}

}  // namespace coop::projections::statistics
