// Corrections go through the rules (issue: "Corrections go through the rules"). Over a real
// server, each amendment the old AmendEvent accepted is refused with its rule id, names the
// field as replacement.<field>, and writes nothing; a correction is dated on or after the
// event it corrects; an amended code is a registration's code (COOP-16).
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "base/uuid.h"
#include "coop/v1/corrections.grpc.pb.h"
#include "tests/services/registry_fixture.h"

namespace coop::testing {
namespace {

class AmendmentsThroughRulesTest : public RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    corrections_ = coop::v1::Corrections::NewStub(channel_);
    auto request = Registration("2400000001");
    request.mutable_header()->set_occurred_on("2025-01-06");
    coop::v1::CommandReply reply;
    ASSERT_TRUE(Register(request, &reply).ok());
    id_ = reply.aggregate_id();
    stream_ = reply.stream_id();
    registration_ = request.registration();
    registration_.set_cooperative_id(id_);
    registration_event_ = EventAt(reply.position());
    other_ = Registration("2400000002");
    other_.mutable_header()->set_occurred_on("2025-01-06");
    ASSERT_TRUE(Register(other_, &reply).ok());
    other_id_ = reply.aggregate_id();
  }

  std::string EventAt(uint64_t position) {
    for (const auto& event : ReadAll()) {
      if (event.position() == position) return event.event_id();
    }
    return "";
  }
  uint64_t Head() { return server_->store().GetLogInfo().head_position(); }

  grpc::Status Amend(const std::string& event_id, const std::string& type,
                     const std::string& replacement, const std::string& on = "2025-02-01") {
    coop::v1::AmendEventRequest request;
    *request.mutable_header() = Header(on);
    request.set_stream_id(stream_);
    request.set_event_id(event_id);
    request.set_reason("sửa lỗi nhập liệu");
    request.set_replacement_type(type);
    request.set_replacement(replacement);
    coop::v1::CommandReply reply;
    return corrections_->AmendEvent(Context().get(), request, &reply);
  }
  // Amends the registration with `change` applied to it.
  template <typename Change>
  grpc::Status AmendRegistration(Change change) {
    coop::v1::CooperativeRegistered replacement = registration_;
    change(replacement);
    return Amend(registration_event_, "coop.v1.CooperativeRegistered",
                 replacement.SerializeAsString());
  }
  // Refused with `code`, the message starting "[rule] field", and nothing written.
  void ExpectRefused(const grpc::Status& status, uint64_t head_before, grpc::StatusCode code,
                     const std::string& rule, const std::string& field) {
    EXPECT_EQ(status.error_code(), code) << status.error_message();
    EXPECT_EQ(status.error_message().rfind("[" + rule + "] " + field, 0), 0u)
        << status.error_message();
    EXPECT_EQ(Head(), head_before) << "a refused correction writes nothing";
  }

  std::unique_ptr<coop::v1::Corrections::Stub> corrections_;
  std::string id_, stream_, other_id_, registration_event_;
  coop::v1::CooperativeRegistered registration_;
  coop::v1::RegisterCooperativeRequest other_;
};

TEST_F(AmendmentsThroughRulesTest, EachReplacementTheOldCheckAcceptedIsRefusedByItsRule) {
  const uint64_t head = Head();
  using R = coop::v1::CooperativeRegistered;
  using C = grpc::StatusCode;
  ExpectRefused(AmendRegistration([](R& r) { r.set_charter_capital_vnd(-5); }), head,
                C::INVALID_ARGUMENT, "COMMON-02", "replacement.charter_capital_vnd");
  ExpectRefused(AmendRegistration([](R& r) { r.set_code("2400000002"); }), head, C::ALREADY_EXISTS,
                "COOP-16", "replacement.code");
  ExpectRefused(AmendRegistration([](R& r) { r.mutable_members()->set_official(0); }), head,
                C::INVALID_ARGUMENT, "COOP-01", "replacement.members");
  ExpectRefused(AmendRegistration([](R& r) { r.set_law_regime(coop::v1::LAW_2012); }), head,
                C::INVALID_ARGUMENT, "COOP-14", "replacement.law_regime");
  ExpectRefused(AmendRegistration([](R& r) { r.mutable_address()->set_code("99999"); }), head,
                C::INVALID_ARGUMENT, "AREA-01", "replacement.address");
  ExpectRefused(
      AmendRegistration([](R& r) { r.set_kind(static_cast<coop::v1::CooperativeKind>(99)); }), head,
      C::INVALID_ARGUMENT, "COMMON-06", "replacement.kind");
  const std::string other_id = other_id_;
  ExpectRefused(AmendRegistration([&](R& r) { r.set_cooperative_id(other_id); }), head,
                C::INVALID_ARGUMENT, "CORR-07", "replacement.cooperative_id");
  // A replacement of another type, or none.
  coop::v1::CooperativeSuspended suspended;
  suspended.set_until("2025-06-30");
  ExpectRefused(
      Amend(registration_event_, "coop.v1.CooperativeSuspended", suspended.SerializeAsString()),
      head, C::INVALID_ARGUMENT, "CORR-05", "replacement_type");
  ExpectRefused(Amend(registration_event_, "coop.v1.CooperativeRegistered", ""), head,
                C::INVALID_ARGUMENT, "CORR-05", "replacement");
  ExpectRefused(Amend(registration_event_, "", registration_.SerializeAsString()), head,
                C::INVALID_ARGUMENT, "CORR-05", "replacement_type");
  // Another type's bytes under the right type name: fields a registration does not have.
  coop::v1::CooperativeRated rated;
  rated.set_year(2025);
  rated.set_score(70);
  ExpectRefused(
      Amend(registration_event_, "coop.v1.CooperativeRegistered", rated.SerializeAsString()), head,
      C::INVALID_ARGUMENT, "CORR-05", "replacement");
  // The amendment that passes: 12 members.
  EXPECT_TRUE(AmendRegistration([](R& r) { r.mutable_members()->set_official(12); }).ok());
}

TEST_F(AmendmentsThroughRulesTest, Corr06ACorrectionIsDatedOnOrAfterTheEvent) {
  coop::v1::ReportCooperativeMembershipRequest report;
  *report.mutable_header() = Header("2025-03-01");
  report.set_cooperative_id(id_);
  report.mutable_membership_reported()->mutable_members()->set_official(30);
  coop::v1::CommandReply reported;
  ASSERT_TRUE(registry_->ReportCooperativeMembership(Context().get(), report, &reported).ok());
  const uint64_t head = Head();
  coop::v1::VoidEventRequest request;
  *request.mutable_header() = Header("2020-03-01");  // five years before the cooperative
  request.set_stream_id(stream_);
  request.set_event_id(EventAt(reported.position()));
  request.set_reason("entered twice");
  coop::v1::CommandReply reply;
  ExpectRefused(corrections_->VoidEvent(Context().get(), request, &reply), head,
                grpc::StatusCode::INVALID_ARGUMENT, "CORR-06", "header.occurred_on");
  *request.mutable_header() = Header("2025-03-01");
  ASSERT_TRUE(corrections_->VoidEvent(Context().get(), request, &reply).ok());
  // The void keeps its own date.
  for (const auto& event : ReadAll()) {
    if (event.position() == reply.position()) {
      EXPECT_EQ(event.occurred_on(), "2025-03-01");
    }
  }
}

TEST_F(AmendmentsThroughRulesTest, Corr08AnAmendmentThatWouldBreakALaterCommandIsRefused) {
  coop::v1::ReportCooperativeMembershipRequest report;
  *report.mutable_header() = Header("2025-03-01");
  report.set_cooperative_id(id_);
  report.mutable_membership_reported()->mutable_members()->set_official(30);
  coop::v1::CommandReply reported;
  ASSERT_TRUE(registry_->ReportCooperativeMembership(Context().get(), report, &reported).ok());
  coop::v1::CommandReply left;
  coop::v1::RecordCooperativeMembersLeftRequest leave;
  *leave.mutable_header() = Header("2025-04-01");
  leave.set_cooperative_id(id_);
  leave.mutable_members_left()->mutable_members()->set_official(20);
  ASSERT_TRUE(registry_->RecordCooperativeMembersLeft(Context().get(), leave, &left).ok());
  const uint64_t head = Head();
  coop::v1::CooperativeMembershipReported twelve;
  twelve.mutable_members()->set_official(12);
  ExpectRefused(Amend(EventAt(reported.position()), "coop.v1.CooperativeMembershipReported",
                      twelve.SerializeAsString(), "2025-04-02"),
                head, grpc::StatusCode::FAILED_PRECONDITION, "CORR-08", "event_id");
}

TEST_F(AmendmentsThroughRulesTest, AnAmendedCodeIsReservedAsARegistrationsCode) {
  ASSERT_TRUE(
      AmendRegistration([](coop::v1::CooperativeRegistered& r) { r.set_code("2400000009"); }).ok());
  // The new code is taken: a registration with it is refused, naming this cooperative.
  auto request = Registration("2400000009");
  coop::v1::CommandReply reply;
  const grpc::Status status = Register(request, &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS) << status.error_message();
  EXPECT_NE(status.error_message().find(id_), std::string::npos) << status.error_message();
}

}  // namespace
}  // namespace coop::testing
