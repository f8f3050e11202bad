#include "domain/programs/ocop_checks.h"

#include "absl/strings/str_cat.h"
#include "domain/common/dates.h"
#include "domain/common/rules.h"

namespace coop::domain {
namespace {

// Districts were abolished on 1 July 2025 (the two-level local government).
constexpr absl::CivilDay kDistrictsAbolished(2025, 7, 1);

absl::Status CheckLevel(const coop::v1::OcopProductRated& r, absl::CivilDay decided_on) {
  using coop::v1::OcopLevel;
  if (r.level() == coop::v1::OCOP_LEVEL_UNSPECIFIED || !coop::v1::OcopLevel_IsValid(r.level())) {
    return Violation(
        "COMMON-03", "rated.level",
        "is required (OCOP_LEVEL_DISTRICT, OCOP_LEVEL_PROVINCE or OCOP_LEVEL_CENTRAL)");
  }
  if (r.level() == coop::v1::OCOP_LEVEL_DISTRICT && decided_on >= kDistrictsAbolished) {
    return Violation(
        "OCOP-04", "rated.level",
        absl::StrCat("no district decides from ", FormatDate(kDistrictsAbolished),
                     " (districts abolished); got a decision of ", FormatDate(decided_on)));
  }
  if (r.stars() == 0) return absl::OkStatus();  // not recognised: whoever evaluated it
  const bool central = r.level() == coop::v1::OCOP_LEVEL_CENTRAL;
  if (r.stars() == 5 && !central) {
    return Violation("OCOP-04", "rated.level", "5 stars are recognised only at central level");
  }
  if (r.stars() < 5 && central) {
    return Violation("OCOP-04", "rated.level",
                     absl::StrCat(r.stars(), " stars are recognised by a district or province"));
  }
  return absl::OkStatus();
}

}  // namespace

int OcopStarsOfScore(double score) {
  if (score >= 90) return 5;
  if (score >= 70) return 4;
  if (score >= 50) return 3;
  return 0;
}

absl::CivilDay OcopExpiryOf(absl::CivilDay decision_date) {
  return AddMonths(decision_date, kOcopValidityMonths);
}

absl::StatusOr<coop::v1::OcopProductRated> CompleteOcopRating(const coop::v1::OcopProductRated& r,
                                                              absl::CivilDay on,
                                                              absl::CivilDay today) {
  if (r.decision().empty()) return Violation("COMMON-03", "rated.decision", "is required");
  coop::v1::OcopProductRated completed = r;
  if (completed.decision_date().empty()) completed.set_decision_date(FormatDate(on));
  auto decided = ParsePastDate("rated.decision_date", completed.decision_date(), today);
  if (!decided.ok()) return decided.status();
  if (*decided != on) {
    return Violation("OCOP-05", "rated.decision_date",
                     absl::StrCat("a rating is recorded on its decision date: ",
                                  completed.decision_date(), " is not ", FormatDate(on)));
  }
  if (!(r.score() >= 0 && r.score() <= 100)) {
    return Violation("OCOP-03", "rated.score", absl::StrCat("must be 0-100, got ", r.score()));
  }
  if (r.stars() != OcopStarsOfScore(r.score())) {
    return Violation("OCOP-03", "rated.stars",
                     absl::StrCat("a score of ", r.score(), " is ", OcopStarsOfScore(r.score()),
                                  " stars (0: not recognised), not ", r.stars()));
  }
  if (auto st = CheckLevel(r, *decided); !st.ok()) return st;
  if (r.stars() == 0) {
    if (!r.expires_on().empty()) {
      return Violation("OCOP-05", "rated.expires_on",
                       "a product not recognised has nothing that expires");
    }
    return completed;
  }
  const std::string expiry = FormatDate(OcopExpiryOf(*decided));
  if (completed.expires_on().empty()) completed.set_expires_on(expiry);
  if (completed.expires_on() != expiry) {
    return Violation("OCOP-05", "rated.expires_on",
                     absl::StrCat("a recognition decided on ", completed.decision_date(),
                                  " expires on ", expiry, ", not ", r.expires_on()));
  }
  return completed;
}

}  // namespace coop::domain
