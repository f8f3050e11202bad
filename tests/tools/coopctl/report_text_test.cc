// The text coopctl prints for the reporting replies, from hand-made replies: exact tables,
// CSV and JSON, so a change of format is a deliberate one.
#include "tools/coopctl/report_text.h"

#include <gtest/gtest.h>

#include <string>

#include "tools/coopctl/output.h"
#include "tools/coopctl/text_table.h"
#include "tools/coopctl/view_text.h"

namespace coop::coopctl {
namespace {

coop::v1::StatisticFigure Figure(const std::string& name, const std::string& label, int64_t value) {
  coop::v1::StatisticFigure figure;
  figure.set_name(name);
  figure.set_label(label);
  figure.set_value(value);
  return figure;
}

coop::v1::AnnualStatisticsReply UMinh2020() {
  coop::v1::AnnualStatisticsReply reply;
  reply.mutable_area()->set_code("966");
  reply.mutable_area()->set_unit_set("2025-03");
  reply.set_area_name("Huyện U Minh");
  reply.set_year(2020);
  reply.set_period_from("2020-01-01");
  reply.set_period_to("2020-12-31");
  reply.set_position(1234);
  reply.set_source("precomputed");
  *reply.add_figures() = Figure("cooperatives", "Cooperatives", 14);
  *reply.add_figures() = Figure("members", "HTX members", 230);
  *reply.add_figures() = Figure("charter_capital_vnd", "Charter capital (VND)", 12'400'000'000);
  auto* share = reply.add_figures();
  *share = Figure("ratings.fair_or_better", "Rated Khá or better", 5);
  share->set_is_percent(true);
  share->set_percent(62.5);
  share->set_denominator(8);
  auto* bucket = reply.add_unassigned();
  bucket->set_old_code("32044");
  bucket->set_old_name("Thị trấn U Minh");
  bucket->add_candidate_codes("32045");
  bucket->add_candidate_codes("32046");
  *bucket->add_figures() = Figure("cooperatives", "Cooperatives", 1);
  return reply;
}

TEST(TextTableTest, CountsCharactersNotBytesAndTrimsTheLastColumn) {
  EXPECT_EQ(DisplayWidth("Khánh"), 5u);
  EXPECT_EQ(Thousands(0), "0");
  EXPECT_EQ(Thousands(999), "999");
  EXPECT_EQ(Thousands(1000), "1,000");
  EXPECT_EQ(Thousands(-1234567), "-1,234,567");
  TextTable table({TextTable::kLeft, TextTable::kRight});
  table.AddRow({"Khánh An", "7", "x"});
  table.AddRow({"U Minh", "120", ""});
  EXPECT_EQ(table.Render(),
            "Khánh An    7  x\n"
            "U Minh    120\n");
}

TEST(ReportTextTest, StatisticsTable) {
  EXPECT_EQ(FormatStatisticsTable(UMinh2020(), Language::kEnglish),
            "Annual statistics 2020: Huyện U Minh, 966 (2025-03)\n"
            "period 2020-01-01 to 2020-12-31, log position 1234, precomputed\n"
            "\n"
            "Cooperatives                       14\n"
            "HTX members                       230\n"
            "Charter capital (VND)  12,400,000,000\n"
            "Rated Khá or better             62.5%  (5 of 8)\n"
            "\n"
            "Unassigned: 32044 Thị trấn U Minh, split between 32045, 32046\n"
            "  Cooperatives                      1\n");
}

// Vietnamese by default: coopctl's own words, digits grouped with ".", the decimal sign ",",
// dates day first.
TEST(ReportTextTest, StatisticsTableInVietnamese) {
  EXPECT_EQ(FormatStatisticsTable(UMinh2020(), Language::kVietnamese),
            "Thống kê năm 2020: Huyện U Minh, 966 (2025-03)\n"
            "kỳ từ 01/01/2020 đến 31/12/2020, vị trí nhật ký 1234, số liệu tính sẵn\n"
            "\n"
            "Cooperatives                       14\n"
            "HTX members                       230\n"
            "Charter capital (VND)  12.400.000.000\n"
            "Rated Khá or better             62,5%  (5 trên 8)\n"
            "\n"
            "Chưa phân bổ: 32044 Thị trấn U Minh, chia cho 32045, 32046\n"
            "  Cooperatives                      1\n");
  EXPECT_EQ(FormatStatisticsCsv(UMinh2020(), Language::kVietnamese)
                .rfind("mã,chỉ tiêu,giá trị,tỷ lệ (%)\ncooperatives,Cooperatives,14,\n", 0),
            0u);
}

TEST(ReportTextTest, StatisticsCsv) {
  EXPECT_EQ(FormatStatisticsCsv(UMinh2020(), Language::kEnglish),
            "name,label,value,percent\n"
            "cooperatives,Cooperatives,14,\n"
            "members,HTX members,230,\n"
            "charter_capital_vnd,Charter capital (VND),12400000000,\n"
            "ratings.fair_or_better,Rated Khá or better,5,62.5\n"
            "unassigned.32044.cooperatives,Cooperatives (unassigned: 32044 Thị trấn U Minh),1,\n");
  coop::v1::AnnualStatisticsReply quoted;
  *quoted.add_figures() = Figure("x", "Classes, \"vocational\"", 3);
  EXPECT_EQ(FormatStatisticsCsv(quoted, Language::kEnglish),
            "name,label,value,percent\n"
            "x,\"Classes, \"\"vocational\"\"\",3,\n");
}

TEST(ReportTextTest, StatisticsJsonIsTheReplyInTheProtobufMapping) {
  coop::v1::AnnualStatisticsReply reply;
  reply.mutable_area()->set_code("966");
  reply.set_year(2020);
  reply.set_position(7);
  *reply.add_figures() = Figure("cooperatives", "Cooperatives", 14);
  EXPECT_EQ(ToJsonLine(reply),
            R"({"area":{"code":"966","unit_set":""},"area_name":"","year":2020,)"
            R"("period_from":"","period_to":"","position":"7","figures":[{"name":"cooperatives",)"
            R"("label":"Cooperatives","value":"14","is_percent":false,"percent":0,)"
            R"("denominator":"0"}],"unassigned":[],"source":""})");
}

TEST(ReportTextTest, Explanation) {
  coop::v1::ExplainStatisticReply reply;
  *reply.mutable_figure() = Figure("cooperatives", "Cooperatives", 2);
  auto* first = reply.add_events();
  first->set_position(12);
  first->set_stream_id("coop-a");
  first->set_occurred_on("2019-03-01");
  first->set_contribution(1);
  first->set_line("HTX Khánh An registered");
  auto* second = reply.add_events();
  second->set_position(1045);
  second->set_stream_id("coop-bb");
  second->set_occurred_on("2020-07-15");
  second->set_contribution(-1);
  second->set_type("coop.v1.CooperativeDissolved");
  reply.set_truncated(true);
  EXPECT_EQ(FormatExplanation(reply, Language::kEnglish),
            "Cooperatives (cooperatives) = 2\n"
            "  #12  2019-03-01  coop-a   +1  HTX Khánh An registered\n"
            "#1045  2020-07-15  coop-bb  -1  coop.v1.CooperativeDissolved\n"
            "... truncated after 2 events (raise --limit to see more)\n");
}

TEST(ReportTextTest, PlanProgress) {
  coop::v1::PlanProgressReply reply;
  reply.mutable_area()->set_code("966");
  reply.mutable_area()->set_unit_set("2025-03");
  reply.set_year(2021);
  reply.set_decision("12/QĐ-UBND");
  reply.set_position(99);
  auto* t1 = reply.add_targets();
  t1->set_indicator(coop::v1::NEW_COOPERATIVES);
  t1->set_comparison(coop::v1::AT_LEAST);
  t1->set_target(2);
  t1->set_actual(3);
  t1->set_met(true);
  auto* t2 = reply.add_targets();
  t2->set_indicator(coop::v1::NEW_GROUPS);
  t2->set_comparison(coop::v1::EQUAL);
  t2->set_per_commune(true);
  t2->set_target(8);
  t2->set_actual(5);
  EXPECT_EQ(FormatPlanProgress(reply, Language::kEnglish),
            "Plan 2021: 966 (2025-03), decision 12/QĐ-UBND, log position 99\n"
            "\n"
            "indicator                 target  actual\n"
            "New cooperatives             ≥ 2       3  met\n"
            "New groups (per commune)     = 8       5  not met\n"
            "\n"
            "1 of 2 targets met\n");
  EXPECT_EQ(FormatPlanProgress(reply, Language::kVietnamese),
            "Kế hoạch năm 2021: 966 (2025-03), quyết định 12/QĐ-UBND, vị trí nhật ký 99\n"
            "\n"
            "chỉ tiêu             mục tiêu  thực hiện\n"
            "New cooperatives          ≥ 2          3  đạt\n"
            "New groups (mỗi xã)       = 8          5  chưa đạt\n"
            "\n"
            "Đạt 1/2 chỉ tiêu\n");
}

TEST(ReportTextTest, ComplianceOcopAndCriterion13) {
  coop::v1::ComplianceIssuesReply issues;
  issues.set_position(50);
  auto* issue = issues.add_issues();
  issue->set_code("2000000001");
  issue->set_name("HTX Khánh An");
  issue->mutable_address()->set_code("32059");
  issue->mutable_address()->set_unit_set("2025-03");
  issue->set_kind(coop::v1::NO_ANNUAL_REPORT);
  issue->set_detail("due 2021-12-15");
  EXPECT_EQ(FormatComplianceIssues(issues, Language::kEnglish),
            "2000000001  HTX Khánh An  32059 (2025-03)  no annual report  -  due 2021-12-15\n"
            "1 issue, log position 50\n");

  coop::v1::ListOcopProductsReply products;
  products.set_four_stars(1);
  products.set_position(60);
  auto* product = products.add_products();
  product->set_product_id("p1");
  product->set_cooperative_id("c1");
  product->set_product_name("Mắm tôm");
  product->set_stars(4);
  product->set_score(87.25);
  product->set_level(coop::v1::OCOP_LEVEL_PROVINCE);
  product->set_rated_on("2024-05-01");
  product->set_expires_on("2027-05-01");
  product->mutable_area()->set_code("32059");
  EXPECT_EQ(FormatOcopProducts(products, Language::kEnglish),
            "4★  87.2  Mắm tôm  product p1  cooperative c1  32059  rated 2024-05-01 (province)  "
            "expires 2027-05-01\n"
            "3★: 0  4★: 1  5★: 0  (1 product, log position 60)\n");

  coop::v1::Criterion13Reply communes;
  communes.set_communes_met(1);
  communes.set_communes_total(2);
  communes.set_rule("an HTX rated fair or better");
  communes.set_position(70);
  auto* met = communes.add_communes();
  met->mutable_commune()->set_code("32059");
  met->set_name("Xã Khánh An");
  met->set_met(true);
  met->add_cooperative_ids("c1");
  auto* unmet = communes.add_communes();
  unmet->mutable_commune()->set_code("32044");
  unmet->set_name("Thị trấn U Minh");
  EXPECT_EQ(FormatCriterion13(communes, Language::kEnglish),
            "32059  Xã Khánh An      met      c1\n"
            "32044  Thị trấn U Minh  not met\n"
            "1 of 2 communes meet criterion 13 (an HTX rated fair or better), log position 70\n");
}

TEST(ViewTextTest, CooperativeViewOneFieldPerLine) {
  coop::v1::CooperativeView view;
  view.set_cooperative_id("c1");
  view.set_name("HTX Khánh An");
  view.set_kind(coop::v1::COOPERATIVE);
  view.set_status("active");
  view.mutable_address()->set_code("32059");
  view.mutable_address()->set_unit_set("2025-03");
  view.mutable_members()->set_official(9);
  view.set_charter_capital_vnd(500'000'000);
  auto* change = view.add_status_history();
  change->set_status("registered");
  change->set_on("2024-09-01");
  change->set_position(1);
  auto* second = view.add_status_history();
  second->set_status("active");
  second->set_on("2024-09-02");
  second->set_position(2);
  EXPECT_EQ(FormatView(view, Language::kEnglish),
            "cooperative id       c1\n"
            "name                 HTX Khánh An\n"
            "kind                 cooperative\n"
            "status               active\n"
            "address              32059 (2025-03)\n"
            "members              official 9\n"
            "charter capital vnd  500,000,000\n"
            "status history       (status registered, on 2024-09-01, position 1)\n"
            "                     (status active, on 2024-09-02, position 2)\n");
  EXPECT_EQ(FormatCooperativeList({view}, Language::kEnglish),
            "c1  -  active  32059 (2025-03)  HTX Khánh An\n");
}

}  // namespace
}  // namespace coop::coopctl
