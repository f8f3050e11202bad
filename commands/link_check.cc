#include "commands/link_check.h"

#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "commands/original_result.h"
#include "commands/record_references.h"
#include "domain/common/event_union_codec.h"
#include "domain/common/rules.h"
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

absl::Status CheckOriginUnclaimed(eventstore::EventStore* store, const domain::Link& link,
                                  const std::string& self_id) {
  const bool group = link.need == domain::LinkNeed::kGroupToConvert;
  if ((!group && link.need != domain::LinkNeed::kHallToFormalise) || link.id.empty()) {
    return absl::OkStatus();
  }
  const std::string named_stream =
      group ? domain::GroupAggregate::StreamId(link.id) : domain::HallAggregate::StreamId(link.id);
  auto references = LiveReferencesTo(store, named_stream, link.id);
  if (!references.ok()) return references.status();
  for (const std::string& stream_id : *references) {
    // Only a cooperative (or, for a hall, a group) names a group or hall as its origin.
    const bool claimant =
        absl::StartsWith(stream_id, domain::CooperativeAggregate::kStreamPrefix) ||
        (!group && absl::StartsWith(stream_id, domain::GroupAggregate::kStreamPrefix));
    if (!claimant || stream_id == domain::CooperativeAggregate::StreamId(self_id) ||
        stream_id == domain::GroupAggregate::StreamId(self_id)) {
      continue;
    }
    return domain::Violation(
        group ? "LINK-04" : "LINK-05", link.field,
        absl::StrCat(domain::LinkedKindName(link.kind), " ", link.id,
                     " is already named as its origin by the record of stream '", stream_id,
                     group ? "': a group converts to one cooperative"
                           : "': a hall is formalised as one record"));
  }
  return absl::OkStatus();
}

}  // namespace coop::commands
