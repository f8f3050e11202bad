// The state of one community hall (hội quán), folded from its events: what the decider needs
// to apply the rules. Pure value type; not thread-safe (copy it).
#ifndef COOPLEDGER_DOMAIN_HALL_HALL_STATE_H_
#define COOPLEDGER_DOMAIN_HALL_HALL_STATE_H_

#include <cstdint>
#include <string>

#include "absl/time/civil_time.h"
#include "coop/v1/hall_events.pb.h"

namespace coop::domain {

enum class HallStatus {
  kUnfounded,  // no event yet
  kActive,
  // Terminal for the hall's record: it became a group or a cooperative, whose own stream
  // carries on. A hall has no legal status, so nothing of the hall outlives that record.
  kFormalised,
};

bool IsTerminal(HallStatus status);
const char* HallStatusName(HallStatus status);

struct HallState {
  HallStatus status = HallStatus::kUnfounded;
  std::string hall_id;
  std::string name;
  absl::CivilDay founded_on;
  coop::v1::Area address;
  std::string hamlet;
  std::string field;
  int64_t members = 0;
  absl::CivilDay formalised_on;
  coop::v1::HallFormalisedAs formalised_as = coop::v1::HALL_FORMALISED_AS_UNSPECIFIED;
  std::string new_aggregate_id;  // the group's or the cooperative's id
};

// Applies one event that happened on `occurred_on`. Events come from the log and are trusted:
// Evolve never fails.
HallState Evolve(HallState state, absl::CivilDay occurred_on, const coop::v1::HallEvent& event);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_HALL_HALL_STATE_H_
