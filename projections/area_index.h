// Area index rows: one row per (unit, entity) for the unit an entity is addressed in and
// every unit above it, so "in this area, at any level" is one prefix scan in entity-id order:
//   "a/" + unit set + "/" + area code + "/" + entity id -> "" (the view is read by id)
// An address in a unit set or code the reference data does not know is indexed under its
// own code only. Used by the registry projections (cooperatives, groups, halls); the queries
// (services/reporting_list.h) scan AreaIndexPrefix and take the id from the key's tail, so
// page tokens stay entity ids.
//
// Pure functions; thread-safety as the writer's.
#ifndef COOPLEDGER_PROJECTIONS_AREA_INDEX_H_
#define COOPLEDGER_PROJECTIONS_AREA_INDEX_H_

#include <string>
#include <vector>

#include "coop/v1/event.pb.h"
#include "projections/projection.h"

namespace coop::projections {

// "a/<unit set>/<code>/": the prefix of every entity at or within the area.
std::string AreaIndexPrefix(const std::string& unit_set, const std::string& code);
// The first key after every key with the prefix.
std::string AreaIndexEnd(const std::string& unit_set, const std::string& code);

// The index keys of an entity addressed at `address` (none for an empty address).
std::vector<std::string> AreaIndexKeys(const coop::v1::Area& address, const std::string& id);

// Stages the change of an entity's index rows from `before` to `after` (either may be empty:
// no rows). Unchanged keys are left alone.
void UpdateAreaIndex(const coop::v1::Area& before, const coop::v1::Area& after,
                     const std::string& id, ProjectionWriter& writer);

}  // namespace coop::projections

#endif  // COOPLEDGER_PROJECTIONS_AREA_INDEX_H_
