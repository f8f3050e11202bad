// How a named record is seen by a link check (link_rules.h): its events, each with its date,
// folded as of the link's day. One fold for every lookup: the command path's (over the log,
// commands/link_check.h) and the scale generator's (over the entity it is writing).
// Pure; thread-safe.
#ifndef COOPLEDGER_DOMAIN_LINKS_NAMED_RECORD_FOLD_H_
#define COOPLEDGER_DOMAIN_LINKS_NAMED_RECORD_FOLD_H_

#include <algorithm>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "domain/cooperative/cooperative_aggregate.h"
#include "domain/cooperative/cooperative_calendar.h"
#include "domain/group/group_aggregate.h"
#include "domain/group/group_calendar.h"
#include "domain/hall/hall_aggregate.h"
#include "domain/links/link_rules.h"

namespace coop::domain {

// One effective event of a record and its date.
template <typename Event>
using DatedEvents = std::vector<std::pair<absl::CivilDay, Event>>;

// The record of `Aggregate` (cooperative, group or hall) whose effective events are `events`,
// as a link dated `on` sees it: whether its creation counts and on which day (at any date),
// and its state from the events dated on or before `on` (in date order, ties in the given
// order) with the calendar applied for that day.
template <typename Aggregate>
NamedRecord FoldNamedRecord(DatedEvents<typename Aggregate::Event> events, absl::CivilDay on) {
  std::stable_sort(events.begin(), events.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  NamedRecord named;
  typename Aggregate::State state;
  for (const auto& [day, event] : events) {
    if (Aggregate::Creates(event) && !named.recorded) {
      named.recorded = true;
      named.created_on = day;
    }
    if (day <= on) state = Aggregate::Evolve(std::move(state), day, event);
  }
  if constexpr (std::is_same_v<Aggregate, CooperativeAggregate>) {
    named.cooperative = AdvanceTo(std::move(state), on);
  } else if constexpr (std::is_same_v<Aggregate, GroupAggregate>) {
    named.group = AdvanceTo(std::move(state), on);
  } else {
    static_assert(std::is_same_v<Aggregate, HallAggregate>, "a record a link can name");
    named.hall = std::move(state);  // a hall has no calendar
  }
  return named;
}

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_LINKS_NAMED_RECORD_FOLD_H_
