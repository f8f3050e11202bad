// JsonLog: coopd's structured log. Every line is one JSON object:
//
//   {"time":"2026-12-06T18:40:00.123456Z","level":"info","component":"gate",
//    "msg":"đã nạp 3 chủ thể / 3 principal(s) loaded","principals":3}
//
// time (UTC, microseconds), level (debug | info | warning | error), component (which part of
// coopd speaks), msg (Vietnamese, then English after " / "), then the line's own fields in
// the order given. Strings are JSON-escaped (quotes, backslashes, control characters as
// \uXXXX; a byte that is not UTF-8 becomes U+FFFD), so no value can break a line or forge
// another. Lines below the minimum level are not formatted at all.
//
// What never goes into a line: personal data (names, ID numbers, anything of the person
// vault), tokens, keys and certificates' private parts. Callers pass ids, counts, codes and
// file paths only; the end-to-end secret scan (tests/e2e/no_secrets_in_logs_test.cc) reads
// every line coopd writes.
//
// Thread-safe: Write may be called from any thread; each line is written whole, under a lock.
#ifndef COOPLEDGER_BASE_JSON_LOG_H_
#define COOPLEDGER_BASE_JSON_LOG_H_

#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <ostream>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

namespace coop::base {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3 };

// "debug", "info", "warning" or "error" (as --log_level takes them). INVALID_ARGUMENT for any
// other text, naming the four.
absl::StatusOr<LogLevel> ParseLogLevel(absl::string_view name);
absl::string_view LogLevelName(LogLevel level);

// One field of a line: a key and a string, integer, floating-point or boolean value, rendered
// as JSON when the field is made.
class LogField {
 public:
  LogField(absl::string_view key, absl::string_view value);
  LogField(absl::string_view key, const char* value)
      : LogField(key, absl::string_view(value == nullptr ? "" : value)) {}
  LogField(absl::string_view key, const std::string& value)
      : LogField(key, absl::string_view(value)) {}
  LogField(absl::string_view key, bool value);
  LogField(absl::string_view key, double value);
  template <std::integral T>
  LogField(absl::string_view key, T value) : key_(key), json_(std::to_string(value)) {}

  absl::string_view key() const { return key_; }
  // The value as JSON text (a quoted, escaped string; a number; true or false).
  const std::string& json() const { return json_; }

 private:
  absl::string_view key_;
  std::string json_;
};

// Appends `text` to `out` as a quoted JSON string (see the escaping above).
void AppendJsonString(absl::string_view text, std::string* out);

class JsonLog {
 public:
  // Writes lines at `min_level` and above to `out` (not owned; must outlive the log).
  JsonLog(std::ostream* out, LogLevel min_level) : out_(out), min_level_(min_level) {}

  bool Enabled(LogLevel level) const { return level >= min_level_; }

  void Write(LogLevel level, absl::string_view component, absl::string_view message,
             std::initializer_list<LogField> fields = {}) const;

  void Debug(absl::string_view component, absl::string_view message,
             std::initializer_list<LogField> fields = {}) const {
    Write(LogLevel::kDebug, component, message, fields);
  }
  void Info(absl::string_view component, absl::string_view message,
            std::initializer_list<LogField> fields = {}) const {
    Write(LogLevel::kInfo, component, message, fields);
  }
  void Warning(absl::string_view component, absl::string_view message,
               std::initializer_list<LogField> fields = {}) const {
    Write(LogLevel::kWarning, component, message, fields);
  }
  void Error(absl::string_view component, absl::string_view message,
             std::initializer_list<LogField> fields = {}) const {
    Write(LogLevel::kError, component, message, fields);
  }

 private:
  std::ostream* const out_;
  const LogLevel min_level_;
  mutable absl::Mutex mu_;  // whole lines
};

}  // namespace coop::base

#endif  // COOPLEDGER_BASE_JSON_LOG_H_
