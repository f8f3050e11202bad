#include "domain/common/rules.h"

#include <cstdlib>

#include "absl/strings/str_cat.h"

namespace coop::domain {

const std::vector<Rule>& RuleTable() {
  using C = absl::StatusCode;
  static const std::vector<Rule> kRules = {
      {"COMMON-01",
       "Dates are calendar dates (YYYY-MM-DD), not before 1955-01-01 and not after today", "system",
       C::kInvalidArgument},
      {"COMMON-02", "Amounts and counts are zero or more", "system", C::kInvalidArgument},
      {"COMMON-03", "Required fields are present", "system", C::kInvalidArgument},
      {"COMMON-04",
       "Counts are at most 1,000,000 and amounts at most 10^13 VND, so that no sum over the "
       "country overflows; a list holds at most 1,000 items and a request at most 256 KiB",
       "system", C::kInvalidArgument},
      {"COMMON-05",
       "Text is UTF-8 in NFC, without control characters (a newline only in multi-line text), "
       "bidirectional overrides or only whitespace, and within its length",
       "system", C::kInvalidArgument},
      {"COMMON-06", "An enumerated field holds one of its known values", "system",
       C::kInvalidArgument},
      {"AREA-01",
       "An address is a unit of the unit set it names, and that unit set was in force on the "
       "event's date (2025-03 before 1 July 2025, 2025-07 from then)",
       "Resolutions 1654-1687/NQ-UBTVQH15; GSO code lists", C::kInvalidArgument},
      {"AREA-02",
       "The address of a cooperative, group or hall is a commune, or one of the island districts "
       "that have no communes in the 2025-03 list",
       "Decree 92/2024/NĐ-CP Art. 22 (head office address); GSO code lists", C::kInvalidArgument},
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
       "A registration (new, converted or reorganised) is under the law in force on its date: "
       "2012 law before 1 July 2024, 2023 law from then",
       "Law 17/2023/QH15 Art. 115", C::kInvalidArgument},
      {"COOP-15", "Bankruptcy is declared only after proceedings were opened",
       "Law on Bankruptcy 51/2014/QH13", C::kFailedPrecondition},
      {"COOP-16", "A cooperative code is never used twice", "Decree 92/2024 Art. 8",
       C::kAlreadyExists},
      // --- the calendar (domain/cooperative/cooperative_calendar.h): derived, never recorded ---
      {"COOP-17",
       "A dissolution neither completed nor cancelled ends by itself 6 months after it started: "
       "the cooperative is dissolved from that day, and nothing more is recorded for it",
       "Law 17/2023/QH15 Art. 92", C::kFailedPrecondition},
      {"COOP-18",
       "A suspension ends after its last day (its latest extension's): the cooperative is active "
       "again from the next day, and neither resumes nor extends that suspension",
       "Decree 92/2024 Art. 56", C::kFailedPrecondition},
      {"COOP-19",
       "The annual report for year Y is due by 15 January of Y+1 up to 2018, by 15 December of Y "
       "from 2019",
       "Decrees 193/2013, 107/2017/NĐ-CP; Circulars 09/2019, 09/2024/TT-BKHĐT",
       C::kFailedPrecondition},
      {"COOP-20",
       "The annual meeting for fiscal year Y is held within 3 months after it (2012 law, Y up to "
       "2023), within 4 months (2023 law, from 2024)",
       "Law 23/2012/QH13; Law 17/2023/QH15 (general meeting)", C::kFailedPrecondition},
      {"COOP-21",
       "A cooperative is rated for a year (or counted not rated) only if it was registered at "
       "least 12 months before the year's end",
       "Circular 01/2020/TT-BKHĐT", C::kFailedPrecondition},
      {"COOP-22",
       "The record shows a ground for revoking the certificate when no annual general meeting "
       "was held for 18 months running (counted from the registration before the first), or the "
       "members were fewer than COOP-01's minimum for 12 months running; a revocation that names "
       "such a ground is refused unless the record shows it on its date",
       "Laws 23/2012/QH13 and 17/2023/QH15 (revocation of the registration certificate)",
       C::kFailedPrecondition},
      // --- cooperative groups (GROUP-xx) and halls (HALL-xx): add below this line ---
      {"GROUP-01",
       "A cooperative group has at least 2 members (3 before 25 Nov 2019, under Decree "
       "151/2007), counted on the date of each figure",
       "Decree 151/2007/NĐ-CP Art. 3; Decree 77/2019/NĐ-CP Art. 3; Law 17/2023/QH15",
       C::kInvalidArgument},
      {"GROUP-02", "Events of a group come after its formation, which happens once", "system",
       C::kFailedPrecondition},
      {"GROUP-03", "Nothing happens to a group after it terminated or converted", "system",
       C::kFailedPrecondition},
      {"GROUP-04",
       "A cooperation contract has either a term of one month or more or no fixed term, not "
       "both",
       "Decree 77/2019/NĐ-CP Art. 3; Law 17/2023/QH15 Art. 107", C::kInvalidArgument},
      {"GROUP-05",
       "A notice to the commune is under the decree in force on its date: 151/2007 before 25 Nov "
       "2019, 77/2019 until 30 June 2024; from 1 July 2024 a group registers instead",
       "Decree 151/2007/NĐ-CP; Decree 77/2019/NĐ-CP; Law 17/2023/QH15 Art. 107",
       C::kInvalidArgument},
      {"GROUP-06", "A group gives its formation notice once, and not after it registered",
       "Decree 77/2019/NĐ-CP", C::kFailedPrecondition},
      {"GROUP-07", "A group registration certificate is dated from 1 July 2024",
       "Law 17/2023/QH15 Art. 107", C::kInvalidArgument},
      {"GROUP-08", "A group registers once", "Law 17/2023/QH15 Art. 107", C::kFailedPrecondition},
      {"GROUP-09",
       "Only an active group is suspended; a formed group that has not notified or registered "
       "is not active",
       "Decree 77/2019/NĐ-CP; Decree 92/2024/NĐ-CP", C::kFailedPrecondition},
      {"GROUP-10",
       "A group notifies only suspensions of 15 days or more (from and until inclusive); a "
       "shorter one is not recorded",
       "Decree 77/2019/NĐ-CP; Decree 92/2024/NĐ-CP", C::kInvalidArgument},
      {"GROUP-11", "Only a suspended group resumes", "Decree 77/2019/NĐ-CP; Decree 92/2024/NĐ-CP",
       C::kFailedPrecondition},
      {"GROUP-12",
       "A group converts to a cooperative only with a registration certificate issued at least "
       "12 months earlier",
       "Law 17/2023/QH15 Art. 107", C::kFailedPrecondition},
      {"GROUP-13", "A group converts to a cooperative only with the agreement of all its members",
       "Law 17/2023/QH15 Art. 107", C::kFailedPrecondition},
      {"GROUP-14",
       "A group's suspension ends after its last day: it is active again from the next day, and "
       "that suspension is no longer resumed",
       "Decree 77/2019/NĐ-CP; Decree 92/2024/NĐ-CP", C::kFailedPrecondition},
      {"GROUP-15",
       "A group that notified its termination ends by itself 3 months after the notice unless "
       "its termination is recorded earlier; meanwhile it only changes its details or members, "
       "or terminates, and notifies its termination once",
       "Decree 77/2019/NĐ-CP; Decree 92/2024/NĐ-CP (article to confirm)", C::kFailedPrecondition},
      {"HALL-01", "Events of a hall come after its founding, which happens once", "system",
       C::kFailedPrecondition},
      {"HALL-02",
       "A hall is formalised once, as a group or a cooperative; nothing more is recorded for it "
       "afterwards (the new group or cooperative carries on)",
       "system (a hội quán has no legal status)", C::kFailedPrecondition},
      // --- end of group and hall rules ---
      // --- programmes and plans (CLASS-xx, OCOP-xx, GRANT-xx, PLACE-xx, PLAN-xx): add below ---
      {"CLASS-01", "A class is recorded once", "system", C::kFailedPrecondition},
      {"CLASS-02", "A class ends on or after its start, and its event's date is a day of the class",
       "system", C::kInvalidArgument},
      {"CLASS-03", "A class has at least one participant", "system", C::kInvalidArgument},
      {"OCOP-01",
       "A product is enrolled once; it is rated or expires only after it was enrolled, never on "
       "a date before its enrolment",
       "Decision 148/2023/QĐ-TTg, changed by Decision 1489/2025", C::kFailedPrecondition},
      {"OCOP-02",
       "A product is enrolled for a programme year from 2018 (the first OCOP programme) to the "
       "year after its enrolment",
       "Decision 490/QĐ-TTg (2018); Decision 148/2023/QĐ-TTg", C::kInvalidArgument},
      {"OCOP-03",
       "A score is 0-100 (fractions allowed) and the stars match it: 3 for 50-<70, 4 for 70-<90, "
       "5 for 90-100; below 50 the product is not recognised and has 0 stars",
       "Decision 148/2023/QĐ-TTg, changed by Decision 1489/2025", C::kInvalidArgument},
      {"OCOP-04",
       "5 stars are recognised only at central level, 3-4 stars only by a district or a "
       "province; no district decision is dated from 1 July 2025 (districts abolished)",
       "Decision 148/2023/QĐ-TTg, changed by Decision 1489/2025", C::kInvalidArgument},
      {"OCOP-05",
       "A rating is dated by its decision; a recognition is valid 36 months from the decision "
       "date (expires_on = decision date + 36 months); a score below 50 has no expiry",
       "Decision 148/2023/QĐ-TTg, changed by Decision 1489/2025", C::kInvalidArgument},
      {"OCOP-06",
       "Only a recognised product expires, once, on or after its expires_on; after expiry only a "
       "re-rating is recorded; a re-rating is dated after the rating it replaces",
       "Decision 148/2023/QĐ-TTg, changed by Decision 1489/2025", C::kFailedPrecondition},
      {"GRANT-01", "A support grant is recorded once", "system", C::kFailedPrecondition},
      {"GRANT-02",
       "A support grant names its type (the 2023 law's support list), its funding source and its "
       "recipient, a cooperative or a cooperative group",
       "Law 17/2023/QH15 Arts. 20-28", C::kInvalidArgument},
      {"GRANT-03", "A support grant gives an amount in VND, something in kind, or both", "system",
       C::kInvalidArgument},
      {"PLACE-01", "A graduate is placed once; a placement ends only while it runs, once", "system",
       C::kFailedPrecondition},
      {"PLACE-02",
       "A placement starts on its event's date and ends on its ending event's date, after the "
       "start",
       "system", C::kInvalidArgument},
      {"PLACE-03", "A placement's planned term is at least one month", "system",
       C::kInvalidArgument},
      {"PLACE-04",
       "A placement names the graduate by an opaque reference: no names, e-mail addresses, ID or "
       "phone numbers in the log",
       "Decree 13/2023/NĐ-CP (personal data protection)", C::kInvalidArgument},
      {"PLAN-01", "A plan is for a year from 2000 to the year after the plan's date", "system",
       C::kInvalidArgument},
      {"PLAN-02", "A plan sets at least one target, and each indicator at most once", "system",
       C::kInvalidArgument},
      {"PLAN-03", "Every event of a plan names the plan's area and year", "system",
       C::kFailedPrecondition},
      // --- end of programme and plan rules ---
      // --- links between records (domain/links/link_rules.h) ---
      {"LINK-01",
       "A record a fact names (a cooperative, group or hall) has been recorded; otherwise record "
       "it first (an import retries such a line after the others)",
       "system", C::kNotFound},
      {"LINK-02",
       "A grant's recipient, an OCOP product's cooperative and a placement's cooperative existed "
       "on the event's date and had not ended",
       "Law 17/2023/QH15 Arts. 20-28; Decision 148/2023/QĐ-TTg", C::kFailedPrecondition},
      {"LINK-03", "A class names only cooperatives registered by its last day", "system",
       C::kFailedPrecondition},
      {"LINK-04",
       "A group's conversion in its pinned order: first the cooperative's registration names a "
       "living registered group whose certificate is at least 12 months old, that has not "
       "converted and that no other live cooperative names as its origin; then the group's "
       "conversion names that cooperative",
       "Law 17/2023/QH15 Art. 107", C::kFailedPrecondition},
      {"LINK-05",
       "A hall's formalisation in its pinned order: first the group or cooperative names a "
       "founded hall not yet formalised and named as origin by no other live record; then the "
       "hall's formalisation names that record",
       "system", C::kFailedPrecondition},
      {"LINK-06",
       "A reorganisation's predecessors are alive on the successor's registration date; the "
       "successors a reorganisation names exist and are alive, and one registered by "
       "reorganisation names the predecessor",
       "Law 17/2023/QH15 (reorganisation)", C::kFailedPrecondition},
      {"CORR-01", "A correction names an event of the same stream", "system", C::kNotFound},
      {"CORR-02", "An event is voided at most once, and a voided event is not amended", "system",
       C::kFailedPrecondition},
      {"CORR-03", "A correction is not itself corrected (correct the original again instead)",
       "system", C::kFailedPrecondition},
      // CORR-04 ("the creating event is never voided") is retired: voiding it withdraws the
      // record (CORR-09, CORR-10). Its id is not reused.
      {"CORR-05",
       "A correction gives its reason; an amendment's replacement is not empty, names its type "
       "(replacement_type), which is the corrected event's, and parses as it",
       "system", C::kInvalidArgument},
      {"CORR-06",
       "A correction is dated on or after the event it corrects (and, as every command, not "
       "after today)",
       "system", C::kInvalidArgument},
      {"CORR-07",
       "An amendment keeps the record's identity (a creating event keeps the stream's id) and "
       "records, as a command, one event of the corrected type with as many companions as the "
       "original command",
       "system", C::kInvalidArgument},
      {"CORR-09",
       "A record made in error is withdrawn by voiding the event that created it, only when no "
       "live record names it (OCOP products, grants, placements, a converted group, a formalised "
       "hall, reorganisation's other parties); the refusal lists them. A code reservation is "
       "not corrected by itself: it is released with its cooperative's withdrawal",
       "system", C::kFailedPrecondition},
      {"CORR-10",
       "Nothing is recorded or corrected for a withdrawn record, and its id is not created again "
       "(a withdrawn cooperative's code is released for a new registration)",
       "system", C::kFailedPrecondition},
      {"CORR-08",
       "A correction leaves every later command of the stream allowed: none that the rules "
       "accepted before it is refused after it",
       "system", C::kFailedPrecondition},
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
