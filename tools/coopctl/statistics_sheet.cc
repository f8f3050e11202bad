#include "tools/coopctl/statistics_sheet.h"

#include <xlsxwriter.h>

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace coop::coopctl {
namespace {

bool English(const std::string& lang) { return lang == "en"; }

std::string PeriodWords(const std::vector<coop::v1::AnnualStatisticsReply>& replies,
                        const std::string& lang) {
  const auto& first = replies.front();
  const auto& last = replies.back();
  const std::string years = first.year() == last.year()
                                ? absl::StrCat(first.year())
                                : absl::StrCat(first.year(), "–", last.year());
  const bool reporting = first.period_from().substr(5) == "12-15";
  if (English(lang)) {
    return absl::StrCat("Period: ", reporting ? "reporting year " : "calendar year ", years, " (",
                        first.period_from(), " to ", last.period_to(), ")");
  }
  return absl::StrCat("Kỳ: ", reporting ? "năm báo cáo " : "năm ", years, " (từ ",
                      first.period_from(), " đến ", last.period_to(), ")");
}

}  // namespace

StatisticsSheet BuildSheet(const std::vector<coop::v1::AnnualStatisticsReply>& replies,
                           const std::string& lang, const std::string& cutoff) {
  StatisticsSheet sheet;
  const bool en = English(lang);
  sheet.name_header = en ? "Name" : "Mã";
  sheet.label_header = en ? "Statistic" : "Chỉ tiêu";
  if (replies.empty()) return sheet;
  const auto& last = replies.back();
  const std::string area = last.area().code().empty()
                               ? last.area_name()
                               : absl::StrCat(last.area_name(), " (", last.area().code(), ")");
  sheet.title_lines.push_back(en ? absl::StrCat("Collective economy statistics: ", area)
                                 : absl::StrCat("Thống kê kinh tế tập thể: ", area));
  sheet.title_lines.push_back(en ? absl::StrCat("Unit set: ", last.area().unit_set())
                                 : absl::StrCat("Bộ đơn vị hành chính: ", last.area().unit_set()));
  sheet.title_lines.push_back(PeriodWords(replies, lang));
  const std::string known =
      !cutoff.empty()
          ? cutoff
          : (en ? absl::StrCat("as known now (log position ", last.position(), ")")
                : absl::StrCat("số liệu hiện có (vị trí nhật ký ", last.position(), ")"));
  sheet.title_lines.push_back(en ? absl::StrCat("Known: ", known)
                                 : absl::StrCat("Thời điểm số liệu: ", known));
  for (const auto& reply : replies) sheet.years.push_back(reply.year());
  // Every row, in the server's order, then the unassigned figures in the order first seen.
  std::vector<std::string> order;
  std::map<std::string, StatisticsSheet::Row> rows;
  auto row_for = [&](const std::string& name, const std::string& label,
                     bool percent) -> StatisticsSheet::Row& {
    auto [it, added] = rows.try_emplace(name);
    if (added) {
      order.push_back(name);
      it->second.name = name;
      it->second.label = label;
      it->second.percent = percent;
      it->second.counts.assign(replies.size(), 0);
      it->second.percents.assign(replies.size(), 0.0);
    }
    return it->second;
  };
  for (size_t year = 0; year < replies.size(); ++year) {
    for (const auto& figure : replies[year].figures()) {
      auto& row = row_for(figure.name(), figure.label().empty() ? figure.name() : figure.label(),
                          figure.is_percent());
      row.counts[year] = figure.value();
      row.percents[year] = figure.percent();
    }
  }
  for (size_t year = 0; year < replies.size(); ++year) {
    for (const auto& bucket : replies[year].unassigned()) {
      for (const auto& figure : bucket.figures()) {
        std::string where = bucket.old_code();
        if (!bucket.old_name().empty()) absl::StrAppend(&where, " ", bucket.old_name());
        auto& row = row_for(absl::StrCat("unassigned.", bucket.old_code(), ".", figure.name()),
                            absl::StrCat(figure.label().empty() ? figure.name() : figure.label(),
                                         " (", en ? "unassigned: " : "chưa phân bổ: ", where, ")"),
                            figure.is_percent());
        row.counts[year] = figure.value();
        row.percents[year] = figure.percent();
      }
    }
  }
  for (const auto& name : order) sheet.rows.push_back(std::move(rows[name]));
  return sheet;
}

std::string CsvCell(const std::string& text) {
  std::string cell = text;
  if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' ||
                        cell[0] == '\t' || cell[0] == '\r')) {
    cell.insert(0, "'");
  }
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string SheetCsv(const StatisticsSheet& sheet) {
  std::string out = absl::StrCat(CsvCell(sheet.name_header), ",", CsvCell(sheet.label_header));
  for (int32_t year : sheet.years) absl::StrAppend(&out, ",", year);
  out += "\n";
  for (const auto& row : sheet.rows) {
    absl::StrAppend(&out, CsvCell(row.name), ",", CsvCell(row.label));
    for (size_t i = 0; i < sheet.years.size(); ++i) {
      if (row.percent) {
        absl::StrAppend(&out, ",", absl::StrFormat("%.1f", row.percents[i]));
      } else {
        absl::StrAppend(&out, ",", row.counts[i]);
      }
    }
    out += "\n";
  }
  return out;
}

absl::Status WriteSheetXlsx(const StatisticsSheet& sheet, const std::string& path) {
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (workbook == nullptr) {
    return absl::InternalError(absl::StrCat("cannot create the workbook ", path));
  }
  lxw_worksheet* worksheet = workbook_add_worksheet(workbook, nullptr);
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  lxw_format* percent = workbook_add_format(workbook);
  format_set_num_format(percent, "0.0%");
  lxw_format* count = workbook_add_format(workbook);
  format_set_num_format(count, "#,##0");
  lxw_row_t row = 0;
  for (const auto& line : sheet.title_lines) {
    worksheet_write_string(worksheet, row, 0, line.c_str(), row == 0 ? bold : nullptr);
    ++row;
  }
  ++row;  // a blank row before the table
  worksheet_write_string(worksheet, row, 0, sheet.name_header.c_str(), bold);
  worksheet_write_string(worksheet, row, 1, sheet.label_header.c_str(), bold);
  for (size_t i = 0; i < sheet.years.size(); ++i) {
    worksheet_write_number(worksheet, row, static_cast<lxw_col_t>(2 + i), sheet.years[i], bold);
  }
  ++row;
  for (const auto& line : sheet.rows) {
    worksheet_write_string(worksheet, row, 0, line.name.c_str(), nullptr);
    worksheet_write_string(worksheet, row, 1, line.label.c_str(), nullptr);
    for (size_t i = 0; i < sheet.years.size(); ++i) {
      const lxw_col_t col = static_cast<lxw_col_t>(2 + i);
      if (line.percent) {
        worksheet_write_number(worksheet, row, col, line.percents[i] / 100.0, percent);
      } else {
        // A spreadsheet number is a double: exact up to 2^53 (9 million tỷ đồng).
        worksheet_write_number(worksheet, row, col, static_cast<double>(line.counts[i]), count);
      }
    }
    ++row;
  }
  worksheet_set_column(worksheet, 0, 0, 34, nullptr);
  worksheet_set_column(worksheet, 1, 1, 60, nullptr);
  const lxw_error error = workbook_close(workbook);
  if (error != LXW_NO_ERROR) {
    return absl::InternalError(
        absl::StrCat("cannot write the workbook ", path, ": ", lxw_strerror(error)));
  }
  return absl::OkStatus();
}

}  // namespace coop::coopctl
