// Numbers written the Vietnamese and the English way: one test per row of docs/numbers.md,
// named by its id. Pure; no I/O.
#include "domain/text/number_format.h"

#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <set>
#include <string>

namespace coop::domain::text {
namespace {

constexpr Language kVi = Language::kVietnamese;
constexpr Language kEn = Language::kEnglish;

TEST(NumberFormatTest, N1CountThousandsGrouped) {
  EXPECT_EQ(FormatCount(1036, kVi), "1.036");
  EXPECT_EQ(FormatCount(1036, kEn), "1,036");
}

TEST(NumberFormatTest, N2LargerCount) {
  EXPECT_EQ(FormatCount(1234567, kVi), "1.234.567");
  EXPECT_EQ(FormatCount(1234567, kEn), "1,234,567");
  EXPECT_EQ(FormatCount(999, kVi), "999");
}

TEST(NumberFormatTest, N3NegativeCount) {
  EXPECT_EQ(FormatCount(-1036, kVi), "-1.036");
  EXPECT_EQ(FormatCount(-1036, kEn), "-1,036");
  EXPECT_EQ(FormatCount(INT64_MIN, kEn), "-9,223,372,036,854,775,808");
}

TEST(NumberFormatTest, N4CountUnderTenInReportText) {
  EXPECT_EQ(FormatReportCount(2, kVi), "02");
  EXPECT_EQ(FormatReportCount(2, kEn), "2");
}

TEST(NumberFormatTest, N5NineInReportText) {
  EXPECT_EQ(FormatReportCount(9, kVi), "09");
  EXPECT_EQ(FormatReportCount(9, kEn), "9");
}

TEST(NumberFormatTest, N6TenAndMoreInReportText) {
  EXPECT_EQ(FormatReportCount(10, kVi), "10");
  EXPECT_EQ(FormatReportCount(10, kEn), "10");
}

TEST(NumberFormatTest, N7ZeroInReportText) {
  EXPECT_EQ(FormatReportCount(0, kVi), "0");
  EXPECT_EQ(FormatReportCount(0, kEn), "0");
}

TEST(NumberFormatTest, N8ThousandsInReportText) {
  EXPECT_EQ(FormatReportCount(1036, kVi), "1.036");
  EXPECT_EQ(FormatReportCount(1036, kEn), "1,036");
}

TEST(NumberFormatTest, M1MoneyEveryGroup) {
  EXPECT_EQ(FormatMoney(30'255'200'000, kVi), "30 tỷ 255 triệu 200 nghìn đồng");
  EXPECT_EQ(FormatMoney(30'255'200'000, kEn), "VND 30,255,200,000");
}

TEST(NumberFormatTest, M2MoneyZeroGroupLeftOut) {
  EXPECT_EQ(FormatMoney(41'070'500'000, kVi), "41 tỷ 70 triệu 500 nghìn đồng");
  EXPECT_EQ(FormatMoney(41'070'500'000, kEn), "VND 41,070,500,000");
  EXPECT_EQ(FormatMoney(2'000'300'000, kVi), "2 tỷ 300 nghìn đồng");
}

TEST(NumberFormatTest, M3MoneyAThousandTyAndMore) {
  EXPECT_EQ(FormatMoney(1'250'000'000'000, kVi), "1.250 tỷ đồng");
  EXPECT_EQ(FormatMoney(1'250'000'000'000, kEn), "VND 1,250,000,000,000");
}

TEST(NumberFormatTest, M4MoneyThousandsOnly) {
  EXPECT_EQ(FormatMoney(500'000, kVi), "500 nghìn đồng");
  EXPECT_EQ(FormatMoney(500'000, kEn), "VND 500,000");
}

TEST(NumberFormatTest, M5MoneyOneTy) {
  EXPECT_EQ(FormatMoney(1'000'000'000, kVi), "1 tỷ đồng");
  EXPECT_EQ(FormatMoney(1'000'000'000, kEn), "VND 1,000,000,000");
}

TEST(NumberFormatTest, M6MoneyUnderAThousandDong) {
  EXPECT_EQ(FormatMoney(750, kVi), "750 đồng");
  EXPECT_EQ(FormatMoney(750, kEn), "VND 750");
}

TEST(NumberFormatTest, M7MoneyTyAndDongOnly) {
  EXPECT_EQ(FormatMoney(1'000'000'500, kVi), "1 tỷ 500 đồng");
  EXPECT_EQ(FormatMoney(1'000'000'500, kEn), "VND 1,000,000,500");
}

TEST(NumberFormatTest, M8NoMoney) {
  EXPECT_EQ(FormatMoney(0, kVi), "0 đồng");
  EXPECT_EQ(FormatMoney(0, kEn), "VND 0");
}

TEST(NumberFormatTest, P1PercentOneDecimal) {
  EXPECT_EQ(FormatPercent(12.5, 1, kVi), "12,5%");
  EXPECT_EQ(FormatPercent(12.5, 1, kEn), "12.5%");
}

TEST(NumberFormatTest, P2PercentRounded) {
  EXPECT_EQ(FormatPercent(100.0 / 3, 1, kVi), "33,3%");
  EXPECT_EQ(FormatPercent(100.0 / 3, 1, kEn), "33.3%");
  EXPECT_EQ(FormatPercent(-0.04, 1, kEn), "0.0%");
}

TEST(NumberFormatTest, P3WholePercent) {
  EXPECT_EQ(FormatPercent(100, 0, kVi), "100%");
  EXPECT_EQ(FormatPercent(100, 0, kEn), "100%");
}

TEST(NumberFormatTest, D1Day) {
  EXPECT_EQ(FormatDay(absl::CivilDay(2022, 12, 15), kVi), "15/12/2022");
  EXPECT_EQ(FormatDay(absl::CivilDay(2022, 12, 15), kEn), "15 December 2022");
}

TEST(NumberFormatTest, D2DayEarlyInAMonth) {
  EXPECT_EQ(FormatDay(absl::CivilDay(2025, 7, 1), kVi), "01/07/2025");
  EXPECT_EQ(FormatDay(absl::CivilDay(2025, 7, 1), kEn), "1 July 2025");
}

TEST(NumberFormatTest, EveryRowOfTheTableHasATest) {
  // Every id in the first column of docs/numbers.md's table names a test of this suite
  // ("N1…", "M1…", "P1…").
  std::ifstream table(std::string(COOP_DOCS_DIR) + "/numbers.md");
  ASSERT_TRUE(table.is_open());
  std::set<std::string> tested;
  const auto* suite = ::testing::UnitTest::GetInstance()->current_test_suite();
  for (int i = 0; i < suite->total_test_count(); ++i) {
    const std::string name = suite->GetTestInfo(i)->name();
    size_t digits = 1;
    while (digits < name.size() && std::isdigit(static_cast<unsigned char>(name[digits]))) {
      ++digits;
    }
    tested.insert(name.substr(0, digits));
  }
  int rows = 0;
  for (std::string line; std::getline(table, line);) {
    if (line.size() < 4 || line[0] != '|' || line[1] != ' ') continue;
    const std::string id = line.substr(2, line.find(' ', 2) - 2);
    if (id.size() < 2 || !std::isupper(static_cast<unsigned char>(id[0])) ||
        !std::isdigit(static_cast<unsigned char>(id[1]))) {
      continue;
    }
    ++rows;
    EXPECT_TRUE(tested.contains(id)) << "docs/numbers.md row " << id << " has no test";
  }
  EXPECT_GE(rows, 21);
}

}  // namespace
}  // namespace coop::domain::text
