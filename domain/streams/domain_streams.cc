#include "domain/streams/domain_streams.h"

#include "absl/strings/match.h"
#include "domain/cooperative/cooperative_aggregate.h"
#include "domain/group/group_aggregate.h"
#include "domain/hall/hall_aggregate.h"
#include "domain/person/person_aggregate.h"
#include "domain/programs/class_aggregate.h"
#include "domain/programs/grant_aggregate.h"
#include "domain/programs/ocop_aggregate.h"
#include "domain/programs/placement_aggregate.h"
#include "domain/programs/plan_aggregate.h"

namespace coop::domain {
namespace {

constexpr DomainStreamCategory kCategories[] = {
    {CooperativeAggregate::kCodeStreamPrefix, "cooperative code reservations"},
    {PlacementAggregate::kStreamPrefix, "graduate placements"},
    {CooperativeAggregate::kStreamPrefix, "cooperatives and unions (HTX, LHHTX)"},
    {GroupAggregate::kStreamPrefix, "cooperative groups (THT)"},
    {ClassAggregate::kStreamPrefix, "classes (training, propaganda, vocational)"},
    {GrantAggregate::kStreamPrefix, "support grants"},
    {HallAggregate::kStreamPrefix, "community halls (hội quán)"},
    {OcopAggregate::kStreamPrefix, "OCOP products"},
    {PlanAggregate::kStreamPrefix, "annual plans"},
    {PersonAggregate::kStreamPrefix, "erasures of personal data (person references)"},
};

}  // namespace

std::span<const DomainStreamCategory> DomainStreamCategories() { return kCategories; }

const DomainStreamCategory* DomainCategoryOf(absl::string_view stream_id) {
  for (const auto& category : kCategories) {
    if (absl::StartsWithIgnoreCase(stream_id, category.prefix)) return &category;
  }
  return nullptr;
}

}  // namespace coop::domain
