#include "base/saturating_add.h"

#include <gtest/gtest.h>

#include <limits>

namespace coop::base {
namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

TEST(SaturatingAddTest, AddsLikePlusInRange) {
  EXPECT_EQ(SaturatingAdd(2, 3), 5);
  EXPECT_EQ(SaturatingAdd(-2, 3), 1);
  EXPECT_EQ(SaturatingAdd(kMax - 1, 1), kMax);
}

// The figure that wrapped to -9,223,372,036,854,761,932 in a nation's members stays at the
// top of the range instead.
TEST(SaturatingAddTest, AnOverflowStaysAtTheEndOfTheRangeInsteadOfWrapping) {
  EXPECT_EQ(SaturatingAdd(kMax, 13'876), kMax);
  EXPECT_EQ(SaturatingAdd(kMin, -1), kMin);
  int64_t total = 13'875;
  AddTo(&total, kMax);
  EXPECT_EQ(total, kMax);
}

TEST(SaturatingSubTest, SubtractsLikeMinusInRangeAndSaturatesOutside) {
  EXPECT_EQ(SaturatingSub(5, 3), 2);
  EXPECT_EQ(SaturatingSub(-5, 3), -8);
  EXPECT_EQ(SaturatingSub(kMin + 1, 1), kMin);
  EXPECT_EQ(SaturatingSub(kMin, 1), kMin);
  EXPECT_EQ(SaturatingSub(0, kMin), kMax) << "the minimum, which cannot be negated";
  EXPECT_EQ(SaturatingSub(-1, kMin), kMax) << "in range: -1 - kMin is kMax exactly";
  EXPECT_EQ(SaturatingSub(kMax, -1), kMax);
}

}  // namespace
}  // namespace coop::base
