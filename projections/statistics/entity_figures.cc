#include "projections/statistics/entity_figures.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
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
  for (const char* prefix : {"coop-", "group-", "hall-", "class-", "grant-", "placement-"}) {
    if (absl::StartsWith(stream_id, prefix)) return stream_id;
  }
  return "";
}

std::string OcopEntityId(const std::string& cooperative_id) { return "ocopcoop-" + cooperative_id; }

std::vector<coop::v1::RecordedEvent> AdmittedEffective(
    const std::vector<coop::v1::RecordedEvent>& stream, const Knowledge& knowledge) {
  if (knowledge.unlimited()) return domain::EffectiveEvents(stream);
  std::vector<coop::v1::RecordedEvent> admitted;
  for (const auto& event : stream) {
    if (knowledge.Admits(event)) admitted.push_back(event);
  }
  return domain::EffectiveEvents(admitted);
}

EntityFigures ComputeEntityFigures(const std::string& entity_id,
                                   const std::vector<coop::v1::RecordedEvent>& events,
                                   const Knowledge& knowledge, PeriodKind kind, int only_year) {
  FigureBuilder builder(kind, only_year);
  if (absl::StartsWith(entity_id, "coop-")) return CooperativeFigures(events, knowledge, builder);
  if (absl::StartsWith(entity_id, "group-")) return GroupFigures(events, knowledge, builder);
  if (absl::StartsWith(entity_id, "hall-")) return HallFigures(events, knowledge, builder);
  if (absl::StartsWith(entity_id, "class-")) return ClassFigures(events, knowledge, builder);
  if (absl::StartsWith(entity_id, "grant-")) return GrantFigures(events, knowledge, builder);
  if (absl::StartsWith(entity_id, "placement-")) {
    return PlacementFigures(events, knowledge, builder);
  }
  if (absl::StartsWith(entity_id, "ocopcoop-")) return OcopFigures(events, knowledge, builder);
  return {};
}

}  // namespace coop::projections::statistics
