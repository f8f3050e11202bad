// The projections coopd keeps: the registries of cooperatives, groups and halls, OCOP products,
// person links and the annual statistics. One list, so that coopd and the tools that measure
// the projections (coop-scale-gen --projections) run the same set.
// Thread-safety: as ProjectionSet::Add (before StartAll, from one thread).
#ifndef COOPLEDGER_PROJECTIONS_STANDARD_PROJECTIONS_H_
#define COOPLEDGER_PROJECTIONS_STANDARD_PROJECTIONS_H_

#include "projections/projection_set.h"

namespace coop::projections {

void AddStandardProjections(ProjectionSet& set);

}  // namespace coop::projections

#endif  // COOPLEDGER_PROJECTIONS_STANDARD_PROJECTIONS_H_
