// The state of one graduate placement, folded from its events: placed, running, ended. Pure
// value type; not thread-safe (copy it).
#ifndef COOPLEDGER_DOMAIN_PROGRAMS_PLACEMENT_STATE_H_
#define COOPLEDGER_DOMAIN_PROGRAMS_PLACEMENT_STATE_H_

#include <string>

#include "absl/time/civil_time.h"
#include "coop/v1/placement_events.pb.h"

namespace coop::domain {

enum class PlacementStatus {
  kNotPlaced,  // no event yet
  kRunning,
  kEnded,  // terminal
};

const char* PlacementStatusName(PlacementStatus status);

struct PlacementState {
  PlacementStatus status = PlacementStatus::kNotPlaced;
  std::string placement_id;
  std::string person_ref;
  std::string cooperative_id;
  absl::CivilDay started_on;
  int planned_term_months = 0;
  absl::CivilDay ended_on;
};

// Applies one event that happened on `occurred_on`. Events come from the log and are trusted:
// Evolve never fails.
PlacementState Evolve(PlacementState state, absl::CivilDay occurred_on,
                      const coop::v1::PlacementEvent& event);

// Whether the placement counts as active on `day`: started on or before it and not ended on
// or before it (the end date is the first day without the graduate).
bool PlacementActiveOn(const PlacementState& state, absl::CivilDay day);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_PROGRAMS_PLACEMENT_STATE_H_
