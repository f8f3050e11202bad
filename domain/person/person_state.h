// The state of one person as the log knows it: a person_ref, and whether (when, why) the
// person's details were erased. The details themselves never enter the log (vault/). Pure
// value type; not thread-safe (copy it).
#ifndef COOPLEDGER_DOMAIN_PERSON_PERSON_STATE_H_
#define COOPLEDGER_DOMAIN_PERSON_PERSON_STATE_H_

#include <string>

#include "absl/time/civil_time.h"
#include "coop/v1/person_events.pb.h"

namespace coop::domain {

struct PersonState {
  bool erased = false;
  std::string person_ref;
  absl::CivilDay erased_on;
  std::string ground;
};

// Applies one event that happened on `occurred_on`. Events come from the log and are trusted:
// Evolve never fails.
PersonState Evolve(PersonState state, absl::CivilDay occurred_on,
                   const coop::v1::PersonEvent& event);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_PERSON_PERSON_STATE_H_
