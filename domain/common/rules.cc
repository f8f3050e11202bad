#include "domain/common/rules.h"

#include <cstdlib>

#include "absl/strings/str_cat.h"

namespace coop::domain {

const std::vector<Rule>& RuleTable() {
  using C = absl::StatusCode;
  static const std::vector<Rule> kRules = {
      {"COMMON-01", "Dates are calendar dates (YYYY-MM-DD) and not after today", "system",
       C::kInvalidArgument},
      {"COMMON-02", "Amounts and counts are zero or more", "system", C::kInvalidArgument},
      {"COMMON-03", "Required fields are present", "system", C::kInvalidArgument},
      {"AREA-01",
       "An address is a unit of the unit set it names, and that unit set was in force on the "
       "event's date (2025-03 before 1 July 2025, 2025-07 from then)",
       "Resolutions 1654-1687/NQ-UBTVQH15; GSO code lists", C::kInvalidArgument},
      {"COOP-01",
       "A cooperative has at least 7 members (2012 law) or 5 official members (2023 law); a "
       "union at least 4 (2012) or 3 (2023) member cooperatives",
       "Law 23/2012/QH13 Art. 3, 9; Law 17/2023/QH15 Art. 6, 21", C::kInvalidArgument},
      {"COOP-02",
       "One member's contribution is at most 20% (HTX) / 30% (LHHTX) of charter capital under "
       "the 2012 law, 30% / 40% under the 2023 law",
       "Law 23/2012/QH13 Art. 17; Law 17/2023/QH15 Art. 77", C::kInvalidArgument},
      {"COOP-03", "Nothing happens to a cooperative after a terminal state", "system",
       C::kFailedPrecondition},
      {"COOP-04",
       "Only an active cooperative can be suspended; a suspended one is extended instead",
       "Decree 92/2024 Art. 56", C::kFailedPrecondition},
      {"COOP-05", "A suspension notice covers at most 12 months", "Decree 92/2024 Art. 56",
       C::kInvalidArgument},
      {"COOP-06", "Only a suspended cooperative resumes or has its suspension extended",
       "Decree 92/2024 Art. 56", C::kFailedPrecondition},
      {"COOP-07",
       "Dissolution starts from active or suspended; it is cancelled only while dissolving and "
       "within 6 months of its start; it completes only while dissolving",
       "Law 17/2023/QH15 Art. 92", C::kFailedPrecondition},
      {"COOP-08",
       "A certificate is restored only after a revocation; a revocation other than for tax "
       "enforcement starts dissolution",
       "Law 17/2023/QH15 Art. 92, 93; Decree 92/2024", C::kFailedPrecondition},
      {"COOP-09", "A rating is for a year in which the cooperative existed, once per year",
       "Circular 01/2020/TT-BKHĐT", C::kFailedPrecondition},
      {"COOP-10",
       "A rating's score is 0-100 and its grade matches the score: Tốt 80-100, Khá 65-<80, "
       "Trung bình 50-<65, Yếu <50",
       "Circular 01/2020/TT-BKHĐT Art. 5", C::kInvalidArgument},
      {"COOP-11", "Events of a cooperative come after its registration, which happens once",
       "system", C::kFailedPrecondition},
      {"COOP-12", "More members cannot leave than the cooperative has, by type", "system",
       C::kFailedPrecondition},
      {"COOP-13", "Workers who are members cannot outnumber regular workers", "system",
       C::kInvalidArgument},
      {"COOP-14",
       "A new registration is under the law in force on its date: 2012 law before 1 July 2024, "
       "2023 law from then",
       "Law 17/2023/QH15 Art. 115", C::kInvalidArgument},
      {"COOP-15", "Bankruptcy is declared only after proceedings were opened",
       "Law on Bankruptcy 51/2014/QH13", C::kFailedPrecondition},
      {"COOP-16", "A cooperative code is never used twice", "Decree 92/2024 Art. 8",
       C::kAlreadyExists},
      // --- cooperative groups (GROUP-xx) and halls (HALL-xx): add below this line ---
      // --- end of group and hall rules ---
      // --- programmes and plans (CLASS-xx, OCOP-xx, GRANT-xx, PLACE-xx, PLAN-xx): add below ---
      // --- end of programme and plan rules ---
  };
  return kRules;
}

const Rule& FindRule(std::string_view id) {
  for (const auto& rule : RuleTable()) {
    if (rule.id == id) return rule;
  }
  std::abort();  // a decider cited a rule that is not in the table: a programming error
}

absl::Status Violation(std::string_view id, const std::string& field, const std::string& detail) {
  const Rule& rule = FindRule(id);
  return absl::Status(rule.code, absl::StrCat("[", std::string(id), "] ", field, ": ", detail));
}

}  // namespace coop::domain
