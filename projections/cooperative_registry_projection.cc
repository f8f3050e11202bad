#include "projections/cooperative_registry_projection.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "coop/v1/cooperative_events.pb.h"
#include "coop/v1/corrections.pb.h"
#include "domain/common/dates.h"
#include "domain/common/event_union_codec.h"
#include "domain/common/stream_corrections.h"
#include "domain/cooperative/cooperative_aggregate.h"
#include "domain/cooperative/cooperative_calendar.h"
#include "domain/cooperative/cooperative_state.h"
#include "projections/area_index.h"
#include "projections/calendar_change.h"
#include "projections/cooperative_fold.h"
#include "projections/linked_streams.h"
#include "projections/stream_rows.h"

namespace coop::projections {
namespace {

const std::string& Unregistered() {
  static const std::string name =
      domain::CooperativeStatusName(domain::CooperativeStatus::kUnregistered);
  return name;
}

}  // namespace

coop::v1::CooperativeView CooperativeRegistryProjection::FoldEffective(
    const std::string& cooperative_id, const std::vector<coop::v1::RecordedEvent>& effective) {
  std::vector<const coop::v1::RecordedEvent*> refs;
  refs.reserve(effective.size());
  for (const auto& event : effective) refs.push_back(&event);
  return FoldEffectiveRefs(cooperative_id, refs);
}

coop::v1::CooperativeView CooperativeRegistryProjection::FoldEffectiveRefs(
    const std::string& cooperative_id,
    const std::vector<const coop::v1::RecordedEvent*>& effective) {
  CooperativeFold fold;
  for (const auto* recorded : effective) fold.Add(*recorded);
  coop::v1::CooperativeView view = fold.View(cooperative_id);
  if (!effective.empty()) {
    view.set_version(effective.back()->stream_version());
    view.set_position(effective.back()->position());
  }
  return view;
}

coop::v1::CooperativeView CooperativeRegistryProjection::Fold(
    const std::string& cooperative_id, const std::vector<coop::v1::RecordedEvent>& stream) {
  // Voided events do not count; amended ones count with their replacement.
  return FoldRefs(cooperative_id, RefsTo(stream));
}

coop::v1::CooperativeView CooperativeRegistryProjection::FoldRefs(
    const std::string& cooperative_id, const std::vector<const coop::v1::RecordedEvent*>& stream) {
  std::vector<std::unique_ptr<coop::v1::RecordedEvent>> amended;
  auto view = FoldEffectiveRefs(cooperative_id, domain::EffectiveEventRefs(stream, &amended));
  if (!stream.empty()) {
    view.set_version(stream.back()->stream_version());
    view.set_position(stream.back()->position());
  }
  return view;
}

namespace {

// The transition the calendar makes to `view` by `day`, if any.
std::optional<domain::TimedTransition> DueOn(absl::CivilDay day,
                                             const coop::v1::CooperativeView& view) {
  const auto status = domain::CooperativeStatusFromName(view.status());
  if (!status.has_value()) return std::nullopt;
  return domain::DueTransition(
      *status, domain::ParseDateOr(view.suspended_until(), absl::CivilDay()),
      domain::ParseDateOr(view.dissolution_started_on(), absl::CivilDay()), day);
}

}  // namespace

std::string CooperativeRegistryProjection::StatusOn(absl::CivilDay day,
                                                    const coop::v1::CooperativeView& view) {
  const auto due = DueOn(day, view);
  return due.has_value() ? domain::CooperativeStatusName(due->to) : view.status();
}

void CooperativeRegistryProjection::AsOn(absl::CivilDay day, coop::v1::CooperativeView* view) {
  const auto due = DueOn(day, *view);
  if (!due.has_value()) return;
  auto change = CalendarChange(domain::CooperativeStatusName(due->to), due->on, due->rule,
                               view->status_history());
  *view->add_status_history() = std::move(change);
  view->set_status(domain::CooperativeStatusName(due->to));
  view->set_status_rule(due->rule);
  view->clear_suspended_until();
  if (domain::IsTerminal(due->to)) view->set_ended_on(domain::FormatDate(due->on));
}

absl::Status CooperativeRegistryProjection::Apply(const coop::v1::RecordedEvent& event,
                                                  ProjectionWriter& writer) {
  return ApplyStored(event, {}, writer);
}

absl::Status CooperativeRegistryProjection::ApplyStored(const coop::v1::RecordedEvent& event,
                                                        std::string_view stored_bytes,
                                                        ProjectionWriter& writer) {
  if (absl::StartsWith(event.stream_id(), domain::CooperativeAggregate::kStreamPrefix)) {
    if (!domain::IsCorrection(event) &&
        !domain::CodecFor<coop::v1::CooperativeEvent>().IsMember(event.type()))
      return absl::OkStatus();
    return ApplyCooperativeEvent(event, stored_bytes, writer);
  }
  if (IsLinkedEvent(event)) return ApplyLinkedEvent(event, writer);
  return absl::OkStatus();
}

absl::Status CooperativeRegistryProjection::ApplyCooperativeEvent(
    const coop::v1::RecordedEvent& event, std::string_view stored_bytes, ProjectionWriter& writer) {
  const std::string id =
      event.stream_id().substr(sizeof(domain::CooperativeAggregate::kStreamPrefix) - 1);
  if (auto st = streams_.Append(writer, StreamKey(id), event, stored_bytes); !st.ok()) return st;
  touched_.insert(id);  // its view is folded once for the page (FinishPage)
  return absl::OkStatus();
}

absl::Status CooperativeRegistryProjection::ApplyLinkedEvent(const coop::v1::RecordedEvent& event,
                                                             ProjectionWriter& writer) {
  auto update = AppendToStreamRow(writer, LinkedStreamKey(event.stream_id()), event);
  if (!update.ok()) return update.status();
  const LinkedFact before = FoldLinkedStream(event.stream_id(), update->before);
  const LinkedFact after = FoldLinkedStream(event.stream_id(), update->after);
  std::set<std::string> owners;
  if (!before.cooperative_id.empty()) owners.insert(before.cooperative_id);
  if (!after.cooperative_id.empty()) owners.insert(after.cooperative_id);
  for (const auto& owner : owners) {
    auto facts = ReadParsedRow<coop::v1::CooperativeView>(writer, FactsKey(owner));
    if (!facts.ok()) return facts.status();
    // The stream's entry leaves the former owner's facts and joins the current owner's.
    for (const std::string* entity : {&before.entity_id, &after.entity_id}) {
      if (entity->empty()) continue;
      UpsertById(facts->mutable_ocop_products(), *entity, {},
                 [](const auto& e) { return e.product_id(); });
      UpsertById(facts->mutable_support_received(), *entity, {},
                 [](const auto& e) { return e.grant_id(); });
      UpsertById(facts->mutable_placements(), *entity, {},
                 [](const auto& e) { return e.placement_id(); });
    }
    if (owner == after.cooperative_id) {
      UpsertById(facts->mutable_ocop_products(), after.entity_id, after.ocop,
                 [](const auto& e) { return e.product_id(); });
      UpsertById(facts->mutable_support_received(), after.entity_id, after.support,
                 [](const auto& e) { return e.grant_id(); });
      UpsertById(facts->mutable_placements(), after.entity_id, after.placement,
                 [](const auto& e) { return e.placement_id(); });
    }
    if (facts->ocop_products().empty() && facts->support_received().empty() &&
        facts->placements().empty()) {
      writer.Delete(FactsKey(owner));
    } else {
      writer.Put(FactsKey(owner), facts->SerializeAsString());
    }
    touched_.insert(owner);
  }
  return absl::OkStatus();
}

absl::Status CooperativeRegistryProjection::Refresh(const std::string& id,
                                                    ProjectionWriter& writer) {
  auto tail = streams_.TailOf(writer, StreamKey(id));
  if (!tail.ok()) return tail.status();
  const bool no_events = tail->stored_version == 0 && tail->appended.empty();
  auto old_view = ReadParsedRow<coop::v1::CooperativeView>(writer, ViewKey(id));
  if (!old_view.ok()) return old_view.status();
  coop::v1::CooperativeView view;
  if (!no_events) {
    auto folded = FoldKept(id, *tail, writer);
    if (!folded.ok()) return folded.status();
    view = std::move(*folded);
  }
  if (no_events || view.status() == Unregistered()) {
    writer.Delete(ViewKey(id));
    UpdateAreaIndex(old_view->address(), coop::v1::Area(), id, writer);
    return absl::OkStatus();
  }
  auto facts = ReadParsedRow<coop::v1::CooperativeView>(writer, FactsKey(id));
  if (!facts.ok()) return facts.status();
  *view.mutable_ocop_products() = facts->ocop_products();
  *view.mutable_support_received() = facts->support_received();
  *view.mutable_placements() = facts->placements();
  writer.Put(ViewKey(id), view.SerializeAsString());
  UpdateAreaIndex(old_view->address(), view.address(), id, writer);
  return absl::OkStatus();
}

absl::StatusOr<coop::v1::CooperativeView> CooperativeRegistryProjection::FoldKept(
    const std::string& id, const StreamRowCache::Tail& tail, ProjectionWriter& writer) {
  // The kept fold goes on with the page's events if it stopped at the last stored event and
  // no correction is among them; otherwise the whole stream is folded again.
  KeptFolds<CooperativeFold>::Kept* kept = folds_.Find(id);
  const bool follows = kept != nullptr && tail.stored_version != 0 &&
                       kept->version == tail.stored_version &&
                       kept->position == tail.stored_position &&
                       std::none_of(tail.appended.begin(), tail.appended.end(),
                                    [](const auto* event) { return domain::IsCorrection(*event); });
  const coop::v1::RecordedEvent* last = nullptr;
  if (follows) {
    for (const auto* event : tail.appended) kept->fold.Add(*event);
    events_folded_ += tail.appended.size();
    if (!tail.appended.empty()) last = tail.appended.back();
  } else {
    auto stream = streams_.Events(writer, StreamKey(id));
    if (!stream.ok()) return stream.status();
    kept = folds_.Reset(id);
    std::vector<std::unique_ptr<coop::v1::RecordedEvent>> amended;
    for (const auto* event : domain::EffectiveEventRefs(*stream, &amended)) {
      kept->fold.Add(*event);
      ++events_folded_;
    }
    last = stream->back();  // not empty: Refresh folds only a stream with events
  }
  if (last != nullptr) {
    kept->version = last->stream_version();
    kept->position = last->position();
  }
  coop::v1::CooperativeView view = kept->fold.View(id);
  view.set_version(kept->version);
  view.set_position(kept->position);
  return view;
}

void CooperativeRegistryProjection::BeginPage(uint64_t first_position) {
  touched_.clear();
  streams_.BeginPage(first_position);
}

absl::Status CooperativeRegistryProjection::FinishPage(ProjectionWriter& writer,
                                                       uint64_t last_position) {
  // Each cooperative with events (its own or a linked stream's) in the page is folded once,
  // after all of them: the view and area index after the page are what folding after each
  // event would have ended with.
  for (const auto& id : touched_) {
    if (auto st = Refresh(id, writer); !st.ok()) return st;
  }
  touched_.clear();
  return streams_.FinishPage(writer, last_position);
}

}  // namespace coop::projections
