// coopctl stats: the annual statistics of an area (Reporting.GetAnnualStatistics), as a table,
// CSV or an .xlsx workbook, for one year or a span of years.
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tools/coopctl/cli_words.h"
#include "tools/coopctl/command.h"
#include "tools/coopctl/output.h"
#include "tools/coopctl/report_flags.h"
#include "tools/coopctl/report_text.h"
#include "tools/coopctl/reporting_call.h"
#include "tools/coopctl/statistics_sheet.h"
#include "tools/coopctl/usage_error.h"

namespace coop::coopctl {
namespace {

constexpr char kUsageHead[] =
    "usage: coopctl stats --area CODE (--year YEAR | --years FIRST-LAST) [--unit-set SET]\n"
    "                     [--in-units SET] [--as-known-at-position N | --as-known-at TIME]\n"
    "                     [--reporting-year] [--format table|csv|xlsx] [--output FILE]\n"
    "\n"
    "Thống kê năm của một xã, huyện hoặc tỉnh (định nghĩa: docs/domain.md, mục 'Annual\n"
    "statistics'): phần đầu nêu địa bàn, năm, kỳ, vị trí nhật ký mà số liệu phản ánh và nguồn\n"
    "của số liệu, rồi mỗi chỉ tiêu một dòng; tỷ lệ phần trăm lấy một chữ số thập phân, kèm mẫu\n"
    "số. Số liệu của các xã bị chia tách mà không phân bổ được (--in-units) được liệt kê sau\n"
    "cùng. Nhãn do máy chủ viết, theo --lang (mặc định vi).\n"
    "The annual statistics of a commune, district or province (definitions: docs/domain.md,\n"
    "'Annual statistics'): a header with the area, year, period, the log position the figures\n"
    "reflect and their source, then one line per figure; percentages with one decimal and\n"
    "their denominator. Figures of split communes that could not be assigned (--in-units)\n"
    "are listed after. Labels are the server's, in --lang (vi by default).\n"
    "\n"
    "--years cho mỗi năm một cột (csv và xlsx). Một khoảng năm kéo qua ngày 1/7/2025 được trình\n"
    "bày theo các đơn vị có hiệu lực trong năm cuối của khoảng (2025-07): số liệu các năm trước\n"
    "được tổng hợp lại theo các đơn vị đó, và địa bàn không phải là đơn vị của bộ 2025-07 thì\n"
    "bị từ chối.\n"
    "--years gives one column per year (csv and xlsx). A span that reaches past 1 July 2025\n"
    "is given in the units in force in its last year (2025-07): earlier years are\n"
    "re-aggregated into them, and an area that is not a unit of 2025-07 is refused.\n"
    "\n"
    "  --area CODE                 mã xã, huyện hoặc tỉnh (VN: cả nước)\n"
    "                              commune, district or province code (VN: the nation)\n"
    "  --year YEAR                 năm được báo cáo\n"
    "                              the year reported\n"
    "  --years FIRST-LAST          một khoảng năm, ví dụ 2019-2024 (nhiều nhất 30 năm)\n"
    "                              a span of years, e.g. 2019-2024 (at most 30)\n";
constexpr char kUsageTail[] =
    "  --format FORMAT             table (mặc định khi có một năm), csv, hoặc xlsx (cần --output)\n"
    "                              table (default for one year), csv, or xlsx (needs --output)\n"
    "  --csv                       như --format csv\n"
    "                              the same as --format csv\n"
    "  --output FILE               ghi vào tệp FILE thay cho đầu ra chuẩn\n"
    "                              write to FILE instead of standard output\n"
    "  --json                      câu trả lời (mỗi năm một) thành mỗi dòng một đối tượng JSON\n"
    "                              the reply (one per year) as one JSON object per line\n";

constexpr int kMaxYears = 30;
constexpr int kReformYear = 2025;  // units in force on 31 December: 2025-03 up to 2024

std::string UnitsInForceAtEndOf(int year) { return year >= kReformYear ? "2025-07" : "2025-03"; }

struct Span {
  int first = 0;
  int last = 0;
};

absl::StatusOr<Span> SpanFrom(const ParsedArgs& args) {
  if (absl::Status status = RequireAtMostOne(args, {"year", "years"}); !status.ok()) {
    return status;
  }
  auto text = args.Get("years");
  if (!text) {
    absl::StatusOr<int32_t> year = YearFrom(args);
    if (!year.ok()) return year.status();
    return Span{*year, *year};
  }
  std::vector<std::string> parts = absl::StrSplit(*text, '-');
  Span span;
  if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &span.first) ||
      !absl::SimpleAtoi(parts[1], &span.last) || span.first < 1900 || span.last > 2200 ||
      span.first > span.last) {
    return UsageError(
        absl::StrCat("--years: expected FIRST-LAST like 2019-2024, got '", *text, "'"));
  }
  if (span.last - span.first + 1 > kMaxYears) {
    return UsageError(absl::StrCat("--years: at most ", kMaxYears, " years"));
  }
  return span;
}

// The knowledge cut-off in words, from the flags; empty: as known now.
std::string CutoffWords(const ParsedArgs& args, const std::string& lang) {
  const bool en = lang == "en";
  if (auto position = args.Get("as-known-at-position")) {
    return en ? absl::StrCat("as known at log position ", *position)
              : absl::StrCat("theo số liệu đến vị trí nhật ký ", *position);
  }
  if (auto time = args.Get("as-known-at")) {
    return en ? absl::StrCat("as recorded by ", *time)
              : absl::StrCat("theo số liệu ghi nhận đến ", *time);
  }
  return "";
}

// Standard output, or --output FILE.
absl::Status Emit(const std::string& text, const ParsedArgs& args) {
  auto path = args.Get("output");
  if (!path) {
    std::cout << text;
    return absl::OkStatus();
  }
  std::ofstream file(*path, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) return absl::InternalError(absl::StrCat("cannot write ", *path));
  return absl::OkStatus();
}

absl::StatusOr<int> RunStats(const Globals& globals, const ParsedArgs& args) {
  if (absl::Status status = RequireNoPositionals(args); !status.ok()) return status;
  if (absl::Status status = RequireAtMostOne(args, {"csv", "format"}); !status.ok()) {
    return status;
  }
  std::string format = args.Has("csv") ? "csv" : args.Get("format").value_or("");
  if (!format.empty() && format != "table" && format != "csv" && format != "xlsx") {
    return UsageError(absl::StrCat("--format: expected table, csv or xlsx, got '", format, "'"));
  }
  if (globals.json && !format.empty()) {
    return UsageError("options --format (or --csv) and --json cannot be combined");
  }
  if (format == "xlsx" && !args.Get("output")) {
    return UsageError("--format xlsx: give the workbook's file with --output FILE");
  }
  absl::StatusOr<Span> span = SpanFrom(args);
  if (!span.ok()) return span.status();
  const bool several = span->first != span->last;
  if (several && format == "table") {
    return UsageError("--years: a span of years is written as csv or xlsx (--format)");
  }
  if (format.empty()) format = several ? "csv" : "table";

  // A span reaching past the reform is given in the units in force in its last year.
  const std::string last_units = UnitsInForceAtEndOf(span->last);
  const bool spans_reform = UnitsInForceAtEndOf(span->first) != last_units;
  if (spans_reform) {
    if (auto given = args.Get("unit-set"); given && *given != last_units) {
      return UsageError(absl::StrCat("--years ", span->first, "-", span->last,
                                     " reaches past 1 July 2025: the table is in the ", last_units,
                                     " units, not --unit-set ", *given));
    }
    if (auto in_units = args.Get("in-units"); in_units && *in_units != last_units) {
      return UsageError(absl::StrCat("--years ", span->first, "-", span->last,
                                     " reaches past 1 July 2025: the table is in the ", last_units,
                                     " units, not --in-units ", *in_units));
    }
  }

  std::vector<coop::v1::AnnualStatisticsReply> replies;
  for (int year = span->first; year <= span->last; ++year) {
    absl::StatusOr<coop::v1::StatisticsScope> scope = ScopeFrom(args, year);
    if (!scope.ok()) return scope.status();
    if (spans_reform && !scope->area().code().empty()) {
      scope->mutable_area()->set_unit_set(last_units);
      if (UnitsInForceAtEndOf(year) != last_units) scope->set_in_units(last_units);
    }
    coop::v1::AnnualStatisticsRequest request;
    request.set_lang(globals.lang);
    *request.mutable_scope() = *scope;
    coop::v1::AnnualStatisticsReply reply;
    grpc::Status status = CallReporting(globals, [&](auto& stub, grpc::ClientContext* context) {
      return stub.GetAnnualStatistics(context, request, &reply);
    });
    if (!status.ok()) {
      if (spans_reform && status.error_code() == grpc::StatusCode::INVALID_ARGUMENT) {
        std::cerr << "error: --years " << span->first << "-" << span->last
                  << " reaches past 1 July 2025, so the table is in the " << last_units
                  << " units; the server refused " << year << " in them: " << status.error_message()
                  << "\n";
        return kExitServerError;
      }
      return ReportRpcError(status);
    }
    replies.push_back(std::move(reply));
  }

  if (globals.json) {
    for (const auto& reply : replies) std::cout << ToJsonLine(reply) << "\n";
    return kExitOk;
  }
  if (format == "table") {
    if (absl::Status st =
            Emit(FormatStatisticsTable(replies.front(), LanguageOf(globals.lang)), args);
        !st.ok())
      return st;
    return kExitOk;
  }
  const StatisticsSheet sheet = BuildSheet(replies, globals.lang, CutoffWords(args, globals.lang));
  if (format == "xlsx") {
    if (absl::Status st = WriteSheetXlsx(sheet, *args.Get("output")); !st.ok()) return st;
    return kExitOk;
  }
  if (!args.Get("years")) {
    if (absl::Status st =
            Emit(FormatStatisticsCsv(replies.front(), LanguageOf(globals.lang)), args);
        !st.ok())
      return st;
    return kExitOk;
  }
  if (absl::Status st = Emit(SheetCsv(sheet), args); !st.ok()) return st;
  return kExitOk;
}

}  // namespace

Command StatsCommand() {
  std::vector<OptionSpec> options = ScopeOptionSpecs();
  options.push_back({"csv", false});
  options.push_back({"format", true});
  options.push_back({"years", true});
  options.push_back({"output", true});
  return {"stats", "thống kê năm của một địa bàn / annual statistics of an area and year",
          absl::StrCat(kUsageHead, ScopeOptionsHelp(), kUsageTail), options, &RunStats};
}

}  // namespace coop::coopctl
