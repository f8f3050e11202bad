// What one entity adds to the annual statistics, year by year: the pure heart of the
// statistics (docs/domain.md#annual-statistics). Both the precomputed totals of the
// annual_statistics projection and the replayed answers (as_known_at, in_units, the
// reporting year, ExplainStatistic) come from ComputeEntityFigures, so they cannot disagree.
//
// An entity is one aggregate's stream ("group-…", "hall-…", "class-…", "grant-…"), or a
// cooperative ("coop-<id>") with the streams that belong to it: its OCOP products ("ocop-…")
// and its graduate placements ("placement-…"). Those count in the cooperative's area, move
// with it, and "distinct HTX with OCOP products" counts each cooperative once.
//
// Choices (documented in projections/statistics/README.md):
// - A state "at the end of Y" folds the effective events (voids dropped, amendments applied)
//   whose occurred_on is on or before the period's last day, in (occurred_on, position)
//   order: the latest reported figure stands, admitted/left deltas apply on top of it.
// - Every figure of a cooperative, group or hall for year Y counts in the area of its address
//   at the end of Y (for one that ended in Y: its last address), so each entity is in one
//   area per year and sums over communes equal the district's figure, distinct counts too.
//   OCOP products and placements count with their cooperative. Classes and grants count in
//   their own area (a district-level class counts in the district and above, in no commune).
// - The calendar applies as every reader applies it (domain/cooperative/cooperative_calendar.h):
//   a dissolution not completed or cancelled ends by itself 6 months after it started (COOP-17);
//   a suspension ends after its last day (COOP-18).
//
// Pure; thread-safe.
#ifndef COOPLEDGER_PROJECTIONS_STATISTICS_ENTITY_FIGURES_H_
#define COOPLEDGER_PROJECTIONS_STATISTICS_ENTITY_FIGURES_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "coop/v1/event.pb.h"

namespace coop::projections::statistics {

// Which events the figures may see: those at or before a log position and recorded at or
// before a time (0: no limit).
struct Knowledge {
  uint64_t max_position = 0;
  int64_t max_recorded_micros = 0;
  bool Admits(const coop::v1::RecordedEvent& event) const {
    return (max_position == 0 || event.position() <= max_position) &&
           (max_recorded_micros == 0 || event.recorded_at_micros() <= max_recorded_micros);
  }
  bool unlimited() const { return max_position == 0 && max_recorded_micros == 0; }
};

enum class PeriodKind {
  kCalendarYear,   // 1 January – 31 December
  kReportingYear,  // 15 December of Y-1 – 14 December of Y
};

struct Period {
  absl::CivilDay first;
  absl::CivilDay last;
};
Period PeriodOf(int year, PeriodKind kind);
// The year whose period holds `day`.
int PeriodYearOf(absl::CivilDay day, PeriodKind kind);

// One entity's share of one figure in one year.
struct Contribution {
  std::string statistic;  // a name of statistic_catalog.h
  int64_t value = 0;
  coop::v1::Area area;    // where it counts, as recorded (before any unit-set mapping)
  uint64_t evidence = 0;  // the position of the event that shows it (0: none)
};

struct EntityFigures {
  // Stocks are given for every year of [first_year, last_year]; after last_year the last
  // year's stocks stand. Flows appear in their year. first_year 0: the entity counts nowhere.
  int first_year = 0;
  int last_year = 0;
  std::map<int, std::vector<Contribution>> by_year;
  // The entity's own re-address onto the two-level units (docs/domain.md: it follows it when its
  // earlier figures are re-aggregated), if it has one; empty code otherwise.
  coop::v1::Area readdress;
  // A cooperative's first year (0: none, or not a cooperative). Its linked streams' figures of
  // earlier years count at its address at the end of that year.
  int owner_first_year = 0;
};

// The entity id of a stream ("coop-…" etc. as is); "" if the stream does not feed the
// statistics by itself. OCOP product and placement streams belong to their cooperative's
// entity: CooperativeEntityId.
std::string EntityIdOfStream(const std::string& stream_id);
std::string CooperativeEntityId(const std::string& cooperative_id);

// An entity's events, by reference (they must outlive the call).
using EventRefs = std::vector<const coop::v1::RecordedEvent*>;

// `events`: every event of the entity's streams (corrections included), each stream in its
// order. Only events `knowledge` admits take part. only_year != 0: compute that year alone
// (the replayed path); else every year, or with from_year != 0 every year from it on (the
// contributions of each of those years are the same as in the whole computation).
EntityFigures ComputeEntityFigures(const std::string& entity_id, const EventRefs& events,
                                   const Knowledge& knowledge, PeriodKind kind, int only_year = 0,
                                   int from_year = 0);

// The earliest year whose figures `event` can change when it is added after the entity's
// other events (by position), whatever they are; 0 if it may change any year. An event
// counts from its own period on, since each year folds the events dated up to its end, with
// these exceptions (docs/domain.md, "Annual statistics"):
// - a rating, an annual report and a general meeting count for the year they are about
//   (CooperativeRated.year, CooperativeAnnualReportSubmitted.year,
//   CooperativeGeneralMeetingHeld.fiscal_year), which may be earlier;
// - a cooperative's registration change or a group's change may give the entity its
//   re-address onto the two-level units, which maps its figures from 2025 on;
// - an entity's first event (a registration, a group formed, a hall founded) sets its first
//   year and the address linked streams count in before it; a correction may change any
//   event; a placement's start date is in its payload: 0 for all of these;
// - an event whose business date does not parse: 0.
int FirstYearChangedBy(const coop::v1::RecordedEvent& event, PeriodKind kind);
EntityFigures ComputeEntityFigures(const std::string& entity_id,
                                   const std::vector<coop::v1::RecordedEvent>& events,
                                   const Knowledge& knowledge, PeriodKind kind, int only_year = 0);

}  // namespace coop::projections::statistics

#endif  // COOPLEDGER_PROJECTIONS_STATISTICS_ENTITY_FIGURES_H_
