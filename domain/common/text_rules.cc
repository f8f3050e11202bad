#include "domain/common/text_rules.h"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "domain/common/rules.h"

namespace coop::domain {
namespace {

absl::Status Refused(absl::string_view field, const std::string& detail) {
  return Violation("COMMON-05", std::string(field), detail);
}

std::string CodePoint(utf8proc_int32_t c) { return absl::StrFormat("U+%04X", c); }

// Bidirectional embeddings, overrides and isolates: they make text read differently from
// what it stores (U+202A–U+202E, U+2066–U+2069).
bool IsBidiControl(utf8proc_int32_t c) {
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

bool IsControl(utf8proc_int32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

bool IsSpace(utf8proc_int32_t c) {
  const auto category = utf8proc_category(c);
  return c == '\n' || c == '\t' || category == UTF8PROC_CATEGORY_ZS || c == 0x200B ||
         c == 0xFEFF;  // zero-width space, zero-width no-break space
}

}  // namespace

absl::StatusOr<std::string> NormalizeText(absl::string_view field, absl::string_view text,
                                          TextKind kind) {
  if (text.empty()) return std::string();
  // Multi-line text typed on Windows or pasted from a file ends its lines with CR LF.
  std::string lf;
  if (kind == TextKind::kMultiLine && absl::StrContains(text, "\r\n")) {
    lf = absl::StrReplaceAll(text, {{"\r\n", "\n"}});
    text = lf;
  }
  const size_t limit = kind == TextKind::kMultiLine ? kMaxMultiLineBytes : kMaxSingleLineBytes;
  if (text.size() > limit) {
    return Refused(field, absl::StrCat("is ", text.size(), " bytes long; at most ", limit));
  }
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const auto length = static_cast<utf8proc_ssize_t>(text.size());
  bool only_space = true;
  int character = 0;
  for (utf8proc_ssize_t at = 0; at < length; ++character) {
    utf8proc_int32_t c = -1;
    const utf8proc_ssize_t used = utf8proc_iterate(bytes + at, length - at, &c);
    if (used <= 0 || c < 0) {
      return Refused(field, absl::StrCat("is not valid UTF-8 (byte ", at + 1, ")"));
    }
    const bool multi_line = kind == TextKind::kMultiLine;
    if (IsControl(c) && !(multi_line && (c == '\n' || c == '\t'))) {
      return Refused(
          field, absl::StrCat("control character ", CodePoint(c), " at character ", character + 1,
                              c == '\n' ? " (a newline is allowed only in multi-line "
                                          "text)"
                                        : ""));
    }
    if (!multi_line && (c == 0x2028 || c == 0x2029)) {
      return Refused(field, absl::StrCat("line separator ", CodePoint(c), " at character ",
                                         character + 1, " (allowed only in multi-line text)"));
    }
    if (IsBidiControl(c)) {
      return Refused(field, absl::StrCat("bidirectional control ", CodePoint(c), " at character ",
                                         character + 1));
    }
    if (!IsSpace(c)) only_space = false;
    at += used;
  }
  if (only_space) return Refused(field, "is only whitespace");
  utf8proc_uint8_t* normalized = nullptr;
  const utf8proc_ssize_t size =
      utf8proc_map(bytes, length, &normalized,
                   static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(normalized, &std::free);
  if (size < 0) return Refused(field, utf8proc_errmsg(size));
  if (static_cast<size_t>(size) > limit) {  // NFC lengthens a few scripts' text
    return Refused(field, absl::StrCat("is ", size, " bytes long in NFC; at most ", limit));
  }
  return std::string(reinterpret_cast<const char*>(normalized), static_cast<size_t>(size));
}

}  // namespace coop::domain
