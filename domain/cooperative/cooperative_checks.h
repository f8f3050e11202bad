// The cooperative rules that depend only on the facts given, not on the aggregate's history:
// minimum members, capital share, rating bands, counts. Pure; thread-safe.
#ifndef COOPLEDGER_DOMAIN_COOPERATIVE_COOPERATIVE_CHECKS_H_
#define COOPLEDGER_DOMAIN_COOPERATIVE_COOPERATIVE_CHECKS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "coop/v1/cooperative_events.pb.h"

namespace coop::domain {

// COMMON-02: every count is zero or more.
absl::Status CheckCounts(const std::string& field, const coop::v1::MemberCounts& members);
// COOP-01: the minimum number of members for the kind under the regime: 5 official members of
// a cooperative (7 members under the 2012 law), 3 member cooperatives of a union (4).
int64_t MinimumMembers(coop::v1::CooperativeKind kind, coop::v1::LawRegime regime);
// The members COOP-01 counts: official members under the 2023 law, every member under the 2012.
int64_t CountedMembers(coop::v1::LawRegime regime, const coop::v1::MemberCounts& members);
// COOP-01: the minimum number of members for the kind under the regime.
absl::Status CheckMinimumMembers(const std::string& field, coop::v1::CooperativeKind kind,
                                 coop::v1::LawRegime regime, const coop::v1::MemberCounts& members);
// COOP-02 (when the largest contribution is given) and COMMON-02.
absl::Status CheckCapital(const std::string& field, coop::v1::CooperativeKind kind,
                          coop::v1::LawRegime regime, int64_t charter_capital_vnd,
                          int64_t largest_member_contribution_vnd);
// COOP-13 and COMMON-02.
absl::Status CheckWorkforce(const std::string& field, const coop::v1::Workforce& workforce);
// COOP-10: the grade of a score under Circular 01/2020.
coop::v1::RatingGrade GradeOfScore(double score);
absl::Status CheckRating(const coop::v1::CooperativeRated& rating);
// COOP-14: the regime in force for a new registration on `day`.
coop::v1::LawRegime RegimeInForce(absl::CivilDay day);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_COOPERATIVE_COOPERATIVE_CHECKS_H_
