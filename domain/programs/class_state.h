// The state of one class (training, propaganda, vocational), folded from its events: whether
// it was held. Pure value type; not thread-safe (copy it).
#ifndef COOPLEDGER_DOMAIN_PROGRAMS_CLASS_STATE_H_
#define COOPLEDGER_DOMAIN_PROGRAMS_CLASS_STATE_H_

#include <string>

#include "absl/time/civil_time.h"
#include "coop/v1/class_events.pb.h"

namespace coop::domain {

struct ClassState {
  bool held = false;
  std::string class_id;
  coop::v1::ClassKind kind = coop::v1::CLASS_KIND_UNSPECIFIED;
  absl::CivilDay held_on;  // the event's date
};

// Applies one event that happened on `occurred_on`. Events come from the log and are trusted:
// Evolve never fails.
ClassState Evolve(ClassState state, absl::CivilDay occurred_on, const coop::v1::ClassEvent& event);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_PROGRAMS_CLASS_STATE_H_
