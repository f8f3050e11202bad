// How each plan indicator (coop.v1.PlanIndicator) reads in Vietnamese and English: a short
// label for tables, and the words of a target in the annual report's targets paragraph
// ("vận động thành lập mới từ 02 HTX trở lên", "found at least 2 new HTX"). Pure; thread-safe.
#ifndef COOPLEDGER_DOMAIN_TEXT_PLAN_WORDS_H_
#define COOPLEDGER_DOMAIN_TEXT_PLAN_WORDS_H_

#include <cstdint>

#include "coop/v1/plan_events.pb.h"
#include "domain/text/language.h"

namespace coop::domain::text {

struct TargetWords {
  const char* verb = "";      // may be empty: "ít nhất 01 HTX tham gia …"
  const char* unit = "";      // what is counted: "HTX", "lớp truyền nghề", "classes"
  const char* rest = "";      // after the count and unit; may be empty
  const char* unit_one = "";  // the unit after 1, where it differs ("class"); empty: `unit`
  const char* UnitFor(int64_t count) const {
    return count == 1 && unit_one[0] != '\0' ? unit_one : unit;
  }
};

struct IndicatorWords {
  Bilingual label;
  TargetWords vi;
  TargetWords en;
  const TargetWords& In(Language language) const {
    return language == Language::kEnglish ? en : vi;
  }
};

// The words of `indicator`; every value of PlanIndicator but UNSPECIFIED has them (a test
// walks the enum). nullptr for an unknown value.
const IndicatorWords* WordsOf(coop::v1::PlanIndicator indicator);

}  // namespace coop::domain::text

#endif  // COOPLEDGER_DOMAIN_TEXT_PLAN_WORDS_H_
