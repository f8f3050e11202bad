#include "projections/hall_registry_projection.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "coop/v1/hall_events.pb.h"
#include "domain/common/dates.h"
#include "domain/common/event_union_codec.h"
#include "domain/common/stream_corrections.h"
#include "domain/hall/hall_aggregate.h"
#include "domain/hall/hall_state.h"
#include "projections/area_index.h"
#include "projections/stream_rows.h"

namespace coop::projections {
coop::v1::HallView HallRegistryProjection::Fold(
    const std::string& hall_id, const std::vector<coop::v1::RecordedEvent>& stream) {
  domain::HallState state;
  for (const auto& recorded : domain::EffectiveEvents(stream)) {
    coop::v1::HallEvent event;
    if (!domain::CodecFor<coop::v1::HallEvent>().Decode(recorded, &event)) continue;
    state = domain::Evolve(std::move(state),
                           domain::ParseDateOr(recorded.occurred_on(), absl::CivilDay()), event);
  }
  coop::v1::HallView view;
  view.set_hall_id(state.hall_id.empty() ? hall_id : state.hall_id);
  view.set_name(state.name);
  view.set_status(domain::HallStatusName(state.status));
  if (state.status != domain::HallStatus::kUnfounded) {
    view.set_founded_on(domain::FormatDate(state.founded_on));
  }
  *view.mutable_address() = state.address;
  view.set_hamlet(state.hamlet);
  view.set_field(state.field);
  view.set_members(state.members);
  view.set_formalised_as(state.formalised_as);
  view.set_new_aggregate_id(state.new_aggregate_id);
  if (state.status == domain::HallStatus::kFormalised) {
    view.set_formalised_on(domain::FormatDate(state.formalised_on));
  }
  if (!stream.empty()) {
    view.set_version(stream.back().stream_version());
    view.set_position(stream.back().position());
  }
  return view;
}

absl::Status HallRegistryProjection::Apply(const coop::v1::RecordedEvent& event,
                                           ProjectionWriter& writer) {
  if (!absl::StartsWith(event.stream_id(), domain::HallAggregate::kStreamPrefix))
    return absl::OkStatus();
  if (!domain::IsCorrection(event) &&
      !domain::CodecFor<coop::v1::HallEvent>().IsMember(event.type()))
    return absl::OkStatus();
  const std::string id = event.stream_id().substr(sizeof(domain::HallAggregate::kStreamPrefix) - 1);
  auto update = AppendToStreamRow(writer, StreamKey(id), event);
  if (!update.ok()) return update.status();
  const auto before = Fold(id, update->before);
  const auto after = Fold(id, update->after);
  const std::string unfounded = domain::HallStatusName(domain::HallStatus::kUnfounded);
  if (after.status() == unfounded) {
    writer.Delete(ViewKey(id));
  } else {
    writer.Put(ViewKey(id), after.SerializeAsString());
  }
  UpdateAreaIndex(before.status() == unfounded ? coop::v1::Area() : before.address(),
                  after.status() == unfounded ? coop::v1::Area() : after.address(), id, writer);
  return absl::OkStatus();
}

}  // namespace coop::projections
