// coop.v1.Programs over a real server: classes, OCOP products, support grants and graduate
// placements are decided by their domain, filed under their area when they have one,
// idempotent by command id, and a refused command writes nothing and names its rule first.
#include "services/programs_service.h"

#include <gtest/gtest.h>

#include "base/uuid.h"
#include "coop/v1/registry.grpc.pb.h"
#include "tests/services/server_fixture.h"

namespace coop::testing {
namespace {

class ProgramsServiceTest : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    programs_ = coop::v1::Programs::NewStub(channel_);
    // The cooperative the products, grants and placements name (LINK-01, LINK-02): registered
    // in 2020 under the 2012 law.
    auto registry = coop::v1::Registry::NewStub(channel_);
    coop::v1::RegisterCooperativeRequest registration;
    *registration.mutable_header() = Header("2020-01-06");
    auto* r = registration.mutable_registration();
    r->set_code("2200000001");
    r->set_kind(coop::v1::COOPERATIVE);
    r->set_name("HTX Khánh An");
    r->set_law_regime(coop::v1::LAW_2012);
    r->mutable_address()->set_code("32059");
    r->mutable_address()->set_unit_set("2025-03");
    r->mutable_members()->set_official(9);
    r->set_origin(coop::v1::ORIGIN_NEW);
    coop::v1::CommandReply registered;
    const grpc::Status status =
        registry->RegisterCooperative(Context().get(), registration, &registered);
    ASSERT_TRUE(status.ok()) << status.error_message();
    cooperative_id_ = registered.aggregate_id();
    base_ = server_->store().GetLogInfo().head_position();
  }

  static coop::v1::Area UMinh() {  // Huyện U Minh, Cà Mau (before July 2025)
    coop::v1::Area area;
    area.set_code("966");
    area.set_unit_set("2025-03");
    return area;
  }

  static coop::v1::RecordClassRequest Class() {
    coop::v1::RecordClassRequest request;
    *request.mutable_header() = Header("2025-03-10");
    auto* held = request.mutable_held();
    held->set_kind(coop::v1::VOCATIONAL);
    held->set_title("Kỹ thuật nuôi tôm sú");
    held->set_organiser("Phòng Nông nghiệp huyện U Minh");
    held->set_start_date("2025-03-10");
    held->set_end_date("2025-03-12");
    *held->mutable_area() = UMinh();
    held->mutable_participants()->set_members(28);
    held->mutable_participants()->set_farmers(12);
    held->set_budget_vnd(15'000'000);
    return request;
  }

  coop::v1::EnrolOcopProductRequest Enrolment(const std::string& occurred_on, int year) const {
    coop::v1::EnrolOcopProductRequest request;
    *request.mutable_header() = Header(occurred_on);
    request.mutable_enrolled()->set_cooperative_id(cooperative_id_);
    request.mutable_enrolled()->set_product_name("Mật ong rừng U Minh");
    request.mutable_enrolled()->set_year(year);
    return request;
  }

  grpc::Status Rate(const std::string& product_id, const std::string& occurred_on,
                    coop::v1::CommandReply* reply) {
    coop::v1::RateOcopProductRequest request;
    *request.mutable_header() = Header(occurred_on);
    request.set_product_id(product_id);
    request.mutable_rated()->set_score(75.5);
    request.mutable_rated()->set_stars(4);
    request.mutable_rated()->set_level(coop::v1::OCOP_LEVEL_PROVINCE);
    request.mutable_rated()->set_decision("1234/QĐ-UBND");
    return programs_->RateOcopProduct(Context().get(), request, reply);
  }

  grpc::Status Expire(const std::string& product_id, const std::string& occurred_on,
                      coop::v1::CommandReply* reply) {
    coop::v1::ExpireOcopProductRequest request;
    *request.mutable_header() = Header(occurred_on);
    request.set_product_id(product_id);
    request.mutable_expired();
    return programs_->ExpireOcopProduct(Context().get(), request, reply);
  }

  coop::v1::RecordSupportGrantRequest Grant() const {
    coop::v1::RecordSupportGrantRequest request;
    *request.mutable_header() = Header("2025-04-20");
    auto* granted = request.mutable_granted();
    granted->set_type(coop::v1::SUPPORT_SCIENCE_TECHNOLOGY);
    granted->set_programme("Kế hoạch phát triển KTTT 2025");
    granted->set_amount_vnd(120'000'000);
    granted->set_funding_source(coop::v1::FUNDING_PROVINCIAL);
    granted->set_decision("567/QĐ-UBND");
    granted->set_cooperative_id(cooperative_id_);
    return request;
  }

  coop::v1::PlaceGraduateRequest Placement() const {
    coop::v1::PlaceGraduateRequest request;
    *request.mutable_header() = Header("2025-01-06");
    auto* placed = request.mutable_placed();
    placed->set_person_ref("grad-0042");
    placed->set_degree(coop::v1::DEGREE_UNIVERSITY);
    placed->set_field("agronomy");
    placed->set_cooperative_id(cooperative_id_);
    placed->set_planned_term_months(24);
    return request;
  }

  static void ExpectRule(const grpc::Status& status, grpc::StatusCode code,
                         const std::string& rule) {
    EXPECT_EQ(status.error_code(), code) << status.error_message();
    EXPECT_EQ(status.error_message().rfind("[" + rule + "]", 0), 0u) << status.error_message();
  }

  // The log as the test wrote it: positions and events after the fixture's registration.
  uint64_t Head() { return server_->store().GetLogInfo().head_position() - base_; }
  std::vector<coop::v1::RecordedEvent> ReadAll() {
    auto all = ServerFixture::ReadAll();
    all.erase(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(base_));
    return all;
  }

  std::unique_ptr<coop::v1::Programs::Stub> programs_;
  std::string cooperative_id_;
  uint64_t base_ = 0;
};

TEST_F(ProgramsServiceTest, AClassIsRecordedOnceUnderItsArea) {
  const auto request = Class();
  coop::v1::CommandReply reply, retry;
  ASSERT_TRUE(programs_->RecordClass(Context().get(), request, &reply).ok());
  EXPECT_FALSE(reply.aggregate_id().empty());
  EXPECT_EQ(reply.stream_id(), "class-" + reply.aggregate_id());
  auto events = ReadAll();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type(), "coop.v1.ClassHeld");
  EXPECT_EQ(events[0].area().code(), "966");
  EXPECT_EQ(events[0].area().unit_set(), "2025-03");

  ASSERT_TRUE(programs_->RecordClass(Context().get(), request, &retry).ok());
  EXPECT_TRUE(retry.duplicate());
  EXPECT_EQ(retry.aggregate_id(), reply.aggregate_id());
  EXPECT_EQ(retry.position(), reply.position());

  // The same class under another command is a second record of it.
  auto again = request;
  *again.mutable_header() = Header("2025-03-11");
  again.mutable_held()->set_class_id(reply.aggregate_id());
  ExpectRule(programs_->RecordClass(Context().get(), again, &retry),
             grpc::StatusCode::FAILED_PRECONDITION, "CLASS-01");
  EXPECT_EQ(Head(), 1u);
}

TEST_F(ProgramsServiceTest, ARejectedClassWritesNothingAndNamesTheRuleFirst) {
  auto request = Class();
  request.mutable_held()->clear_participants();
  coop::v1::CommandReply reply;
  ExpectRule(programs_->RecordClass(Context().get(), request, &reply),
             grpc::StatusCode::INVALID_ARGUMENT, "CLASS-03");
  request = Class();
  *request.mutable_header() = Header("2025-03-13");
  ExpectRule(programs_->RecordClass(Context().get(), request, &reply),
             grpc::StatusCode::INVALID_ARGUMENT, "CLASS-02");
  request = Class();
  request.mutable_header()->set_occurred_on("2099-01-01");
  ExpectRule(programs_->RecordClass(Context().get(), request, &reply),
             grpc::StatusCode::INVALID_ARGUMENT, "COMMON-01");
  EXPECT_EQ(Head(), 0u);
}

TEST_F(ProgramsServiceTest, AnOcopProductIsEnrolledRatedAndExpires) {
  coop::v1::CommandReply enrolled, reply;
  ASSERT_TRUE(
      programs_->EnrolOcopProduct(Context().get(), Enrolment("2021-01-10", 2021), &enrolled).ok());
  const std::string id = enrolled.aggregate_id();
  EXPECT_EQ(enrolled.stream_id(), "ocop-" + id);
  ASSERT_TRUE(Rate(id, "2021-06-01", &reply).ok());
  ExpectRule(Expire(id, "2024-05-31", &reply), grpc::StatusCode::FAILED_PRECONDITION, "OCOP-06");
  EXPECT_EQ(Head(), 2u);
  ASSERT_TRUE(Expire(id, "2024-06-01", &reply).ok());
  EXPECT_EQ(reply.version(), 3u);

  auto events = ReadAll();
  ASSERT_EQ(events.size(), 3u);
  coop::v1::OcopProductRated rated;
  ASSERT_TRUE(rated.ParseFromString(events[1].payload()));
  EXPECT_EQ(rated.decision_date(), "2021-06-01") << "completed by the decider";
  EXPECT_EQ(rated.expires_on(), "2024-06-01");
  EXPECT_FALSE(events[0].has_area()) << "an OCOP product is placed through its cooperative";
  EXPECT_EQ(events[2].type(), "coop.v1.OcopProductExpired");
}

TEST_F(ProgramsServiceTest, ARejectedOcopCommandWritesNothingAndNamesTheRuleFirst) {
  coop::v1::CommandReply reply;
  ExpectRule(programs_->EnrolOcopProduct(Context().get(), Enrolment("2024-03-01", 2017), &reply),
             grpc::StatusCode::INVALID_ARGUMENT, "OCOP-02");
  EXPECT_EQ(Head(), 0u);
  auto status = Rate(base::NewRandomUuid(), "2024-06-01", &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << status.error_message();

  ASSERT_TRUE(
      programs_->EnrolOcopProduct(Context().get(), Enrolment("2024-03-01", 2024), &reply).ok());
  coop::v1::RateOcopProductRequest bad;
  *bad.mutable_header() = Header("2024-06-01");
  bad.set_product_id(reply.aggregate_id());
  bad.mutable_rated()->set_score(75);
  bad.mutable_rated()->set_stars(5);
  bad.mutable_rated()->set_level(coop::v1::OCOP_LEVEL_CENTRAL);
  bad.mutable_rated()->set_decision("1/QĐ-TTg");
  ExpectRule(programs_->RateOcopProduct(Context().get(), bad, &reply),
             grpc::StatusCode::INVALID_ARGUMENT, "OCOP-03");
  EXPECT_EQ(Head(), 1u);
}

TEST_F(ProgramsServiceTest, ARetriedRatingReturnsItsFirstResultEvenAfterOtherEvents) {
  coop::v1::CommandReply enrolled;
  ASSERT_TRUE(
      programs_->EnrolOcopProduct(Context().get(), Enrolment("2021-01-10", 2021), &enrolled).ok());
  coop::v1::RateOcopProductRequest rate;
  *rate.mutable_header() = Header("2021-06-01");
  rate.set_product_id(enrolled.aggregate_id());
  rate.mutable_rated()->set_score(55);
  rate.mutable_rated()->set_stars(3);
  rate.mutable_rated()->set_level(coop::v1::OCOP_LEVEL_DISTRICT);
  rate.mutable_rated()->set_decision("88/QĐ-UBND");
  coop::v1::CommandReply first, other, retry;
  ASSERT_TRUE(programs_->RateOcopProduct(Context().get(), rate, &first).ok());
  ASSERT_TRUE(Rate(enrolled.aggregate_id(), "2022-06-01", &other).ok());
  ASSERT_TRUE(programs_->RateOcopProduct(Context().get(), rate, &retry).ok());
  EXPECT_TRUE(retry.duplicate());
  EXPECT_EQ(retry.version(), first.version());
  EXPECT_EQ(retry.position(), first.position());
  EXPECT_EQ(other.version(), 3u);
  EXPECT_EQ(Head(), 3u);
}

TEST_F(ProgramsServiceTest, ASupportGrantIsFiledUnderTheAreaItNames) {
  coop::v1::CommandReply without_area, with_area, retry;
  ASSERT_TRUE(programs_->RecordSupportGrant(Context().get(), Grant(), &without_area).ok());
  EXPECT_EQ(without_area.stream_id(), "grant-" + without_area.aggregate_id());
  auto grant = Grant();
  *grant.mutable_granted()->mutable_area() = UMinh();
  ASSERT_TRUE(programs_->RecordSupportGrant(Context().get(), grant, &with_area).ok());
  ASSERT_TRUE(programs_->RecordSupportGrant(Context().get(), grant, &retry).ok());
  EXPECT_TRUE(retry.duplicate());
  EXPECT_EQ(retry.aggregate_id(), with_area.aggregate_id());

  auto events = ReadAll();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].type(), "coop.v1.SupportGranted");
  EXPECT_FALSE(events[0].has_area());
  EXPECT_EQ(events[1].area().code(), "966");
}

TEST_F(ProgramsServiceTest, ARejectedGrantWritesNothingAndNamesTheRuleFirst) {
  auto grant = Grant();
  grant.mutable_granted()->set_amount_vnd(0);
  coop::v1::CommandReply reply;
  ExpectRule(programs_->RecordSupportGrant(Context().get(), grant, &reply),
             grpc::StatusCode::INVALID_ARGUMENT, "GRANT-03");
  grant = Grant();
  grant.mutable_granted()->clear_cooperative_id();
  ExpectRule(programs_->RecordSupportGrant(Context().get(), grant, &reply),
             grpc::StatusCode::INVALID_ARGUMENT, "GRANT-02");
  EXPECT_EQ(Head(), 0u);
}

TEST_F(ProgramsServiceTest, AGraduatePlacementStartsAndEnds) {
  coop::v1::CommandReply placed, reply;
  ASSERT_TRUE(programs_->PlaceGraduate(Context().get(), Placement(), &placed).ok());
  EXPECT_EQ(placed.stream_id(), "placement-" + placed.aggregate_id());

  coop::v1::EndPlacementRequest end;
  *end.mutable_header() = Header("2025-01-06");
  end.set_placement_id(placed.aggregate_id());
  end.mutable_ended()->set_reason("resigned");
  ExpectRule(programs_->EndPlacement(Context().get(), end, &reply),
             grpc::StatusCode::INVALID_ARGUMENT, "PLACE-02");
  *end.mutable_header() = Header("2025-10-31");
  ASSERT_TRUE(programs_->EndPlacement(Context().get(), end, &reply).ok());
  EXPECT_EQ(reply.version(), 2u);
  coop::v1::CommandReply retry;
  ASSERT_TRUE(programs_->EndPlacement(Context().get(), end, &retry).ok());
  EXPECT_TRUE(retry.duplicate()) << "the same command again: its first result";
  EXPECT_EQ(retry.version(), 2u);
  *end.mutable_header() = Header("2025-11-01");
  ExpectRule(programs_->EndPlacement(Context().get(), end, &reply),
             grpc::StatusCode::FAILED_PRECONDITION, "PLACE-01");

  auto events = ReadAll();
  ASSERT_EQ(events.size(), 2u);
  coop::v1::GraduatePlaced started;
  ASSERT_TRUE(started.ParseFromString(events[0].payload()));
  EXPECT_EQ(started.start_date(), "2025-01-06") << "completed by the decider";
  coop::v1::PlacementEnded ended;
  ASSERT_TRUE(ended.ParseFromString(events[1].payload()));
  EXPECT_EQ(ended.end_date(), "2025-10-31");
}

TEST_F(ProgramsServiceTest, ARejectedPlacementWritesNothingAndNamesTheRuleFirst) {
  auto request = Placement();
  request.mutable_placed()->set_person_ref("Nguyen Van A");
  coop::v1::CommandReply reply;
  ExpectRule(programs_->PlaceGraduate(Context().get(), request, &reply),
             grpc::StatusCode::INVALID_ARGUMENT, "PLACE-04");
  request = Placement();
  request.mutable_placed()->set_planned_term_months(0);
  ExpectRule(programs_->PlaceGraduate(Context().get(), request, &reply),
             grpc::StatusCode::INVALID_ARGUMENT, "PLACE-03");
  EXPECT_EQ(Head(), 0u);
}

}  // namespace
}  // namespace coop::testing
