// Business dates ("occurred_on") as ISO 8601 calendar dates, "YYYY-MM-DD", held as
// absl::CivilDay (a plain value: comparable, with day arithmetic and no time zone).
// Pure; thread-safe. The rule-citing wrappers are in domain/common/dates.h.
#ifndef COOPLEDGER_BASE_ISO_DATE_H_
#define COOPLEDGER_BASE_ISO_DATE_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace coop::base {

// Exactly "YYYY-MM-DD" (four-digit year from 0001, zero-padded month and day) naming a real
// calendar day; "2025-02-29" and "2025-7-1" are INVALID_ARGUMENT, with the text in the message.
absl::StatusOr<absl::CivilDay> ParseIsoDate(std::string_view text);

// "YYYY-MM-DD" (for four-digit years; the inverse of ParseIsoDate).
std::string FormatIsoDate(absl::CivilDay day);

}  // namespace coop::base

#endif  // COOPLEDGER_BASE_ISO_DATE_H_
