// Place names in running text and titles, in Vietnamese and English, for every level word of
// the shipped catalogues. Pure; no I/O.
#include "domain/text/place_names.h"

#include <gtest/gtest.h>

namespace coop::domain::text {
namespace {

constexpr Language kVi = Language::kVietnamese;
constexpr Language kEn = Language::kEnglish;

TEST(PlaceNamesTest, TheLevelWordIsLowerCaseInVietnameseText) {
  EXPECT_EQ(PlaceInText("Huyện U Minh", kVi), "huyện U Minh");
  EXPECT_EQ(PlaceInText("Xã Khánh An", kVi), "xã Khánh An");
  EXPECT_EQ(PlaceInText("Tỉnh Cà Mau", kVi), "tỉnh Cà Mau");
  EXPECT_EQ(PlaceInText("Thành phố Hà Nội", kVi), "thành phố Hà Nội");
  EXPECT_EQ(PlaceInText("Thị trấn U Minh", kVi), "thị trấn U Minh");
  EXPECT_EQ(PlaceInText("Thị xã Giá Rai", kVi), "thị xã Giá Rai");
  EXPECT_EQ(PlaceInText("Đặc khu Phú Quốc", kVi), "đặc khu Phú Quốc");
  EXPECT_EQ(PlaceTitle("Huyện U Minh", kVi), "Huyện U Minh");
  EXPECT_EQ(PlaceTitle("xã Bắc Sơn", kVi), "Xã Bắc Sơn");  // one catalogue row is lower case
}

TEST(PlaceNamesTest, EnglishPutsTheLevelAfterTheNameOrBeforeANumber) {
  EXPECT_EQ(PlaceInText("Huyện U Minh", kEn), "U Minh District");
  EXPECT_EQ(PlaceInText("Quận Ba Đình", kEn), "Ba Đình District");
  EXPECT_EQ(PlaceInText("Xã Khánh An", kEn), "Khánh An Commune");
  EXPECT_EQ(PlaceInText("Phường Bến Nghé", kEn), "Bến Nghé Ward");
  EXPECT_EQ(PlaceInText("Thị trấn U Minh", kEn), "U Minh Township");
  EXPECT_EQ(PlaceInText("Thị xã Giá Rai", kEn), "Giá Rai Town");
  EXPECT_EQ(PlaceInText("Thành phố Cần Thơ", kEn), "Cần Thơ City");
  EXPECT_EQ(PlaceInText("Tỉnh Cà Mau", kEn), "Cà Mau Province");
  EXPECT_EQ(PlaceInText("Đặc khu Côn Đảo", kEn), "Côn Đảo Special Zone");
  EXPECT_EQ(PlaceInText("Phường 1", kEn), "Ward 1");
  EXPECT_EQ(PlaceInText("Quận 3", kEn), "District 3");
  EXPECT_EQ(PlaceTitle("Quận 3", kVi), "Quận 3");
}

TEST(PlaceNamesTest, ANameWithoutALevelWordIsGivenAsItIs) {
  EXPECT_EQ(PlaceInText("Việt Nam", kVi), "Việt Nam");
  EXPECT_EQ(PlaceInText("Việt Nam", kEn), "Việt Nam");
  EXPECT_EQ(PlaceInText("Xã", kEn), "Xã");
}

}  // namespace
}  // namespace coop::domain::text
