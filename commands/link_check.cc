#include "commands/link_check.h"

#include <utility>
#include <vector>

#include "commands/original_result.h"
#include "domain/common/event_union_codec.h"
#include "domain/common/stream_corrections.h"
#include "domain/links/named_record_fold.h"

namespace coop::commands {
namespace {

// The record as a link dated `on` sees it, from its stream: the effective events, decoded.
template <typename Aggregate>
domain::NamedRecord FoldAsOf(const std::vector<coop::v1::RecordedEvent>& stream,
                             absl::CivilDay on) {
  const auto& codec = domain::CodecFor<typename Aggregate::Event>();
  domain::DatedEvents<typename Aggregate::Event> events;
  for (const auto& recorded : domain::EffectiveEvents(stream)) {
    typename Aggregate::Event event;
    if (!codec.Decode(recorded, &event)) continue;
    events.emplace_back(domain::ParseDateOr(recorded.occurred_on(), absl::CivilDay()),
                        std::move(event));
  }
  return domain::FoldNamedRecord<Aggregate>(std::move(events), on);
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
  switch (link.kind) {
    case domain::LinkedKind::kCooperative:
      return FoldAsOf<domain::CooperativeAggregate>(*stream, link.on);
    case domain::LinkedKind::kGroup:
      return FoldAsOf<domain::GroupAggregate>(*stream, link.on);
    case domain::LinkedKind::kHall:
      return FoldAsOf<domain::HallAggregate>(*stream, link.on);
  }
  return domain::NamedRecord{};
}

}  // namespace coop::commands
