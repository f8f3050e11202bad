#include "domain/programs/class_state.h"

namespace coop::domain {

ClassState Evolve(ClassState s, absl::CivilDay on, const coop::v1::ClassEvent& event) {
  using E = coop::v1::ClassEvent;
  switch (event.event_case()) {
    case E::kHeld:
      s.held = true;
      s.class_id = event.held().class_id();
      s.kind = event.held().kind();
      s.held_on = on;
      break;
    case E::EVENT_NOT_SET:
      break;
  }
  return s;
}

}  // namespace coop::domain
