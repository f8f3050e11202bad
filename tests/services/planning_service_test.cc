// coop.v1.Planning over a real server: an area's plan for a year lives in the stream named by
// its area and year, is revised in place, filed under its area, idempotent by command id, and
// a refused plan writes nothing and names its rule first.
#include "services/planning_service.h"

#include <gtest/gtest.h>

#include "base/uuid.h"
#include "domain/programs/plan_state.h"
#include "tests/services/server_fixture.h"

namespace coop::testing {
namespace {

class PlanningServiceTest : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    planning_ = coop::v1::Planning::NewStub(channel_);
  }

  // Huyện U Minh's plan for 2025: two new cooperatives, one new group per commune.
  static coop::v1::SetAnnualPlanTargetsRequest Plan(const std::string& occurred_on) {
    coop::v1::SetAnnualPlanTargetsRequest request;
    *request.mutable_header() = Header(occurred_on);
    auto* set = request.mutable_targets_set();
    set->mutable_area()->set_code("966");
    set->mutable_area()->set_unit_set("2025-03");
    set->set_year(2025);
    set->set_decision("45/KH-UBND");
    auto* cooperatives = set->add_targets();
    cooperatives->set_indicator(coop::v1::NEW_COOPERATIVES);
    cooperatives->set_comparison(coop::v1::AT_LEAST);
    cooperatives->set_value(2);
    auto* groups = set->add_targets();
    groups->set_indicator(coop::v1::NEW_GROUPS);
    groups->set_comparison(coop::v1::AT_LEAST);
    groups->set_value(1);
    groups->set_per_commune(true);
    return request;
  }

  grpc::Status Set(const coop::v1::SetAnnualPlanTargetsRequest& request,
                   coop::v1::CommandReply* reply) {
    return planning_->SetAnnualPlanTargets(Context().get(), request, reply);
  }

  static void ExpectRule(const grpc::Status& status, grpc::StatusCode code,
                         const std::string& rule) {
    EXPECT_EQ(status.error_code(), code) << status.error_message();
    EXPECT_EQ(status.error_message().rfind("[" + rule + "]", 0), 0u) << status.error_message();
  }

  uint64_t Head() { return server_->store().GetLogInfo().head_position(); }

  std::unique_ptr<coop::v1::Planning::Stub> planning_;
};

TEST_F(PlanningServiceTest, APlanLivesInTheStreamOfItsAreaAndYearAndIsRevisedInPlace) {
  const auto plan = Plan("2025-01-15");
  coop::v1::CommandReply reply;
  ASSERT_TRUE(Set(plan, &reply).ok());
  EXPECT_EQ(reply.stream_id(), "plan-2025-03-966-2025");
  EXPECT_EQ(reply.stream_id(),
            domain::PlanStreamId(plan.targets_set().area(), plan.targets_set().year()));
  EXPECT_EQ(reply.aggregate_id(), "2025-03-966-2025");
  EXPECT_EQ(reply.version(), 1u);

  auto revision = Plan("2025-06-20");
  revision.mutable_targets_set()->mutable_targets()->RemoveLast();
  coop::v1::CommandReply revised;
  ASSERT_TRUE(Set(revision, &revised).ok());
  EXPECT_EQ(revised.stream_id(), reply.stream_id());
  EXPECT_EQ(revised.version(), 2u);

  auto events = ReadAll();
  ASSERT_EQ(events.size(), 2u);
  for (const auto& e : events) {
    EXPECT_EQ(e.type(), "coop.v1.AnnualPlanTargetsSet");
    EXPECT_EQ(e.area().code(), "966");
    EXPECT_EQ(e.area().unit_set(), "2025-03");
  }
}

TEST_F(PlanningServiceTest, AnotherYearOrAreaIsAnotherPlan) {
  coop::v1::CommandReply first, next_year;
  ASSERT_TRUE(Set(Plan("2025-01-15"), &first).ok());
  // Set in December for the next year, in the unit set in force then (the province).
  auto plan = Plan("2025-12-15");
  plan.mutable_targets_set()->mutable_area()->set_code("96");
  plan.mutable_targets_set()->mutable_area()->set_unit_set("2025-07");
  plan.mutable_targets_set()->set_year(2026);
  ASSERT_TRUE(Set(plan, &next_year).ok());
  EXPECT_EQ(next_year.stream_id(), "plan-2025-07-96-2026");
  EXPECT_EQ(next_year.version(), 1u);
}

TEST_F(PlanningServiceTest, ARetriedPlanReturnsItsFirstResultEvenAfterARevision) {
  const auto plan = Plan("2025-01-15");
  coop::v1::CommandReply first, revised, retry;
  ASSERT_TRUE(Set(plan, &first).ok());
  ASSERT_TRUE(Set(Plan("2025-06-20"), &revised).ok());
  ASSERT_TRUE(Set(plan, &retry).ok());
  EXPECT_TRUE(retry.duplicate());
  EXPECT_EQ(retry.version(), first.version());
  EXPECT_EQ(retry.position(), first.position());
  EXPECT_EQ(retry.aggregate_id(), first.aggregate_id());
  EXPECT_EQ(Head(), 2u);
}

TEST_F(PlanningServiceTest, ARejectedPlanWritesNothingAndNamesTheRuleFirst) {
  coop::v1::CommandReply reply;
  auto plan = Plan("2025-01-15");
  plan.mutable_targets_set()->clear_targets();
  ExpectRule(Set(plan, &reply), grpc::StatusCode::INVALID_ARGUMENT, "PLAN-02");

  plan = Plan("2025-01-15");
  plan.mutable_targets_set()->set_year(2027);
  ExpectRule(Set(plan, &reply), grpc::StatusCode::INVALID_ARGUMENT, "PLAN-01");

  plan = Plan("2025-01-15");
  plan.mutable_targets_set()->mutable_area()->set_code("99999");
  ExpectRule(Set(plan, &reply), grpc::StatusCode::INVALID_ARGUMENT, "AREA-01");

  plan = Plan("2025-01-15");
  plan.mutable_targets_set()->mutable_area()->set_code("966/x");
  ExpectRule(Set(plan, &reply), grpc::StatusCode::INVALID_ARGUMENT, "AREA-01");

  plan = Plan("2025-01-15");
  plan.mutable_targets_set()->mutable_area()->clear_unit_set();
  ExpectRule(Set(plan, &reply), grpc::StatusCode::INVALID_ARGUMENT, "COMMON-03");

  plan = Plan("2025-01-15");
  plan.mutable_targets_set()->clear_year();
  ExpectRule(Set(plan, &reply), grpc::StatusCode::INVALID_ARGUMENT, "COMMON-03");
  EXPECT_EQ(Head(), 0u);
}

}  // namespace
}  // namespace coop::testing
