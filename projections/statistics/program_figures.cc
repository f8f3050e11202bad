// Figures of support actions: classes ("class-<id>"), support grants ("grant-<id>"), graduate
// placements ("placement-<id>") and OCOP products ("ocop-<id>"); the last two as part of their
// cooperative's entity (entity_figures.cc), counted in its area.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "coop/v1/class_events.pb.h"
#include "coop/v1/grant_events.pb.h"
#include "coop/v1/ocop_events.pb.h"
#include "coop/v1/placement_events.pb.h"
#include "domain/programs/ocop_state.h"
#include "domain/programs/placement_state.h"
#include "projections/statistics/figure_builder.h"
#include "projections/statistics/statistic_catalog.h"

namespace coop::projections::statistics {
namespace {

// The payload's area if set, else the one the event was filed under.
const coop::v1::Area& AreaOr(const coop::v1::Area& own, const coop::v1::RecordedEvent& event) {
  return own.code().empty() ? event.area() : own;
}

int64_t Participants(const coop::v1::ClassParticipants& p) {
  return p.officials() + p.managers() + p.members() + p.farmers() + p.other();
}

}  // namespace

void ClassFigures(const EventRefs& events, const Knowledge& knowledge, FigureBuilder& builder) {
  using coop::v1::ClassEvent;
  const auto effective = AdmittedEffective(events, knowledge);
  const auto dated = DecodeByDate<ClassEvent>(effective, domain::CodecFor<ClassEvent>());
  for (const auto& d : dated) {
    if (!d.event.has_held()) continue;
    const auto& held = d.event.held();
    const int year = PeriodYearOf(d.on, builder.kind());
    builder.SetRange(year, year);
    const auto& area = AreaOr(held.area(), *d.recorded);
    builder.Add(year, names::kClasses, 1, area, d.recorded->position());
    builder.Add(year, names::kClassParticipants, Participants(held.participants()), area,
                d.recorded->position());
    builder.Add(year, ClassStatistic(held.kind(), false), 1, area, d.recorded->position());
    builder.Add(year, ClassStatistic(held.kind(), true), Participants(held.participants()), area,
                d.recorded->position());
    break;  // one class is one record
  }
  return;
}

void GrantFigures(const EventRefs& events, const Knowledge& knowledge, FigureBuilder& builder) {
  using coop::v1::GrantEvent;
  const auto effective = AdmittedEffective(events, knowledge);
  const auto dated = DecodeByDate<GrantEvent>(effective, domain::CodecFor<GrantEvent>());
  for (const auto& d : dated) {
    if (!d.event.has_granted()) continue;
    const auto& granted = d.event.granted();
    const int year = PeriodYearOf(d.on, builder.kind());
    builder.SetRange(year, year);
    // A grant filed under no area counts at its cooperative's address (the grant is then part
    // of the cooperative's entity: annual_statistics_projection.h).
    const auto& area =
        granted.area().code().empty() ? builder.AreaFor(year, d.recorded->area()) : granted.area();
    const uint64_t at = d.recorded->position();
    builder.Add(year, names::kGrants, 1, area, at);
    builder.Add(year, names::kGrantsVnd, granted.amount_vnd(), area, at);
    builder.Add(year, GrantTypeStatistic(granted.type(), false), 1, area, at);
    builder.Add(year, GrantTypeStatistic(granted.type(), true), granted.amount_vnd(), area, at);
    builder.Add(year, GrantSourceStatistic(granted.funding_source(), false), 1, area, at);
    builder.Add(year, GrantSourceStatistic(granted.funding_source(), true), granted.amount_vnd(),
                area, at);
    break;
  }
  return;
}

void PlacementFigures(const EventRefs& events, const Knowledge& knowledge, FigureBuilder& builder) {
  using coop::v1::PlacementEvent;
  // Placement by placement: corrections act within their own stream.
  std::map<std::string, EventRefs> streams;
  for (const auto* event : events) streams[event->stream_id()].push_back(event);
  const PeriodKind kind = builder.kind();
  for (const auto& [stream_id, stream] : streams) {
    const auto effective = AdmittedEffective(stream, knowledge);
    const auto dated = DecodeByDate<PlacementEvent>(effective, domain::CodecFor<PlacementEvent>());
    auto placed = std::find_if(dated.begin(), dated.end(),
                               [](const auto& d) { return d.event.has_placed(); });
    if (placed == dated.end()) continue;
    domain::PlacementState full;
    int last = 2025;
    for (const auto& d : dated) {
      full = domain::Evolve(std::move(full), d.on, d.event);
      last = std::max(last, PeriodYearOf(d.on, kind));
    }
    const int first = std::min(PeriodYearOf(full.started_on, kind), PeriodYearOf(placed->on, kind));
    last = builder.Last(std::max(last, PeriodYearOf(full.started_on, kind)) + 1);
    builder.SetRange(first, last);
    const uint64_t at = placed->recorded->position();
    domain::PlacementState state;
    size_t next = 0;
    for (int year = first; year <= builder.LastYear(last); ++year) {
      const Period period = PeriodOf(year, kind);
      while (next < dated.size() && dated[next].on <= period.last) {
        state = domain::Evolve(std::move(state), dated[next].on, dated[next].event);
        ++next;
      }
      if (!builder.Wanted(year)) continue;
      const coop::v1::Area& area = builder.AreaFor(year, placed->recorded->area());
      if (domain::PlacementActiveOn(state, period.last)) {
        builder.Add(year, names::kGraduatesActive, 1, area, at);
      }
      if (period.first <= full.started_on && full.started_on <= period.last) {
        builder.Add(year, names::kGraduatesStarted, 1, area, at);
      }
    }
  }
}

void OcopFigures(const EventRefs& events, const Knowledge& knowledge, FigureBuilder& builder) {
  using coop::v1::OcopEvent;
  // Product by product: corrections act within their own stream.
  std::map<std::string, EventRefs> streams;
  for (const auto* event : events) streams[event->stream_id()].push_back(event);
  struct Product {
    Effective effective;
    std::vector<DatedEvent<OcopEvent>> dated;
    coop::v1::Area area;
  };
  std::vector<Product> products;
  const PeriodKind kind = builder.kind();
  int first = 0;
  int last = 2025;
  for (auto& [stream_id, stream] : streams) {
    Product& product = products.emplace_back();
    product.effective = AdmittedEffective(stream, knowledge);
    product.dated = DecodeByDate<OcopEvent>(product.effective, domain::CodecFor<OcopEvent>());
    if (product.dated.empty()) {
      products.pop_back();
      continue;
    }
    product.area = product.dated.front().recorded->area();
    for (const auto& d : product.dated) {
      const int year = PeriodYearOf(d.on, kind);
      first = first == 0 ? year : std::min(first, year);
      last = std::max(last, year);
      if (d.event.has_rated()) {
        const auto expires = domain::ParseDateOr(d.event.rated().expires_on(), d.on);
        last = std::max(last, PeriodYearOf(expires, kind));
      }
    }
  }
  if (products.empty()) return;
  last = builder.Last(last + 1);
  builder.SetRange(first, last);
  std::vector<domain::OcopState> states(products.size());
  std::vector<size_t> next(products.size(), 0);
  for (int year = first; year <= builder.LastYear(last); ++year) {
    const Period period = PeriodOf(year, kind);
    const DatedEvent<OcopEvent>* activity = nullptr;  // enrolled or rated in the period
    const coop::v1::Area* activity_area = nullptr;
    for (size_t i = 0; i < products.size(); ++i) {
      const auto& dated = products[i].dated;
      while (next[i] < dated.size() && dated[next[i]].on <= period.last) {
        const auto& d = dated[next[i]++];
        states[i] = domain::Evolve(std::move(states[i]), d.on, d.event);
        if (!builder.Wanted(year) || d.on < period.first) continue;
        const uint64_t at = d.recorded->position();
        const coop::v1::Area& area = builder.AreaFor(year, products[i].area);
        if (d.event.has_enrolled()) builder.Add(year, names::kOcopEnrolled, 1, area, at);
        if (d.event.has_rated()) {
          const auto& rated = d.event.rated();
          if (rated.score() >= 50 && rated.stars() >= 3) {
            builder.Add(year, names::kOcopRecognised, 1, area, at);
          }
          builder.Add(year,
                      rated.score() >= 50 && rated.stars() >= 3 ? OcopRatedStatistic(rated.stars())
                                                                : names::kOcopNotRecognised,
                      1, area, at);
        }
        if ((d.event.has_enrolled() || d.event.has_rated()) && activity == nullptr) {
          activity = &d;
          activity_area = &area;
        }
      }
      if (builder.Wanted(year) && domain::OcopRecognisedOn(states[i], period.last)) {
        builder.Add(year, OcopValidStatistic(states[i].stars), 1,
                    builder.AreaFor(year, products[i].area),
                    products[i].dated.front().recorded->position());
      }
    }
    if (activity != nullptr) {
      builder.Add(year, names::kOcopCooperatives, 1, *activity_area,
                  activity->recorded->position());
    }
  }
  return;
}

}  // namespace coop::projections::statistics
