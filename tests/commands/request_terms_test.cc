// Given a decider's refusal naming a field of its fact, when the service answers, then the
// field is named as the caller's request has it.
#include "commands/request_terms.h"

#include <gtest/gtest.h>

#include <string>

#include "coop/v1/cooperative_events.pb.h"
#include "coop/v1/registry.pb.h"

namespace coop::commands {
namespace {

std::string Rewritten(const std::string& message,
                      absl::StatusCode code = absl::StatusCode::kInvalidArgument) {
  coop::v1::RegisterCooperativeRequest request;
  coop::v1::CooperativeEvent fact;
  fact.mutable_registered()->set_name("HTX Khánh An");
  const absl::Status st = RequestTerms(request, fact).Rewrite(absl::Status(code, message));
  EXPECT_EQ(st.code(), code);
  return std::string(st.message());
}

TEST(RequestTermsTest, AFieldOfTheFactIsNamedInsideTheRequestFieldThatCarriesIt) {
  EXPECT_EQ(Rewritten("[COMMON-03] name: is required"),
            "[COMMON-03] registration.name: is required");
  EXPECT_EQ(Rewritten("[AREA-01] address.code: 99999 is not a unit"),
            "[AREA-01] registration.address.code: 99999 is not a unit");
  EXPECT_EQ(Rewritten("[COOP-06] business_lines[2]: x"),
            "[COOP-06] registration.business_lines[2]: x");
}

TEST(RequestTermsTest, TheFactsOwnNameBecomesTheRequestFieldsName) {
  EXPECT_EQ(Rewritten("[COOP-11] registered: the cooperative is already registered",
                      absl::StatusCode::kFailedPrecondition),
            "[COOP-11] registration: the cooperative is already registered");
  EXPECT_EQ(Rewritten("[COOP-05] registered.members.official: x"),
            "[COOP-05] registration.members.official: x");
}

TEST(RequestTermsTest, TheBusinessDateIsTheHeaders) {
  EXPECT_EQ(Rewritten("[COMMON-01] occurred_on: 1900-01-01 is before 1955-01-01"),
            "[COMMON-01] header.occurred_on: 1900-01-01 is before 1955-01-01");
}

TEST(RequestTermsTest, OtherMessagesAreLeftAsTheyAre) {
  for (const std::string message :
       {"[COOP-03] event: the cooperative is dissolved", "expected version 3, found 4",
        "[COMMON-03] no_such_field: x", "[broken", ""}) {
    EXPECT_EQ(Rewritten(message), message);
  }
  coop::v1::RegisterCooperativeRequest request;
  EXPECT_TRUE(RequestTerms(request, coop::v1::CooperativeEvent()).Rewrite(absl::OkStatus()).ok());
}

}  // namespace
}  // namespace coop::commands
