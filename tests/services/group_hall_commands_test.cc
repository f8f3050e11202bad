// coop.v1.Registry's group (tổ hợp tác) and hall (hội quán) commands over a real server: each
// family is decided by its domain, filed under the aggregate's area, idempotent by command id,
// and a refused command writes nothing and names its rule first.
#include <gtest/gtest.h>

#include "base/uuid.h"
#include "coop/v1/registry.grpc.pb.h"
#include "tests/services/server_fixture.h"

namespace coop::testing {
namespace {

class GroupHallCommandsTest : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    registry_ = coop::v1::Registry::NewStub(channel_);
  }

  static coop::v1::Area KhanhAn() {  // Xã Khánh An, Huyện U Minh, Cà Mau (before July 2025)
    coop::v1::Area area;
    area.set_code("32059");
    area.set_unit_set("2025-03");
    return area;
  }

  static coop::v1::FormCooperativeGroupRequest Formation(const std::string& occurred_on,
                                                         int64_t members = 5) {
    coop::v1::FormCooperativeGroupRequest request;
    *request.mutable_header() = Header(occurred_on);
    auto* formed = request.mutable_formed();
    formed->set_name("THT Lúa sạch ấp 3");
    formed->set_term_months(36);
    *formed->mutable_address() = KhanhAn();
    formed->set_members(members);
    formed->set_has_capital_contributions(true);
    formed->set_representative_ref("person-118");
    formed->add_activities("rice");
    return request;
  }

  grpc::Status Form(const coop::v1::FormCooperativeGroupRequest& request,
                    coop::v1::CommandReply* reply) {
    auto context = Context();
    context->AddMetadata("x-coop-actor", "officer-3");
    return registry_->FormCooperativeGroup(context.get(), request, reply);
  }

  // Forms a group and returns its id.
  std::string FormedGroup(const std::string& occurred_on) {
    coop::v1::CommandReply reply;
    auto status = Form(Formation(occurred_on), &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return reply.aggregate_id();
  }

  grpc::Status Register(const std::string& group_id, const std::string& occurred_on,
                        coop::v1::CommandReply* reply) {
    coop::v1::RegisterCooperativeGroupRequest request;
    *request.mutable_header() = Header(occurred_on);
    request.set_group_id(group_id);
    request.mutable_registered()->set_certificate_number("THT-0042");
    request.mutable_registered()->set_authority("UBND xã Khánh An");
    return registry_->RegisterCooperativeGroup(Context().get(), request, reply);
  }

  // The cooperative a group converts into, registered first naming it (LINK-04).
  std::string RegisterConverted(const std::string& group_id, const std::string& occurred_on) {
    coop::v1::RegisterCooperativeRequest request;
    *request.mutable_header() = Header(occurred_on);
    auto* r = request.mutable_registration();
    r->set_code("2300000042");
    r->set_kind(coop::v1::COOPERATIVE);
    r->set_name("HTX Lúa sạch Khánh An");
    r->set_law_regime(coop::v1::LAW_2023);
    r->mutable_address()->set_code("32059");  // Xã Khánh An in the two-level units
    r->mutable_address()->set_unit_set("2025-07");
    r->mutable_members()->set_official(5);
    r->set_origin(coop::v1::ORIGIN_CONVERTED_FROM_GROUP);
    r->set_origin_group_id(group_id);
    coop::v1::CommandReply reply;
    const grpc::Status status = registry_->RegisterCooperative(Context().get(), request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return reply.aggregate_id();
  }

  grpc::Status Convert(const std::string& group_id, const std::string& occurred_on,
                       coop::v1::CommandReply* reply,
                       const std::string& cooperative_id = base::NewRandomUuid()) {
    coop::v1::ConvertCooperativeGroupRequest request;
    *request.mutable_header() = Header(occurred_on);
    request.set_group_id(group_id);
    request.mutable_converted_to_cooperative()->set_cooperative_id(cooperative_id);
    request.mutable_converted_to_cooperative()->set_all_members_agreed(true);
    return registry_->ConvertCooperativeGroup(Context().get(), request, reply);
  }

  static void ExpectRule(const grpc::Status& status, grpc::StatusCode code,
                         const std::string& rule) {
    EXPECT_EQ(status.error_code(), code) << status.error_message();
    EXPECT_EQ(status.error_message().rfind("[" + rule + "]", 0), 0u) << status.error_message();
  }

  uint64_t Head() { return server_->store().GetLogInfo().head_position(); }

  std::unique_ptr<coop::v1::Registry::Stub> registry_;
};

TEST_F(GroupHallCommandsTest, AGroupIsFormedNotifiedChangedSuspendedResumedAndTerminated) {
  coop::v1::CommandReply reply;
  ASSERT_TRUE(Form(Formation("2023-03-01"), &reply).ok());
  const std::string id = reply.aggregate_id();
  EXPECT_FALSE(id.empty()) << "an id derived from the command id";
  EXPECT_EQ(reply.stream_id(), "group-" + id);
  EXPECT_EQ(reply.version(), 1u);

  coop::v1::NotifyCooperativeGroupRequest notify;
  *notify.mutable_header() = Header("2023-03-10");
  notify.set_group_id(id);
  notify.mutable_notified()->set_decree(coop::v1::GROUP_DECREE_77_2019);
  notify.mutable_notified()->set_authority("UBND xã Khánh An");
  ASSERT_TRUE(registry_->NotifyCooperativeGroup(Context().get(), notify, &reply).ok());

  coop::v1::ChangeCooperativeGroupRequest change;
  *change.mutable_header() = Header("2023-04-01");
  change.set_group_id(id);
  change.mutable_changed()->set_name("THT Lúa sạch Khánh An");
  ASSERT_TRUE(registry_->ChangeCooperativeGroup(Context().get(), change, &reply).ok());

  coop::v1::ChangeCooperativeGroupMembersRequest members;
  *members.mutable_header() = Header("2023-05-01");
  members.set_group_id(id);
  members.mutable_members_changed()->set_members(8);
  ASSERT_TRUE(registry_->ChangeCooperativeGroupMembers(Context().get(), members, &reply).ok());

  coop::v1::SuspendCooperativeGroupRequest suspend;
  *suspend.mutable_header() = Header("2023-06-01");
  suspend.set_group_id(id);
  suspend.mutable_suspended()->set_until("2023-07-15");
  ASSERT_TRUE(registry_->SuspendCooperativeGroup(Context().get(), suspend, &reply).ok());

  coop::v1::ResumeCooperativeGroupRequest resume;
  *resume.mutable_header() = Header("2023-07-15");
  resume.set_group_id(id);
  resume.mutable_resumed();
  ASSERT_TRUE(registry_->ResumeCooperativeGroup(Context().get(), resume, &reply).ok());

  coop::v1::TerminateCooperativeGroupRequest terminate;
  *terminate.mutable_header() = Header("2024-03-01");
  terminate.set_group_id(id);
  terminate.mutable_terminated()->set_reason("contract term ended");
  ASSERT_TRUE(registry_->TerminateCooperativeGroup(Context().get(), terminate, &reply).ok());
  EXPECT_EQ(reply.version(), 7u);

  auto events = ReadAll();
  ASSERT_EQ(events.size(), 7u);
  EXPECT_EQ(events[0].type(), "coop.v1.GroupFormed");
  EXPECT_EQ(events[0].metadata().actor(), "officer-3");
  EXPECT_EQ(events[6].type(), "coop.v1.GroupTerminated");
  for (const auto& e : events) {
    EXPECT_EQ(e.stream_id(), "group-" + id);
    EXPECT_EQ(e.area().code(), "32059") << e.type() << ": filed under the group's commune";
  }

  // Terminal: nothing more is recorded.
  *members.mutable_header() = Header("2024-04-01");
  ExpectRule(registry_->ChangeCooperativeGroupMembers(Context().get(), members, &reply),
             grpc::StatusCode::FAILED_PRECONDITION, "GROUP-03");
}

TEST_F(GroupHallCommandsTest, ARegisteredGroupConvertsTwelveMonthsAfterItsCertificate) {
  const std::string id = FormedGroup("2024-08-01");
  coop::v1::CommandReply reply;
  ASSERT_TRUE(Register(id, "2024-08-15", &reply).ok());
  const uint64_t head = Head();
  ExpectRule(Convert(id, "2025-08-14", &reply), grpc::StatusCode::FAILED_PRECONDITION, "GROUP-12");
  EXPECT_EQ(Head(), head) << "a refused command writes nothing";

  // The pinned order (LINK-04): a conversion naming no registered cooperative is refused; the
  // cooperative registers first, naming the group, then the group converts naming it.
  ExpectRule(Convert(id, "2025-08-15", &reply), grpc::StatusCode::NOT_FOUND, "LINK-01");
  const std::string cooperative = RegisterConverted(id, "2025-08-15");
  ASSERT_TRUE(Convert(id, "2025-08-15", &reply, cooperative).ok());
  EXPECT_EQ(reply.version(), 3u);
  coop::v1::ReadAllRequest group_only;
  group_only.mutable_filter()->add_stream_prefixes("group-");
  auto events = ReadAll(group_only);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[2].type(), "coop.v1.GroupConvertedToCooperative");
  EXPECT_EQ(events[2].occurred_on(), "2025-08-15");
}

TEST_F(GroupHallCommandsTest, AnUnregisteredGroupDoesNotConvert) {
  const std::string id = FormedGroup("2024-08-01");
  coop::v1::CommandReply reply;
  ExpectRule(Convert(id, "2025-09-01", &reply), grpc::StatusCode::FAILED_PRECONDITION, "GROUP-12");
  EXPECT_EQ(Head(), 1u);
}

TEST_F(GroupHallCommandsTest, ARejectedGroupCommandWritesNothingAndNamesTheRuleFirst) {
  coop::v1::CommandReply reply;
  ExpectRule(Form(Formation("2023-03-01", /*members=*/1), &reply),
             grpc::StatusCode::INVALID_ARGUMENT, "GROUP-01");
  auto formation = Formation("2023-03-01");
  formation.mutable_formed()->mutable_address()->set_code("99999");
  ExpectRule(Form(formation, &reply), grpc::StatusCode::INVALID_ARGUMENT, "AREA-01");
  EXPECT_EQ(Head(), 0u);

  // Notices gave way to registration on 1 July 2024.
  const std::string id = FormedGroup("2024-08-01");
  coop::v1::NotifyCooperativeGroupRequest notify;
  *notify.mutable_header() = Header("2024-08-10");
  notify.set_group_id(id);
  notify.mutable_notified()->set_decree(coop::v1::GROUP_DECREE_77_2019);
  ExpectRule(registry_->NotifyCooperativeGroup(Context().get(), notify, &reply),
             grpc::StatusCode::INVALID_ARGUMENT, "GROUP-05");
  EXPECT_EQ(Head(), 1u);

  notify.set_group_id(base::NewRandomUuid());
  auto status = registry_->NotifyCooperativeGroup(Context().get(), notify, &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << status.error_message();
  notify.clear_group_id();
  ExpectRule(registry_->NotifyCooperativeGroup(Context().get(), notify, &reply),
             grpc::StatusCode::INVALID_ARGUMENT, "COMMON-03");
}

TEST_F(GroupHallCommandsTest, ARetriedGroupCommandReturnsItsFirstResult) {
  auto formation = Formation("2024-08-01");
  coop::v1::CommandReply formed, again;
  ASSERT_TRUE(Form(formation, &formed).ok());
  ASSERT_TRUE(Form(formation, &again).ok());
  EXPECT_TRUE(again.duplicate());
  EXPECT_EQ(again.aggregate_id(), formed.aggregate_id()) << "the same derived id";
  EXPECT_EQ(again.version(), 1u);

  coop::v1::ChangeCooperativeGroupMembersRequest members;
  *members.mutable_header() = Header("2024-09-01");
  members.set_group_id(formed.aggregate_id());
  members.mutable_members_changed()->set_members(6);
  coop::v1::CommandReply first, other, retry;
  ASSERT_TRUE(registry_->ChangeCooperativeGroupMembers(Context().get(), members, &first).ok());
  ASSERT_TRUE(Register(formed.aggregate_id(), "2024-09-02", &other).ok());
  ASSERT_TRUE(registry_->ChangeCooperativeGroupMembers(Context().get(), members, &retry).ok());
  EXPECT_TRUE(retry.duplicate());
  EXPECT_EQ(retry.version(), first.version());
  EXPECT_EQ(retry.position(), first.position());
  EXPECT_EQ(ReadAll().size(), 3u);
}

TEST_F(GroupHallCommandsTest, AHallIsFoundedChangedAndFormalisedOnce) {
  coop::v1::FoundHallRequest found;
  *found.mutable_header() = Header("2024-05-01");
  auto* founded = found.mutable_founded();
  founded->set_name("Hội quán ấp Kênh Ngang");
  *founded->mutable_address() = KhanhAn();
  founded->set_hamlet("ấp Kênh Ngang");
  founded->set_field("rice");
  founded->set_members(25);
  coop::v1::CommandReply reply, retry;
  ASSERT_TRUE(registry_->FoundHall(Context().get(), found, &reply).ok());
  const std::string id = reply.aggregate_id();
  EXPECT_EQ(reply.stream_id(), "hall-" + id);
  ASSERT_TRUE(registry_->FoundHall(Context().get(), found, &retry).ok());
  EXPECT_TRUE(retry.duplicate());
  EXPECT_EQ(retry.aggregate_id(), id);

  coop::v1::ChangeHallMembersRequest members;
  *members.mutable_header() = Header("2024-06-01");
  members.set_hall_id(id);
  members.mutable_members_changed()->set_members(31);
  ASSERT_TRUE(registry_->ChangeHallMembers(Context().get(), members, &reply).ok());

  coop::v1::FormaliseHallRequest formalise;
  *formalise.mutable_header() = Header("2024-09-01");
  formalise.set_hall_id(id);
  formalise.mutable_formalised()->set_formalised_as(coop::v1::HALL_AS_GROUP);
  const uint64_t head = Head();
  ExpectRule(registry_->FormaliseHall(Context().get(), formalise, &reply),
             grpc::StatusCode::INVALID_ARGUMENT, "COMMON-03");
  EXPECT_EQ(Head(), head);
  // The pinned order (LINK-05): the group forms naming the hall, then the hall names it.
  auto from_hall = Formation("2024-09-01");
  from_hall.mutable_formed()->set_origin(coop::v1::GROUP_ORIGIN_FORMALISED_HALL);
  from_hall.mutable_formed()->set_origin_hall_id(id);
  coop::v1::CommandReply formed;
  ASSERT_TRUE(Form(from_hall, &formed).ok());
  formalise.mutable_formalised()->set_new_aggregate_id(formed.aggregate_id());
  ASSERT_TRUE(registry_->FormaliseHall(Context().get(), formalise, &reply).ok());
  EXPECT_EQ(reply.version(), 3u);

  *members.mutable_header() = Header("2024-10-01");
  ExpectRule(registry_->ChangeHallMembers(Context().get(), members, &reply),
             grpc::StatusCode::FAILED_PRECONDITION, "HALL-02");
  coop::v1::ReadAllRequest hall_only;
  hall_only.mutable_filter()->add_stream_prefixes("hall-");
  auto events = ReadAll(hall_only);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[2].type(), "coop.v1.HallFormalised");
  EXPECT_EQ(events[2].area().code(), "32059");
}

}  // namespace
}  // namespace coop::testing
