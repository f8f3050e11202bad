#include "domain/programs/grant_state.h"

namespace coop::domain {

GrantState Evolve(GrantState s, absl::CivilDay on, const coop::v1::GrantEvent& event) {
  using E = coop::v1::GrantEvent;
  switch (event.event_case()) {
    case E::kGranted:
      s.granted = true;
      s.grant_id = event.granted().grant_id();
      s.granted_on = on;
      break;
    case E::EVENT_NOT_SET:
      break;
  }
  return s;
}

}  // namespace coop::domain
