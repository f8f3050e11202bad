// The rules for text a person typed (names, free text): valid UTF-8, NFC-normalised, no
// control characters (a newline only in multi-line text), no bidirectional overrides, not
// only whitespace, and not longer than a bound. Rule COMMON-05. Pure; thread-safe.
#ifndef COOPLEDGER_DOMAIN_COMMON_TEXT_RULES_H_
#define COOPLEDGER_DOMAIN_COMMON_TEXT_RULES_H_

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace coop::domain {

enum class TextKind {
  kSingleLine,  // names, codes, decisions: no newline
  kMultiLine,   // findings, reasons, grounds: newlines (CR LF stored as LF) and tabs allowed
};

// Longest text accepted, in bytes: enough for any name or finding, far below the store's
// event size limit, so that an over-long field is refused naming the field.
inline constexpr size_t kMaxSingleLineBytes = 1000;
inline constexpr size_t kMaxMultiLineBytes = 16000;

// `text` in NFC, or INVALID_ARGUMENT "[COMMON-05] <field>: …" saying what is wrong and where
// (the character's position and code point). Empty text is returned as it is (whether a
// field is required is another rule).
absl::StatusOr<std::string> NormalizeText(absl::string_view field, absl::string_view text,
                                          TextKind kind);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_COMMON_TEXT_RULES_H_
