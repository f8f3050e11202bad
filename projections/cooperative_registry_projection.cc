#include "projections/cooperative_registry_projection.h"

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "coop/v1/cooperative_events.pb.h"
#include "coop/v1/corrections.pb.h"
#include "domain/common/dates.h"
#include "domain/cooperative/cooperative_state.h"
#include "eventstore/uuid.h"

namespace coop::projections {
namespace {

constexpr char kStreamPrefix[] = "coop-";

const std::string& VoidedType() {
  static const std::string type = coop::v1::EventVoided::descriptor()->full_name();
  return type;
}
const std::string& AmendedType() {
  static const std::string type = coop::v1::EventAmended::descriptor()->full_name();
  return type;
}
bool IsCorrection(const std::string& type) { return type == VoidedType() || type == AmendedType(); }

// The member field of coop.v1.CooperativeEvent's oneof for a log type, or null.
const google::protobuf::FieldDescriptor* MemberFor(const std::string& type) {
  static const auto* by_type = [] {
    auto* map = new std::map<std::string, const google::protobuf::FieldDescriptor*>();
    const auto* oneof = coop::v1::CooperativeEvent::descriptor()->oneof_decl(0);
    for (int i = 0; i < oneof->field_count(); ++i) {
      (*map)[oneof->field(i)->message_type()->full_name()] = oneof->field(i);
    }
    return map;
  }();
  auto it = by_type->find(type);
  return it == by_type->end() ? nullptr : it->second;
}

bool Decode(const coop::v1::RecordedEvent& recorded, coop::v1::CooperativeEvent* event) {
  const auto* field = MemberFor(recorded.type());
  if (field == nullptr) return false;
  auto* member = event->GetReflection()->MutableMessage(event, field);
  return member->ParseFromString(recorded.payload());
}

std::string CanonicalId(const std::string& id) {
  auto bytes = eventstore::ParseUuid(id);
  return bytes ? eventstore::FormatUuid(*bytes) : id;
}

}  // namespace

coop::v1::CooperativeView CooperativeRegistryProjection::Fold(
    const std::string& cooperative_id, const std::vector<coop::v1::RecordedEvent>& stream) {
  std::set<std::string> voided;
  std::map<std::string, std::string> replacement;
  for (const auto& event : stream) {
    if (event.type() == VoidedType()) {
      coop::v1::EventVoided voided_event;
      if (voided_event.ParseFromString(event.payload())) {
        voided.insert(CanonicalId(voided_event.event_id()));
      }
    } else if (event.type() == AmendedType()) {
      coop::v1::EventAmended amended;
      if (amended.ParseFromString(event.payload())) {
        replacement[CanonicalId(amended.event_id())] = amended.replacement();
      }
    }
  }
  domain::CooperativeState state;
  int last_rating_year = 0;
  coop::v1::RatingGrade last_rating_grade = coop::v1::RATING_GRADE_UNSPECIFIED;
  for (const auto& recorded : stream) {
    if (IsCorrection(recorded.type()) || voided.contains(CanonicalId(recorded.event_id()))) {
      continue;
    }
    coop::v1::RecordedEvent effective = recorded;
    if (auto it = replacement.find(CanonicalId(recorded.event_id())); it != replacement.end()) {
      effective.set_payload(it->second);
    }
    coop::v1::CooperativeEvent event;
    if (!Decode(effective, &event)) continue;  // unknown or unreadable: skipped, as on load
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
  if (!IsCorrection(event.type()) && MemberFor(event.type()) == nullptr) return absl::OkStatus();
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
