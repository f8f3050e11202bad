// The statistics sheet coopctl writes: CSV cells safe from formula injection, a multi-year
// table, titles in Vietnamese and English, and a workbook libxlsxwriter accepts. No server.
#include "tools/coopctl/statistics_sheet.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <string>

namespace coop::coopctl {
namespace {

coop::v1::AnnualStatisticsReply Year(int year, int64_t cooperatives, double share) {
  coop::v1::AnnualStatisticsReply reply;
  reply.mutable_area()->set_code("966");
  reply.mutable_area()->set_unit_set("2025-03");
  reply.set_area_name("Huyện U Minh");
  reply.set_year(year);
  reply.set_period_from(std::to_string(year) + "-01-01");
  reply.set_period_to(std::to_string(year) + "-12-31");
  reply.set_position(42);
  auto* f = reply.add_figures();
  f->set_name("cooperatives");
  f->set_label("Số HTX cuối kỳ");
  f->set_value(cooperatives);
  auto* p = reply.add_figures();
  p->set_name("ratings.good_or_fair_share");
  p->set_label("=Tỷ lệ, \"khá\"");
  p->set_value(5);
  p->set_is_percent(true);
  p->set_percent(share);
  return reply;
}

TEST(StatisticsSheetTest, CsvCellsThatCouldRunAsFormulasAreEscaped) {
  EXPECT_EQ(CsvCell("=SUM(A1:A9)"), "'=SUM(A1:A9)");
  EXPECT_EQ(CsvCell("+1"), "'+1");
  EXPECT_EQ(CsvCell("-2"), "'-2");
  EXPECT_EQ(CsvCell("@cmd"), "'@cmd");
  EXPECT_EQ(CsvCell("\tx"), "'\tx");
  EXPECT_EQ(CsvCell("Số HTX"), "Số HTX");
  EXPECT_EQ(CsvCell("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvCell("=a,\"b\""), "\"'=a,\"\"b\"\"\"");
}

TEST(StatisticsSheetTest, AMultiYearTableHasOneColumnPerYear) {
  const auto sheet = BuildSheet({Year(2023, 14, 62.5), Year(2024, 15, 50)}, "vi", "");
  EXPECT_EQ(SheetCsv(sheet),
            "Mã,Chỉ tiêu,2023,2024\n"
            "cooperatives,Số HTX cuối kỳ,14,15\n"
            "ratings.good_or_fair_share,\"'=Tỷ lệ, \"\"khá\"\"\",62.5,50.0\n");
  ASSERT_EQ(sheet.title_lines.size(), 4u);
  EXPECT_EQ(sheet.title_lines[0], "Thống kê kinh tế tập thể: Huyện U Minh (966)");
  EXPECT_EQ(sheet.title_lines[1], "Bộ đơn vị hành chính: 2025-03");
  EXPECT_EQ(sheet.title_lines[2], "Kỳ: năm 2023–2024 (từ 2023-01-01 đến 2024-12-31)");
  EXPECT_EQ(sheet.title_lines[3], "Thời điểm số liệu: số liệu hiện có (vị trí nhật ký 42)");
  const auto english = BuildSheet({Year(2024, 15, 50)}, "en", "as known at log position 7");
  EXPECT_EQ(english.title_lines[2], "Period: calendar year 2024 (2024-01-01 to 2024-12-31)");
  EXPECT_EQ(english.title_lines[3], "Known: as known at log position 7");
  EXPECT_EQ(english.name_header, "Name");
}

TEST(StatisticsSheetTest, UnassignedFiguresAndLargeValuesKeepTheirDigits) {
  auto y2024 = Year(2024, 9'007'199'254'740'993, 50);  // 2^53 + 1: not a double
  auto* bucket = y2024.add_unassigned();
  bucket->set_old_code("32053");
  bucket->set_old_name("Xã Nguyễn Phích");
  auto* figure = bucket->add_figures();
  figure->set_name("cooperatives");
  figure->set_label("Số HTX cuối kỳ");
  figure->set_value(2);
  const auto sheet = BuildSheet({Year(2023, 14, 62.5), y2024}, "vi", "");
  EXPECT_EQ(SheetCsv(sheet),
            "Mã,Chỉ tiêu,2023,2024\n"
            "cooperatives,Số HTX cuối kỳ,14,9007199254740993\n"
            "ratings.good_or_fair_share,\"'=Tỷ lệ, \"\"khá\"\"\",62.5,50.0\n"
            "unassigned.32053.cooperatives,Số HTX cuối kỳ (chưa phân bổ: 32053 Xã Nguyễn "
            "Phích),0,2\n");
}

TEST(StatisticsSheetTest, TheWorkbookIsWritten) {
  const std::string path = ::testing::TempDir() + "statistics_sheet_test.xlsx";
  std::remove(path.c_str());
  const auto sheet = BuildSheet({Year(2023, 14, 62.5)}, "en", "");
  ASSERT_TRUE(WriteSheetXlsx(sheet, path).ok());
  struct stat info {};
  ASSERT_EQ(stat(path.c_str(), &info), 0);
  EXPECT_GT(info.st_size, 1000);
  EXPECT_FALSE(WriteSheetXlsx(sheet, "/no/such/folder/x.xlsx").ok());
}

}  // namespace
}  // namespace coop::coopctl
