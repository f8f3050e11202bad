#include "projections/group_registry_projection.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "coop/v1/group_events.pb.h"
#include "domain/common/dates.h"
#include "domain/common/event_union_codec.h"
#include "domain/common/stream_corrections.h"
#include "domain/group/group_aggregate.h"
#include "domain/group/group_calendar.h"
#include "domain/group/group_state.h"
#include "projections/area_index.h"
#include "projections/calendar_change.h"
#include "projections/linked_streams.h"
#include "projections/stream_rows.h"

namespace coop::projections {
coop::v1::GroupView GroupRegistryProjection::Fold(
    const std::string& group_id, const std::vector<coop::v1::RecordedEvent>& stream) {
  return FoldRefs(group_id, RefsTo(stream));
}

coop::v1::GroupView GroupRegistryProjection::FoldRefs(
    const std::string& group_id, const std::vector<const coop::v1::RecordedEvent*>& stream) {
  domain::GroupState state;
  std::vector<coop::v1::StatusChange> history;
  std::vector<std::unique_ptr<coop::v1::RecordedEvent>> amended;
  for (const coop::v1::RecordedEvent* effective : domain::EffectiveEventRefs(stream, &amended)) {
    const coop::v1::RecordedEvent& recorded = *effective;
    coop::v1::GroupEvent event;
    if (!domain::CodecFor<coop::v1::GroupEvent>().Decode(recorded, &event)) continue;
    const absl::CivilDay on = domain::ParseDateOr(recorded.occurred_on(), absl::CivilDay());
    // What the calendar changed before this event (a suspension run out), then the event.
    const domain::GroupStatus before = state.status;
    state = domain::AdvanceTo(std::move(state), on);
    if (state.status != before) {
      history.push_back(CalendarChange(domain::GroupStatusName(state.status), state.status_since,
                                       state.status_rule, history));
    }
    const domain::GroupStatus advanced = state.status;
    state = domain::Evolve(std::move(state), on, event);
    if (state.status != advanced) {
      coop::v1::StatusChange change;
      change.set_status(domain::GroupStatusName(state.status));
      change.set_on(domain::FormatDate(on));
      change.set_position(recorded.position());
      history.push_back(std::move(change));
    }
  }
  coop::v1::GroupView view;
  view.set_group_id(state.group_id.empty() ? group_id : state.group_id);
  view.set_name(state.name);
  view.set_status(domain::GroupStatusName(state.status));
  if (state.status != domain::GroupStatus::kUnformed) {
    view.set_formed_on(domain::FormatDate(state.formed_on));
  }
  *view.mutable_address() = state.address;
  view.set_members(state.members);
  view.set_has_capital_contributions(state.has_capital_contributions);
  view.set_notified(state.notified);
  view.set_registered(state.registered);
  view.set_certificate_number(state.certificate_number);
  view.set_origin(state.origin);
  view.set_origin_hall_id(state.origin_hall_id);
  view.set_cooperative_id(state.cooperative_id);
  if (domain::IsTerminal(state.status)) view.set_ended_on(domain::FormatDate(state.ended_on));
  if (state.status == domain::GroupStatus::kSuspended) {
    view.set_suspended_until(domain::FormatDate(state.suspended_until));
  }
  if (state.status == domain::GroupStatus::kTerminating ||
      absl::string_view(state.status_rule) == domain::kGroupAutomaticTerminationRule) {
    view.set_termination_notified_on(domain::FormatDate(state.termination_notified_on));
  }
  view.set_status_rule(state.status_rule);
  std::stable_sort(history.begin(), history.end(),
                   [](const auto& a, const auto& b) { return a.on() < b.on(); });
  for (auto& change : history) *view.add_status_history() = std::move(change);
  if (!stream.empty()) {
    view.set_version(stream.back()->stream_version());
    view.set_position(stream.back()->position());
  }
  return view;
}

namespace {

// The transition the calendar makes to `view` by `day`, if any.
std::optional<domain::GroupTimedTransition> DueOn(absl::CivilDay day,
                                                  const coop::v1::GroupView& view) {
  const auto status = domain::GroupStatusFromName(view.status());
  if (!status.has_value()) return std::nullopt;
  return domain::GroupDueTransition(
      *status, domain::ParseDateOr(view.suspended_until(), absl::CivilDay()),
      domain::ParseDateOr(view.termination_notified_on(), absl::CivilDay()), day);
}

}  // namespace

std::string GroupRegistryProjection::StatusOn(absl::CivilDay day, const coop::v1::GroupView& view) {
  const auto due = DueOn(day, view);
  return due.has_value() ? domain::GroupStatusName(due->to) : view.status();
}

void GroupRegistryProjection::AsOn(absl::CivilDay day, coop::v1::GroupView* view) {
  const auto due = DueOn(day, *view);
  if (!due.has_value()) return;
  auto change =
      CalendarChange(domain::GroupStatusName(due->to), due->on, due->rule, view->status_history());
  *view->add_status_history() = std::move(change);
  view->set_status(domain::GroupStatusName(due->to));
  view->set_status_rule(due->rule);
  view->clear_suspended_until();
  if (domain::IsTerminal(due->to)) view->set_ended_on(domain::FormatDate(due->on));
}

absl::Status GroupRegistryProjection::Apply(const coop::v1::RecordedEvent& event,
                                            ProjectionWriter& writer) {
  return ApplyStored(event, {}, writer);
}

absl::Status GroupRegistryProjection::ApplyStored(const coop::v1::RecordedEvent& event,
                                                  std::string_view stored_bytes,
                                                  ProjectionWriter& writer) {
  if (absl::StartsWith(event.stream_id(), domain::GroupAggregate::kStreamPrefix)) {
    if (!domain::IsCorrection(event) &&
        !domain::CodecFor<coop::v1::GroupEvent>().IsMember(event.type()))
      return absl::OkStatus();
    const std::string id =
        event.stream_id().substr(sizeof(domain::GroupAggregate::kStreamPrefix) - 1);
    if (auto st = streams_.Append(writer, StreamKey(id), event, stored_bytes); !st.ok()) {
      return st;
    }
    touched_.insert(id);  // its view is folded once for the page (FinishPage)
    return absl::OkStatus();
  }
  if (IsGrantStream(event.stream_id()) && IsLinkedEvent(event)) {
    return ApplyGrantEvent(event, writer);
  }
  return absl::OkStatus();
}

absl::Status GroupRegistryProjection::ApplyGrantEvent(const coop::v1::RecordedEvent& event,
                                                      ProjectionWriter& writer) {
  auto update = AppendToStreamRow(writer, LinkedStreamKey(event.stream_id()), event);
  if (!update.ok()) return update.status();
  const LinkedFact before = FoldLinkedStream(event.stream_id(), update->before);
  const LinkedFact after = FoldLinkedStream(event.stream_id(), update->after);
  std::set<std::string> owners;
  if (!before.group_id.empty()) owners.insert(before.group_id);
  if (!after.group_id.empty()) owners.insert(after.group_id);
  for (const auto& owner : owners) {
    auto facts = ReadParsedRow<coop::v1::GroupView>(writer, FactsKey(owner));
    if (!facts.ok()) return facts.status();
    const auto id_of = [](const coop::v1::SupportSummary& e) { return e.grant_id(); };
    if (!before.entity_id.empty()) {
      UpsertById(facts->mutable_support_received(), before.entity_id, {}, id_of);
    }
    if (!after.entity_id.empty()) {
      UpsertById(facts->mutable_support_received(), after.entity_id,
                 owner == after.group_id ? after.support : std::nullopt, id_of);
    }
    if (facts->support_received().empty()) {
      writer.Delete(FactsKey(owner));
    } else {
      writer.Put(FactsKey(owner), facts->SerializeAsString());
    }
    touched_.insert(owner);
  }
  return absl::OkStatus();
}

absl::Status GroupRegistryProjection::Refresh(const std::string& id, ProjectionWriter& writer) {
  auto events = streams_.Events(writer, StreamKey(id));
  if (!events.ok()) return events.status();
  const std::vector<const coop::v1::RecordedEvent*>& stream = *events;
  auto old_view = ReadParsedRow<coop::v1::GroupView>(writer, ViewKey(id));
  if (!old_view.ok()) return old_view.status();
  coop::v1::GroupView view = FoldRefs(id, stream);
  if (stream.empty() || view.status() == domain::GroupStatusName(domain::GroupStatus::kUnformed)) {
    writer.Delete(ViewKey(id));
    UpdateAreaIndex(old_view->address(), coop::v1::Area(), id, writer);
    return absl::OkStatus();
  }
  auto facts = ReadParsedRow<coop::v1::GroupView>(writer, FactsKey(id));
  if (!facts.ok()) return facts.status();
  *view.mutable_support_received() = facts->support_received();
  writer.Put(ViewKey(id), view.SerializeAsString());
  UpdateAreaIndex(old_view->address(), view.address(), id, writer);
  return absl::OkStatus();
}

void GroupRegistryProjection::BeginPage(uint64_t first_position) {
  touched_.clear();
  streams_.BeginPage(first_position);
}

absl::Status GroupRegistryProjection::FinishPage(ProjectionWriter& writer, uint64_t last_position) {
  // Each group with events (its own or a grant's) in the page is folded once, after all of
  // them: the view and area index after the page are what folding after each event gave.
  for (const auto& id : touched_) {
    if (auto st = Refresh(id, writer); !st.ok()) return st;
  }
  touched_.clear();
  return streams_.FinishPage(writer, last_position);
}

}  // namespace coop::projections
