// Numbers written the way each language writes them in a report (docs/numbers.md: every row of
// its table has a test in tests/domain/number_format_test.cc).
//
//   count          1.036 (vi)       1,036 (en)
//   report count   02 (vi, under 10 in the report text)   2 (en)
//   money          30 tỷ 255 triệu 200 nghìn đồng (vi)     VND 30,255,200,000 (en)
//   percent        12,5% (vi)       12.5% (en)
//   day            15/12/2022 (vi)  15 December 2022 (en)
//
// Pure; thread-safe.
#ifndef COOPLEDGER_DOMAIN_TEXT_NUMBER_FORMAT_H_
#define COOPLEDGER_DOMAIN_TEXT_NUMBER_FORMAT_H_

#include <cstdint>
#include <string>

#include "absl/time/civil_time.h"
#include "domain/text/language.h"

namespace coop::domain::text {

// Digits grouped by threes: "." between groups in Vietnamese, "," in English; a leading "-"
// for a negative number.
std::string FormatCount(int64_t value, Language language);

// A count in the running text of a report: in Vietnamese two digits from 1 to 9 ("02", "09"),
// as officials write them; otherwise FormatCount.
std::string FormatReportCount(int64_t value, Language language);

// An amount of money. Vietnamese names the groups, leaving out the empty ones: "30 tỷ 255 triệu
// 200 nghìn đồng", "1.250 tỷ đồng", "500 nghìn đồng", "750 đồng", "0 đồng". English: "VND
// 30,255,200,000".
std::string FormatMoney(int64_t vnd, Language language);

// A percentage with `decimals` digits after the decimal sign ("," in Vietnamese, "." in
// English) and the sign "%": "12,5%", "12.5%". Rounded half away from zero.
std::string FormatPercent(double percent, int decimals, Language language);

// A day: "15/12/2022" in Vietnamese, "15 December 2022" in English.
std::string FormatDay(absl::CivilDay day, Language language);

}  // namespace coop::domain::text

#endif  // COOPLEDGER_DOMAIN_TEXT_NUMBER_FORMAT_H_
