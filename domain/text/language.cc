#include "domain/text/language.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace coop::domain::text {

absl::StatusOr<Language> ParseLanguage(const std::string& field, const std::string& code) {
  if (code.empty() || code == "vi") return Language::kVietnamese;
  if (code == "en") return Language::kEnglish;
  return absl::InvalidArgumentError(
      absl::StrCat(field, ": \"", code, "\" is not a language; use \"vi\" or \"en\""));
}

const char* LanguageCode(Language language) { return language == Language::kEnglish ? "en" : "vi"; }

}  // namespace coop::domain::text
