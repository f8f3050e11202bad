#include "domain/programs/ocop_state.h"

#include "domain/common/dates.h"
#include "domain/programs/ocop_checks.h"

namespace coop::domain {

const char* OcopStatusName(OcopStatus status) {
  switch (status) {
    case OcopStatus::kUnenrolled:
      return "not enrolled";
    case OcopStatus::kEnrolled:
      return "enrolled and not rated";
    case OcopStatus::kRecognised:
      return "recognised";
    case OcopStatus::kNotRecognised:
      return "rated below 50 points, not recognised";
    case OcopStatus::kExpired:
      return "expired";
  }
  return "unknown";
}

OcopState Evolve(OcopState s, absl::CivilDay on, const coop::v1::OcopEvent& event) {
  using E = coop::v1::OcopEvent;
  switch (event.event_case()) {
    case E::kEnrolled: {
      const auto& e = event.enrolled();
      s.status = OcopStatus::kEnrolled;
      s.product_id = e.product_id();
      s.cooperative_id = e.cooperative_id();
      s.year = e.year();
      s.enrolled_on = on;
      break;
    }
    case E::kRated: {
      const auto& e = event.rated();
      s.rated = true;
      s.score = e.score();
      s.stars = e.stars();
      s.level = e.level();
      s.rated_on = ParseDateOr(e.decision_date(), on);
      s.expires_on = ParseDateOr(e.expires_on(), OcopExpiryOf(s.rated_on));
      s.status = e.stars() >= 3 ? OcopStatus::kRecognised : OcopStatus::kNotRecognised;
      break;
    }
    case E::kExpired:
      // The recognition ended on expires_on already; the event only records that it lapsed.
      s.status = OcopStatus::kExpired;
      break;
    case E::EVENT_NOT_SET:
      break;
  }
  return s;
}

bool OcopRecognisedOn(const OcopState& s, absl::CivilDay day) {
  if (!s.rated || s.stars < 3) return false;
  return s.rated_on <= day && day < s.expires_on;
}

}  // namespace coop::domain
