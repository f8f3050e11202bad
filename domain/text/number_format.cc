#include "domain/text/number_format.h"

#include <cmath>
#include <cstdio>
#include <vector>

#include "absl/strings/str_cat.h"

namespace coop::domain::text {
namespace {

// The digits of |value| (as unsigned, so the smallest int64 has a magnitude too).
std::string Digits(uint64_t magnitude) { return std::to_string(magnitude); }

uint64_t Magnitude(int64_t value) {
  return value < 0 ? uint64_t{0} - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
}

std::string Grouped(uint64_t magnitude, char separator) {
  const std::string digits = Digits(magnitude);
  std::string out;
  const size_t first = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
  out.append(digits, 0, first);
  for (size_t i = first; i < digits.size(); i += 3) {
    out.push_back(separator);
    out.append(digits, i, 3);
  }
  return out;
}

char Separator(Language language) { return language == Language::kEnglish ? ',' : '.'; }

}  // namespace

std::string FormatCount(int64_t value, Language language) {
  return absl::StrCat(value < 0 ? "-" : "", Grouped(Magnitude(value), Separator(language)));
}

std::string FormatReportCount(int64_t value, Language language) {
  if (language == Language::kVietnamese && value >= 1 && value < 10) {
    return absl::StrCat("0", value);
  }
  return FormatCount(value, language);
}

std::string FormatMoney(int64_t vnd, Language language) {
  const std::string sign = vnd < 0 ? "-" : "";
  const uint64_t magnitude = Magnitude(vnd);
  if (language == Language::kEnglish) {
    return absl::StrCat(sign, "VND ", Grouped(magnitude, ','));
  }
  constexpr uint64_t kBillion = 1'000'000'000;
  const uint64_t ty = magnitude / kBillion;
  const uint64_t trieu = magnitude / 1'000'000 % 1000;
  const uint64_t nghin = magnitude / 1000 % 1000;
  const uint64_t dong = magnitude % 1000;
  std::vector<std::string> parts;
  if (ty > 0) parts.push_back(absl::StrCat(Grouped(ty, '.'), " tỷ"));
  if (trieu > 0) parts.push_back(absl::StrCat(trieu, " triệu"));
  if (nghin > 0) parts.push_back(absl::StrCat(nghin, " nghìn"));
  if (dong > 0 || parts.empty()) parts.push_back(absl::StrCat(dong));
  std::string out = sign;
  for (const auto& part : parts) absl::StrAppend(&out, part, " ");
  absl::StrAppend(&out, "đồng");
  return out;
}

std::string FormatPercent(double percent, int decimals, Language language) {
  if (decimals < 0) decimals = 0;
  const double scale = std::pow(10.0, decimals);
  const double rounded = std::round(percent * scale) / scale;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, rounded);
  std::string out = buffer;
  if (out == "-0" || out.rfind("-0.", 0) == 0) {
    bool zero = true;
    for (char c : out) zero &= c == '-' || c == '0' || c == '.';
    if (zero) out.erase(0, 1);
  }
  if (language == Language::kVietnamese) {
    for (char& c : out) {
      if (c == '.') c = ',';
    }
  }
  return absl::StrCat(out, "%");
}

std::string FormatDay(absl::CivilDay day, Language language) {
  static constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};
  if (language == Language::kEnglish) {
    return absl::StrCat(day.day(), " ", kMonths[day.month() - 1], " ", day.year());
  }
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%02d/%02d/%04d", day.day(), day.month(),
                static_cast<int>(day.year()));
  return buffer;
}

}  // namespace coop::domain::text
