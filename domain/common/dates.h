// Business dates: "YYYY-MM-DD" text on the wire, absl::CivilDay in the domain.
// Pure; thread-safe.
#ifndef COOPLEDGER_DOMAIN_COMMON_DATES_H_
#define COOPLEDGER_DOMAIN_COMMON_DATES_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace coop::domain {

// The earliest business date: the first agricultural cooperatives of the Democratic Republic
// of Vietnam date from 1955; an earlier date is a typing error (1900-01-01, 0001-01-01).
inline constexpr absl::CivilDay kEarliestBusinessDate{1955, 1, 1};

// Parses a calendar date from kEarliestBusinessDate on; the error names `field` and cites
// COMMON-01.
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
