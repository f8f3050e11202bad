// coopctl's own words (headings, column names, counts) and the way it writes numbers and dates,
// in the language of --lang: Vietnamese by default, English with --lang en. Everything else
// coopctl prints (statistic labels, area names, sentences, the report) is written by the server
// in the language asked; coopctl, a client of the public API, uses no domain code. Pure;
// thread-safe.
#ifndef COOPLEDGER_TOOLS_COOPCTL_CLI_WORDS_H_
#define COOPLEDGER_TOOLS_COOPCTL_CLI_WORDS_H_

#include <cstdint>
#include <string>

namespace coop::coopctl {

enum class Language { kVietnamese, kEnglish };

// "en" → English; anything else (coopctl accepts only "vi" and "en") → Vietnamese.
Language LanguageOf(const std::string& lang);

// `vi` or `en`, as `language` asks.
inline const char* Say(Language language, const char* vi, const char* en) {
  return language == Language::kEnglish ? en : vi;
}

// Digits grouped by threes: "12.400.000.000" in Vietnamese, "12,400,000,000" in English.
std::string CountText(int64_t value, Language language);

// One decimal and "%": "62,5%" in Vietnamese, "62.5%" in English.
std::string PercentText(double percent, Language language);

// A "YYYY-MM-DD" date: "01/01/2020" in Vietnamese, as it is in English (and anything that is
// not such a date as it is).
std::string DateText(const std::string& iso, Language language);

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_CLI_WORDS_H_
