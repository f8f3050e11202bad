#include "tools/coopctl/cli_words.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tools/coopctl/text_table.h"

namespace coop::coopctl {

Language LanguageOf(const std::string& lang) {
  return lang == "en" ? Language::kEnglish : Language::kVietnamese;
}

std::string CountText(int64_t value, Language language) {
  std::string text = Thousands(value);
  if (language == Language::kVietnamese) std::replace(text.begin(), text.end(), ',', '.');
  return text;
}

std::string PercentText(double percent, Language language) {
  std::string text = absl::StrFormat("%.1f%%", percent);
  if (language == Language::kVietnamese) std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

std::string DateText(const std::string& iso, Language language) {
  const bool is_date = iso.size() == 10 && iso[4] == '-' && iso[7] == '-' &&
                       std::all_of(iso.begin(), iso.end(),
                                   [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
  if (language == Language::kEnglish || !is_date) return iso;
  return absl::StrCat(iso.substr(8, 2), "/", iso.substr(5, 2), "/", iso.substr(0, 4));
}

}  // namespace coop::coopctl
