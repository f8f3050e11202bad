#include "projections/linked_streams.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "coop/v1/grant_events.pb.h"
#include "coop/v1/ocop_events.pb.h"
#include "coop/v1/placement_events.pb.h"
#include "domain/common/dates.h"
#include "domain/common/event_union_codec.h"
#include "domain/common/stream_corrections.h"
#include "domain/programs/grant_aggregate.h"
#include "domain/programs/grant_state.h"
#include "domain/programs/ocop_aggregate.h"
#include "domain/programs/ocop_state.h"
#include "domain/programs/placement_aggregate.h"
#include "domain/programs/placement_state.h"

namespace coop::projections {
namespace {

absl::CivilDay DayOf(const coop::v1::RecordedEvent& event) {
  return domain::ParseDateOr(event.occurred_on(), absl::CivilDay());
}

LinkedFact FoldOcop(const std::vector<coop::v1::RecordedEvent>& effective) {
  domain::OcopState state;
  std::string product_name;
  for (const auto& recorded : effective) {
    coop::v1::OcopEvent event;
    if (!domain::CodecFor<coop::v1::OcopEvent>().Decode(recorded, &event)) continue;
    if (event.has_enrolled()) product_name = event.enrolled().product_name();
    state = domain::Evolve(std::move(state), DayOf(recorded), event);
  }
  LinkedFact fact;
  if (state.status == domain::OcopStatus::kUnenrolled) return fact;
  fact.entity_id = state.product_id;
  fact.cooperative_id = state.cooperative_id;
  coop::v1::OcopProductSummary summary;
  summary.set_product_id(state.product_id);
  summary.set_product_name(product_name);
  if (state.status == domain::OcopStatus::kRecognised) {
    summary.set_stars(state.stars);
    summary.set_expires_on(domain::FormatDate(state.expires_on));
  }
  fact.ocop = std::move(summary);
  return fact;
}

LinkedFact FoldGrant(const std::vector<coop::v1::RecordedEvent>& effective) {
  domain::GrantState state;
  coop::v1::SupportGranted granted;
  for (const auto& recorded : effective) {
    coop::v1::GrantEvent event;
    if (!domain::CodecFor<coop::v1::GrantEvent>().Decode(recorded, &event)) continue;
    if (event.has_granted()) granted = event.granted();
    state = domain::Evolve(std::move(state), DayOf(recorded), event);
  }
  LinkedFact fact;
  if (!state.granted) return fact;
  fact.entity_id = state.grant_id;
  fact.cooperative_id = granted.cooperative_id();
  fact.group_id = granted.group_id();
  coop::v1::SupportSummary summary;
  summary.set_grant_id(state.grant_id);
  summary.set_type(granted.type());
  summary.set_amount_vnd(granted.amount_vnd());
  summary.set_granted_on(domain::FormatDate(state.granted_on));
  summary.set_funding_source(granted.funding_source());
  fact.support = std::move(summary);
  return fact;
}

LinkedFact FoldPlacement(const std::vector<coop::v1::RecordedEvent>& effective) {
  domain::PlacementState state;
  for (const auto& recorded : effective) {
    coop::v1::PlacementEvent event;
    if (!domain::CodecFor<coop::v1::PlacementEvent>().Decode(recorded, &event)) continue;
    state = domain::Evolve(std::move(state), DayOf(recorded), event);
  }
  LinkedFact fact;
  if (state.status == domain::PlacementStatus::kNotPlaced) return fact;
  fact.entity_id = state.placement_id;
  fact.cooperative_id = state.cooperative_id;
  coop::v1::PlacementSummary summary;
  summary.set_placement_id(state.placement_id);
  summary.set_started_on(domain::FormatDate(state.started_on));
  if (state.status == domain::PlacementStatus::kEnded) {
    summary.set_ended_on(domain::FormatDate(state.ended_on));
  }
  fact.placement = std::move(summary);
  return fact;
}

}  // namespace

bool IsLinkedEvent(const coop::v1::RecordedEvent& event) {
  const std::string& stream = event.stream_id();
  const bool correction = domain::IsCorrection(event);
  if (absl::StartsWith(stream, domain::OcopAggregate::kStreamPrefix)) {
    return correction || domain::CodecFor<coop::v1::OcopEvent>().IsMember(event.type());
  }
  if (absl::StartsWith(stream, domain::GrantAggregate::kStreamPrefix)) {
    return correction || domain::CodecFor<coop::v1::GrantEvent>().IsMember(event.type());
  }
  if (absl::StartsWith(stream, domain::PlacementAggregate::kStreamPrefix)) {
    return correction || domain::CodecFor<coop::v1::PlacementEvent>().IsMember(event.type());
  }
  return false;
}

bool IsGrantStream(const std::string& stream_id) {
  return absl::StartsWith(stream_id, domain::GrantAggregate::kStreamPrefix);
}

LinkedFact FoldLinkedStream(const std::string& stream_id,
                            const std::vector<coop::v1::RecordedEvent>& stream) {
  const auto effective = domain::EffectiveEvents(stream);
  if (absl::StartsWith(stream_id, domain::OcopAggregate::kStreamPrefix)) return FoldOcop(effective);
  if (absl::StartsWith(stream_id, domain::GrantAggregate::kStreamPrefix))
    return FoldGrant(effective);
  if (absl::StartsWith(stream_id, domain::PlacementAggregate::kStreamPrefix))
    return FoldPlacement(effective);
  return {};
}

}  // namespace coop::projections
