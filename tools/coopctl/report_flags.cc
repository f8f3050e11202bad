#include "tools/coopctl/report_flags.h"

#include <cctype>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "tools/coopctl/time_text.h"

namespace coop::coopctl {
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

const char* ScopeOptionsHelp() {
  return "  --unit-set SET              bộ đơn vị của --area (mặc định: bộ có hiệu lực vào "
         "31/12/YEAR)\n"
         "                              the unit set of --area (default: in force on 31 Dec YEAR)\n"
         "  --in-units SET              tổng hợp lại theo một bộ đơn vị khác, ví dụ 2025-07\n"
         "                              re-aggregate onto another unit set, e.g. 2025-07\n"
         "  --as-known-at-position N    chỉ các sự kiện ở vị trí nhật ký N trở về trước\n"
         "                              only events at or before log position N\n"
         "  --as-known-at TIME          chỉ các sự kiện đã được ghi đến TIME (RFC 3339 hoặc một "
         "ngày)\n"
         "                              only events recorded by TIME (RFC 3339 or a date)\n"
         "  --reporting-year            kỳ báo cáo năm: từ 15/12 năm YEAR-1 đến 14/12 năm YEAR, "
         "thay\n"
         "                              cho năm dương lịch\n"
         "                              15 Dec of YEAR-1 to 14 Dec of YEAR instead of\n"
         "                              the calendar year\n";
}

std::vector<OptionSpec> ScopeOptionSpecs() {
  std::vector<OptionSpec> specs = AreaOptionSpecs();
  specs.insert(specs.end(), {{"year"},
                             {"in-units"},
                             {"as-known-at-position"},
                             {"as-known-at"},
                             {"reporting-year", false}});
  return specs;
}

absl::StatusOr<std::optional<coop::v1::Area>> OptionalAreaFrom(const ParsedArgs& args) {
  std::optional<std::string> code = args.Get("area");
  if (!code) {
    if (args.Has("unit-set")) return UsageError("--unit-set needs --area");
    return std::nullopt;
  }
  if (code->empty() || (!AllDigits(*code) && *code != "VN")) {
    return UsageError(
        absl::StrCat("--area: expected an area code like 966 (or VN), got '", *code, "'"));
  }
  coop::v1::Area area;
  area.set_code(*code);
  if (auto text = args.Get("unit-set")) {
    absl::StatusOr<std::string> unit_set = CheckUnitSet(*text, "--unit-set");
    if (!unit_set.ok()) return unit_set.status();
    area.set_unit_set(*unit_set);
  }
  return area;
}

absl::StatusOr<coop::v1::Area> AreaFrom(const ParsedArgs& args) {
  absl::StatusOr<std::optional<coop::v1::Area>> area = OptionalAreaFrom(args);
  if (!area.ok()) return area.status();
  if (!area->has_value())
    return UsageError("missing --area (a commune, district or province code)");
  return **area;
}

absl::StatusOr<int32_t> YearFrom(const ParsedArgs& args) {
  std::optional<std::string> text = args.Get("year");
  if (!text) return UsageError("missing --year");
  int32_t year = 0;
  if (!AllDigits(*text) || !absl::SimpleAtoi(*text, &year) || year < 1900 || year > 2200) {
    return UsageError(absl::StrCat("--year: expected a year like 2020, got '", *text, "'"));
  }
  return year;
}

absl::StatusOr<coop::v1::StatisticsScope> ScopeFrom(const ParsedArgs& args,
                                                    std::optional<int32_t> given_year) {
  if (absl::Status status = RequireAtMostOne(args, {"as-known-at-position", "as-known-at"});
      !status.ok()) {
    return status;
  }
  coop::v1::StatisticsScope scope;
  absl::StatusOr<coop::v1::Area> area = AreaFrom(args);
  if (!area.ok()) return area.status();
  *scope.mutable_area() = *area;
  absl::StatusOr<int32_t> year = given_year ? absl::StatusOr<int32_t>(*given_year) : YearFrom(args);
  if (!year.ok()) return year.status();
  scope.set_year(*year);
  if (auto text = args.Get("in-units")) {
    absl::StatusOr<std::string> units = CheckUnitSet(*text, "--in-units");
    if (!units.ok()) return units.status();
    scope.set_in_units(*units);
  }
  absl::StatusOr<std::optional<uint64_t>> position = args.GetUint("as-known-at-position");
  if (!position.ok()) return position.status();
  if (*position) {
    if (**position == 0) return UsageError("--as-known-at-position: expected a position from 1");
    scope.set_as_known_at_position(**position);
  }
  if (auto text = args.Get("as-known-at")) {
    absl::StatusOr<int64_t> micros = ParseTimeArg(*text, "--as-known-at");
    if (!micros.ok()) return micros.status();
    scope.set_as_known_at_micros(*micros);
  }
  scope.set_period(args.Has("reporting-year") ? coop::v1::REPORTING_YEAR : coop::v1::CALENDAR_YEAR);
  return scope;
}

absl::Status RequireNoPositionals(const ParsedArgs& args) {
  if (!args.positionals().empty()) {
    return UsageError(absl::StrCat("unexpected argument '", args.positionals().front(), "'"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> CheckUnitSet(const std::string& text, const std::string& flag) {
  if (text.size() != 7 || text[4] != '-' || !AllDigits(text.substr(0, 4)) ||
      !AllDigits(text.substr(5))) {
    return UsageError(
        absl::StrCat(flag, ": expected a unit set like 2025-03 or 2025-07, got '", text, "'"));
  }
  return text;
}

absl::StatusOr<std::string> CheckDate(const std::string& text, const std::string& flag) {
  absl::CivilDay day;
  if (text.size() != 10 || !absl::ParseCivilTime(text, &day) ||
      absl::FormatCivilTime(day) != text) {
    return UsageError(absl::StrCat(flag, ": expected a date YYYY-MM-DD, got '", text, "'"));
  }
  return text;
}

absl::StatusOr<coop::v1::RatingGrade> ParseGrade(const std::string& text, const std::string& flag) {
  const std::string name = Lower(text);
  if (name == "good" || name == "tot") return coop::v1::GOOD;
  if (name == "fair" || name == "kha") return coop::v1::FAIR;
  if (name == "average") return coop::v1::AVERAGE;
  if (name == "weak") return coop::v1::WEAK;
  return UsageError(absl::StrCat(flag, ": expected good, fair, average or weak, got '", text, "'"));
}

}  // namespace coop::coopctl
