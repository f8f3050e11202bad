// Figures of cooperative groups (THT, stream "group-<id>") and community halls (hội quán,
// stream "hall-<id>").
#include <algorithm>
#include <string>
#include <vector>

#include "coop/v1/group_events.pb.h"
#include "coop/v1/hall_events.pb.h"
#include "domain/group/group_calendar.h"
#include "domain/group/group_state.h"
#include "domain/hall/hall_state.h"
#include "projections/statistics/figure_builder.h"
#include "projections/statistics/statistic_catalog.h"

namespace coop::projections::statistics {
namespace {

template <typename Union>
int LastYear(const std::vector<DatedEvent<Union>>& dated, PeriodKind kind) {
  int last = 2025;  // the stocks of entities still there cross the 2025 reform
  for (const auto& d : dated) last = std::max(last, PeriodYearOf(d.on, kind));
  return last + 1;
}

// The group on `day` by the calendar (domain/group/group_calendar.h); an end it reaches by
// itself is credited to its termination notice at `notice_position`.
domain::GroupState AdvanceGroup(domain::GroupState state, absl::CivilDay day,
                                uint64_t notice_position, uint64_t& ended_position) {
  const bool was_terminal = domain::IsTerminal(state.status);
  state = domain::AdvanceTo(std::move(state), day);
  if (!was_terminal && domain::IsTerminal(state.status)) ended_position = notice_position;
  return state;
}

}  // namespace

void GroupFigures(const EventRefs& events, const Knowledge& knowledge, FigureBuilder& builder) {
  using coop::v1::GroupEvent;
  const auto effective = AdmittedEffective(events, knowledge);
  const auto dated = DecodeByDate<GroupEvent>(effective, domain::CodecFor<GroupEvent>());
  auto formed =
      std::find_if(dated.begin(), dated.end(), [](const auto& d) { return d.event.has_formed(); });
  if (formed == dated.end()) return;
  const PeriodKind kind = builder.kind();
  const int first = PeriodYearOf(formed->on, kind);
  const int last = builder.Last(LastYear(dated, kind));
  builder.SetRange(first, last);
  for (const auto& d : dated) {
    if (d.event.has_changed() && d.event.changed().address().unit_set() == "2025-07") {
      builder.SetReaddress(d.event.changed().address());
      break;
    }
  }
  domain::GroupState state;
  uint64_t members_position = 0;
  uint64_t ended_position = 0;
  uint64_t notice_position = 0;
  size_t next = 0;
  for (int year = first; year <= builder.LastYear(last); ++year) {
    const Period period = PeriodOf(year, kind);
    while (next < dated.size() && dated[next].on <= period.last) {
      const auto& d = dated[next++];
      // The calendar first (a termination notice run out ends the group by itself, credited to
      // the notice), then the event.
      state = AdvanceGroup(std::move(state), d.on, notice_position, ended_position);
      const bool was_terminal = domain::IsTerminal(state.status);
      state = domain::Evolve(std::move(state), d.on, d.event);
      if (d.event.has_formed() || d.event.has_members_changed()) {
        members_position = d.recorded->position();
      }
      if (d.event.has_termination_notified()) notice_position = d.recorded->position();
      if (!was_terminal && domain::IsTerminal(state.status))
        ended_position = d.recorded->position();
    }
    state = AdvanceGroup(std::move(state), period.last, notice_position, ended_position);
    if (!builder.Wanted(year)) continue;
    const coop::v1::Area& area = state.address;
    const bool exists =
        state.status != domain::GroupStatus::kUnformed && !domain::IsTerminal(state.status);
    if (exists) {
      builder.Add(year, names::kGroups, 1, area, formed->recorded->position());
      builder.Add(year, names::kGroupMembers, state.members, area, members_position);
    }
    if (period.first <= formed->on && formed->on <= period.last) {
      builder.Add(year, names::kNewGroups, 1, area, formed->recorded->position());
      if (formed->event.formed().origin() == coop::v1::GROUP_ORIGIN_FORMALISED_HALL) {
        builder.Add(year, names::kNewGroupsFromHalls, 1, area, formed->recorded->position());
      }
    }
    if (domain::IsTerminal(state.status) && period.first <= state.ended_on &&
        state.ended_on <= period.last) {
      builder.Add(year,
                  state.status == domain::GroupStatus::kConverted ? names::kEndedGroupsConverted
                                                                  : names::kEndedGroupsTerminated,
                  1, area, ended_position);
    }
  }
  return;
}

void HallFigures(const EventRefs& events, const Knowledge& knowledge, FigureBuilder& builder) {
  using coop::v1::HallEvent;
  const auto effective = AdmittedEffective(events, knowledge);
  const auto dated = DecodeByDate<HallEvent>(effective, domain::CodecFor<HallEvent>());
  auto founded =
      std::find_if(dated.begin(), dated.end(), [](const auto& d) { return d.event.has_founded(); });
  if (founded == dated.end()) return;
  const PeriodKind kind = builder.kind();
  const int first = PeriodYearOf(founded->on, kind);
  const int last = builder.Last(LastYear(dated, kind));
  builder.SetRange(first, last);
  domain::HallState state;
  size_t next = 0;
  for (int year = first; year <= builder.LastYear(last); ++year) {
    const Period period = PeriodOf(year, kind);
    while (next < dated.size() && dated[next].on <= period.last) {
      state = domain::Evolve(std::move(state), dated[next].on, dated[next].event);
      ++next;
    }
    if (!builder.Wanted(year)) continue;
    const uint64_t at = founded->recorded->position();
    // A hall counts until it is formalised as a THT or HTX (which then count as such).
    if (state.status == domain::HallStatus::kActive) {
      builder.Add(year, names::kHalls, 1, state.address, at);
    }
    if (period.first <= founded->on && founded->on <= period.last) {
      builder.Add(year, names::kHallsFounded, 1, state.address, at);
    }
  }
  return;
}

}  // namespace coop::projections::statistics
