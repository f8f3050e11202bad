#include "base/iso_date.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace coop::base {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int Number(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

absl::StatusOr<absl::CivilDay> ParseIsoDate(std::string_view text) {
  auto invalid = [&] {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", std::string(text), "\" is not a calendar date YYYY-MM-DD"));
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return invalid();
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!IsDigit(text[i])) return invalid();
  }
  const int year = Number(text.substr(0, 4));
  if (year == 0) return invalid();  // there is no year 0000 in the Gregorian calendar
  const int month = Number(text.substr(5, 2));
  const int day = Number(text.substr(8, 2));
  // CivilDay normalises out-of-range fields (2025-02-30 becomes 2025-03-02): a real date is
  // one that comes back unchanged.
  const absl::CivilDay civil(year, month, day);
  if (civil.year() != year || civil.month() != month || civil.day() != day) return invalid();
  return civil;
}

std::string FormatIsoDate(absl::CivilDay day) { return absl::FormatCivilTime(day); }

}  // namespace coop::base
