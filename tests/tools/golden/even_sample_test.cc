#include "tools/golden/even_sample.h"

#include <gtest/gtest.h>

#include <vector>

namespace coop::golden {
namespace {

TEST(EvenSampleTest, AllOrMoreThanThereAreTakesEveryItem) {
  EXPECT_EQ(EvenSample(4, kAll), (std::vector<size_t>{0, 1, 2, 3}));
  EXPECT_EQ(EvenSample(4, 4), (std::vector<size_t>{0, 1, 2, 3}));
  EXPECT_EQ(EvenSample(4, 100), (std::vector<size_t>{0, 1, 2, 3}));
  EXPECT_TRUE(EvenSample(0, kAll).empty());
}

TEST(EvenSampleTest, FewerAreSpreadEvenlyFromTheFirst) {
  EXPECT_EQ(EvenSample(10, 3), (std::vector<size_t>{0, 3, 6}));
  EXPECT_EQ(EvenSample(100, 4), (std::vector<size_t>{0, 25, 50, 75}));
  EXPECT_EQ(EvenSample(10, 1), (std::vector<size_t>{0}));
  EXPECT_TRUE(EvenSample(10, 0).empty());
}

}  // namespace
}  // namespace coop::golden
