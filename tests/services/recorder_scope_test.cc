// A recorder's scope, kind of record by kind (commands/recorder_scope.h), over a real server
// with bearer tokens: classes and plans by their own area; grants and placements by the
// cooperative they name, on the event's date; a re-address is recorded by the office the
// cooperative leaves, and from then on by the one it joins. Out of scope: PERMISSION_DENIED,
// nothing appended.
#include <gtest/gtest.h>

#include "coop/v1/people.grpc.pb.h"
#include "coop/v1/planning.grpc.pb.h"
#include "coop/v1/programs.grpc.pb.h"
#include "tests/services/auth_fixture.h"

namespace coop::testing {
namespace {

using grpc::StatusCode;

coop::v1::Area Area(const std::string& code) {
  coop::v1::Area area;
  area.set_code(code);
  area.set_unit_set("2025-03");
  return area;
}

class RecorderScopeTest : public AuthServerFixture {
 protected:
  void SetUp() override {
    AuthServerFixture::SetUp();
    programs_ = coop::v1::Programs::NewStub(channel_);
    registry_ = coop::v1::Registry::NewStub(channel_);
  }

  // Runs `call` as U Minh's and as Thới Bình's recorder: U Minh's must be refused with
  // nothing appended, Thới Bình's must go through.
  template <typename Call>
  void OnlyThoiBinhMay(Call call) {
    const uint64_t head = LogHead();
    coop::v1::CommandReply reply;
    grpc::Status refused = call("recorder-u-minh", &reply);
    EXPECT_EQ(refused.error_code(), StatusCode::PERMISSION_DENIED) << refused.error_message();
    EXPECT_EQ(LogHead(), head);
    grpc::Status done = call("recorder-thoi-binh", &reply);
    EXPECT_TRUE(done.ok()) << done.error_message();
  }

  std::unique_ptr<coop::v1::Programs::Stub> programs_;
  std::unique_ptr<coop::v1::Registry::Stub> registry_;
};

TEST_F(RecorderScopeTest, AClassIsJudgedOnItsOwnArea) {
  OnlyThoiBinhMay([&](const std::string& who, coop::v1::CommandReply* reply) {
    coop::v1::RecordClassRequest request;
    *request.mutable_header() = Header("2025-03-10");
    auto* held = request.mutable_held();
    held->set_kind(coop::v1::VOCATIONAL);
    held->set_title("Kỹ thuật nuôi tôm sú");
    held->set_organiser("Phòng Kinh tế huyện Thới Bình");
    held->set_start_date("2025-03-10");
    held->set_end_date("2025-03-12");
    *held->mutable_area() = Area("32065");
    held->mutable_participants()->set_members(28);
    return programs_->RecordClass(As(who).get(), request, reply);
  });
}

TEST_F(RecorderScopeTest, APlanIsJudgedOnItsOwnArea) {
  auto planning = coop::v1::Planning::NewStub(channel_);
  OnlyThoiBinhMay([&](const std::string& who, coop::v1::CommandReply* reply) {
    coop::v1::SetAnnualPlanTargetsRequest request;
    *request.mutable_header() = Header("2025-01-15");
    auto* set = request.mutable_targets_set();
    *set->mutable_area() = Area("967");
    set->set_year(2025);
    auto* target = set->add_targets();
    target->set_indicator(coop::v1::NEW_COOPERATIVES);
    target->set_comparison(coop::v1::AT_LEAST);
    target->set_value(2);
    return planning->SetAnnualPlanTargets(As(who).get(), request, reply);
  });
}

TEST_F(RecorderScopeTest, AGrantAndAPlacementAreJudgedOnTheirCooperative) {
  const std::string thoi_binh = RegisterAs("recorder-thoi-binh", "2000000031", "32065");
  OnlyThoiBinhMay([&](const std::string& who, coop::v1::CommandReply* reply) {
    coop::v1::RecordSupportGrantRequest request;
    *request.mutable_header() = Header("2025-04-20");
    auto* granted = request.mutable_granted();
    granted->set_type(coop::v1::SUPPORT_SCIENCE_TECHNOLOGY);
    granted->set_programme("Kế hoạch phát triển KTTT 2025");
    granted->set_amount_vnd(120'000'000);
    granted->set_funding_source(coop::v1::FUNDING_PROVINCIAL);
    granted->set_decision("567/QĐ-UBND");
    granted->set_cooperative_id(thoi_binh);
    return programs_->RecordSupportGrant(As(who).get(), request, reply);
  });
  // The graduate, recorded by Thới Bình (a recorder places only people it may read).
  coop::v1::RecordPersonRequest person;
  *person.mutable_header() = Header();
  person.mutable_details()->set_full_name("Lê Văn Tốt");
  person.set_cooperative_id(thoi_binh);
  coop::v1::RecordPersonReply recorded;
  ASSERT_TRUE(coop::v1::People::NewStub(channel_)
                  ->RecordPerson(As("recorder-thoi-binh").get(), person, &recorded)
                  .ok());
  OnlyThoiBinhMay([&](const std::string& who, coop::v1::CommandReply* reply) {
    coop::v1::PlaceGraduateRequest request;
    *request.mutable_header() = Header("2025-01-06");
    auto* placed = request.mutable_placed();
    placed->set_person_ref(recorded.person_ref());
    placed->set_cooperative_id(thoi_binh);
    placed->set_degree(coop::v1::DEGREE_UNIVERSITY);
    placed->set_field("nông học");
    placed->set_planned_term_months(24);
    return programs_->PlaceGraduate(As(who).get(), request, reply);
  });
}

TEST_F(RecorderScopeTest, AGrantNamingAnAreaOfItsOwnIsStillJudgedOnItsRecipient) {
  const std::string thoi_binh = RegisterAs("recorder-thoi-binh", "2000000033", "32065");
  OnlyThoiBinhMay([&](const std::string& who, coop::v1::CommandReply* reply) {
    coop::v1::RecordSupportGrantRequest request;
    *request.mutable_header() = Header("2025-04-20");
    auto* granted = request.mutable_granted();
    granted->set_type(coop::v1::SUPPORT_SCIENCE_TECHNOLOGY);
    granted->set_programme("Kế hoạch phát triển KTTT 2025");
    granted->set_amount_vnd(50'000'000);
    granted->set_funding_source(coop::v1::FUNDING_PROVINCIAL);
    granted->set_decision("568/QĐ-UBND");
    granted->set_cooperative_id(thoi_binh);
    *granted->mutable_area() = Area("966");  // U Minh's own district: not a way in
    return programs_->RecordSupportGrant(As(who).get(), request, reply);
  });
}

TEST_F(RecorderScopeTest, AReAddressIsRecordedByTheOfficeLeftThenBelongsToTheOfficeJoined) {
  const std::string id = RegisterAs("recorder-u-minh", "2000000032", "32059");
  auto move = [&](const std::string& who, const std::string& to) {
    coop::v1::ChangeCooperativeRegistrationRequest request;
    *request.mutable_header() = Header("2024-12-01");
    request.set_cooperative_id(id);
    *request.mutable_registration_changed()->mutable_address() = Area(to);
    coop::v1::CommandReply reply;
    return registry_->ChangeCooperativeRegistration(As(who).get(), request, &reply);
  };
  // The office it joins may not pull it over; the office it leaves moves it.
  EXPECT_EQ(move("recorder-thoi-binh", "32065").error_code(), StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(move("recorder-u-minh", "32065").ok());
  // Now it is Thới Bình's.
  EXPECT_EQ(move("recorder-u-minh", "32059").error_code(), StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(move("recorder-thoi-binh", "32068").ok());
}

}  // namespace
}  // namespace coop::testing
