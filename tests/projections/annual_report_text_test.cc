// The annual report's paragraphs from given figures: the issue's own example district in
// Vietnamese (the words agencies write) and in English, clauses left out for zero figures,
// the reporting-year and nation openings, and per-commune targets. Pure; no I/O.
#include "projections/statistics/annual_report_text.h"

#include <gtest/gtest.h>

#include "coop/v1/class_events.pb.h"
#include "projections/statistics/statistic_catalog.h"

namespace coop::projections::statistics {
namespace {

using domain::text::Language;

// Huyện Trần Văn Thời in 2023 (figures of the example report), and its 2024 plan.
AnnualReportFacts TranVanThoi(Language language) {
  AnnualReportFacts facts;
  facts.language = language;
  facts.year = 2023;
  facts.period_from = absl::CivilDay(2023, 1, 1);
  facts.period_to = absl::CivilDay(2023, 12, 31);
  facts.area_in_text =
      language == Language::kEnglish ? "Trần Văn Thời District" : "huyện Trần Văn Thời";
  facts.figures = {
      {names::kCooperatives, 25},
      {names::kGroups, 64},
      {names::kMembers, 412},
      {names::kGroupMembers, 903},
      {names::kWorkersMembers, 318},
      {names::kCharterCapital, 41'070'500'000},
      {names::kNewCooperatives, 3},
      {ClassStatistic(coop::v1::STATE_MANAGEMENT_TRAINING, false), 2},
      {ClassStatistic(coop::v1::PROPAGANDA, false), 5},
      {ClassStatistic(coop::v1::VOCATIONAL, false), 4},
      {names::kInspectedCooperatives, 4},
      {names::kHallsFounded, 1},
  };
  facts.halls = {
      {"ấp Kinh Hãng", language == Language::kEnglish ? "Khánh Bình Commune" : "xã Khánh Bình"}};
  using T = AnnualReportFacts::Target;
  facts.targets = {
      T{coop::v1::NEW_COOPERATIVES, coop::v1::AT_LEAST, 2, false, 2},
      T{coop::v1::NEW_GROUPS, coop::v1::EQUAL, 1, true, 9},
      T{coop::v1::COOPERATIVES_AT_TRADE_FAIRS, coop::v1::AT_LEAST, 1, false, 1},
      T{coop::v1::COOPERATIVES_IN_OCOP, coop::v1::AT_LEAST, 2, false, 2},
      T{coop::v1::MODEL_COOPERATIVES, coop::v1::EQUAL, 1, false, 1},
      T{coop::v1::GRADUATES_PLACED, coop::v1::EQUAL, 1, false, 1},
  };
  facts.commune_kinds = language == Language::kEnglish ? "commune" : "xã, thị trấn";
  return facts;
}

TEST(AnnualReportTextTest, TheExampleDistrictInVietnamese) {
  const auto facts = TranVanThoi(Language::kVietnamese);
  EXPECT_EQ(YearParagraph(facts).text(),
            "Năm 2023, trên địa bàn huyện Trần Văn Thời có 25 HTX, 64 THT, với tổng số 412 thành "
            "viên HTX và 903 tổ viên THT. Trong đó có 318 thành viên là lao động thường xuyên "
            "trong HTX, với số vốn điều lệ là 41 tỷ 70 triệu 500 nghìn đồng. Trong năm đã vận "
            "động thành lập mới 03 HTX; mở 02 lớp tập huấn bồi dưỡng kiến thức quản lý nhà nước "
            "về kinh tế tập thể cho cán bộ chủ chốt cấp xã, 05 lớp tuyên truyền về kinh tế tập "
            "thể và 04 lớp truyền nghề cho thành viên THT, HTX; kiểm tra 04 HTX; thành lập 01 "
            "mô hình hội quán tại ấp Kinh Hãng, xã Khánh Bình.");
  EXPECT_EQ(TargetsParagraph(facts).text(),
            "Mục tiêu năm 2024: vận động thành lập mới từ 02 HTX trở lên; thành lập mới 09 THT "
            "(01 THT/xã, thị trấn); ít nhất 01 HTX tham gia hội chợ xúc tiến thương mại; ít nhất "
            "02 HTX tham gia chương trình OCOP; xây dựng 01 mô hình HTX điểm; giới thiệu 01 cán "
            "bộ trẻ tốt nghiệp đại học, cao đẳng về làm việc tại HTX.");
}

TEST(AnnualReportTextTest, TheExampleDistrictInEnglish) {
  const auto facts = TranVanThoi(Language::kEnglish);
  EXPECT_EQ(YearParagraph(facts).text(),
            "In 2023, Trần Văn Thời District had 25 HTX and 64 THT, with 412 HTX members and 903 "
            "THT members in total. Of these, 318 members worked regularly in the HTX, and their "
            "charter capital was VND 41,070,500,000. During the year, 3 new HTX were founded; 2 "
            "state-management training classes on the collective economy for key commune "
            "officials, 5 propaganda classes on the collective economy and 4 vocational classes "
            "for THT and HTX members were held; 4 HTX were inspected; 1 hội quán was founded in "
            "ấp Kinh Hãng, Khánh Bình Commune.");
  EXPECT_EQ(TargetsParagraph(facts).text(),
            "Targets for 2024: found at least 2 new HTX; form 9 new THT (1 per commune); have at "
            "least 1 HTX attend trade fairs; have at least 2 HTX join the OCOP programme; build 1 "
            "model HTX; place 1 young university or college graduate at HTX.");
}

TEST(AnnualReportTextTest, EveryNumberIsASegmentNamingItsStatistic) {
  const auto paragraph = YearParagraph(TranVanThoi(Language::kVietnamese));
  int numbers = 0;
  std::string joined;
  for (const auto& segment : paragraph.segments()) {
    joined += segment.text();
    if (segment.statistic().empty()) continue;
    ++numbers;
    EXPECT_NE(FindStatistic(segment.statistic()), nullptr) << segment.statistic();
  }
  EXPECT_EQ(joined, paragraph.text());
  EXPECT_EQ(numbers, 12);  // one per figure given
}

TEST(AnnualReportTextTest, AClauseAppearsOnlyWhereItsFigureIsNotZero) {
  auto facts = TranVanThoi(Language::kVietnamese);
  facts.figures[names::kInspectedCooperatives] = 0;
  facts.figures[ClassStatistic(coop::v1::PROPAGANDA, false)] = 0;
  facts.figures[names::kGroupMembers] = 0;
  const std::string text = YearParagraph(facts).text();
  EXPECT_EQ(text.find("kiểm tra"), std::string::npos) << text;
  EXPECT_EQ(text.find("tuyên truyền"), std::string::npos) << text;
  EXPECT_NE(text.find("với tổng số 412 thành viên HTX. "), std::string::npos) << text;
  EXPECT_NE(text.find("cấp xã và 04 lớp truyền nghề"), std::string::npos) << text;
  facts.targets.clear();
  EXPECT_TRUE(TargetsParagraph(facts).text().empty());
  EXPECT_TRUE(TargetsParagraph(facts).segments().empty());
}

TEST(AnnualReportTextTest, AZeroTargetIsLeftOutAndOneUnionIsSingular) {
  AnnualReportFacts facts;
  facts.language = Language::kEnglish;
  facts.year = 2024;
  using T = AnnualReportFacts::Target;
  facts.targets = {T{coop::v1::NEW_COOPERATIVES, coop::v1::AT_LEAST, 0, false, 0},
                   T{coop::v1::NEW_UNIONS, coop::v1::EQUAL, 1, false, 1}};
  const auto paragraph = TargetsParagraph(facts);
  EXPECT_EQ(paragraph.text(), "Targets for 2025: found 1 new union (LHHTX).");
  int numbers = 0;
  for (const auto& segment : paragraph.segments()) numbers += segment.value() != 0;
  EXPECT_EQ(numbers, 1);
  facts.targets = {T{coop::v1::NEW_COOPERATIVES, coop::v1::AT_LEAST, 0, false, 0}};
  EXPECT_TRUE(TargetsParagraph(facts).text().empty());
}

TEST(AnnualReportTextTest, AnAreaWithNothingSaysSo) {
  AnnualReportFacts facts;
  facts.year = 2025;
  facts.area_in_text = "xã Khánh An";
  EXPECT_EQ(YearParagraph(facts).text(), "Năm 2025, trên địa bàn xã Khánh An chưa có HTX, THT.");
  facts.language = Language::kEnglish;
  facts.area_in_text = "Khánh An Commune";
  EXPECT_EQ(YearParagraph(facts).text(), "In 2025, Khánh An Commune had no HTX or THT.");
}

TEST(AnnualReportTextTest, TheNationAndTheReportingYear) {
  AnnualReportFacts facts;
  facts.year = 2023;
  facts.reporting_year = true;
  facts.period_from = absl::CivilDay(2022, 12, 15);
  facts.period_to = absl::CivilDay(2023, 12, 14);
  facts.figures = {{names::kCooperatives, 1}, {names::kNewCooperatives, 1}};
  EXPECT_EQ(YearParagraph(facts).text(),
            "Trong kỳ báo cáo năm 2023 (từ 15/12/2022 đến 14/12/2023), cả nước có 01 HTX. "
            "Trong kỳ đã vận động thành lập mới 01 HTX.");
  facts.language = Language::kEnglish;
  EXPECT_EQ(YearParagraph(facts).text(),
            "In the 2023 reporting year (15 December 2022 to 14 December 2023), Vietnam had 1 "
            "HTX. During the period, 1 new HTX was founded.");
}

}  // namespace
}  // namespace coop::projections::statistics
