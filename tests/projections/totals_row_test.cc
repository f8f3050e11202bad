// The statistics' totals rows held as plain integers (TotalsRow, TotalsRowCodec in
// projections/statistics/annual_statistics_projection.h, through PageRows' codec): the bytes
// stored are those a FigureVector had before, so rows written earlier read the same and the
// projection's version did not change. On a real projection store's batches.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <utility>

#include "coop/v1/reporting.pb.h"
#include "projections/page_rows.h"
#include "projections/projection_store.h"
#include "projections/statistics/annual_statistics_projection.h"
#include "tests/support/test_support.h"

namespace coop::projections::statistics {
namespace {

coop::v1::FigureVector Vector(std::initializer_list<int64_t> values) {
  coop::v1::FigureVector out;
  for (int64_t value : values) out.add_values(value);
  return out;
}

TEST(TotalsRowCodecTest, GivenARowWhenSerializedThenItIsTheFigureVectorsBytes) {
  const TotalsRow row = {3, 0, -7, 5'000'000'000'000};
  EXPECT_EQ(TotalsRowCodec::Serialize(row),
            DeterministicBytes(Vector({3, 0, -7, 5'000'000'000'000})));
  TotalsRow parsed;
  ASSERT_TRUE(TotalsRowCodec::Parse(TotalsRowCodec::Serialize(row), &parsed));
  EXPECT_EQ(parsed, row);
  EXPECT_EQ(TotalsRowCodec::Serialize({}), "");
}

// Serialize writes the packed field itself: the same bytes as protobuf's for rows whose length
// takes two bytes and for the extreme values.
TEST(TotalsRowCodecTest, GivenLongRowsAndExtremeValuesWhenSerializedThenTheBytesAreProtobufs) {
  TotalsRow row = {std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max(), -1, 1,
                   0};
  for (int64_t i = 0; i < 300; ++i) row.push_back(i * i * (i % 2 == 0 ? 1 : -1) * 1'000'003);
  coop::v1::FigureVector vector;
  for (const int64_t value : row) vector.add_values(value);
  EXPECT_EQ(TotalsRowCodec::Serialize(row), DeterministicBytes(vector));
  TotalsRow parsed;
  ASSERT_TRUE(TotalsRowCodec::Parse(TotalsRowCodec::Serialize(row), &parsed));
  EXPECT_EQ(parsed, row);
}

TEST(TotalsRowCodecTest, GivenBytesThatAreNoFigureVectorWhenParsedThenItFails) {
  TotalsRow parsed;
  EXPECT_FALSE(TotalsRowCodec::Parse(std::string("\x0a\xff", 2), &parsed));
}

TEST(TotalsRowCodecTest,
     GivenAStoredFigureVectorWhenReadThroughPageRowsThenTheSameRowIsWrittenBack) {
  coop::testing::TempDir dir;
  auto store = ProjectionStore::Open(dir.Sub("rows"));
  ASSERT_OK(store);
  ASSERT_OK((*store)->EnsureProjection("totals"));
  const std::string stored = DeterministicBytes(Vector({1, 2, 3}));
  {
    auto batch = (*store)->NewBatch("totals");
    ASSERT_OK(batch);
    batch->Put("t/a", stored);
    batch->Put("t/b", stored);
    ASSERT_OK((*store)->Commit(*batch));
  }
  PageRows<TotalsRow, TotalsRowCodec> rows;
  auto batch = (*store)->NewBatch("totals");
  ASSERT_OK(batch);
  rows.BeginPage(1, 10);
  auto a = rows.Get(*batch, "t/a");
  ASSERT_OK(a);
  EXPECT_EQ(**a, (TotalsRow{1, 2, 3}));
  (*a)->push_back(4);
  rows.Changed("t/a");
  auto b = rows.Get(*batch, "t/b");
  ASSERT_OK(b);
  rows.Changed("t/b", /*remove=*/true);
  auto missing = rows.Get(*batch, "t/c");
  ASSERT_OK(missing);
  EXPECT_TRUE((*missing)->empty());
  rows.FinishPage(*batch, 10);
  ASSERT_OK((*store)->Commit(*batch));

  auto a_bytes = (*store)->ReadRow("totals", "t/a");
  ASSERT_OK(a_bytes);
  ASSERT_TRUE(a_bytes->has_value());
  EXPECT_EQ(**a_bytes, DeterministicBytes(Vector({1, 2, 3, 4})));
  auto b_bytes = (*store)->ReadRow("totals", "t/b");
  ASSERT_OK(b_bytes);
  EXPECT_FALSE(b_bytes->has_value());
  auto c_bytes = (*store)->ReadRow("totals", "t/c");
  ASSERT_OK(c_bytes);
  EXPECT_FALSE(c_bytes->has_value()) << "an untouched row is not written";
}

}  // namespace
}  // namespace coop::projections::statistics
