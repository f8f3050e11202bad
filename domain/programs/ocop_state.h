// The state of one OCOP product (One Commune One Product), folded from its events: enrolled,
// its current rating and whether the recognition expired. Pure value type; not thread-safe
// (copy it).
#ifndef COOPLEDGER_DOMAIN_PROGRAMS_OCOP_STATE_H_
#define COOPLEDGER_DOMAIN_PROGRAMS_OCOP_STATE_H_

#include <string>

#include "absl/time/civil_time.h"
#include "coop/v1/ocop_events.pb.h"

namespace coop::domain {

enum class OcopStatus {
  kUnenrolled,     // no event yet
  kEnrolled,       // enrolled, not rated yet
  kRecognised,     // the latest rating gave 3 stars or more and has not expired
  kNotRecognised,  // the latest rating scored below 50
  kExpired,        // the recognition lapsed; only a re-rating may follow
};

const char* OcopStatusName(OcopStatus status);

struct OcopState {
  OcopStatus status = OcopStatus::kUnenrolled;
  std::string product_id;
  std::string cooperative_id;
  int year = 0;  // the programme year of the enrolment
  absl::CivilDay enrolled_on;
  bool rated = false;  // at least one rating, whatever its score
  // The latest rating.
  double score = 0;
  int stars = 0;
  coop::v1::OcopLevel level = coop::v1::OCOP_LEVEL_UNSPECIFIED;
  absl::CivilDay rated_on;    // its decision date
  absl::CivilDay expires_on;  // the first day it is no longer valid (if recognised)
};

// Applies one event that happened on `occurred_on`. Events come from the log and are trusted:
// Evolve never fails.
OcopState Evolve(OcopState state, absl::CivilDay occurred_on, const coop::v1::OcopEvent& event);

// Whether the latest rating recognises the product (3 stars or more) on `day`: decided on or
// before it, and `day` before its expiry date. Earlier ratings are not consulted.
bool OcopRecognisedOn(const OcopState& state, absl::CivilDay day);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_PROGRAMS_OCOP_STATE_H_
