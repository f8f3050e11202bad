#include "domain/person/person_state.h"

namespace coop::domain {

PersonState Evolve(PersonState s, absl::CivilDay on, const coop::v1::PersonEvent& event) {
  switch (event.event_case()) {
    case coop::v1::PersonEvent::kErased:
      s.erased = true;
      s.person_ref = event.erased().person_ref();
      s.erased_on = on;
      s.ground = event.erased().erasure_ground();
      break;
    case coop::v1::PersonEvent::EVENT_NOT_SET:
      break;
  }
  return s;
}

}  // namespace coop::domain
