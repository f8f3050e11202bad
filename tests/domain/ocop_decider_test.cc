// Given/when/then tests of the OCOP product decider. Each test names the rule id it shows
// (see domain/common/rules.cc); no I/O.
#include "domain/programs/ocop_decider.h"

#include <gtest/gtest.h>

#include "domain/programs/ocop_checks.h"
#include "tests/domain/programs_test_support.h"
#include "tests/support/test_support.h"

namespace coop::domain {
namespace {

using coop::v1::OcopEvent;
using testing::ExpectRule;
using Given = testing::Given<OcopEvent>;

class OcopDeciderTest : public ::testing::Test {
 protected:
  // Folds the given history into a state.
  static OcopState State(const std::vector<Given>& history) {
    return testing::Fold<OcopState>(history);
  }
  absl::StatusOr<std::vector<OcopEvent>> When(const std::vector<Given>& history,
                                              const std::string& on, const OcopEvent& fact) {
    return DecideOcop(on, fact, State(history), context_);
  }

  static OcopEvent Enrolment(int year = 2023) {
    OcopEvent e;
    auto* r = e.mutable_enrolled();
    r->set_product_id("p1");
    r->set_cooperative_id("c1");
    r->set_product_name("Mật ong rừng U Minh");
    r->set_year(year);
    return e;
  }
  static Given Enrolled() { return {"2023-02-01", Enrolment()}; }
  static OcopEvent Rating(double score, int stars, coop::v1::OcopLevel level) {
    OcopEvent e;
    auto* r = e.mutable_rated();
    r->set_score(score);
    r->set_stars(stars);
    r->set_level(level);
    r->set_decision("1234/QĐ-UBND");
    return e;
  }
  // A 4-star provincial recognition of 15 March 2023, valid until 14 March 2026.
  static Given Rated() { return {"2023-03-15", Rating(75.5, 4, coop::v1::OCOP_LEVEL_PROVINCE)}; }
  static OcopEvent Expiry() {
    OcopEvent e;
    e.mutable_expired();
    return e;
  }

  DecisionContext context_{absl::CivilDay(2026, 11, 27), nullptr};
};

TEST_F(OcopDeciderTest, GivenEnrolledWhenRatedThenTheRatingIsCompletedWithItsDates) {
  auto events = When({Enrolled()}, "2023-03-15", Rating(75.5, 4, coop::v1::OCOP_LEVEL_PROVINCE));
  ASSERT_OK(events);
  ASSERT_EQ(events->size(), 1u);
  const auto& rated = (*events)[0].rated();
  EXPECT_EQ(rated.decision_date(), "2023-03-15");
  EXPECT_EQ(rated.expires_on(), "2026-03-15");
  const auto state = State({Enrolled(), {"2023-03-15", (*events)[0]}});
  EXPECT_EQ(state.status, OcopStatus::kRecognised);
  EXPECT_TRUE(OcopRecognisedOn(state, absl::CivilDay(2026, 3, 14)));
  EXPECT_FALSE(OcopRecognisedOn(state, absl::CivilDay(2026, 3, 15)));
  EXPECT_FALSE(OcopRecognisedOn(state, absl::CivilDay(2023, 3, 14)));
}

TEST_F(OcopDeciderTest, Ocop01EnrolledOnceAndNothingBeforeIt) {
  EXPECT_OK(When({}, "2023-02-01", Enrolment()));
  ExpectRule(When({Enrolled()}, "2023-02-02", Enrolment()), "OCOP-01");
  ExpectRule(When({}, "2023-03-15", Rating(75.5, 4, coop::v1::OCOP_LEVEL_PROVINCE)), "OCOP-01");
  ExpectRule(When({}, "2026-04-01", Expiry()), "OCOP-01");
  ExpectRule(When({Enrolled()}, "2023-01-31", Rating(75.5, 4, coop::v1::OCOP_LEVEL_PROVINCE)),
             "OCOP-01");
}

TEST_F(OcopDeciderTest, Ocop02TheProgrammeYearIsFrom2018ToNextYear) {
  EXPECT_OK(When({}, "2018-06-01", Enrolment(2018)));
  EXPECT_OK(When({}, "2023-11-01", Enrolment(2024)));
  ExpectRule(When({}, "2018-06-01", Enrolment(2017)), "OCOP-02");
  ExpectRule(When({}, "2023-11-01", Enrolment(2025)), "OCOP-02");
  ExpectRule(When({}, "2023-11-01", Enrolment(0)), "COMMON-03");
}

TEST_F(OcopDeciderTest, Ocop03ScoreAndStarsFromTheOfficialBands) {
  using coop::v1::OCOP_LEVEL_CENTRAL;
  using coop::v1::OCOP_LEVEL_PROVINCE;
  EXPECT_EQ(OcopStarsOfScore(49.99), 0);
  EXPECT_EQ(OcopStarsOfScore(50), 3);
  EXPECT_EQ(OcopStarsOfScore(69.9), 3);
  EXPECT_EQ(OcopStarsOfScore(70), 4);
  EXPECT_EQ(OcopStarsOfScore(89.99), 4);
  EXPECT_EQ(OcopStarsOfScore(90), 5);
  EXPECT_OK(When({Enrolled()}, "2023-03-15", Rating(50, 3, OCOP_LEVEL_PROVINCE)));
  EXPECT_OK(When({Enrolled()}, "2023-03-15", Rating(90, 5, OCOP_LEVEL_CENTRAL)));
  EXPECT_OK(When({Enrolled()}, "2023-03-15", Rating(100, 5, OCOP_LEVEL_CENTRAL)));
  ExpectRule(When({Enrolled()}, "2023-03-15", Rating(69.99, 4, OCOP_LEVEL_PROVINCE)), "OCOP-03");
  ExpectRule(When({Enrolled()}, "2023-03-15", Rating(89.5, 5, OCOP_LEVEL_CENTRAL)), "OCOP-03");
  ExpectRule(When({Enrolled()}, "2023-03-15", Rating(100.5, 5, OCOP_LEVEL_CENTRAL)), "OCOP-03");
  ExpectRule(When({Enrolled()}, "2023-03-15", Rating(-1, 0, OCOP_LEVEL_PROVINCE)), "OCOP-03");
  ExpectRule(When({Enrolled()}, "2023-03-15", Rating(45, 3, OCOP_LEVEL_PROVINCE)), "OCOP-03");
}

TEST_F(OcopDeciderTest, BelowFiftyIsRecordedAsNotRecognisedWithNoExpiry) {
  auto events = When({Enrolled()}, "2023-03-15", Rating(45, 0, coop::v1::OCOP_LEVEL_DISTRICT));
  ASSERT_OK(events);
  EXPECT_TRUE((*events)[0].rated().expires_on().empty());
  const Given failed{"2023-03-15", (*events)[0]};
  const auto state = State({Enrolled(), failed});
  EXPECT_EQ(state.status, OcopStatus::kNotRecognised);
  EXPECT_FALSE(OcopRecognisedOn(state, absl::CivilDay(2023, 6, 1)));
  // Nothing to expire; it may be rated again.
  ExpectRule(When({Enrolled(), failed}, "2026-04-01", Expiry()), "OCOP-06");
  EXPECT_OK(When({Enrolled(), failed}, "2024-03-15", Rating(62, 3, coop::v1::OCOP_LEVEL_DISTRICT)));
  auto with_expiry = Rating(45, 0, coop::v1::OCOP_LEVEL_DISTRICT);
  with_expiry.mutable_rated()->set_expires_on("2026-03-15");
  ExpectRule(When({Enrolled()}, "2023-03-15", with_expiry), "OCOP-05");
}

TEST_F(OcopDeciderTest, Ocop04FiveStarsOnlyCentrallyThreeAndFourByDistrictOrProvince) {
  using coop::v1::OCOP_LEVEL_CENTRAL;
  using coop::v1::OCOP_LEVEL_DISTRICT;
  using coop::v1::OCOP_LEVEL_PROVINCE;
  EXPECT_OK(When({Enrolled()}, "2023-03-15", Rating(65, 3, OCOP_LEVEL_DISTRICT)));
  EXPECT_OK(When({Enrolled()}, "2023-03-15", Rating(95, 5, OCOP_LEVEL_CENTRAL)));
  ExpectRule(When({Enrolled()}, "2023-03-15", Rating(95, 5, OCOP_LEVEL_PROVINCE)), "OCOP-04");
  ExpectRule(When({Enrolled()}, "2023-03-15", Rating(80, 4, OCOP_LEVEL_CENTRAL)), "OCOP-04");
  // No district decides after the 2025 reform; the province does.
  EXPECT_OK(When({Enrolled()}, "2025-06-30", Rating(65, 3, OCOP_LEVEL_DISTRICT)));
  ExpectRule(When({Enrolled()}, "2025-07-01", Rating(65, 3, OCOP_LEVEL_DISTRICT)), "OCOP-04");
  EXPECT_OK(When({Enrolled()}, "2025-07-01", Rating(65, 3, OCOP_LEVEL_PROVINCE)));
  auto no_level = Rating(65, 3, OCOP_LEVEL_PROVINCE);
  no_level.mutable_rated()->clear_level();
  ExpectRule(When({Enrolled()}, "2023-03-15", no_level), "COMMON-03");
}

TEST_F(OcopDeciderTest, Ocop05ValidThirtySixMonthsFromTheDecisionDate) {
  auto given = Rating(75.5, 4, coop::v1::OCOP_LEVEL_PROVINCE);
  given.mutable_rated()->set_decision_date("2023-03-15");
  given.mutable_rated()->set_expires_on("2026-03-15");
  EXPECT_OK(When({Enrolled()}, "2023-03-15", given));
  auto wrong_expiry = given;
  wrong_expiry.mutable_rated()->set_expires_on("2028-03-15");
  ExpectRule(When({Enrolled()}, "2023-03-15", wrong_expiry), "OCOP-05");
  auto other_day = given;
  other_day.mutable_rated()->set_decision_date("2023-03-10");
  ExpectRule(When({Enrolled()}, "2023-03-15", other_day), "OCOP-05");
  // Clamped to the month's end: 29 Feb 2024 + 36 months is 28 Feb 2027.
  EXPECT_EQ(OcopExpiryOf(absl::CivilDay(2024, 2, 29)), absl::CivilDay(2027, 2, 28));
  auto no_decision = given;
  no_decision.mutable_rated()->clear_decision();
  ExpectRule(When({Enrolled()}, "2023-03-15", no_decision), "COMMON-03");
}

TEST_F(OcopDeciderTest, Ocop06ExpiryOnlyOfARecognisedProductOnceAndNotEarly) {
  const auto expires_on = [](const std::vector<Given>& history) {
    return State(history).expires_on;
  };
  EXPECT_EQ(expires_on({Enrolled(), Rated()}), absl::CivilDay(2026, 3, 15));
  EXPECT_OK(When({Enrolled(), Rated()}, "2026-03-15", Expiry()));
  ExpectRule(When({Enrolled(), Rated()}, "2026-03-14", Expiry()), "OCOP-06");
  ExpectRule(When({Enrolled()}, "2026-03-15", Expiry()), "OCOP-06");  // never rated
  const Given expired{"2026-03-15", Expiry()};
  EXPECT_EQ(State({Enrolled(), Rated(), expired}).status, OcopStatus::kExpired);
  ExpectRule(When({Enrolled(), Rated(), expired}, "2026-04-01", Expiry()), "OCOP-06");
}

TEST_F(OcopDeciderTest, Ocop06AfterExpiryOnlyAReRatingDatedAfterTheCurrentRating) {
  const Given expired{"2026-03-15", Expiry()};
  const auto rerating = Rating(91, 5, coop::v1::OCOP_LEVEL_CENTRAL);
  ExpectRule(When({Enrolled(), Rated(), expired}, "2026-04-01", Enrolment()), "OCOP-01");
  auto events = When({Enrolled(), Rated(), expired}, "2026-04-01", rerating);
  ASSERT_OK(events);
  const auto state = State({Enrolled(), Rated(), expired, {"2026-04-01", (*events)[0]}});
  EXPECT_EQ(state.status, OcopStatus::kRecognised);
  EXPECT_EQ(state.stars, 5);
  EXPECT_EQ(state.expires_on, absl::CivilDay(2029, 4, 1));
  // A re-rating before expiry replaces the current rating, if dated after it.
  EXPECT_OK(When({Enrolled(), Rated()}, "2024-05-01", rerating));
  ExpectRule(When({Enrolled(), Rated()}, "2023-03-15", rerating), "OCOP-06");
}

TEST_F(OcopDeciderTest, Common01And03DatesAndRequiredFields) {
  ExpectRule(When({}, "2026-11-28", Enrolment()), "COMMON-01");
  ExpectRule(When({}, "2023-02-30", Enrolment()), "COMMON-01");
  auto unnamed = Enrolment();
  unnamed.mutable_enrolled()->clear_product_name();
  ExpectRule(When({}, "2023-02-01", unnamed), "COMMON-03");
  auto no_cooperative = Enrolment();
  no_cooperative.mutable_enrolled()->clear_cooperative_id();
  ExpectRule(When({}, "2023-02-01", no_cooperative), "COMMON-03");
  ExpectRule(When({Enrolled()}, "2023-02-01", OcopEvent()), "COMMON-03");
}

}  // namespace
}  // namespace coop::domain
