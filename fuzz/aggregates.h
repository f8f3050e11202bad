// The domain's aggregates, for the fuzz targets that treat every one alike: ForEachAggregate
// calls a generic visitor once per aggregate descriptor (domain/*/*_aggregate.h) with a
// std::type_identity<Descriptor>. A new aggregate is added here, and the targets cover it.
// Header only; thread-safe.
#ifndef COOPLEDGER_FUZZ_AGGREGATES_H_
#define COOPLEDGER_FUZZ_AGGREGATES_H_

#include <type_traits>

#include "domain/cooperative/cooperative_aggregate.h"
#include "domain/group/group_aggregate.h"
#include "domain/hall/hall_aggregate.h"
#include "domain/person/person_aggregate.h"
#include "domain/programs/class_aggregate.h"
#include "domain/programs/grant_aggregate.h"
#include "domain/programs/ocop_aggregate.h"
#include "domain/programs/placement_aggregate.h"
#include "domain/programs/plan_aggregate.h"

namespace coop::fuzz {

template <typename Visitor>
void ForEachAggregate(Visitor&& visit) {
  visit(std::type_identity<domain::CooperativeAggregate>());
  visit(std::type_identity<domain::GroupAggregate>());
  visit(std::type_identity<domain::HallAggregate>());
  visit(std::type_identity<domain::ClassAggregate>());
  visit(std::type_identity<domain::GrantAggregate>());
  visit(std::type_identity<domain::OcopAggregate>());
  visit(std::type_identity<domain::PlacementAggregate>());
  visit(std::type_identity<domain::PlanAggregate>());
  visit(std::type_identity<domain::PersonAggregate>());
}

}  // namespace coop::fuzz

#endif  // COOPLEDGER_FUZZ_AGGREGATES_H_
