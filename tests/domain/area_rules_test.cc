#include "domain/areas/area_rules.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "tests/support/test_support.h"

namespace coop::domain::areas {
namespace {

void ExpectInvalid(const absl::Status& status, const std::string& message) {
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_EQ(status.message(), "[AREA-01] " + message);
}

TEST(AreaRulesTest, GivenAUnitOfTheSetInForceWhenValidatedThenItIsAccepted) {
  EXPECT_OK(ValidateArea("32044", "2025-03", "2025-06-30"));  // Thị trấn U Minh
  EXPECT_OK(ValidateArea("32044", "2025-07", "2025-07-01"));  // Xã Nguyễn Phích
  EXPECT_OK(ValidateArea("966", "2025-03", "2019-05-01"));    // a district
  EXPECT_OK(ValidateArea("96", "2025-07", "2026-01-15"));     // a province
  EXPECT_OK(ValidateArea("755", "2025-03", "2024-12-31"));    // an island district, no communes
}

TEST(AreaRulesTest, GivenTheOldSetAfterTheReformWhenValidatedThenTheErrorSaysWhichSetToUse) {
  ExpectInvalid(ValidateArea("32044", "2025-03", "2025-08-01"),
                "area.unit_set: 2025-03 is not in force on 2025-08-01; use 2025-07");
  ExpectInvalid(ValidateArea("32044", "2025-03", "2025-07-01"),
                "area.unit_set: 2025-03 is not in force on 2025-07-01; use 2025-07");
}

TEST(AreaRulesTest, GivenTheNewSetBeforeTheReformWhenValidatedThenTheErrorSaysWhichSetToUse) {
  ExpectInvalid(ValidateArea("32044", "2025-07", "2025-06-30"),
                "area.unit_set: 2025-07 is not in force on 2025-06-30; use 2025-03");
}

TEST(AreaRulesTest, GivenACodeOutsideTheSetWhenValidatedThenTheErrorNamesCodeAndSet) {
  ExpectInvalid(ValidateArea("99999", "2025-03", "2020-01-01"),
                "area.code: area 99999 is not a unit of set 2025-03");
  // District 966 no longer exists after the reform.
  ExpectInvalid(ValidateArea("966", "2025-07", "2025-08-01"),
                "area.code: area 966 is not a unit of set 2025-07");
  // Abolished in the reform, so not a unit of the new set either.
  ExpectInvalid(ValidateArea("32048", "2025-07", "2025-08-01"),
                "area.code: area 32048 is not a unit of set 2025-07");
  ExpectInvalid(ValidateArea("", "2025-03", "2020-01-01"), "area.code: must not be empty");
}

TEST(AreaRulesTest, GivenAnUnknownSetWhenValidatedThenTheErrorNamesTheKnownSets) {
  ExpectInvalid(ValidateArea("32044", "2024-01", "2020-01-01"),
                "area.unit_set: \"2024-01\" is not a unit set; use 2025-03 or 2025-07");
  ExpectInvalid(ValidateArea("32044", "", "2020-01-01"),
                "area.unit_set: \"\" is not a unit set; use 2025-03 or 2025-07");
}

TEST(AreaRulesTest, GivenAMissingOrBadDateWhenValidatedThenTheErrorNamesOccurredOn) {
  ExpectInvalid(ValidateArea("32044", "2025-03", ""),
                "occurred_on: an event with an area needs its date, to check the unit set");
  ExpectInvalid(ValidateArea("32044", "2025-03", "2025-02-30"),
                "occurred_on: \"2025-02-30\" is not a calendar date YYYY-MM-DD");
}

TEST(AreaRulesTest, GivenAFieldNameAndAParsedDateWhenValidatedThenErrorsUseThatField) {
  EXPECT_OK(ValidateArea("address", "32044", "2025-07", absl::CivilDay(2025, 7, 1)));
  ExpectInvalid(ValidateArea("address", "32044", "2025-03", absl::CivilDay(2025, 8, 1)),
                "address.unit_set: 2025-03 is not in force on 2025-08-01; use 2025-07");
  ExpectInvalid(
      ValidateArea("registration_changed.address", "99999", "2025-07", absl::CivilDay(2025, 8, 1)),
      "registration_changed.address.code: area 99999 is not a unit of set 2025-07");
}

TEST(AreaRulesTest, GivenAnAddressWhenItsLevelIsCheckedThenOnlyCommunesAndIslandDistrictsPass) {
  EXPECT_TRUE(ValidateAddressLevel("address", "32059", "2025-03").ok());  // Xã Khánh An
  EXPECT_TRUE(ValidateAddressLevel("address", "536", "2025-03").ok());  // Huyện Lý Sơn, no communes
  for (const auto& [code, set] : std::vector<std::pair<std::string, std::string>>{
           {"966", "2025-03"}, {"96", "2025-03"}, {"96", "2025-07"}}) {
    const absl::Status st = ValidateAddressLevel("address", code, set);
    EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument) << code;
    EXPECT_EQ(std::string(st.message()).rfind("[AREA-02] address.code: " + code + " is a ", 0), 0u)
        << st;
  }
}

}  // namespace
}  // namespace coop::domain::areas
