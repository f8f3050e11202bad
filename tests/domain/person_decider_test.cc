// Given/when/then tests of the person decider: the erasure of a person's details as an event
// of the log. Each test names the rule id it shows (domain/common/rules.cc); no I/O.
#include "domain/person/person_decider.h"

#include <gtest/gtest.h>

#include "domain/person/person_aggregate.h"
#include "tests/domain/programs_test_support.h"
#include "tests/support/test_support.h"

namespace coop::domain {
namespace {

using coop::v1::PersonEvent;
using testing::ExpectRule;
using Given = testing::Given<PersonEvent>;

constexpr char kRef[] = "3f2b8c1e-5a4d-4e6f-9a7b-0c1d2e3f4a5b";

class PersonDeciderTest : public ::testing::Test {
 protected:
  static PersonState State(const std::vector<Given>& history) {
    return testing::Fold<PersonState>(history);
  }
  absl::StatusOr<std::vector<PersonEvent>> When(const std::vector<Given>& history,
                                                const std::string& on, const PersonEvent& fact) {
    return DecidePerson(on, fact, State(history), context_);
  }
  static PersonEvent Erased(const std::string& ref = kRef,
                            const std::string& ground = "yêu cầu của chủ thể dữ liệu") {
    PersonEvent e;
    e.mutable_erased()->set_person_ref(ref);
    e.mutable_erased()->set_erasure_ground(ground);
    return e;
  }

  DecisionContext context_{.today = absl::CivilDay(2026, 12, 5)};
};

TEST_F(PersonDeciderTest, GivenNothingWhenErasedThenTheErasureWithItsGroundTrimmed) {
  auto events = When({}, "2026-12-05", Erased(kRef, "  data subject's request \n"));
  ASSERT_OK(events);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].erased().person_ref(), kRef);
  EXPECT_EQ((*events)[0].erased().erasure_ground(), "data subject's request");
  const PersonState state = State({{"2026-12-05", (*events)[0]}});
  EXPECT_TRUE(state.erased);
  EXPECT_EQ(state.erased_on, absl::CivilDay(2026, 12, 5));
  EXPECT_TRUE(PersonAggregate::Exists(state));
  EXPECT_TRUE(PersonAggregate::AreaOf(state).code().empty()) << "filed under no area";
}

TEST_F(PersonDeciderTest, GivenNothingWhenTheRefIsInCapitalsThenItIsWrittenCanonical) {
  auto events = When({}, "2026-12-05", Erased("3F2B8C1E-5A4D-4E6F-9A7B-0C1D2E3F4A5B"));
  ASSERT_OK(events);
  EXPECT_EQ((*events)[0].erased().person_ref(), kRef);
}

TEST_F(PersonDeciderTest, WhenTheGroundIsMissingOrBlankThenPerson01NamesIt) {
  ExpectRule(When({}, "2026-12-05", Erased(kRef, "")), "PERSON-01");
  auto blank = When({}, "2026-12-05", Erased(kRef, " \t "));
  ExpectRule(blank, "PERSON-01");
  EXPECT_NE(blank.status().message().find("erased.erasure_ground: is required"), std::string::npos)
      << blank.status();
}

TEST_F(PersonDeciderTest, WhenTheGroundIsTooLongThenPerson01) {
  ExpectRule(When({}, "2026-12-05", Erased(kRef, std::string(kMaxErasureGround + 1, 'x'))),
             "PERSON-01");
  ASSERT_OK(When({}, "2026-12-05", Erased(kRef, std::string(kMaxErasureGround, 'x'))));
}

TEST_F(PersonDeciderTest, WhenTheRefIsNoUuidThenPerson02) {
  ExpectRule(When({}, "2026-12-05", Erased("Nguyễn Văn A")), "PERSON-02");
  ExpectRule(When({}, "2026-12-05", Erased("person-7")), "PERSON-02");
  ExpectRule(When({}, "2026-12-05", Erased("")), "COMMON-03");
}

TEST_F(PersonDeciderTest, GivenErasedWhenErasedAgainThenPerson04NamesTheDay) {
  const std::vector<Given> given = {{"2026-11-30", Erased()}};
  auto again = When(given, "2026-12-05", Erased(kRef, "another request"));
  ExpectRule(again, "PERSON-04");
  EXPECT_NE(again.status().message().find("already erased on 2026-11-30"), std::string::npos)
      << again.status();
}

TEST_F(PersonDeciderTest, WhenDatedAfterTodayThenCommon01) {
  ExpectRule(When({}, "2026-12-06", Erased()), "COMMON-01");
}

TEST_F(PersonDeciderTest, WhenNothingIsSaidThenCommon03) {
  ExpectRule(When({}, "2026-12-05", PersonEvent()), "COMMON-03");
}

}  // namespace
}  // namespace coop::domain
