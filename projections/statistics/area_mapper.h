// AreaMapper: where a recorded area counts in a given unit set, and the rows it rolls up into
// (docs/domain.md#administrative-areas and #re-aggregating-onto-another-unit-set).
//
// - An area of the target set counts as is: its chain is [commune, district, province, "VN"]
//   (2025-03) or [commune, province, "VN"] (2025-07); a district-level area starts at the
//   district.
// - A 2025-03 area counted in 2025-07 units follows the entity's own re-address if it has
//   one, else the successor table's single (or single "full") successor; else it goes to the
//   bucket "u<old code>" (unassigned: split commune, with the successors as candidates) under
//   the successors' province. An old district (e.g. a class held by a district) goes to its
//   bucket under its province's successor.
// - A 2025-07 area counted in 2025-03 units, or a code that is not a unit of its set, has
//   no place below the nation: bucket "u<code>" (or "?<code>") directly under "VN".
//
// Caches what it computed: not thread-safe (one mapper per thread).
#ifndef COOPLEDGER_PROJECTIONS_STATISTICS_AREA_MAPPER_H_
#define COOPLEDGER_PROJECTIONS_STATISTICS_AREA_MAPPER_H_

#include <string>
#include <vector>

#include "absl/container/node_hash_map.h"
#include "coop/v1/event.pb.h"
#include "domain/areas/unit_set.h"

namespace coop::projections::statistics {

inline constexpr char kNation[] = "VN";

struct MappedArea {
  std::vector<std::string> chain;       // row codes, most specific first, ending with kNation
  bool unassigned = false;              // chain[0] is a bucket "u…"/"?…", not a unit
  std::string old_code;                 // the recorded code, for a bucket
  std::vector<std::string> candidates;  // a split commune's successors
  bool commune = false;                 // chain[0] is a commune of the target set
};

// Whether a mapped area counts in `code` (one of its chain's codes, or kNation).
bool CountsIn(const MappedArea& mapped, const std::string& code);

class AreaMapper {
 public:
  const MappedArea& Map(const coop::v1::Area& recorded, domain::areas::UnitSet target,
                        const coop::v1::Area& readdress);

 private:
  MappedArea Compute(const coop::v1::Area& recorded, domain::areas::UnitSet target,
                     const coop::v1::Area& readdress) const;
  absl::node_hash_map<std::string, MappedArea> memo_;  // stable references
  std::string key_;  // Map's memo key, built in place (no allocation once it has grown)
};

// The unit set an area's code is read in: its own, or the set in force on `day` if empty.
domain::areas::UnitSet UnitSetOr(const coop::v1::Area& area, domain::areas::UnitSet fallback);

}  // namespace coop::projections::statistics

#endif  // COOPLEDGER_PROJECTIONS_STATISTICS_AREA_MAPPER_H_
