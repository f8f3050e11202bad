// Internal helpers of the figure functions (entity_figures.cc and the per-kind *_figures.cc):
// decoding an entity's effective events in business-date order, and collecting
// contributions. Pure; not thread-safe (one builder per computation).
#ifndef COOPLEDGER_PROJECTIONS_STATISTICS_FIGURE_BUILDER_H_
#define COOPLEDGER_PROJECTIONS_STATISTICS_FIGURE_BUILDER_H_

#include <algorithm>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "coop/v1/event.pb.h"
#include "domain/common/dates.h"
#include "domain/common/event_union_codec.h"
#include "domain/common/stream_corrections.h"
#include "projections/statistics/entity_figures.h"

namespace coop::projections::statistics {

// An effective event decoded into its aggregate's union, with its business date.
template <typename Union>
struct DatedEvent {
  absl::CivilDay on;
  const coop::v1::RecordedEvent* recorded = nullptr;
  Union event;
};

// The admitted events of one stream after its corrections.
std::vector<coop::v1::RecordedEvent> AdmittedEffective(
    const std::vector<coop::v1::RecordedEvent>& stream, const Knowledge& knowledge);

// Decodes the members of the union from `effective` (others skipped), ordered by
// (occurred_on, position). The results point into `effective`, which must outlive them.
template <typename Union>
std::vector<DatedEvent<Union>> DecodeByDate(const std::vector<coop::v1::RecordedEvent>& effective,
                                            const domain::EventUnionCodec& codec) {
  std::vector<DatedEvent<Union>> out;
  out.reserve(effective.size());
  for (const auto& recorded : effective) {
    DatedEvent<Union> dated;
    if (!codec.Decode(recorded, &dated.event)) continue;
    dated.on = domain::ParseDateOr(recorded.occurred_on(), absl::CivilDay());
    dated.recorded = &recorded;
    out.push_back(std::move(dated));
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    if (a.on != b.on) return a.on < b.on;
    return a.recorded->position() < b.recorded->position();
  });
  return out;
}

// Collects contributions for the years asked.
class FigureBuilder {
 public:
  FigureBuilder(PeriodKind kind, int only_year) : kind_(kind), only_year_(only_year) {}
  PeriodKind kind() const { return kind_; }
  // The years to compute within [first, last] (only_year if set and inside).
  bool Wanted(int year) const { return only_year_ == 0 || year == only_year_; }
  int FirstYear(int first) const { return only_year_ == 0 ? first : std::max(first, only_year_); }
  int LastYear(int last) const { return only_year_ == 0 ? last : std::min(last, only_year_); }
  void SetRange(int first, int last) {
    figures_.first_year = first;
    figures_.last_year = last;
  }
  void Add(int year, const std::string& statistic, int64_t value, const coop::v1::Area& area,
           uint64_t evidence) {
    if (value == 0 || !Wanted(year)) return;
    figures_.by_year[year].push_back({statistic, value, area, evidence});
  }
  void SetReaddress(const coop::v1::Area& area) { figures_.readdress = area; }
  EntityFigures Take() { return std::move(figures_); }

 private:
  PeriodKind kind_;
  int only_year_;
  EntityFigures figures_;
};

// The figure functions of each kind of entity (inputs: that entity's admitted events).
EntityFigures CooperativeFigures(const std::vector<coop::v1::RecordedEvent>& events,
                                 const Knowledge& knowledge, FigureBuilder builder);
EntityFigures GroupFigures(const std::vector<coop::v1::RecordedEvent>& events,
                           const Knowledge& knowledge, FigureBuilder builder);
EntityFigures HallFigures(const std::vector<coop::v1::RecordedEvent>& events,
                          const Knowledge& knowledge, FigureBuilder builder);
EntityFigures ClassFigures(const std::vector<coop::v1::RecordedEvent>& events,
                           const Knowledge& knowledge, FigureBuilder builder);
EntityFigures GrantFigures(const std::vector<coop::v1::RecordedEvent>& events,
                           const Knowledge& knowledge, FigureBuilder builder);
EntityFigures PlacementFigures(const std::vector<coop::v1::RecordedEvent>& events,
                               const Knowledge& knowledge, FigureBuilder builder);
// `events`: every product stream of one cooperative, interleaved.
EntityFigures OcopFigures(const std::vector<coop::v1::RecordedEvent>& events,
                          const Knowledge& knowledge, FigureBuilder builder);

}  // namespace coop::projections::statistics

#endif  // COOPLEDGER_PROJECTIONS_STATISTICS_FIGURE_BUILDER_H_
