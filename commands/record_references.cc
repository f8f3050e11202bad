#include "commands/record_references.h"

#include <set>

#include "absl/strings/match.h"
#include "commands/original_result.h"
#include "coop/v1/class_events.pb.h"
#include "coop/v1/cooperative_events.pb.h"
#include "coop/v1/corrections.pb.h"
#include "coop/v1/grant_events.pb.h"
#include "coop/v1/group_events.pb.h"
#include "coop/v1/hall_events.pb.h"
#include "coop/v1/ocop_events.pb.h"
#include "coop/v1/placement_events.pb.h"
#include "domain/common/dates.h"
#include "domain/common/event_union_codec.h"
#include "domain/common/stream_corrections.h"
#include "domain/cooperative/cooperative_aggregate.h"
#include "domain/group/group_aggregate.h"
#include "domain/hall/hall_aggregate.h"
#include "domain/links/record_links.h"
#include "domain/programs/grant_aggregate.h"
#include "domain/programs/ocop_aggregate.h"
#include "domain/programs/placement_aggregate.h"

namespace coop::commands {
namespace {

// Whether an effective event of `events` (an aggregate's, decoded as `Union`) links to `id`.
template <typename Union>
bool Names(const std::vector<coop::v1::RecordedEvent>& events, const std::string& id) {
  const auto& codec = domain::CodecFor<Union>();
  for (const auto& recorded : events) {
    Union event;
    if (!codec.Decode(recorded, &event)) continue;
    const absl::CivilDay day = domain::ParseDateOr(recorded.occurred_on(), absl::CivilDay());
    for (const auto& link : domain::LinksOf(event, day)) {
      if (link.id == id) return true;
    }
  }
  return false;
}

bool StreamNames(const std::string& stream_id, const std::vector<coop::v1::RecordedEvent>& events,
                 const std::string& id) {
  using absl::StartsWith;
  if (StartsWith(stream_id, domain::CooperativeAggregate::kStreamPrefix)) {
    return Names<coop::v1::CooperativeEvent>(events, id);
  }
  if (StartsWith(stream_id, domain::GroupAggregate::kStreamPrefix)) {
    return Names<coop::v1::GroupEvent>(events, id);
  }
  if (StartsWith(stream_id, domain::HallAggregate::kStreamPrefix)) {
    return Names<coop::v1::HallEvent>(events, id);
  }
  if (StartsWith(stream_id, domain::GrantAggregate::kStreamPrefix)) {
    return Names<coop::v1::GrantEvent>(events, id);
  }
  if (StartsWith(stream_id, domain::OcopAggregate::kStreamPrefix)) {
    return Names<coop::v1::OcopEvent>(events, id);
  }
  if (StartsWith(stream_id, domain::PlacementAggregate::kStreamPrefix)) {
    return Names<coop::v1::PlacementEvent>(events, id);
  }
  return false;
}

}  // namespace

absl::StatusOr<std::vector<std::string>> LiveReferencesTo(eventstore::EventStore* store,
                                                          const std::string& stream_id,
                                                          const std::string& record_id) {
  // The event types that can name a record (classes do not hold a record back: a class
  // naming a withdrawn cooperative still happened).
  eventstore::ReadAllQuery query;
  for (const auto* type :
       {coop::v1::SupportGranted::descriptor(), coop::v1::OcopProductEnrolled::descriptor(),
        coop::v1::GraduatePlaced::descriptor(), coop::v1::CooperativeRegistered::descriptor(),
        coop::v1::CooperativeReorganised::descriptor(), coop::v1::GroupFormed::descriptor(),
        coop::v1::GroupConvertedToCooperative::descriptor(), coop::v1::HallFormalised::descriptor(),
        coop::v1::EventAmended::descriptor()}) {
    query.filter.add_event_types(type->full_name());
  }
  std::set<std::string> candidates;
  for (;;) {
    auto page = store->ReadAll(query);
    if (!page.ok()) return page.status();
    for (const auto& event : page->events) {
      if (event.stream_id() != stream_id && event.payload().find(record_id) != std::string::npos) {
        candidates.insert(event.stream_id());
      }
    }
    if (page->end_of_log || page->events.empty()) break;
    query.from_position = page->next_position;
  }
  std::vector<std::string> live;
  for (const auto& candidate : candidates) {
    auto stream = ReadWholeStream(store, candidate);
    if (!stream.ok()) return stream.status();
    if (StreamNames(candidate, domain::EffectiveEvents(*stream), record_id)) {
      live.push_back(candidate);
    }
  }
  return live;
}

}  // namespace coop::commands
