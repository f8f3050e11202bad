#include "tools/golden/statistics_text.h"

#include <gtest/gtest.h>

#include <string>

namespace coop::golden {
namespace {

void AddFigure(Figures* figures, const std::string& name, int64_t value, bool percent = false,
               int64_t denominator = 0, double share = 0) {
  auto* figure = figures->Add();
  figure->set_name(name);
  figure->set_label("nhãn " + name);
  figure->set_value(value);
  figure->set_is_percent(percent);
  figure->set_denominator(denominator);
  figure->set_percent(share);
}

// A reply of the catalogue cooperatives, members, share with the given values.
coop::v1::AnnualStatisticsReply Reply(int64_t cooperatives, int64_t members, int64_t good,
                                      int64_t rated) {
  coop::v1::AnnualStatisticsReply reply;
  reply.mutable_area()->set_code("96");
  reply.mutable_area()->set_unit_set("2025-03");
  reply.set_year(2024);
  reply.set_position(15433);
  AddFigure(reply.mutable_figures(), "cooperatives", cooperatives);
  AddFigure(reply.mutable_figures(), "members", members);
  AddFigure(reply.mutable_figures(), "share", good, true, rated,
            rated == 0 ? 0 : 100.0 * static_cast<double>(good) / static_cast<double>(rated));
  return reply;
}

TEST(StatisticsTextTest, TheCatalogueIsWrittenOnceAndALineHasTheFiguresOtherThanZero) {
  FigureCatalogue catalogue;
  catalogue.Set(Reply(0, 0, 0, 0).figures());
  ASSERT_EQ(catalogue.HeaderLines().size(), 3u);
  EXPECT_EQ(catalogue.HeaderLines()[2],
            "# chỉ tiêu / figure: name: \"share\" label: \"nhãn share\" is_percent: true");

  EXPECT_EQ(StatisticsLine(Reply(3, 0, 1, 3), catalogue),
            "area { code: \"96\" unit_set: \"2025-03\" } year: 2024 | cooperatives=3 "
            "share=1/3(33.333333333333336%)");
  EXPECT_EQ(StatisticsLine(Reply(0, 0, 0, 0), catalogue),
            "area { code: \"96\" unit_set: \"2025-03\" } year: 2024 | (0)");
  EXPECT_FALSE(AnyFigure(Reply(0, 0, 0, 0)));
  EXPECT_TRUE(AnyFigure(Reply(0, 0, 0, 2)));
}

TEST(StatisticsTextTest, PartOfTheCatalogueListsEveryFigureItHas) {
  FigureCatalogue catalogue;
  catalogue.Set(Reply(0, 0, 0, 0).figures());
  Figures some;
  AddFigure(&some, "members", 0);
  AddFigure(&some, "share", 0, true);
  EXPECT_EQ(catalogue.Text(some), "|= members=0 share=0");
}

TEST(StatisticsTextTest, FiguresThatAreNotTheCataloguesAreWrittenInFull) {
  FigureCatalogue catalogue;
  catalogue.Set(Reply(0, 0, 0, 0).figures());
  Figures reordered;
  AddFigure(&reordered, "members", 5);
  AddFigure(&reordered, "cooperatives", 0);
  EXPECT_EQ(catalogue.Text(reordered),
            "| !catalogue {name: \"members\" label: \"nhãn members\" value: 5} "
            "{name: \"cooperatives\" label: \"nhãn cooperatives\"}");

  auto relabelled = Reply(1, 0, 0, 0);
  relabelled.mutable_figures(0)->set_label("khác");
  EXPECT_NE(catalogue.Text(relabelled.figures()).find("!catalogue"), std::string::npos);
}

TEST(StatisticsTextTest, UnassignedBucketsFollowTheReplysFigures) {
  FigureCatalogue catalogue;
  catalogue.Set(Reply(0, 0, 0, 0).figures());
  auto reply = Reply(2, 0, 0, 0);
  auto* bucket = reply.add_unassigned();
  bucket->set_old_code("32048");
  bucket->add_candidate_codes("32047");
  AddFigure(bucket->mutable_figures(), "cooperatives", 1);
  EXPECT_EQ(catalogue.ReplyText(reply),
            "| cooperatives=2 || unassigned old_code: \"32048\" candidate_codes: \"32047\" |= "
            "cooperatives=1");
}

}  // namespace
}  // namespace coop::golden
