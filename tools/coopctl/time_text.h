// Times on the command line and in output: ISO-8601 UTC text <-> microseconds since the epoch.
// Pure functions; thread-safe.
#ifndef COOPLEDGER_TOOLS_COOPCTL_TIME_TEXT_H_
#define COOPLEDGER_TOOLS_COOPCTL_TIME_TEXT_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace coop::coopctl {

// 1764271200123456 -> "2025-11-27T19:20:00.123456Z".
std::string FormatMicros(int64_t micros);

// Accepts microseconds since the epoch ("1767323045000000"), RFC 3339 with any offset and
// fraction ("2026-01-02T03:04:05Z", "2026-01-02T04:04:05.5+01:00") or a date taken as
// midnight UTC ("2026-01-02"). A usage error naming `what` otherwise.
absl::StatusOr<int64_t> ParseTimeArg(const std::string& text, const std::string& what);

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_TIME_TEXT_H_
