#include "projections/standard_projections.h"

#include <memory>

#include "projections/cooperative_registry_projection.h"
#include "projections/group_registry_projection.h"
#include "projections/hall_registry_projection.h"
#include "projections/ocop_products_projection.h"
#include "projections/person_links_projection.h"
#include "projections/statistics/annual_statistics_projection.h"

namespace coop::projections {

void AddStandardProjections(ProjectionSet& set) {
  set.Add(std::make_unique<CooperativeRegistryProjection>());
  set.Add(std::make_unique<GroupRegistryProjection>());
  set.Add(std::make_unique<HallRegistryProjection>());
  set.Add(std::make_unique<OcopProductsProjection>());
  set.Add(std::make_unique<PersonLinksProjection>());
  set.Add(std::make_unique<statistics::AnnualStatisticsProjection>());
}

}  // namespace coop::projections
