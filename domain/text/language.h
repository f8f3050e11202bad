// The languages people read coopledger in: Vietnamese first, English beside it. A request names
// one as `lang` ("vi", the default when empty, or "en"). Pure; thread-safe.
#ifndef COOPLEDGER_DOMAIN_TEXT_LANGUAGE_H_
#define COOPLEDGER_DOMAIN_TEXT_LANGUAGE_H_

#include <string>

#include "absl/status/statusor.h"

namespace coop::domain::text {

enum class Language { kVietnamese, kEnglish };

// "vi" or "" → Vietnamese, "en" → English; INVALID_ARGUMENT naming `field` otherwise.
absl::StatusOr<Language> ParseLanguage(const std::string& field, const std::string& code);

// "vi" or "en".
const char* LanguageCode(Language language);

// A text in both languages; In(language) picks one.
struct Bilingual {
  const char* vi = "";
  const char* en = "";
  const char* In(Language language) const { return language == Language::kEnglish ? en : vi; }
};

}  // namespace coop::domain::text

#endif  // COOPLEDGER_DOMAIN_TEXT_LANGUAGE_H_
