#include "base/json_log.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace coop::base {
namespace {

constexpr absl::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the well-formed UTF-8 sequence at the start of `text`, or 0 if it is not one
// (overlong forms, surrogates and code points above U+10FFFF are not well-formed).
size_t Utf8SequenceLength(absl::string_view text) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const auto continuation = [&](size_t i) { return i < text.size() && (byte(i) & 0xC0) == 0x80; };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return continuation(1) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (!continuation(1) || !continuation(2)) return 0;
    if (lead == 0xE0 && byte(1) < 0xA0) return 0;   // overlong
    if (lead == 0xED && byte(1) >= 0xA0) return 0;  // a surrogate
    return 3;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (!continuation(1) || !continuation(2) || !continuation(3)) return 0;
    if (lead == 0xF0 && byte(1) < 0x90) return 0;   // overlong
    if (lead == 0xF4 && byte(1) >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

}  // namespace

absl::StatusOr<LogLevel> ParseLogLevel(absl::string_view name) {
  for (LogLevel level : {LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarning, LogLevel::kError}) {
    if (name == LogLevelName(level)) return level;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("--log_level: phải là debug, info, warning hoặc error / must be debug, info, "
                   "warning or error, got '",
                   name, "'"));
}

absl::string_view LogLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarning:
      return "warning";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

void AppendJsonString(absl::string_view text, std::string* out) {
  out->push_back('"');
  while (!text.empty()) {
    const unsigned char c = static_cast<unsigned char>(text[0]);
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(static_cast<char>(c));
    } else if (c < 0x20 || c == 0x7F) {
      absl::StrAppendFormat(out, "\\u%04x", c);
    } else if (c >= 0x80) {
      const size_t length = Utf8SequenceLength(text);
      if (length == 0) {
        out->append(kReplacement.data(), kReplacement.size());
      } else {
        out->append(text.data(), length);
        text.remove_prefix(length - 1);
      }
    } else {
      out->push_back(static_cast<char>(c));
    }
    text.remove_prefix(1);
  }
  out->push_back('"');
}

LogField::LogField(absl::string_view key, absl::string_view value) : key_(key) {
  AppendJsonString(value, &json_);
}

LogField::LogField(absl::string_view key, bool value)
    : key_(key), json_(value ? "true" : "false") {}

LogField::LogField(absl::string_view key, double value) : key_(key) {
  // JSON has no NaN or infinity.
  json_ = std::isfinite(value) ? absl::StrFormat("%.6g", value) : "null";
}

void JsonLog::Write(LogLevel level, absl::string_view component, absl::string_view message,
                    std::initializer_list<LogField> fields) const {
  if (!Enabled(level) || out_ == nullptr) return;
  std::string line = "{\"time\":";
  AppendJsonString(absl::FormatTime("%Y-%m-%d%ET%H:%M:%E6SZ", absl::Now(), absl::UTCTimeZone()),
                   &line);
  absl::StrAppend(&line, ",\"level\":\"", LogLevelName(level), "\",\"component\":");
  AppendJsonString(component, &line);
  line.append(",\"msg\":");
  AppendJsonString(message, &line);
  for (const LogField& field : fields) {
    line.push_back(',');
    AppendJsonString(field.key(), &line);
    line.push_back(':');
    line.append(field.json());
  }
  line.append("}\n");
  absl::MutexLock lock(&mu_);
  out_->write(line.data(), static_cast<std::streamsize>(line.size()));
  out_->flush();
}

}  // namespace coop::base
