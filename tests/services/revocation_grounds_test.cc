// The revocation grounds of the calendar (COOP-22) over a real server, as an agency records
// them: a cooperative whose members fell below the minimum shows the ground in the compliance
// list once 12 months have passed, a revocation naming that ground is refused before then
// (nothing written) and accepted from that day, and a revoked certificate shows no ground.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "coop/v1/reporting.grpc.pb.h"
#include "tests/services/registry_fixture.h"

namespace coop::testing {
namespace {

class RevocationGroundsTest : public RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    reporting_ = coop::v1::Reporting::NewStub(channel_);
  }

  grpc::Status MembersLeave(const std::string& cooperative_id, int64_t official,
                            const std::string& on, coop::v1::CommandReply* reply) {
    coop::v1::RecordCooperativeMembersLeftRequest request;
    *request.mutable_header() = Header(on);
    request.set_cooperative_id(cooperative_id);
    request.mutable_members_left()->mutable_members()->set_official(official);
    return registry_->RecordCooperativeMembersLeft(Context().get(), request, reply);
  }
  grpc::Status Revoke(const std::string& cooperative_id, const std::string& on,
                      coop::v1::CommandReply* reply) {
    coop::v1::RevokeCooperativeCertificateRequest request;
    *request.mutable_header() = Header(on);
    request.set_cooperative_id(cooperative_id);
    auto* revoked = request.mutable_certificate_revoked();
    revoked->set_grounds("Không bảo đảm số lượng thành viên tối thiểu trong 12 tháng liên tục");
    revoked->set_decision("45/QĐ-UBND");
    revoked->set_ground(coop::v1::BELOW_MINIMUM_MEMBERS_12_MONTHS);
    return registry_->RevokeCooperativeCertificate(Context().get(), request, reply);
  }
  // The REVOCATION_GROUNDS issues of Huyện U Minh for `year`.
  std::vector<coop::v1::ComplianceIssue> Grounds(int year, uint64_t min_position,
                                                 const std::string& lang = "en") {
    coop::v1::ComplianceIssuesRequest request;
    request.mutable_area()->set_code("966");
    request.mutable_area()->set_unit_set("2025-03");
    request.set_year(year);
    request.set_min_position(min_position);
    request.set_lang(lang);
    coop::v1::ComplianceIssuesReply reply;
    const grpc::Status status = reporting_->ListComplianceIssues(Context().get(), request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<coop::v1::ComplianceIssue> grounds;
    for (const auto& issue : reply.issues()) {
      if (issue.kind() == coop::v1::REVOCATION_GROUNDS) grounds.push_back(issue);
    }
    return grounds;
  }
  uint64_t Head() { return server_->store().GetLogInfo().head_position(); }

  std::unique_ptr<coop::v1::Reporting::Stub> reporting_;
};

TEST_F(RevocationGroundsTest, Coop22TooFewMembersForTwelveMonthsIsAGroundFromThatDay) {
  // Given a cooperative registered on 2024-09-01 with 9 official members (the 2023 law needs
  // 5), 5 of whom left on 2024-11-15: 4 members from that day.
  coop::v1::CommandReply registered, left;
  ASSERT_TRUE(Register(Registration("2600000101"), &registered).ok());
  const std::string id = registered.aggregate_id();
  ASSERT_TRUE(MembersLeave(id, 5, "2024-11-15", &left).ok());

  // At the end of 2024 the ground does not hold yet; at the end of 2025 it does, from
  // 2025-11-15 (12 months on). The meeting ground is not due before 2026-03-01 (18 months
  // after the registration), so it is the only one.
  EXPECT_TRUE(Grounds(2024, left.position()).empty());
  auto grounds = Grounds(2025, left.position());
  ASSERT_EQ(grounds.size(), 1u);
  EXPECT_EQ(grounds[0].code(), "2600000101");
  EXPECT_EQ(grounds[0].detail(),
            "fewer members than the minimum (COOP-01) since 2024-11-15: a ground for revocation "
            "from 2025-11-15 (COOP-22)");
  // In Vietnamese, with the days written day first.
  auto vi = Grounds(2025, left.position(), "vi");
  ASSERT_EQ(vi.size(), 1u);
  EXPECT_EQ(vi[0].detail(),
            "không bảo đảm số lượng thành viên tối thiểu (COOP-01) từ 15/11/2024: đủ căn cứ thu "
            "hồi giấy chứng nhận từ 15/11/2025 (COOP-22)");

  // When the certificate is revoked on that ground the day before, then COOP-22 names the
  // field and the day, and nothing is written.
  const uint64_t head = Head();
  coop::v1::CommandReply refused;
  const grpc::Status early = Revoke(id, "2025-11-14", &refused);
  EXPECT_EQ(early.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(early.error_message().find("[COOP-22]"), std::string::npos) << early.error_message();
  EXPECT_NE(early.error_message().find("certificate_revoked.ground"), std::string::npos);
  EXPECT_NE(early.error_message().find("from 2025-11-15"), std::string::npos)
      << early.error_message();
  EXPECT_EQ(Head(), head);

  // On the day it is accepted (with the compulsory dissolution, COOP-08), and the list shows
  // the ground no more.
  coop::v1::CommandReply revoked;
  const grpc::Status due = Revoke(id, "2025-11-15", &revoked);
  ASSERT_TRUE(due.ok()) << due.error_message();
  EXPECT_EQ(Head(), head + 2);
  EXPECT_TRUE(Grounds(2025, revoked.position()).empty());
}

}  // namespace
}  // namespace coop::testing
