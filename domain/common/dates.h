// Business dates: "YYYY-MM-DD" text on the wire, absl::CivilDay in the domain.
// Pure; thread-safe.
#ifndef COOPLEDGER_DOMAIN_COMMON_DATES_H_
#define COOPLEDGER_DOMAIN_COMMON_DATES_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace coop::domain {

// Parses a calendar date; the error names `field` and cites COMMON-01.
absl::StatusOr<absl::CivilDay> ParseDate(const std::string& field, const std::string& text);
// As ParseDate, and the date must not be after `today` (COMMON-01).
absl::StatusOr<absl::CivilDay> ParsePastDate(const std::string& field, const std::string& text,
                                             absl::CivilDay today);
std::string FormatDate(absl::CivilDay day);
// For dates in events already in the log (valid when recorded): the day, or `fallback` if
// `text` is empty or not a date.
absl::CivilDay ParseDateOr(const std::string& text, absl::CivilDay fallback);
// The same day `months` calendar months later (clamped to the month's last day).
absl::CivilDay AddMonths(absl::CivilDay day, int months);
// The calendar day in Vietnam (UTC+7, no daylight saving) at `time`: business dates are
// Vietnamese local dates, so "today" for the rules is VietnamDay(absl::Now()).
absl::CivilDay VietnamDay(absl::Time time);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_COMMON_DATES_H_
