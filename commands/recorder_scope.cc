#include "commands/recorder_scope.h"

#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "commands/original_result.h"
#include "domain/areas/area_scope.h"
#include "domain/common/dates.h"
#include "domain/common/event_union_codec.h"
#include "domain/common/stream_corrections.h"
#include "domain/cooperative/cooperative_aggregate.h"
#include "domain/group/group_aggregate.h"
#include "domain/hall/hall_aggregate.h"
#include "domain/programs/class_aggregate.h"
#include "domain/programs/grant_aggregate.h"
#include "domain/programs/ocop_aggregate.h"
#include "domain/programs/placement_aggregate.h"
#include "domain/programs/plan_aggregate.h"

namespace coop::commands {
namespace {

std::string AreaText(const coop::v1::Area& area) {
  return absl::StrCat(area.code(), " (", area.unit_set(), ")");
}

// The aggregate folded from its effective events dated up to `until`.
template <typename Aggregate>
typename Aggregate::State Fold(const std::vector<coop::v1::RecordedEvent>& stream,
                               absl::CivilDay until) {
  const domain::EventUnionCodec& codec = domain::CodecFor<typename Aggregate::Event>();
  typename Aggregate::State state;
  for (const auto& recorded : domain::EffectiveEvents(stream)) {
    const absl::CivilDay on = domain::ParseDateOr(recorded.occurred_on(), absl::CivilDay());
    if (on > until) continue;
    typename Aggregate::Event event;
    if (!codec.Decode(recorded, &event)) continue;
    state = Aggregate::Evolve(std::move(state), on, event);
  }
  return state;
}

// The address of a cooperative or group on `on`, or its first one.
template <typename Aggregate>
absl::StatusOr<coop::v1::Area> AddressOn(eventstore::EventStore* store, const std::string& id,
                                         absl::CivilDay on) {
  auto stream = ReadWholeStream(store, Aggregate::StreamId(id));
  if (!stream.ok()) return stream.status();
  coop::v1::Area area = Aggregate::AreaOf(Fold<Aggregate>(*stream, on));
  if (area.code().empty())
    area = Aggregate::AreaOf(Fold<Aggregate>(*stream, absl::CivilDay::max()));
  return area;
}

template <typename Aggregate>
absl::StatusOr<coop::v1::Area> StreamScope(eventstore::EventStore* store,
                                           const std::vector<coop::v1::RecordedEvent>& stream,
                                           absl::CivilDay on) {
  return ScopeAreaOf<Aggregate>(store, Fold<Aggregate>(stream, absl::CivilDay::max()), on);
}

}  // namespace

absl::Status CheckRecorderScope(const access::Principal& principal, const coop::v1::Area& area,
                                absl::string_view subject) {
  if (principal.role != access::Role::kRecorder) return absl::OkStatus();
  for (const auto& scope : principal.areas) {
    if (domain::areas::AreaWithin(area, scope)) return absl::OkStatus();
  }
  std::vector<std::string> scopes;
  for (const auto& scope : principal.areas) scopes.push_back(AreaText(scope));
  const std::string where =
      area.code().empty() ? "has no area to judge by" : absl::StrCat("is in area ", AreaText(area));
  return absl::PermissionDeniedError(
      absl::StrCat("ngoài phạm vi / out of scope: principal '", principal.name,
                   "' records for areas ", absl::StrJoin(scopes, ", "), "; ", subject, " ", where));
}

absl::StatusOr<coop::v1::Area> OwnerAreaOn(eventstore::EventStore* store,
                                           const domain::AggregateOwner& owner, absl::CivilDay on) {
  if (!owner.cooperative_id.empty()) {
    return AddressOn<domain::CooperativeAggregate>(store, owner.cooperative_id, on);
  }
  if (!owner.group_id.empty()) return AddressOn<domain::GroupAggregate>(store, owner.group_id, on);
  return coop::v1::Area();
}

absl::StatusOr<coop::v1::Area> StreamScopeArea(eventstore::EventStore* store,
                                               const std::string& stream_id,
                                               const std::vector<coop::v1::RecordedEvent>& stream,
                                               absl::CivilDay on) {
  using Scope = absl::StatusOr<coop::v1::Area> (*)(
      eventstore::EventStore*, const std::vector<coop::v1::RecordedEvent>&, absl::CivilDay);
  static constexpr std::pair<const char*, Scope> kByPrefix[] = {
      {domain::CooperativeAggregate::kStreamPrefix, &StreamScope<domain::CooperativeAggregate>},
      {domain::GroupAggregate::kStreamPrefix, &StreamScope<domain::GroupAggregate>},
      {domain::HallAggregate::kStreamPrefix, &StreamScope<domain::HallAggregate>},
      {domain::ClassAggregate::kStreamPrefix, &StreamScope<domain::ClassAggregate>},
      {domain::GrantAggregate::kStreamPrefix, &StreamScope<domain::GrantAggregate>},
      {domain::OcopAggregate::kStreamPrefix, &StreamScope<domain::OcopAggregate>},
      {domain::PlacementAggregate::kStreamPrefix, &StreamScope<domain::PlacementAggregate>},
      {domain::PlanAggregate::kStreamPrefix, &StreamScope<domain::PlanAggregate>},
  };
  for (const auto& [prefix, scope] : kByPrefix) {
    if (absl::StartsWith(stream_id, prefix)) return scope(store, stream, on);
  }
  return coop::v1::Area();
}

}  // namespace coop::commands
