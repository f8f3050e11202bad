#include "commands/link_check.h"

#include <algorithm>
#include <vector>

#include "commands/original_result.h"
#include "domain/common/event_union_codec.h"
#include "domain/common/stream_corrections.h"
#include "domain/cooperative/cooperative_aggregate.h"
#include "domain/cooperative/cooperative_calendar.h"
#include "domain/group/group_aggregate.h"
#include "domain/group/group_calendar.h"
#include "domain/hall/hall_aggregate.h"

namespace coop::commands {
namespace {

// The aggregate's state from its effective events dated on or before `on` (in date order,
// ties in stream order); whether its creation counts and on which day.
template <typename Aggregate>
typename Aggregate::State FoldAsOf(const std::vector<coop::v1::RecordedEvent>& stream,
                                   absl::CivilDay on, domain::NamedRecord* named) {
  const auto& codec = domain::CodecFor<typename Aggregate::Event>();
  std::vector<coop::v1::RecordedEvent> effective = domain::EffectiveEvents(stream);
  std::stable_sort(effective.begin(), effective.end(),
                   [](const auto& a, const auto& b) { return a.occurred_on() < b.occurred_on(); });
  typename Aggregate::State state;
  for (const auto& recorded : effective) {
    typename Aggregate::Event event;
    if (!codec.Decode(recorded, &event)) continue;
    const absl::CivilDay day = domain::ParseDateOr(recorded.occurred_on(), absl::CivilDay());
    if (Aggregate::Creates(event) && !named->recorded) {
      named->recorded = true;
      named->created_on = day;
    }
    if (day <= on) state = Aggregate::Evolve(std::move(state), day, event);
  }
  return state;
}

}  // namespace

absl::StatusOr<domain::NamedRecord> LookUpNamedRecord(eventstore::EventStore* store,
                                                      const domain::Link& link) {
  std::string stream_id;
  switch (link.kind) {
    case domain::LinkedKind::kCooperative:
      stream_id = domain::CooperativeAggregate::StreamId(link.id);
      break;
    case domain::LinkedKind::kGroup:
      stream_id = domain::GroupAggregate::StreamId(link.id);
      break;
    case domain::LinkedKind::kHall:
      stream_id = domain::HallAggregate::StreamId(link.id);
      break;
  }
  auto stream = ReadWholeStream(store, stream_id);
  if (!stream.ok()) {
    // A name that cannot be a stream names no record.
    if (absl::IsNotFound(stream.status()) || absl::IsInvalidArgument(stream.status())) {
      return domain::NamedRecord{};
    }
    return stream.status();
  }
  // A record withdrawn as made in error is named by nothing new (CORR-10).
  if (auto withdrawal = domain::WithdrawalOf(*stream); withdrawal.has_value()) {
    return domain::WithdrawnError(domain::LinkedKindName(link.kind), link.id, *withdrawal);
  }
  domain::NamedRecord named;
  switch (link.kind) {
    case domain::LinkedKind::kCooperative:
      named.cooperative = domain::AdvanceTo(
          FoldAsOf<domain::CooperativeAggregate>(*stream, link.on, &named), link.on);
      break;
    case domain::LinkedKind::kGroup:
      named.group =
          domain::AdvanceTo(FoldAsOf<domain::GroupAggregate>(*stream, link.on, &named), link.on);
      break;
    case domain::LinkedKind::kHall:
      named.hall = FoldAsOf<domain::HallAggregate>(*stream, link.on, &named);
      break;
  }
  return named;
}

}  // namespace coop::commands
