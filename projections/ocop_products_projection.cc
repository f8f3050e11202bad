#include "projections/ocop_products_projection.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "coop/v1/ocop_events.pb.h"
#include "domain/common/dates.h"
#include "domain/common/event_union_codec.h"
#include "domain/common/stream_corrections.h"
#include "domain/programs/ocop_aggregate.h"
#include "domain/programs/ocop_state.h"
#include "projections/stream_rows.h"

namespace coop::projections {
coop::v1::OcopProductRow OcopProductsProjection::Fold(
    const std::string& product_id, const std::vector<coop::v1::RecordedEvent>& stream) {
  domain::OcopState state;
  coop::v1::OcopProductRow row;
  auto* product = row.mutable_product();
  for (const auto& recorded : domain::EffectiveEvents(stream)) {
    coop::v1::OcopEvent event;
    if (!domain::CodecFor<coop::v1::OcopEvent>().Decode(recorded, &event)) continue;
    const absl::CivilDay on = domain::ParseDateOr(recorded.occurred_on(), absl::CivilDay());
    state = domain::Evolve(std::move(state), on, event);
    if (event.has_enrolled()) {
      product->set_product_name(event.enrolled().product_name());
    } else if (event.has_rated()) {
      // The state already filled in the decision and expiry dates when the event left them empty.
      auto* rating = row.add_ratings();
      rating->set_stars(event.rated().stars());
      rating->set_score(event.rated().score());
      rating->set_level(event.rated().level());
      rating->set_decision(event.rated().decision());
      rating->set_rated_on(domain::FormatDate(state.rated_on));
      if (event.rated().stars() >= 3) rating->set_expires_on(domain::FormatDate(state.expires_on));
    } else if (event.has_expired()) {
      row.add_expired_on(domain::FormatDate(on));
    }
  }
  if (state.status == domain::OcopStatus::kUnenrolled) return {};
  product->set_product_id(state.product_id.empty() ? product_id : state.product_id);
  product->set_cooperative_id(state.cooperative_id);
  product->set_year(state.year);
  if (!row.ratings().empty()) {
    const auto& latest = row.ratings(row.ratings_size() - 1);
    product->set_stars(latest.stars());
    product->set_score(latest.score());
    product->set_level(latest.level());
    product->set_decision(latest.decision());
    product->set_rated_on(latest.rated_on());
    product->set_expires_on(latest.expires_on());
  }
  return row;
}

std::optional<coop::v1::OcopProductView> OcopProductsProjection::RecognisedOn(
    const coop::v1::OcopProductRow& row, absl::CivilDay day) {
  const std::string on = domain::FormatDate(day);
  const coop::v1::OcopProductView* standing = nullptr;
  for (const auto& rating : row.ratings()) {
    if (rating.rated_on() > on) continue;
    if (standing == nullptr || standing->rated_on() <= rating.rated_on()) standing = &rating;
  }
  if (standing == nullptr || standing->stars() < 3 || standing->score() < 50) return std::nullopt;
  if (standing->expires_on().empty() || on >= standing->expires_on()) return std::nullopt;
  for (const auto& expired : row.expired_on()) {
    if (expired >= standing->rated_on() && expired <= on) return std::nullopt;
  }
  coop::v1::OcopProductView view = row.product();
  view.set_stars(standing->stars());
  view.set_score(standing->score());
  view.set_level(standing->level());
  view.set_decision(standing->decision());
  view.set_rated_on(standing->rated_on());
  view.set_expires_on(standing->expires_on());
  return view;
}

absl::Status OcopProductsProjection::Apply(const coop::v1::RecordedEvent& event,
                                           ProjectionWriter& writer) {
  if (!absl::StartsWith(event.stream_id(), domain::OcopAggregate::kStreamPrefix))
    return absl::OkStatus();
  if (!domain::IsCorrection(event) &&
      !domain::CodecFor<coop::v1::OcopEvent>().IsMember(event.type()))
    return absl::OkStatus();
  const std::string id = event.stream_id().substr(sizeof(domain::OcopAggregate::kStreamPrefix) - 1);
  auto update = AppendToStreamRow(writer, StreamKey(id), event);
  if (!update.ok()) return update.status();
  const auto row = Fold(id, update->after);
  if (row.product().product_id().empty()) {
    writer.Delete(RowKey(id));
  } else {
    writer.Put(RowKey(id), row.SerializeAsString());
  }
  return absl::OkStatus();
}

}  // namespace coop::projections
