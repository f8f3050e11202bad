#include "domain/areas/unit_set.h"

#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace coop::domain::areas {
namespace {

TEST(UnitSetTest, GivenEachSetWhenNamedAndParsedBackThenItRoundTrips) {
  EXPECT_EQ(UnitSetName(UnitSet::k2025_03), "2025-03");
  EXPECT_EQ(UnitSetName(UnitSet::k2025_07), "2025-07");
  for (UnitSet set : kAllUnitSets) {
    absl::StatusOr<UnitSet> parsed = ParseUnitSet(UnitSetName(set));
    ASSERT_OK(parsed);
    EXPECT_EQ(*parsed, set);
  }
}

TEST(UnitSetTest, GivenAnUnknownNameWhenParsedThenTheErrorNamesTheKnownSets) {
  absl::StatusOr<UnitSet> parsed = ParseUnitSet("2024-01");
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(parsed.status().message(), "\"2024-01\" is not a unit set; use 2025-03 or 2025-07");
}

TEST(UnitSetTest, GivenAnUnknownNameInARequestFieldWhenParsedThenTheErrorNamesItInBothLanguages) {
  absl::StatusOr<UnitSet> parsed = ParseUnitSetField("area.unit_set", "2024-01");
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(parsed.status().message(),
            "area.unit_set: \"2024-01\" không phải bộ đơn vị hành chính; dùng 2025-03 hoặc 2025-07"
            " / area.unit_set: \"2024-01\" is not a unit set; use 2025-03 or 2025-07");
  absl::StatusOr<UnitSet> known = ParseUnitSetField("area.unit_set", "2025-07");
  ASSERT_OK(known);
  EXPECT_EQ(*known, UnitSet::k2025_07);
}

TEST(UnitSetTest, GivenTheTwoSetsWhenAskedForDistrictsThenOnlyTheThreeLevelSetHasThem) {
  EXPECT_TRUE(HasDistricts(UnitSet::k2025_03));
  EXPECT_FALSE(HasDistricts(UnitSet::k2025_07));
}

TEST(UnitSetTest, GivenTheDayBeforeTheReformWhenAskedThenTheThreeLevelSetIsInForce) {
  EXPECT_EQ(UnitSetInForceOn(absl::CivilDay(2025, 6, 30)), UnitSet::k2025_03);
  EXPECT_EQ(UnitSetInForceOn(absl::CivilDay(2010, 1, 1)), UnitSet::k2025_03);
  absl::StatusOr<UnitSet> set = UnitSetInForceOn("2025-06-30");
  ASSERT_OK(set);
  EXPECT_EQ(*set, UnitSet::k2025_03);
}

TEST(UnitSetTest, GivenTheReformDayAndLaterWhenAskedThenTheTwoLevelSetIsInForce) {
  EXPECT_EQ(kTwoLevelReformDay, absl::CivilDay(2025, 7, 1));
  EXPECT_EQ(UnitSetInForceOn(absl::CivilDay(2025, 7, 1)), UnitSet::k2025_07);
  EXPECT_EQ(UnitSetInForceOn(absl::CivilDay(2030, 12, 31)), UnitSet::k2025_07);
  absl::StatusOr<UnitSet> set = UnitSetInForceOn("2025-07-01");
  ASSERT_OK(set);
  EXPECT_EQ(*set, UnitSet::k2025_07);
}

TEST(UnitSetTest, GivenTextThatIsNotADateWhenAskedThenItIsInvalid) {
  absl::StatusOr<UnitSet> set = UnitSetInForceOn("2025-06-31");
  EXPECT_EQ(set.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(set.status().message().find("2025-06-31"), absl::string_view::npos) << set.status();
}

}  // namespace
}  // namespace coop::domain::areas
