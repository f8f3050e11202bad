// Internal helpers of the figure functions (entity_figures.cc and the per-kind *_figures.cc):
// decoding an entity's effective events in business-date order, and collecting
// contributions. Pure; not thread-safe (one builder per computation).
#ifndef COOPLEDGER_PROJECTIONS_STATISTICS_FIGURE_BUILDER_H_
#define COOPLEDGER_PROJECTIONS_STATISTICS_FIGURE_BUILDER_H_

#include <algorithm>
#include <iterator>
#include <map>
#include <memory>
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

// The admitted events of one stream after its corrections: references into the stream, or
// to amended copies the result owns.
struct Effective {
  EventRefs events;
  std::vector<std::unique_ptr<coop::v1::RecordedEvent>> amended;
};
Effective AdmittedEffective(const EventRefs& stream, const Knowledge& knowledge);

// Decodes the members of the union from `effective` (others skipped), ordered by
// (occurred_on, position). The results point into `effective`, which must outlive them.
template <typename Union>
std::vector<DatedEvent<Union>> DecodeByDate(const Effective& effective,
                                            const domain::EventUnionCodec& codec) {
  std::vector<DatedEvent<Union>> out;
  out.reserve(effective.events.size());
  for (const auto* recorded : effective.events) {
    DatedEvent<Union> dated;
    if (!codec.Decode(*recorded, &dated.event)) continue;
    dated.on = domain::ParseDateOr(recorded->occurred_on(), absl::CivilDay());
    dated.recorded = recorded;
    out.push_back(std::move(dated));
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    if (a.on != b.on) return a.on < b.on;
    return a.recorded->position() < b.recorded->position();
  });
  return out;
}

// Collects contributions for the years asked. One builder serves every stream of an entity
// (a cooperative with its OCOP products and placements), so the entity's range of years is
// the union of its streams' and linked streams count in the cooperative's area.
class FigureBuilder {
 public:
  FigureBuilder(PeriodKind kind, int only_year, int from_year = 0)
      : kind_(kind), only_year_(only_year), from_year_(from_year) {}
  PeriodKind kind() const { return kind_; }
  // The years to compute: every year up to `last` (from from_year on, if given), or only_year
  // alone (folding up to it, also past `last`: the stocks of the last year stand). The fold
  // runs through the years not wanted all the same; only their contributions are not kept.
  bool Wanted(int year) const {
    return (only_year_ == 0 || year == only_year_) && year >= from_year_;
  }
  int LastYear(int last) const { return only_year_ == 0 ? last : only_year_; }
  // Stocks must be given up to at least `year` (a linked stream's last year).
  void RequireLast(int year) { min_last_ = std::max(min_last_, year); }
  // The last year of a stream whose own last year is `own`: stocks of every stream of the
  // entity must be given up to the same year.
  int Last(int own) const { return std::max(own, min_last_); }
  void SetRange(int first, int last) {
    figures_.first_year = figures_.first_year == 0 ? first : std::min(figures_.first_year, first);
    figures_.last_year = std::max(figures_.last_year, last);
    RequireLast(figures_.last_year);
  }
  // The owning cooperative's address at the end of `year` (recorded by CooperativeFigures).
  void SetOwnerAddress(int year, const coop::v1::Area& area) { owner_address_[year] = area; }
  // Where a linked stream's figure for `year` counts: the owner's address then (or its
  // nearest known one), else the stream's own area.
  const coop::v1::Area& AreaFor(int year, const coop::v1::Area& own) const {
    if (owner_address_.empty()) return own;
    auto it = owner_address_.upper_bound(year);
    if (it == owner_address_.begin()) return it->second;
    return std::prev(it)->second;
  }
  void Add(int year, const std::string& statistic, int64_t value, const coop::v1::Area& area,
           uint64_t evidence) {
    if (value == 0 || !Wanted(year)) return;
    figures_.by_year[year].push_back({statistic, value, area, evidence});
  }
  void SetReaddress(const coop::v1::Area& area) { figures_.readdress = area; }
  EntityFigures Take() {
    if (!owner_address_.empty()) figures_.owner_first_year = owner_address_.begin()->first;
    return std::move(figures_);
  }

 private:
  PeriodKind kind_;
  int only_year_;
  int from_year_;
  int min_last_ = 0;
  std::map<int, coop::v1::Area> owner_address_;
  EntityFigures figures_;
};

// The figure functions of each kind of entity (inputs: that entity's events). Each adds to
// the builder; the caller takes the result.
void CooperativeFigures(const EventRefs& events, const Knowledge& knowledge,
                        FigureBuilder& builder);
void GroupFigures(const EventRefs& events, const Knowledge& knowledge, FigureBuilder& builder);
void HallFigures(const EventRefs& events, const Knowledge& knowledge, FigureBuilder& builder);
void ClassFigures(const EventRefs& events, const Knowledge& knowledge, FigureBuilder& builder);
void GrantFigures(const EventRefs& events, const Knowledge& knowledge, FigureBuilder& builder);
void PlacementFigures(const EventRefs& events, const Knowledge& knowledge, FigureBuilder& builder);
// `events`: product streams (placement streams) of one cooperative, interleaved; they count
// in the cooperative's area when CooperativeFigures ran first on the same builder.
void OcopFigures(const EventRefs& events, const Knowledge& knowledge, FigureBuilder& builder);

}  // namespace coop::projections::statistics

#endif  // COOPLEDGER_PROJECTIONS_STATISTICS_FIGURE_BUILDER_H_
