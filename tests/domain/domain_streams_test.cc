// The one list of the domain's stream categories (domain/streams/domain_streams.h).
#include "domain/streams/domain_streams.h"

#include <gtest/gtest.h>

namespace coop::domain {
namespace {

TEST(DomainStreamsTest, EveryAggregateAndTheCodeReservationsAreDomainCategories) {
  for (const char* stream :
       {"coop-1", "coopcode-2000000001", "group-1", "hall-1", "class-1", "ocop-1", "grant-1",
        "placement-1", "plan-2025-03-966-2025", "person-00000000-0000-0000-0000-000000000001"}) {
    EXPECT_NE(DomainCategoryOf(stream), nullptr) << stream;
  }
  EXPECT_EQ(DomainCategoryOf("coopcode-1")->prefix, "coopcode-") << "longest prefix first";
  EXPECT_EQ(DomainStreamCategories().size(), 10u);
}

TEST(DomainStreamsTest, MatchingIgnoresCaseAndLeavesOtherStreamsAlone) {
  EXPECT_NE(DomainCategoryOf("COOP-1"), nullptr);
  EXPECT_NE(DomainCategoryOf("Placement-1"), nullptr);
  EXPECT_EQ(DomainCategoryOf("ledger-1"), nullptr);
  EXPECT_EQ(DomainCategoryOf("cooperative"), nullptr) << "no dash, no category";
  EXPECT_EQ(DomainCategoryOf(""), nullptr);
}

}  // namespace
}  // namespace coop::domain
