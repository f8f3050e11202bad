// A table of annual statistics over one or more years, as coopctl writes it to a file: CSV or
// an .xlsx workbook (Debian's libxlsxwriter). Rows are the statistics in the server's order,
// with their labels in the language the server wrote them in, then the figures of split
// communes that could not be assigned (`unassigned.<old code>.<name>`); columns are the years. The
// workbook's first rows name the area, the unit set, the period and the knowledge cut-off;
// numbers are numbers (percentages as fractions formatted 0.0%).
//
// CSV cells of text that begin with '=', '+', '-', '@', a tab or a carriage return are
// prefixed with "'", so that a spreadsheet program does not run them as formulas.
//
// Pure except WriteSheetXlsx (writes a file); thread-compatible.
#ifndef COOPLEDGER_TOOLS_COOPCTL_STATISTICS_SHEET_H_
#define COOPLEDGER_TOOLS_COOPCTL_STATISTICS_SHEET_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "coop/v1/reporting.pb.h"

namespace coop::coopctl {

struct StatisticsSheet {
  std::vector<std::string> title_lines;  // what, where, when, as known when
  std::vector<int32_t> years;
  struct Row {
    std::string name;   // the statistic's stable name
    std::string label;  // for people
    bool percent = false;
    std::vector<int64_t> counts;   // one per year (not a percentage)
    std::vector<double> percents;  // one per year, in percent (62.5), for a percentage
  };
  std::vector<Row> rows;
  std::string name_header;   // "Mã" / "Name"
  std::string label_header;  // "Chỉ tiêu" / "Statistic"
};

// The sheet of `replies` (one per year, in year order, for the same area and options).
// `lang`: the language of the titles ("vi" or "en"); `cutoff`: the knowledge cut-off in words
// (empty: as known at the replies' log position).
StatisticsSheet BuildSheet(const std::vector<coop::v1::AnnualStatisticsReply>& replies,
                           const std::string& lang, const std::string& cutoff);

// A CSV cell: formula-safe (see above), then RFC 4180 quoting.
std::string CsvCell(const std::string& text);

// name,label,<year>,... lines, after a header line.
std::string SheetCsv(const StatisticsSheet& sheet);

// Writes the workbook to `path` (replacing it); INTERNAL with libxlsxwriter's reason if it
// cannot be written.
absl::Status WriteSheetXlsx(const StatisticsSheet& sheet, const std::string& path);

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_STATISTICS_SHEET_H_
