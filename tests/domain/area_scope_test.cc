// A recorder's scope across the 2025 reform (domain/areas/area_scope.h), given/when/then.
#include "domain/areas/area_scope.h"

#include <gtest/gtest.h>

namespace coop::domain::areas {
namespace {

coop::v1::Area A(const std::string& code, const std::string& unit_set) {
  coop::v1::Area area;
  area.set_code(code);
  area.set_unit_set(unit_set);
  return area;
}

TEST(AreaScopeTest, GivenADistrictScopeThenItsCommunesAndItselfAreWithinAndOthersAreNot) {
  const auto u_minh = A("966", "2025-03");
  EXPECT_TRUE(AreaWithin(A("966", "2025-03"), u_minh));
  EXPECT_TRUE(AreaWithin(A("32059", "2025-03"), u_minh));   // Xã Khánh An
  EXPECT_FALSE(AreaWithin(A("32065", "2025-03"), u_minh));  // Thị trấn Thới Bình (967)
  EXPECT_FALSE(AreaWithin(A("96", "2025-03"), u_minh)) << "the province is above the district";
  EXPECT_TRUE(AreaWithin(A("32059", "2025-03"), A("96", "2025-03")));
}

TEST(AreaScopeTest, GivenAnOldDistrictScopeThenNewCommunesItsCommunesWentIntoAreWithin) {
  // 32044 Thị trấn U Minh (966) went wholly into 32044 Xã Nguyễn Phích of 2025-07.
  EXPECT_TRUE(AreaWithin(A("32044", "2025-07"), A("966", "2025-03")));
  EXPECT_FALSE(AreaWithin(A("32044", "2025-07"), A("967", "2025-03")));
}

TEST(AreaScopeTest, GivenANewProvinceScopeThenOldUnitsThatWentIntoItAreWithin) {
  EXPECT_TRUE(AreaWithin(A("32059", "2025-03"), A("96", "2025-07")));
  EXPECT_TRUE(AreaWithin(A("966", "2025-03"), A("96", "2025-07"))) << "through its communes";
  EXPECT_FALSE(AreaWithin(A("00004", "2025-03"), A("96", "2025-07")));  // Ba Đình, Hà Nội
}

TEST(AreaScopeTest, GivenAnUnknownAreaOrUnitSetThenNothingIsWithin) {
  EXPECT_FALSE(AreaWithin(A("99999", "2025-03"), A("96", "2025-03")));
  EXPECT_FALSE(AreaWithin(A("32059", "2024"), A("96", "2025-03")));
  EXPECT_FALSE(AreaWithin(A("", ""), A("96", "2025-03")));
  EXPECT_FALSE(AreaWithin(A("32059", "2025-03"), A("", "")));
}

}  // namespace
}  // namespace coop::domain::areas
