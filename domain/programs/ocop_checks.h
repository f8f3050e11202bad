// The OCOP rules that depend only on the rating given, not on the product's history: star
// bands, levels, validity (Decision 148/2023/QĐ-TTg, changed by Decision 1489/2025). Pure;
// thread-safe.
#ifndef COOPLEDGER_DOMAIN_PROGRAMS_OCOP_CHECKS_H_
#define COOPLEDGER_DOMAIN_PROGRAMS_OCOP_CHECKS_H_

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "coop/v1/ocop_events.pb.h"

namespace coop::domain {

// A recognition is valid this many months from its decision date (OCOP-05).
inline constexpr int kOcopValidityMonths = 36;

// OCOP-03: the stars of a score: 5 for 90-100, 4 for 70 to < 90, 3 for 50 to < 70, 0 (not
// recognised) below 50.
int OcopStarsOfScore(double score);
// OCOP-05: the first day a recognition decided on `decision_date` is no longer valid.
absl::CivilDay OcopExpiryOf(absl::CivilDay decision_date);
// COMMON-01, COMMON-03, OCOP-03, OCOP-04, OCOP-05: checks a rating recorded on `on` and
// returns it completed: decision_date set to `on` when empty, expires_on set to the decision
// date + 36 months when empty and the product is recognised.
absl::StatusOr<coop::v1::OcopProductRated> CompleteOcopRating(const coop::v1::OcopProductRated& r,
                                                              absl::CivilDay on,
                                                              absl::CivilDay today);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_PROGRAMS_OCOP_CHECKS_H_
