// The state of one support grant, folded from its events: whether it was recorded. Pure value
// type; not thread-safe (copy it).
#ifndef COOPLEDGER_DOMAIN_PROGRAMS_GRANT_STATE_H_
#define COOPLEDGER_DOMAIN_PROGRAMS_GRANT_STATE_H_

#include <string>

#include "absl/time/civil_time.h"
#include "coop/v1/grant_events.pb.h"

namespace coop::domain {

struct GrantState {
  bool granted = false;
  std::string grant_id;
  absl::CivilDay granted_on;
};

// Applies one event that happened on `occurred_on`. Events come from the log and are trusted:
// Evolve never fails.
GrantState Evolve(GrantState state, absl::CivilDay occurred_on, const coop::v1::GrantEvent& event);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_PROGRAMS_GRANT_STATE_H_
