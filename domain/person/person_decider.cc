#include "domain/person/person_decider.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "base/uuid.h"
#include "domain/common/dates.h"
#include "domain/common/rules.h"

namespace coop::domain {

absl::StatusOr<std::string> CheckErasureGround(const std::string& field,
                                               const std::string& ground) {
  const std::string trimmed(absl::StripAsciiWhitespace(ground));
  if (trimmed.empty()) {
    return Violation("PERSON-01", field,
                     "is required: why the person's details are erased (e.g. \"yêu cầu của chủ "
                     "thể dữ liệu / data subject's request\")");
  }
  if (trimmed.size() > kMaxErasureGround) {
    return Violation(
        "PERSON-01", field,
        absl::StrCat("at most ", kMaxErasureGround, " bytes (got ", trimmed.size(), ")"));
  }
  return trimmed;
}

absl::StatusOr<std::string> CheckPersonRef(const std::string& field, const std::string& ref) {
  if (ref.empty()) return Violation("COMMON-03", field, "is required");
  auto uuid = base::ParseUuid(ref);
  if (!uuid) return Violation("PERSON-02", field, "must be a UUID (a person_ref of the vault)");
  return base::FormatUuid(*uuid);
}

absl::StatusOr<std::vector<coop::v1::PersonEvent>> DecidePerson(const std::string& occurred_on,
                                                                const coop::v1::PersonEvent& fact,
                                                                const PersonState& state,
                                                                const DecisionContext& ctx) {
  auto on = ParsePastDate("occurred_on", occurred_on, ctx.today);
  if (!on.ok()) return on.status();
  if (fact.event_case() != coop::v1::PersonEvent::kErased) {
    return Violation("COMMON-03", "event", "says nothing to record");
  }
  const coop::v1::PersonErased& e = fact.erased();
  auto ref = CheckPersonRef("erased.person_ref", e.person_ref());
  if (!ref.ok()) return ref.status();
  auto ground = CheckErasureGround("erased.erasure_ground", e.erasure_ground());
  if (!ground.ok()) return ground.status();
  if (state.erased) {
    return Violation(
        "PERSON-04", "erased.person_ref",
        absl::StrCat("person ", *ref, " was already erased on ", FormatDate(state.erased_on)));
  }
  coop::v1::PersonEvent completed;
  completed.mutable_erased()->set_person_ref(*ref);
  completed.mutable_erased()->set_erasure_ground(*ground);
  return std::vector<coop::v1::PersonEvent>{completed};
}

}  // namespace coop::domain
