// Which rating recognises an OCOP product on a date (pure: no I/O), and the fold of a product
// stream with its corrections.
#include "projections/ocop_products_projection.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "coop/v1/corrections.pb.h"
#include "coop/v1/ocop_events.pb.h"

namespace coop::projections {
namespace {

coop::v1::RecordedEvent Recorded(uint64_t position, const google::protobuf::Message& payload,
                                 const std::string& occurred_on) {
  coop::v1::RecordedEvent event;
  event.set_position(position);
  event.set_stream_version(position);
  event.set_stream_id("ocop-p1");
  event.set_event_id("00000000-0000-4000-8000-00000000000" + std::to_string(position));
  event.set_type(payload.GetDescriptor()->full_name());
  event.set_payload(payload.SerializeAsString());
  event.set_occurred_on(occurred_on);
  return event;
}

coop::v1::OcopProductRated Rating(double score, int stars) {
  coop::v1::OcopProductRated rated;
  rated.set_score(score);
  rated.set_stars(stars);
  rated.set_level(coop::v1::OCOP_LEVEL_PROVINCE);
  rated.set_decision("1/QĐ-UBND");
  return rated;
}

std::vector<coop::v1::RecordedEvent> Stream() {
  coop::v1::OcopProductEnrolled enrolled;
  enrolled.set_product_id("p1");
  enrolled.set_cooperative_id("c1");
  enrolled.set_product_name("Mật ong");
  enrolled.set_year(2021);
  return {Recorded(1, enrolled, "2021-01-10"), Recorded(2, Rating(62, 3), "2021-06-01"),
          Recorded(3, Rating(72, 4), "2023-02-01")};
}

int StarsOn(const coop::v1::OcopProductRow& row, absl::CivilDay day) {
  auto product = OcopProductsProjection::RecognisedOn(row, day);
  return product ? product->stars() : 0;
}

TEST(OcopProductsProjectionTest, TheLatestRatingDecidedByTheDateStandsFor36Months) {
  const auto row = OcopProductsProjection::Fold("p1", Stream());
  EXPECT_EQ(row.product().product_id(), "p1");
  EXPECT_EQ(row.product().cooperative_id(), "c1");
  EXPECT_EQ(row.product().stars(), 4) << "the latest rating";
  EXPECT_EQ(row.ratings_size(), 2);
  EXPECT_EQ(StarsOn(row, absl::CivilDay(2021, 5, 31)), 0) << "not yet rated";
  EXPECT_EQ(StarsOn(row, absl::CivilDay(2021, 6, 1)), 3);
  EXPECT_EQ(StarsOn(row, absl::CivilDay(2023, 1, 31)), 3);
  EXPECT_EQ(StarsOn(row, absl::CivilDay(2023, 2, 1)), 4) << "the re-rating stands";
  EXPECT_EQ(StarsOn(row, absl::CivilDay(2026, 1, 31)), 4);
  EXPECT_EQ(StarsOn(row, absl::CivilDay(2026, 2, 1)), 0) << "36 months after the decision";
}

TEST(OcopProductsProjectionTest, BelowFiftyPointsAnExpiryOrAVoidEndTheRecognition) {
  auto stream = Stream();
  stream.push_back(Recorded(4, Rating(45, 0), "2024-03-01"));
  auto row = OcopProductsProjection::Fold("p1", stream);
  EXPECT_EQ(StarsOn(row, absl::CivilDay(2024, 3, 1)), 0) << "the latest rating is below 50";
  EXPECT_EQ(StarsOn(row, absl::CivilDay(2024, 2, 29)), 4);

  coop::v1::EventVoided voided;
  voided.set_event_id(stream.back().event_id());
  stream.push_back(Recorded(5, voided, "2024-03-01"));
  row = OcopProductsProjection::Fold("p1", stream);
  EXPECT_EQ(StarsOn(row, absl::CivilDay(2024, 3, 1)), 4) << "the voided rating no longer counts";

  stream.push_back(Recorded(6, coop::v1::OcopProductExpired(), "2025-01-01"));
  row = OcopProductsProjection::Fold("p1", stream);
  EXPECT_EQ(StarsOn(row, absl::CivilDay(2024, 12, 31)), 4);
  EXPECT_EQ(StarsOn(row, absl::CivilDay(2025, 1, 1)), 0) << "an expiry was recorded";
}

}  // namespace
}  // namespace coop::projections
