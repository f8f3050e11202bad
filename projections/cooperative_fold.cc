#include "projections/cooperative_fold.h"

#include <algorithm>
#include <utility>

#include "absl/strings/string_view.h"
#include "coop/v1/cooperative_events.pb.h"
#include "domain/common/dates.h"
#include "domain/common/event_union_codec.h"
#include "domain/cooperative/cooperative_calendar.h"
#include "projections/calendar_change.h"

namespace coop::projections {
namespace {

const char* OriginName(coop::v1::CooperativeOrigin origin) {
  switch (origin) {
    case coop::v1::ORIGIN_CONVERTED_FROM_GROUP:
      return "converted from group";
    case coop::v1::ORIGIN_REORGANISATION:
      return "reorganisation";
    case coop::v1::ORIGIN_FORMALISED_HALL:
      return "formalised hall";
    default:
      return "new";  // unspecified reads as new
  }
}

}  // namespace

void CooperativeFold::Add(const coop::v1::RecordedEvent& recorded) {
  coop::v1::CooperativeEvent event;
  if (!domain::CodecFor<coop::v1::CooperativeEvent>().Decode(recorded, &event)) {
    return;  // not a cooperative's event
  }
  const absl::CivilDay on = domain::ParseDateOr(recorded.occurred_on(), absl::CivilDay());
  // What the calendar changed before this event (a suspension run out), then the event.
  // (Only when the calendar has something due: passing the whole state through AdvanceTo
  // moves it twice, about 5 % of the registry's instructions in a rebuild.)
  if (domain::StatusOn(state_, on) != state_.status) {
    state_ = domain::AdvanceTo(std::move(state_), on);
    history_.push_back(CalendarChange(domain::CooperativeStatusName(state_.status),
                                      state_.status_since, state_.status_rule, history_));
  }
  const domain::CooperativeStatus advanced = state_.status;
  state_ = domain::Evolve(std::move(state_), on, event);
  if (state_.status != advanced) {
    coop::v1::StatusChange change;
    change.set_status(domain::CooperativeStatusName(state_.status));
    change.set_on(domain::FormatDate(on));
    change.set_position(recorded.position());
    history_.push_back(std::move(change));
  }
  if (domain::IsTerminal(state_.status) && ended_on_.empty()) {
    ended_on_ = domain::FormatDate(state_.status_since);
  }
  if (event.has_registered()) {
    sector_ = event.registered().sector();
    origin_ = OriginName(event.registered().origin());
  }
  if (event.has_registration_changed() && !event.registration_changed().sector().empty()) {
    sector_ = event.registration_changed().sector();
  }
  if (event.has_rated() && event.rated().year() >= last_rating_year_) {
    last_rating_year_ = event.rated().year();
    last_rating_grade_ = event.rated().grade();
  }
  // The latest inspection by business date (ties: the later event).
  if (event.has_inspected() &&
      (!inspection_.has_value() || inspection_->on() <= domain::FormatDate(on))) {
    inspection_.emplace();
    inspection_->set_on(domain::FormatDate(on));
    inspection_->set_body(event.inspected().body());
    inspection_->set_compliant(event.inspected().compliant());
    inspection_->set_follow_up(event.inspected().follow_up());
  }
}

coop::v1::CooperativeView CooperativeFold::View(const std::string& cooperative_id) const {
  const domain::CooperativeState& state = state_;
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
  view.set_last_rating_year(last_rating_year_);
  view.set_last_rating_grade(last_rating_grade_);
  view.set_model_cooperative(state.model_cooperative);
  view.set_annual_report_years(static_cast<int32_t>(state.annual_report_years.size()));
  if (state.status == domain::CooperativeStatus::kSuspended) {
    view.set_suspended_until(domain::FormatDate(state.suspended_until));
  }
  if (state.status == domain::CooperativeStatus::kDissolving ||
      absl::string_view(state.status_rule) == domain::kAutomaticDissolutionRule) {
    view.set_dissolution_started_on(domain::FormatDate(state.dissolution_started_on));
  }
  view.set_status_rule(state.status_rule);
  view.set_sector(sector_);
  // Business-date order; changes on the same day keep their stream order.
  std::vector<coop::v1::StatusChange> history = history_;
  std::stable_sort(history.begin(), history.end(),
                   [](const auto& a, const auto& b) { return a.on() < b.on(); });
  for (auto& change : history) *view.add_status_history() = std::move(change);
  if (inspection_.has_value()) *view.mutable_last_inspection() = *inspection_;
  if (!state.annual_report_years.empty()) {
    view.set_last_annual_report_year(*state.annual_report_years.rbegin());
  }
  if (!state.general_meeting_years.empty()) {
    view.set_last_general_meeting_year(*state.general_meeting_years.rbegin());
  }
  view.set_origin(origin_);
  view.set_ended_on(ended_on_);
  return view;
}

}  // namespace coop::projections
