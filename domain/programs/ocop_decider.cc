#include "domain/programs/ocop_decider.h"

#include "absl/strings/str_cat.h"
#include "domain/common/dates.h"
#include "domain/common/rules.h"
#include "domain/programs/ocop_checks.h"

namespace coop::domain {
namespace {

using coop::v1::OcopEvent;
using Events = std::vector<OcopEvent>;
using S = OcopStatus;

// The first programme year: the OCOP programme started in 2018 (Decision 490/QĐ-TTg).
constexpr int kFirstOcopYear = 2018;

std::string StatusText(const OcopState& s) {
  return absl::StrCat("the product is ", OcopStatusName(s.status));
}

absl::Status DecideEnrolment(const coop::v1::OcopProductEnrolled& e, absl::CivilDay on,
                             const OcopState& s) {
  if (s.status != S::kUnenrolled) {
    return Violation(
        "OCOP-01", "enrolled",
        absl::StrCat("the product was already enrolled on ", FormatDate(s.enrolled_on)));
  }
  if (e.product_id().empty()) return Violation("COMMON-03", "enrolled.product_id", "is required");
  if (e.cooperative_id().empty()) {
    return Violation("COMMON-03", "enrolled.cooperative_id", "is required");
  }
  if (e.product_name().empty()) {
    return Violation("COMMON-03", "enrolled.product_name", "is required");
  }
  if (e.year() == 0) return Violation("COMMON-03", "enrolled.year", "is required");
  if (e.year() < kFirstOcopYear || e.year() > on.year() + 1) {
    return Violation("OCOP-02", "enrolled.year",
                     absl::StrCat("must be from ", kFirstOcopYear, " to ", on.year() + 1,
                                  " for an enrolment on ", FormatDate(on), ", got ", e.year()));
  }
  return absl::OkStatus();
}

absl::Status DecideExpiry(absl::CivilDay on, const OcopState& s) {
  if (s.status != S::kRecognised) {
    return Violation("OCOP-06", "expired",
                     absl::StrCat(StatusText(s), "; only a recognised product expires"));
  }
  if (on < s.expires_on) {
    return Violation("OCOP-06", "occurred_on",
                     absl::StrCat("the recognition decided on ", FormatDate(s.rated_on),
                                  " is valid until ", FormatDate(s.expires_on - 1)));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Events> DecideOcop(const std::string& occurred_on, const OcopEvent& fact,
                                  const OcopState& s, const DecisionContext& ctx) {
  using E = OcopEvent;
  auto on = ParsePastDate("occurred_on", occurred_on, ctx.today);
  if (!on.ok()) return on.status();
  if (fact.event_case() == E::EVENT_NOT_SET) {
    return Violation("COMMON-03", "event", "says nothing to record");
  }
  if (fact.has_enrolled()) {
    if (auto st = DecideEnrolment(fact.enrolled(), *on, s); !st.ok()) return st;
    return Events{fact};
  }
  // Ratings and expiry happen to an enrolled product, after its enrolment.
  if (s.status == S::kUnenrolled) {
    return Violation("OCOP-01", "event", "the product is not enrolled");
  }
  if (*on < s.enrolled_on) {
    return Violation(
        "OCOP-01", "occurred_on",
        absl::StrCat(occurred_on, " is before the enrolment on ", FormatDate(s.enrolled_on)));
  }
  if (fact.has_expired()) {
    if (auto st = DecideExpiry(*on, s); !st.ok()) return st;
    return Events{fact};
  }
  // A rating, or a re-rating that replaces the current one (also after expiry).
  if (s.rated && *on <= s.rated_on) {
    return Violation("OCOP-06", "occurred_on",
                     absl::StrCat("a re-rating is dated after the rating it replaces (",
                                  FormatDate(s.rated_on), "); correct that rating instead"));
  }
  auto rated = CompleteOcopRating(fact.rated(), *on, ctx.today);
  if (!rated.ok()) return rated.status();
  Events events(1);
  *events[0].mutable_rated() = *std::move(rated);
  return events;
}

}  // namespace coop::domain
