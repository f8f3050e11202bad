#include "domain/cooperative/cooperative_checks.h"

#include "absl/strings/str_cat.h"
#include "base/saturating_add.h"
#include "domain/common/rules.h"

namespace coop::domain {

absl::Status CheckCounts(const std::string& field, const coop::v1::MemberCounts& m) {
  if (m.official() < 0 || m.associate_contributing() < 0 || m.associate_non_contributing() < 0) {
    return Violation("COMMON-02", field, "member counts must be zero or more");
  }
  return absl::OkStatus();
}

int64_t MinimumMembers(coop::v1::CooperativeKind kind, coop::v1::LawRegime regime) {
  const bool union_kind = kind == coop::v1::COOPERATIVE_UNION;
  const bool law_2023 = regime == coop::v1::LAW_2023;
  return union_kind ? (law_2023 ? 3 : 4) : (law_2023 ? 5 : 7);
}

int64_t CountedMembers(coop::v1::LawRegime regime, const coop::v1::MemberCounts& m) {
  if (regime == coop::v1::LAW_2023) return m.official();
  return base::SaturatingAdd(base::SaturatingAdd(m.official(), m.associate_contributing()),
                             m.associate_non_contributing());
}

absl::Status CheckMinimumMembers(const std::string& field, coop::v1::CooperativeKind kind,
                                 coop::v1::LawRegime regime, const coop::v1::MemberCounts& m) {
  const bool union_kind = kind == coop::v1::COOPERATIVE_UNION;
  const bool law_2023 = regime == coop::v1::LAW_2023;
  const int64_t minimum = MinimumMembers(kind, regime);
  const int64_t counted = CountedMembers(regime, m);
  if (counted < minimum) {
    return Violation("COOP-01", field,
                     absl::StrCat(union_kind ? "a union" : "a cooperative", " under the ",
                                  law_2023 ? "2023" : "2012", " law needs at least ", minimum,
                                  union_kind ? " member cooperatives"
                                             : (law_2023 ? " official members" : " members"),
                                  ", got ", counted));
  }
  return absl::OkStatus();
}

absl::Status CheckCapital(const std::string& field, coop::v1::CooperativeKind kind,
                          coop::v1::LawRegime regime, int64_t capital, int64_t largest) {
  if (capital < 0) return Violation("COMMON-02", field + ".charter_capital_vnd", "must be >= 0");
  if (largest < 0) {
    return Violation("COMMON-02", field + ".largest_member_contribution_vnd", "must be >= 0");
  }
  if (largest == 0 || capital == 0) return absl::OkStatus();
  const bool union_kind = kind == coop::v1::COOPERATIVE_UNION;
  const int percent =
      regime == coop::v1::LAW_2023 ? (union_kind ? 40 : 30) : (union_kind ? 30 : 20);
  // Integer arithmetic: largest / capital <= percent / 100.
  if (static_cast<__int128>(largest) * 100 > static_cast<__int128>(capital) * percent) {
    return Violation("COOP-02", field + ".largest_member_contribution_vnd",
                     absl::StrCat("one member may contribute at most ", percent,
                                  "% of charter capital (", capital, " VND), got ", largest));
  }
  return absl::OkStatus();
}

absl::Status CheckWorkforce(const std::string& field, const coop::v1::Workforce& w) {
  if (w.regular_workers() < 0 || w.of_which_members() < 0) {
    return Violation("COMMON-02", field, "worker counts must be zero or more");
  }
  if (w.of_which_members() > w.regular_workers()) {
    return Violation("COOP-13", field + ".of_which_members",
                     absl::StrCat(w.of_which_members(), " members among ", w.regular_workers(),
                                  " regular workers"));
  }
  return absl::OkStatus();
}

coop::v1::RatingGrade GradeOfScore(double score) {
  if (score >= 80) return coop::v1::GOOD;
  if (score >= 65) return coop::v1::FAIR;
  if (score >= 50) return coop::v1::AVERAGE;
  return coop::v1::WEAK;
}

absl::Status CheckRating(const coop::v1::CooperativeRated& r) {
  if (!(r.score() >= 0 && r.score() <= 100)) {
    return Violation("COOP-10", "rated.score", absl::StrCat("must be 0-100, got ", r.score()));
  }
  if (r.grade() != GradeOfScore(r.score())) {
    return Violation("COOP-10", "rated.grade",
                     absl::StrCat("a score of ", r.score(), " is grade ",
                                  coop::v1::RatingGrade_Name(GradeOfScore(r.score())), ", not ",
                                  coop::v1::RatingGrade_Name(r.grade())));
  }
  return absl::OkStatus();
}

coop::v1::LawRegime RegimeInForce(absl::CivilDay day) {
  return day < absl::CivilDay(2024, 7, 1) ? coop::v1::LAW_2012 : coop::v1::LAW_2023;
}

}  // namespace coop::domain
