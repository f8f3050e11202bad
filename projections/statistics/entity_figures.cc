#include "projections/statistics/entity_figures.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "coop/v1/cooperative_events.pb.h"
#include "coop/v1/group_events.pb.h"
#include "coop/v1/hall_events.pb.h"
#include "domain/common/dates.h"
#include "domain/common/stream_corrections.h"
#include "domain/cooperative/cooperative_aggregate.h"
#include "domain/group/group_aggregate.h"
#include "domain/hall/hall_aggregate.h"
#include "domain/programs/class_aggregate.h"
#include "domain/programs/grant_aggregate.h"
#include "domain/programs/ocop_aggregate.h"
#include "domain/programs/placement_aggregate.h"
#include "projections/statistics/figure_builder.h"

namespace coop::projections::statistics {

Period PeriodOf(int year, PeriodKind kind) {
  if (kind == PeriodKind::kReportingYear) {
    return {absl::CivilDay(year - 1, 12, 15), absl::CivilDay(year, 12, 14)};
  }
  return {absl::CivilDay(year, 1, 1), absl::CivilDay(year, 12, 31)};
}

int PeriodYearOf(absl::CivilDay day, PeriodKind kind) {
  const int year = static_cast<int>(day.year());
  if (kind == PeriodKind::kReportingYear && day >= absl::CivilDay(year, 12, 15)) return year + 1;
  return year;
}

std::string EntityIdOfStream(const std::string& stream_id) {
  for (const char* prefix :
       {domain::CooperativeAggregate::kStreamPrefix, domain::GroupAggregate::kStreamPrefix,
        domain::HallAggregate::kStreamPrefix, domain::ClassAggregate::kStreamPrefix,
        domain::GrantAggregate::kStreamPrefix}) {
    if (absl::StartsWith(stream_id, prefix)) return stream_id;
  }
  return "";
}

std::string CooperativeEntityId(const std::string& cooperative_id) {
  return domain::CooperativeAggregate::StreamId(cooperative_id);
}

Effective AdmittedEffective(const EventRefs& stream, const Knowledge& knowledge) {
  Effective out;
  if (knowledge.unlimited()) {
    out.events = domain::EffectiveEventRefs(stream, &out.amended);
    return out;
  }
  EventRefs admitted;
  for (const auto* event : stream) {
    if (knowledge.Admits(*event)) admitted.push_back(event);
  }
  out.events = domain::EffectiveEventRefs(admitted, &out.amended);
  return out;
}

namespace {

// A cooperative with its OCOP products, graduate placements and the grants filed under no
// area: its own stream first (it gives the address the others count in), then the linked
// streams, all up to the same year.
void CooperativeEntityFigures(const std::string& entity_id, const EventRefs& events,
                              const Knowledge& knowledge, FigureBuilder& builder) {
  EventRefs own, ocop, placements, grants;
  int linked_last = 0;
  for (const auto* event : events) {
    if (event->stream_id() == entity_id) {
      own.push_back(event);
      continue;
    }
    const std::string& stream = event->stream_id();
    if (absl::StartsWith(stream, domain::OcopAggregate::kStreamPrefix)) {
      ocop.push_back(event);
    } else if (absl::StartsWith(stream, domain::GrantAggregate::kStreamPrefix)) {
      grants.push_back(event);
    } else {
      placements.push_back(event);
    }
    const auto on = domain::ParseDateOr(event->occurred_on(), absl::CivilDay());
    linked_last = std::max(linked_last, PeriodYearOf(on, builder.kind()) + 1);
  }
  // An OCOP recognition lasts 36 months after its rating.
  if (!ocop.empty()) linked_last += 4;
  builder.RequireLast(linked_last);
  CooperativeFigures(own, knowledge, builder);
  if (!ocop.empty()) OcopFigures(ocop, knowledge, builder);
  if (!placements.empty()) PlacementFigures(placements, knowledge, builder);
  // Each grant stream on its own (GrantFigures counts a stream's first grant).
  std::map<std::string, EventRefs> by_grant;
  for (const auto* event : grants) by_grant[event->stream_id()].push_back(event);
  for (const auto& [stream, grant] : by_grant) GrantFigures(grant, knowledge, builder);
}

}  // namespace

EntityFigures ComputeEntityFigures(const std::string& entity_id, const EventRefs& events,
                                   const Knowledge& knowledge, PeriodKind kind, int only_year,
                                   int from_year) {
  FigureBuilder builder(kind, only_year, from_year);
  if (absl::StartsWith(entity_id, domain::CooperativeAggregate::kStreamPrefix)) {
    CooperativeEntityFigures(entity_id, events, knowledge, builder);
  } else if (absl::StartsWith(entity_id, domain::GroupAggregate::kStreamPrefix)) {
    GroupFigures(events, knowledge, builder);
  } else if (absl::StartsWith(entity_id, domain::HallAggregate::kStreamPrefix)) {
    HallFigures(events, knowledge, builder);
  } else if (absl::StartsWith(entity_id, domain::ClassAggregate::kStreamPrefix)) {
    ClassFigures(events, knowledge, builder);
  } else if (absl::StartsWith(entity_id, domain::GrantAggregate::kStreamPrefix)) {
    GrantFigures(events, knowledge, builder);
  }
  return builder.Take();
}

EntityFigures ComputeEntityFigures(const std::string& entity_id,
                                   const std::vector<coop::v1::RecordedEvent>& events,
                                   const Knowledge& knowledge, PeriodKind kind, int only_year) {
  EventRefs refs;
  refs.reserve(events.size());
  for (const auto& event : events) refs.push_back(&event);
  return ComputeEntityFigures(entity_id, refs, knowledge, kind, only_year);
}

int FirstYearChangedBy(const coop::v1::RecordedEvent& event, PeriodKind kind) {
  if (domain::IsCorrection(event)) return 0;
  if (absl::StartsWith(event.stream_id(), domain::PlacementAggregate::kStreamPrefix)) return 0;
  // As the figures read it (DecodeByDate): a date that does not parse is the earliest day.
  const absl::CivilDay unparsed;
  const absl::CivilDay on = domain::ParseDateOr(event.occurred_on(), unparsed);
  if (on == unparsed) return 0;
  const int year = PeriodYearOf(on, kind);
  // The event types that decide, named once (their descriptors' full names).
  struct Types {
    const std::string& registered = coop::v1::CooperativeRegistered::descriptor()->full_name();
    const std::string& formed = coop::v1::GroupFormed::descriptor()->full_name();
    const std::string& founded = coop::v1::HallFounded::descriptor()->full_name();
    const std::string& registration_changed =
        coop::v1::CooperativeRegistrationChanged::descriptor()->full_name();
    const std::string& group_changed = coop::v1::GroupChanged::descriptor()->full_name();
    const std::string& rated = coop::v1::CooperativeRated::descriptor()->full_name();
    const std::string& report =
        coop::v1::CooperativeAnnualReportSubmitted::descriptor()->full_name();
    const std::string& meeting = coop::v1::CooperativeGeneralMeetingHeld::descriptor()->full_name();
  };
  static const Types kTypes;
  const std::string& type = event.type();
  if (type == kTypes.registered || type == kTypes.formed || type == kTypes.founded) return 0;
  if (type == kTypes.registration_changed || type == kTypes.group_changed) {
    return std::min(year, 2025);
  }
  // The year a payload is about: rating, annual report, general meeting.
  int about = 0;
  if (type == kTypes.rated) {
    coop::v1::CooperativeRated rated;
    if (!rated.ParseFromString(event.payload())) return 0;
    about = rated.year();
  } else if (type == kTypes.report) {
    coop::v1::CooperativeAnnualReportSubmitted report;
    if (!report.ParseFromString(event.payload())) return 0;
    about = report.year();
  } else if (type == kTypes.meeting) {
    coop::v1::CooperativeGeneralMeetingHeld meeting;
    if (!meeting.ParseFromString(event.payload())) return 0;
    about = meeting.fiscal_year();
  } else {
    return year;
  }
  return about > 0 ? std::min(year, about) : 0;
}

}  // namespace coop::projections::statistics
