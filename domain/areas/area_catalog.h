// The administrative units of one unit set (see unit_set.h): each unit's level, name and
// parent, with the lookups projections need to roll figures up (commune → district →
// province). Reference() gives the catalogues compiled from data/reference/.
//
// Immutable once built, so every const method is thread-safe; Reference() builds each
// catalogue once, on first use, safely from any thread, and never destroys it. Pointers to
// units stay valid for the catalogue's lifetime (also across a move).
//
// Errors: a code that is not a unit of the set is NOT_FOUND, naming the code and the set,
// e.g. "area 99999 is not a unit of set 2025-03".
#ifndef COOPLEDGER_DOMAIN_AREAS_AREA_CATALOG_H_
#define COOPLEDGER_DOMAIN_AREAS_AREA_CATALOG_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "domain/areas/area_unit.h"
#include "domain/areas/unit_set.h"

namespace coop::domain::areas {

class AreaCatalog {
 public:
  // Builds a catalogue from CSV text with the header "code,level,name,parent_code". Checks
  // that codes are digits and unique, that a province has no parent and every other unit
  // has one of the level above it (district → province, commune → district in 2025-03,
  // commune → province in 2025-07), and that 2025-07 has no districts. INVALID_ARGUMENT
  // naming the set and the line otherwise.
  static absl::StatusOr<AreaCatalog> Parse(UnitSet unit_set, std::string_view csv_text);

  // The catalogue of `unit_set` built from the embedded reference data.
  static const AreaCatalog& Reference(UnitSet unit_set);

  UnitSet unit_set() const { return unit_set_; }
  // Every unit, in the order of the CSV.
  const std::vector<AreaUnit>& units() const { return units_; }
  size_t CountAtLevel(AreaLevel level) const;
  // The provinces, in the order of the CSV.
  std::vector<const AreaUnit*> Provinces() const;

  // The unit with `code`, or nullptr if it is not a unit of this set.
  const AreaUnit* Find(std::string_view code) const;
  // The same, NOT_FOUND instead of nullptr.
  absl::StatusOr<const AreaUnit*> Lookup(std::string_view code) const;

  // The unit itself, then its parent, and so on up to its province: [commune, district,
  // province] in 2025-03, [commune, province] in 2025-07, [province] for a province.
  absl::StatusOr<std::vector<const AreaUnit*>> ChainToProvince(std::string_view code) const;

  // Whether `code` is `ancestor` or lies within it (a commune within its district and
  // province). Both must be units of this set.
  absl::StatusOr<bool> ContainsOrEquals(std::string_view ancestor, std::string_view code) const;

  // The units directly below `code`, in the order of the CSV; empty for a commune.
  absl::StatusOr<std::vector<const AreaUnit*>> ChildrenOf(std::string_view code) const;

  // Every commune within `code` (the commune itself for a commune), parent by parent, each
  // parent's in the order of the CSV.
  // Empty for the five island districts of 2025-03 that have no communes (Bạch Long Vĩ 318,
  // Cồn Cỏ 471, Hoàng Sa 498, Lý Sơn 536, Côn Đảo 755): address those at district level.
  absl::StatusOr<std::vector<const AreaUnit*>> CommunesOf(std::string_view code) const;

 private:
  static constexpr size_t kNone = static_cast<size_t>(-1);

  explicit AreaCatalog(UnitSet unit_set) : unit_set_(unit_set) {}
  absl::Status NotAUnit(std::string_view code) const;
  size_t IndexOf(std::string_view code) const;  // kNone if absent

  UnitSet unit_set_;
  std::vector<AreaUnit> units_;
  std::vector<size_t> parent_;                      // per unit: index of its parent, or kNone
  std::vector<std::vector<size_t>> children_;       // per unit: indexes of its children
  absl::flat_hash_map<std::string, size_t> index_;  // code → index
};

}  // namespace coop::domain::areas

#endif  // COOPLEDGER_DOMAIN_AREAS_AREA_CATALOG_H_
