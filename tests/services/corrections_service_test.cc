// coop.v1.Corrections over a real server: voiding or amending an earlier event changes what
// the aggregate's later commands are decided against; history keeps both; rules CORR-01..05,
// CORR-10.
#include "services/corrections_service.h"

#include <gtest/gtest.h>

#include "base/uuid.h"
#include "coop/v1/registry.grpc.pb.h"
#include "tests/services/server_fixture.h"

namespace coop::testing {
namespace {

class CorrectionsServiceTest : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    registry_ = coop::v1::Registry::NewStub(channel_);
    corrections_ = coop::v1::Corrections::NewStub(channel_);
    coop::v1::RegisterCooperativeRequest request;
    request.mutable_header()->set_command_id(base::NewRandomUuid());
    request.mutable_header()->set_occurred_on("2024-09-01");
    auto* r = request.mutable_registration();
    r->set_code("2000000100");
    r->set_kind(coop::v1::COOPERATIVE);
    r->set_name("HTX Khánh Lâm");
    r->set_law_regime(coop::v1::LAW_2023);
    r->mutable_address()->set_code("32056");
    r->mutable_address()->set_unit_set("2025-03");
    r->mutable_members()->set_official(9);
    r->set_origin(coop::v1::ORIGIN_NEW);
    coop::v1::CommandReply reply;
    ASSERT_TRUE(registry_->RegisterCooperative(Context().get(), request, &reply).ok());
    id_ = reply.aggregate_id();
    stream_ = reply.stream_id();
  }

  grpc::Status ReportMembers(int64_t official) {
    coop::v1::ReportCooperativeMembershipRequest request;
    *request.mutable_header() = Header("2024-12-10");
    request.set_cooperative_id(id_);
    request.mutable_membership_reported()->mutable_members()->set_official(official);
    coop::v1::CommandReply reply;
    return registry_->ReportCooperativeMembership(Context().get(), request, &reply);
  }
  grpc::Status MembersLeave(int64_t official) {
    coop::v1::RecordCooperativeMembersLeftRequest request;
    *request.mutable_header() = Header();
    request.set_cooperative_id(id_);
    request.mutable_members_left()->mutable_members()->set_official(official);
    coop::v1::CommandReply reply;
    return registry_->RecordCooperativeMembersLeft(Context().get(), request, &reply);
  }
  std::string LastEventId() {
    coop::v1::ReadStreamRequest read;
    read.set_stream_id(stream_);
    read.set_direction(coop::v1::BACKWARDS);
    read.set_max_count(1);
    auto context = Context();
    auto reader = stub_->ReadStream(context.get(), read);
    coop::v1::ReadResponse message;
    std::string id;
    while (reader->Read(&message)) id = message.event().event_id();
    EXPECT_TRUE(reader->Finish().ok());
    return id;
  }
  grpc::Status Void(const std::string& event_id, const std::string& reason,
                    coop::v1::CommandReply* reply,
                    const coop::v1::CommandHeader& header = Header()) {
    coop::v1::VoidEventRequest request;
    *request.mutable_header() = header;
    request.set_stream_id(stream_);
    request.set_event_id(event_id);
    request.set_reason(reason);
    return corrections_->VoidEvent(Context().get(), request, reply);
  }

  std::unique_ptr<coop::v1::Registry::Stub> registry_;
  std::unique_ptr<coop::v1::Corrections::Stub> corrections_;
  std::string id_, stream_;
};

TEST_F(CorrectionsServiceTest, AVoidedReportNoLongerCountsAndTheEarlierFigureReturns) {
  ASSERT_TRUE(ReportMembers(30).ok());
  const std::string report = LastEventId();
  coop::v1::CommandReply reply;
  ASSERT_TRUE(Void(report, "entered twice by mistake", &reply).ok());
  // Back to the 9 members of the registration: 20 cannot leave.
  auto status = MembersLeave(20);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("[COOP-12]"), std::string::npos) << status.error_message();
  EXPECT_TRUE(MembersLeave(5).ok());
  // History keeps both: the report and its voiding.
  auto events = ReadAll();
  int reports = 0, voids = 0;
  for (const auto& e : events) {
    reports += e.type() == "coop.v1.CooperativeMembershipReported";
    voids += e.type() == "coop.v1.EventVoided";
  }
  EXPECT_EQ(reports, 1);
  EXPECT_EQ(voids, 1);
}

TEST_F(CorrectionsServiceTest, AnAmendedReportCountsWithItsReplacement) {
  ASSERT_TRUE(ReportMembers(30).ok());
  coop::v1::CooperativeMembershipReported replacement;
  replacement.mutable_members()->set_official(12);
  coop::v1::AmendEventRequest request;
  *request.mutable_header() = Header();
  request.set_stream_id(stream_);
  request.set_event_id(LastEventId());
  request.set_reason("typing error: 12, not 30");
  request.set_replacement(replacement.SerializeAsString());
  request.set_replacement_type("coop.v1.CooperativeMembershipReported");
  coop::v1::CommandReply reply;
  ASSERT_TRUE(corrections_->AmendEvent(Context().get(), request, &reply).ok());
  EXPECT_EQ(MembersLeave(13).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_TRUE(MembersLeave(12).ok());

  request.set_replacement("\xff not a membership report");
  *request.mutable_header() = Header();
  auto status = corrections_->AmendEvent(Context().get(), request, &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("[CORR-05]"), std::string::npos);
}

TEST_F(CorrectionsServiceTest, CorrectionRulesAndIdempotency) {
  coop::v1::CommandReply reply;
  auto status = Void(base::NewRandomUuid(), "no such event", &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(status.error_message().find("[CORR-01]"), std::string::npos);

  const std::string registration = LastEventId();
  ASSERT_TRUE(ReportMembers(30).ok());
  const std::string report = LastEventId();
  EXPECT_EQ(Void(report, "", &reply).error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  const auto header = Header();
  coop::v1::CommandReply first, retry;
  ASSERT_TRUE(Void(report, "mistake", &first, header).ok());
  ASSERT_TRUE(Void(report, "mistake", &retry, header).ok());
  EXPECT_TRUE(retry.duplicate());
  EXPECT_EQ(retry.position(), first.position());

  status = Void(report, "again", &reply);
  EXPECT_NE(status.error_message().find("[CORR-02]"), std::string::npos) << status.error_message();
  status = Void(LastEventId(), "void the void", &reply);
  EXPECT_NE(status.error_message().find("[CORR-03]"), std::string::npos) << status.error_message();

  // CORR-04 is retired: voiding the registration withdraws the cooperative, and nothing more
  // is recorded or corrected for it (CORR-10).
  ASSERT_TRUE(Void(registration, "registered twice by mistake", &reply).ok());
  status = ReportMembers(12);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("[CORR-10]"), std::string::npos) << status.error_message();
  EXPECT_NE(status.error_message().find("registered twice by mistake"), std::string::npos);
  status = Void(report, "again", &reply);
  EXPECT_NE(status.error_message().find("[CORR-10]"), std::string::npos) << status.error_message();
}

}  // namespace
}  // namespace coop::testing
