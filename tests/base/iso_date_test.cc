#include "base/iso_date.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/support/test_support.h"

namespace coop::base {
namespace {

TEST(IsoDateTest, GivenRealDatesWhenParsedThenTheyGiveThoseDaysAndFormatBack) {
  for (const std::string text : {"2025-07-01", "2024-02-29", "2000-02-29", "1999-12-31"}) {
    absl::StatusOr<absl::CivilDay> day = ParseIsoDate(text);
    ASSERT_OK(day);
    EXPECT_EQ(FormatIsoDate(*day), text);
  }
  absl::StatusOr<absl::CivilDay> day = ParseIsoDate("2025-06-30");
  ASSERT_OK(day);
  EXPECT_EQ(*day, absl::CivilDay(2025, 6, 30));
}

TEST(IsoDateTest, GivenAnythingElseWhenParsedThenItIsInvalidAndQuoted) {
  for (const std::string text :
       {"", "2025-02-29", "1900-02-29", "2025-04-31", "2025-00-10", "2025-13-01", "2025-01-00",
        "2025-7-1", "2025/07/01", "2025-07-01T00:00", " 2025-07-01", "+025-07-01", "abcd-ef-gh",
        "0000-01-01"}) {  // there is no year 0 (it reached the store once)
    absl::StatusOr<absl::CivilDay> day = ParseIsoDate(text);
    EXPECT_EQ(day.status().code(), absl::StatusCode::kInvalidArgument) << text;
    EXPECT_EQ(day.status().message(), "\"" + text + "\" is not a calendar date YYYY-MM-DD");
  }
}

}  // namespace
}  // namespace coop::base
