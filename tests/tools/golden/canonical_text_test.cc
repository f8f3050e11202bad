#include "tools/golden/canonical_text.h"

#include <gtest/gtest.h>

#include "coop/v1/reporting.pb.h"

namespace coop::golden {
namespace {

TEST(CanonicalTextTest, OneLineInFieldOrderWithVietnameseAsItReads) {
  coop::v1::CooperativeView view;
  view.set_name("HTX Khánh An");
  view.set_cooperative_id("c-1");
  view.mutable_address()->set_code("32059");
  EXPECT_EQ(SingleLine(view),
            "cooperative_id: \"c-1\" name: \"HTX Khánh An\" address { code: \"32059\" }");
  EXPECT_EQ(SingleLine(coop::v1::CooperativeView()), "");
}

TEST(CanonicalTextTest, LogPositionsAreLeftOutAtAnyDepth) {
  coop::v1::CooperativeView view;
  view.set_cooperative_id("c-1");
  view.set_position(1234);
  view.set_version(7);
  auto* change = view.add_status_history();
  change->set_status("active");
  change->set_position(99);
  ClearExcluded(&view);
  EXPECT_EQ(SingleLine(view),
            "cooperative_id: \"c-1\" version: 7 status_history { status: \"active\" }");

  coop::v1::AnnualStatisticsReply reply;
  reply.set_year(2024);
  reply.set_position(15433);
  ClearExcluded(&reply);
  EXPECT_EQ(SingleLine(reply), "year: 2024");
}

}  // namespace
}  // namespace coop::golden
