#include "report_flags.h"

#include <cctype>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "time_text.h"

namespace coopctl {
namespace {

bool AllDigits(const std::string& text) {
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return !text.empty();
}

std::string Lower(std::string text) {
  for (char& c : text) {
    c = c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return text;
}

}  // namespace

std::vector<OptionSpec> AreaOptionSpecs() { return {{"area"}, {"unit-set"}}; }

std::vector<OptionSpec> ScopeOptionSpecs() {
  std::vector<OptionSpec> specs = AreaOptionSpecs();
  specs.insert(specs.end(), {{"year"},
                             {"in-units"},
                             {"as-known-at-position"},
                             {"as-known-at"},
                             {"reporting-year", false}});
  return specs;
}

std::optional<coop::v1::Area> AreaFrom(const ParsedArgs& args, bool required) {
  std::optional<std::string> code = args.Get("area");
  if (!code) {
    if (args.Has("unit-set")) throw UsageError("--unit-set needs --area");
    if (required) throw UsageError("missing --area (a commune, district or province code)");
    return std::nullopt;
  }
  if (code->empty() || (!AllDigits(*code) && *code != "VN")) {
    throw UsageError(
        absl::StrCat("--area: expected an area code like 966 (or VN), got '", *code, "'"));
  }
  coop::v1::Area area;
  area.set_code(*code);
  if (auto unit_set = args.Get("unit-set")) {
    area.set_unit_set(CheckUnitSet(*unit_set, "--unit-set"));
  }
  return area;
}

int32_t YearFrom(const ParsedArgs& args) {
  std::optional<std::string> text = args.Get("year");
  if (!text) throw UsageError("missing --year");
  int32_t year = 0;
  if (!AllDigits(*text) || !absl::SimpleAtoi(*text, &year) || year < 1900 || year > 2200) {
    throw UsageError(absl::StrCat("--year: expected a year like 2020, got '", *text, "'"));
  }
  return year;
}

coop::v1::StatisticsScope ScopeFrom(const ParsedArgs& args) {
  RequireAtMostOne(args, {"as-known-at-position", "as-known-at"});
  coop::v1::StatisticsScope scope;
  *scope.mutable_area() = *AreaFrom(args, true);
  scope.set_year(YearFrom(args));
  if (auto units = args.Get("in-units")) {
    scope.set_in_units(CheckUnitSet(*units, "--in-units"));
  }
  if (auto position = args.GetUint("as-known-at-position")) {
    if (*position == 0) throw UsageError("--as-known-at-position: expected a position from 1");
    scope.set_as_known_at_position(*position);
  }
  if (auto time = args.Get("as-known-at")) {
    scope.set_as_known_at_micros(ParseTimeArg(*time, "--as-known-at"));
  }
  scope.set_period(args.Has("reporting-year") ? coop::v1::REPORTING_YEAR : coop::v1::CALENDAR_YEAR);
  return scope;
}

void RequireNoPositionals(const ParsedArgs& args) {
  if (!args.positionals().empty()) {
    throw UsageError(absl::StrCat("unexpected argument '", args.positionals().front(), "'"));
  }
}

std::string CheckUnitSet(const std::string& text, const std::string& flag) {
  if (text.size() != 7 || text[4] != '-' || !AllDigits(text.substr(0, 4)) ||
      !AllDigits(text.substr(5))) {
    throw UsageError(
        absl::StrCat(flag, ": expected a unit set like 2025-03 or 2025-07, got '", text, "'"));
  }
  return text;
}

std::string CheckDate(const std::string& text, const std::string& flag) {
  absl::CivilDay day;
  if (text.size() != 10 || !absl::ParseCivilTime(text, &day) ||
      absl::FormatCivilTime(day) != text) {
    throw UsageError(absl::StrCat(flag, ": expected a date YYYY-MM-DD, got '", text, "'"));
  }
  return text;
}

coop::v1::RatingGrade ParseGrade(const std::string& text, const std::string& flag) {
  const std::string name = Lower(text);
  if (name == "good" || name == "tot") return coop::v1::GOOD;
  if (name == "fair" || name == "kha") return coop::v1::FAIR;
  if (name == "average") return coop::v1::AVERAGE;
  if (name == "weak") return coop::v1::WEAK;
  throw UsageError(absl::StrCat(flag, ": expected good, fair, average or weak, got '", text, "'"));
}

}  // namespace coopctl
