#include "projections/cooperative_registry_projection.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "coop/v1/cooperative_events.pb.h"
#include "coop/v1/corrections.pb.h"
#include "domain/common/dates.h"
#include "domain/common/event_union_codec.h"
#include "domain/common/stream_corrections.h"
#include "domain/cooperative/cooperative_state.h"

namespace coop::projections {
namespace {

constexpr char kStreamPrefix[] = "coop-";

// Decodes log events into coop.v1.CooperativeEvent (other types are not a cooperative's).
const domain::EventUnionCodec& Codec() {
  static const domain::EventUnionCodec codec(coop::v1::CooperativeEvent::descriptor());
  return codec;
}

}  // namespace

coop::v1::CooperativeView CooperativeRegistryProjection::Fold(
    const std::string& cooperative_id, const std::vector<coop::v1::RecordedEvent>& stream) {
  domain::CooperativeState state;
  int last_rating_year = 0;
  coop::v1::RatingGrade last_rating_grade = coop::v1::RATING_GRADE_UNSPECIFIED;
  // Voided events do not count; amended ones count with their replacement.
  for (const auto& effective : domain::EffectiveEvents(stream)) {
    coop::v1::CooperativeEvent event;
    if (!Codec().Decode(effective, &event)) continue;  // not a cooperative's event
    const absl::CivilDay on = domain::ParseDateOr(effective.occurred_on(), absl::CivilDay());
    state = domain::Evolve(std::move(state), on, event);
    if (event.has_rated() && event.rated().year() >= last_rating_year) {
      last_rating_year = event.rated().year();
      last_rating_grade = event.rated().grade();
    }
  }
  coop::v1::CooperativeView view;
  view.set_cooperative_id(state.cooperative_id.empty() ? cooperative_id : state.cooperative_id);
  view.set_code(state.code);
  view.set_name(state.name);
  view.set_kind(state.kind);
  view.set_law_regime(state.law_regime);
  view.set_status(domain::CooperativeStatusName(state.status));
  if (state.status != domain::CooperativeStatus::kUnregistered) {
    view.set_registered_on(domain::FormatDate(state.registered_on));
  }
  *view.mutable_address() = state.address;
  *view.mutable_members() = state.members;
  *view.mutable_workforce() = state.workforce;
  view.set_charter_capital_vnd(state.charter_capital_vnd);
  view.set_last_rating_year(last_rating_year);
  view.set_last_rating_grade(last_rating_grade);
  view.set_model_cooperative(state.model_cooperative);
  view.set_annual_report_years(static_cast<int32_t>(state.annual_report_years.size()));
  if (state.status == domain::CooperativeStatus::kSuspended) {
    view.set_suspended_until(domain::FormatDate(state.suspended_until));
  }
  if (!stream.empty()) {
    view.set_version(stream.back().stream_version());
    view.set_position(stream.back().position());
  }
  return view;
}

absl::Status CooperativeRegistryProjection::Apply(const coop::v1::RecordedEvent& event,
                                                  ProjectionWriter& writer) {
  if (!absl::StartsWith(event.stream_id(), kStreamPrefix)) return absl::OkStatus();
  if (!domain::IsCorrection(event) && !Codec().IsMember(event.type())) return absl::OkStatus();
  const std::string id = event.stream_id().substr(sizeof(kStreamPrefix) - 1);
  auto row = writer.Get(StreamKey(id));
  if (!row.ok()) return row.status();
  coop::v1::CooperativeRegistryStream stream;
  if (row->has_value() && !stream.ParseFromString(**row)) {
    return absl::DataLossError(absl::StrCat("cooperative_registry: unreadable stream row of ", id));
  }
  auto* kept = stream.add_events();
  *kept = event;
  kept->clear_prev_hash();
  kept->clear_hash();
  kept->clear_leaf_hash();
  writer.Put(StreamKey(id), stream.SerializeAsString());
  const std::vector<coop::v1::RecordedEvent> events(stream.events().begin(), stream.events().end());
  const auto view = Fold(id, events);
  if (view.status() == domain::CooperativeStatusName(domain::CooperativeStatus::kUnregistered)) {
    writer.Delete(ViewKey(id));
  } else {
    writer.Put(ViewKey(id), view.SerializeAsString());
  }
  return absl::OkStatus();
}

}  // namespace coop::projections
