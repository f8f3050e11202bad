#include "domain/programs/placement_decider.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "domain/common/dates.h"
#include "domain/common/rules.h"

namespace coop::domain {
namespace {

using coop::v1::PlacementEvent;
using Events = std::vector<PlacementEvent>;
using S = PlacementStatus;

// A date field of the fact: the event's date when empty; otherwise a calendar date not after
// today (COMMON-01) that is the event's date (PLACE-02). Returns the completed text.
absl::StatusOr<std::string> EventDate(const std::string& field, const std::string& text,
                                      absl::CivilDay on, absl::CivilDay today) {
  if (text.empty()) return FormatDate(on);
  auto day = ParsePastDate(field, text, today);
  if (!day.ok()) return day.status();
  if (*day != on) {
    return Violation("PLACE-02", field,
                     absl::StrCat(text, " is not the event's date ", FormatDate(on)));
  }
  return text;
}

absl::StatusOr<PlacementEvent> DecidePlaced(const coop::v1::GraduatePlaced& e, absl::CivilDay on,
                                            const PlacementState& s, const DecisionContext& ctx) {
  if (s.status != S::kNotPlaced) {
    return Violation("PLACE-01", "placed",
                     absl::StrCat("the graduate was already placed on ", FormatDate(s.started_on)));
  }
  if (e.placement_id().empty()) return Violation("COMMON-03", "placed.placement_id", "is required");
  if (e.person_ref().empty()) return Violation("COMMON-03", "placed.person_ref", "is required");
  if (!IsOpaquePersonRef(e.person_ref())) {
    return Violation("PLACE-04", "placed.person_ref",
                     "must be an opaque reference (no spaces, no '@', not only digits); "
                     "personal data stays outside the log");
  }
  if (e.degree() == coop::v1::GRADUATE_DEGREE_UNSPECIFIED ||
      !coop::v1::GraduateDegree_IsValid(e.degree())) {
    return Violation("COMMON-03", "placed.degree",
                     "is required (DEGREE_COLLEGE, DEGREE_UNIVERSITY or DEGREE_POSTGRADUATE)");
  }
  if (e.field().empty()) return Violation("COMMON-03", "placed.field", "is required");
  if (e.cooperative_id().empty()) {
    return Violation("COMMON-03", "placed.cooperative_id", "is required");
  }
  if (e.planned_term_months() < 1) {
    return Violation("PLACE-03", "placed.planned_term_months",
                     absl::StrCat("must be at least 1, got ", e.planned_term_months()));
  }
  auto start = EventDate("placed.start_date", e.start_date(), on, ctx.today);
  if (!start.ok()) return start.status();
  PlacementEvent completed;
  *completed.mutable_placed() = e;
  completed.mutable_placed()->set_start_date(*start);
  return completed;
}

absl::StatusOr<PlacementEvent> DecideEnded(const coop::v1::PlacementEnded& e, absl::CivilDay on,
                                           const PlacementState& s, const DecisionContext& ctx) {
  if (s.status != S::kRunning) {
    return Violation("PLACE-01", "ended",
                     absl::StrCat("the placement is ", PlacementStatusName(s.status)));
  }
  auto end = EventDate("ended.end_date", e.end_date(), on, ctx.today);
  if (!end.ok()) return end.status();
  if (on <= s.started_on) {
    return Violation("PLACE-02", "ended.end_date",
                     absl::StrCat(*end, " is not after the start ", FormatDate(s.started_on)));
  }
  PlacementEvent completed;
  *completed.mutable_ended() = e;
  completed.mutable_ended()->set_end_date(*end);
  return completed;
}

}  // namespace

bool IsOpaquePersonRef(const std::string& ref) {
  if (ref.empty()) return false;
  bool only_digits = true;
  for (char c : ref) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c)) || c == '@') return false;
    only_digits = only_digits && absl::ascii_isdigit(static_cast<unsigned char>(c));
  }
  return !only_digits;
}

absl::StatusOr<Events> DecidePlacement(const std::string& occurred_on, const PlacementEvent& fact,
                                       const PlacementState& s, const DecisionContext& ctx) {
  auto on = ParsePastDate("occurred_on", occurred_on, ctx.today);
  if (!on.ok()) return on.status();
  absl::StatusOr<PlacementEvent> completed;
  switch (fact.event_case()) {
    case PlacementEvent::kPlaced:
      completed = DecidePlaced(fact.placed(), *on, s, ctx);
      break;
    case PlacementEvent::kEnded:
      completed = DecideEnded(fact.ended(), *on, s, ctx);
      break;
    case PlacementEvent::EVENT_NOT_SET:
      return Violation("COMMON-03", "event", "says nothing to record");
  }
  if (!completed.ok()) return completed.status();
  return Events{*std::move(completed)};
}

}  // namespace coop::domain
