// Figures of one cooperative or union (stream "coop-<id>").
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "coop/v1/cooperative_events.pb.h"
#include "domain/cooperative/cooperative_calendar.h"
#include "domain/cooperative/cooperative_state.h"
#include "projections/statistics/figure_builder.h"
#include "projections/statistics/statistic_catalog.h"

namespace coop::projections::statistics {
namespace {

using coop::v1::CooperativeEvent;
using domain::CooperativeStatus;
using Dated = DatedEvent<CooperativeEvent>;

int64_t TotalMembers(const coop::v1::MemberCounts& m) {
  return m.official() + m.associate_contributing() + m.associate_non_contributing();
}

// A cooperative's state as the statistics read it on the last day of a period.
struct Snapshot {
  domain::CooperativeState state;
  uint64_t registered_position = 0;
  uint64_t members_position = 0;
  uint64_t workforce_position = 0;
  uint64_t capital_position = 0;
  uint64_t status_position = 0;
  uint64_t model_position = 0;
  absl::CivilDay ended_on;  // when it reached a terminal state (valid if terminal)
  CooperativeStatus ended_as = CooperativeStatus::kUnregistered;
};

bool Terminal(const Snapshot& s) { return domain::IsTerminal(s.state.status); }

// The calendar (domain/cooperative/cooperative_calendar.h) on `day`: a suspension run out, a
// dissolution ended by itself. The status keeps the position of the event that started it.
void AdvanceTo(Snapshot& s, absl::CivilDay day) {
  // A calendar change always changes the status: without one due, the state is not passed
  // through AdvanceTo (which moves it twice).
  if (domain::StatusOn(s.state, day) == s.state.status) return;
  const bool was_terminal = Terminal(s);
  s.state = domain::AdvanceTo(std::move(s.state), day);
  if (!was_terminal && Terminal(s)) {
    s.ended_on = s.state.status_since;
    s.ended_as = s.state.status;
  }
}

void Apply(Snapshot& s, const Dated& dated) {
  AdvanceTo(s, dated.on);
  const bool was_terminal = Terminal(s);
  const CooperativeStatus before = s.state.status;
  s.state = domain::Evolve(std::move(s.state), dated.on, dated.event);
  const uint64_t position = dated.recorded->position();
  switch (dated.event.event_case()) {
    case CooperativeEvent::kRegistered:
      s.registered_position = position;
      s.members_position = s.workforce_position = s.capital_position = position;
      break;
    case CooperativeEvent::kMembershipReported:
    case CooperativeEvent::kMembersAdmitted:
    case CooperativeEvent::kMembersLeft:
      s.members_position = position;
      break;
    case CooperativeEvent::kWorkforceReported:
      s.workforce_position = position;
      break;
    default:
      break;
  }
  if (dated.event.has_charter_capital_changed()) s.capital_position = position;
  if (dated.event.has_designated_model()) s.model_position = position;
  if (s.state.status != before) s.status_position = position;
  if (!was_terminal && Terminal(s)) {
    s.ended_on = s.state.status_since;
    s.ended_as = s.state.status;
  }
}

}  // namespace

void CooperativeFigures(const EventRefs& events, const Knowledge& knowledge,
                        FigureBuilder& builder) {
  const auto effective = AdmittedEffective(events, knowledge);
  const auto dated =
      DecodeByDate<CooperativeEvent>(effective, domain::CodecFor<CooperativeEvent>());
  const Dated* registration = nullptr;
  for (const auto& d : dated) {
    if (d.event.has_registered()) {
      registration = &d;
      break;
    }
  }
  if (registration == nullptr) return;
  const PeriodKind kind = builder.kind();
  // Years that a figure can change in: every event's, the years payloads speak of, the
  // automatic end of a dissolution; one more so that the stocks after them are seen.
  int last = 2025;
  for (const auto& d : dated) {
    last = std::max(last, PeriodYearOf(d.on, kind));
    const auto& e = d.event;
    if (e.has_rated()) last = std::max(last, e.rated().year());
    if (e.has_annual_report_submitted()) last = std::max(last, e.annual_report_submitted().year());
    if (e.has_general_meeting_held()) last = std::max(last, e.general_meeting_held().fiscal_year());
    if (e.has_dissolution_started()) {
      last = std::max(last, PeriodYearOf(domain::AddMonths(d.on, 6), kind));
    }
    if (e.has_suspended()) {
      last = std::max(last, PeriodYearOf(domain::ParseDateOr(e.suspended().until(), d.on), kind));
    }
    if (e.has_suspension_extended()) {
      last = std::max(
          last, PeriodYearOf(domain::ParseDateOr(e.suspension_extended().until(), d.on), kind));
    }
  }
  // What each year has: its rating (the latest stands), whether its report and meeting came
  // in time, and the events of its period.
  std::map<int, const Dated*> rating_for;
  std::set<int> reported_in_time;
  std::set<int> met_in_time;
  std::map<int, std::vector<const Dated*>> in_period;
  for (const auto& d : dated) {
    const auto& e = d.event;
    if (e.has_rated()) rating_for[e.rated().year()] = &d;
    if (e.has_annual_report_submitted() &&
        d.on <= domain::AnnualReportDeadline(e.annual_report_submitted().year())) {
      reported_in_time.insert(e.annual_report_submitted().year());
    }
    if (e.has_general_meeting_held() &&
        d.on <= domain::GeneralMeetingDeadline(e.general_meeting_held().fiscal_year())) {
      met_in_time.insert(e.general_meeting_held().fiscal_year());
    }
    in_period[PeriodYearOf(d.on, kind)].push_back(&d);
  }
  last = builder.Last(last + 1);
  const int first = PeriodYearOf(registration->on, kind);
  builder.SetRange(first, last);
  for (const auto& d : dated) {
    if (d.event.has_registration_changed() &&
        d.event.registration_changed().address().unit_set() == "2025-07") {
      builder.SetReaddress(d.event.registration_changed().address());
      break;
    }
  }

  Snapshot s;
  size_t next = 0;
  // At least the first year, whatever year is asked: linked streams (OCOP products,
  // placements) dated before the registration count at the first address.
  for (int year = first; year <= std::max(first, builder.LastYear(last)); ++year) {
    const Period period = PeriodOf(year, kind);
    while (next < dated.size() && dated[next].on <= period.last) Apply(s, dated[next++]);
    AdvanceTo(s, period.last);
    builder.SetOwnerAddress(year, s.state.address);
    if (!builder.Wanted(year)) continue;
    const auto& state = s.state;
    const bool is_union = state.kind == coop::v1::COOPERATIVE_UNION;
    const bool exists = state.status != CooperativeStatus::kUnregistered && !Terminal(s);
    const coop::v1::Area& area = state.address;
    // Stocks at the end of the period.
    if (exists && is_union) builder.Add(year, names::kUnions, 1, area, s.registered_position);
    if (exists && !is_union) {
      builder.Add(year, names::kCooperatives, 1, area, s.registered_position);
      if (state.status == CooperativeStatus::kSuspended) {
        builder.Add(year, names::kCooperativesSuspended, 1, area, s.status_position);
      }
      if (state.status == CooperativeStatus::kDissolving) {
        builder.Add(year, names::kCooperativesDissolving, 1, area, s.status_position);
      }
      builder.Add(year, names::kMembers, TotalMembers(state.members), area, s.members_position);
      builder.Add(year, names::kMembersOfficial, state.members.official(), area,
                  s.members_position);
      builder.Add(year, names::kWorkers, state.workforce.regular_workers(), area,
                  s.workforce_position);
      builder.Add(year, names::kWorkersMembers, state.workforce.of_which_members(), area,
                  s.workforce_position);
      builder.Add(year, names::kCharterCapital, state.charter_capital_vnd, area,
                  s.capital_position);
      if (state.model_cooperative) builder.Add(year, names::kModelTotal, 1, area, s.model_position);
      // Ratings for the year (of an HTX existing at its end): the latest one stands.
      auto rated = rating_for.find(year);
      const Dated* rating = rated == rating_for.end() ? nullptr : rated->second;
      if (rating != nullptr) {
        const uint64_t at = rating->recorded->position();
        builder.Add(year, names::kRated, 1, area, at);
        switch (rating->event.rated().grade()) {
          case coop::v1::GOOD:
            builder.Add(year, names::kRatingsGood, 1, area, at);
            break;
          case coop::v1::FAIR:
            builder.Add(year, names::kRatingsFair, 1, area, at);
            break;
          case coop::v1::AVERAGE:
            builder.Add(year, names::kRatingsAverage, 1, area, at);
            break;
          case coop::v1::WEAK:
            builder.Add(year, names::kRatingsWeak, 1, area, at);
            break;
          default:
            break;
        }
      } else if (domain::OldEnoughToRate(state.registered_on, period.last)) {
        builder.Add(year, names::kNotRated, 1, area, s.registered_position);
      }
      // Compliance: an HTX existing at the end of the year and registered by its report
      // deadline owes the annual report and the annual meeting for it (one founded in the last
      // days of the year owes neither).
      const bool owes = state.registered_on <= domain::AnnualReportDeadline(year);
      if (owes && !reported_in_time.contains(year)) {
        builder.Add(year, names::kNoAnnualReport, 1, area, s.registered_position);
      }
      if (owes && !met_in_time.contains(year)) {
        builder.Add(year, names::kNoAnnualMeeting, 1, area, s.registered_position);
      }
    }
    // Flows: what happened in the period.
    if (period.first <= registration->on && registration->on <= period.last) {
      const uint64_t at = registration->recorded->position();
      if (is_union) {
        builder.Add(year, names::kNewUnions, 1, area, at);
      } else {
        builder.Add(year, names::kNewCooperatives, 1, area, at);
        switch (registration->event.registered().origin()) {
          case coop::v1::ORIGIN_CONVERTED_FROM_GROUP:
            builder.Add(year, names::kNewCooperativesConverted, 1, area, at);
            break;
          case coop::v1::ORIGIN_REORGANISATION:
            builder.Add(year, names::kNewCooperativesReorganised, 1, area, at);
            break;
          default:
            builder.Add(year, names::kNewCooperativesNew, 1, area, at);
            break;
        }
      }
    }
    if (Terminal(s) && period.first <= s.ended_on && s.ended_on <= period.last) {
      const char* statistic = is_union                                     ? names::kEndedUnions
                              : s.ended_as == CooperativeStatus::kCeased   ? names::kEndedCeased
                              : s.ended_as == CooperativeStatus::kBankrupt ? names::kEndedBankrupt
                                                                           : names::kEndedDissolved;
      builder.Add(year, statistic, 1, area, s.status_position);
    }
    uint64_t inspected_at = 0;
    uint64_t fair_at = 0;
    static const std::vector<const Dated*> kNone;
    auto events_in_period = in_period.find(year);
    for (const Dated* event :
         events_in_period == in_period.end() ? kNone : events_in_period->second) {
      const Dated& d = *event;
      const uint64_t at = d.recorded->position();
      if (d.event.has_inspected()) {
        builder.Add(year, names::kInspections, 1, area, at);
        inspected_at = at;
      }
      if (d.event.has_attended_trade_fair()) {
        builder.Add(year, names::kTradeFairAttendances, 1, area, at);
        fair_at = at;
      }
      if (d.event.has_designated_model()) builder.Add(year, names::kModelDesignated, 1, area, at);
    }
    if (inspected_at != 0) builder.Add(year, names::kInspectedCooperatives, 1, area, inspected_at);
    if (fair_at != 0) builder.Add(year, names::kTradeFairCooperatives, 1, area, fair_at);
  }
  return;
}

}  // namespace coop::projections::statistics
