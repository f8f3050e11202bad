#include "tools/coopctl/time_text.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "tools/coopctl/usage_error.h"

namespace coop::coopctl {

std::string FormatMicros(int64_t micros) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", absl::FromUnixMicros(micros),
                          absl::UTCTimeZone());
}

absl::StatusOr<int64_t> ParseTimeArg(const std::string& text, const std::string& what) {
  bool numeric = !text.empty();
  for (size_t i = 0; i < text.size(); ++i) {
    numeric = numeric && ((text[i] >= '0' && text[i] <= '9') || (i == 0 && text[i] == '-'));
  }
  int64_t micros = 0;
  if (numeric && absl::SimpleAtoi(text, &micros)) return micros;

  absl::Time time;
  std::string error;
  if (absl::ParseTime(absl::RFC3339_full, text, absl::UTCTimeZone(), &time, &error) ||
      absl::ParseTime("%Y-%m-%d", text, absl::UTCTimeZone(), &time, &error)) {
    return absl::ToUnixMicros(time);
  }
  return UsageError(absl::StrCat(what, ": expected a time like 2026-01-02T03:04:05Z, a date ",
                                 "or microseconds since the epoch, got '", text, "'"));
}

}  // namespace coop::coopctl
