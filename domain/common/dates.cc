#include "domain/common/dates.h"

#include "base/iso_date.h"
#include "domain/common/rules.h"

namespace coop::domain {

absl::StatusOr<absl::CivilDay> ParseDate(const std::string& field, const std::string& text) {
  auto day = base::ParseIsoDate(text);
  if (!day.ok()) return Violation("COMMON-01", field, std::string(day.status().message()));
  if (*day < kEarliestBusinessDate) {
    return Violation(
        "COMMON-01", field,
        text + " is before the earliest business date " + FormatDate(kEarliestBusinessDate));
  }
  return day;
}

absl::StatusOr<absl::CivilDay> ParsePastDate(const std::string& field, const std::string& text,
                                             absl::CivilDay today) {
  auto day = ParseDate(field, text);
  if (!day.ok()) return day;
  if (*day > today) {
    return Violation("COMMON-01", field, text + " is after today (" + FormatDate(today) + ")");
  }
  return day;
}

std::string FormatDate(absl::CivilDay day) { return base::FormatIsoDate(day); }

absl::CivilDay ParseDateOr(const std::string& text, absl::CivilDay fallback) {
  auto day = base::ParseIsoDate(text);
  return day.ok() ? *day : fallback;
}

absl::CivilDay AddMonths(absl::CivilDay day, int months) {
  absl::CivilMonth month = absl::CivilMonth(day) + months;
  absl::CivilDay first(month);
  absl::CivilDay last = absl::CivilDay(month + 1) - 1;
  absl::CivilDay candidate = first + (day.day() - 1);
  return candidate > last ? last : candidate;
}

absl::CivilDay VietnamDay(absl::Time time) {
  static const absl::TimeZone kVietnam = absl::FixedTimeZone(7 * 60 * 60);
  return absl::ToCivilDay(time, kVietnam);
}

}  // namespace coop::domain
