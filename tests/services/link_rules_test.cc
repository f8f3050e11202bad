// Links between records, enforced in the command path over a real server: each LINK rule is
// refused with its id, names the request's field, and writes nothing.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "base/uuid.h"
#include "coop/v1/corrections.grpc.pb.h"
#include "coop/v1/programs.grpc.pb.h"
#include "tests/services/registry_fixture.h"

namespace coop::testing {
namespace {

class LinkRulesTest : public RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    programs_ = coop::v1::Programs::NewStub(channel_);
    corrections_ = coop::v1::Corrections::NewStub(channel_);
  }

  // A cooperative registered on `on` (the law in force then), in Xã Khánh An.
  std::string Cooperative(const std::string& code, const std::string& on,
                          coop::v1::CooperativeOrigin origin = coop::v1::ORIGIN_NEW,
                          const std::string& predecessor = "") {
    auto request = Registration(code);
    request.mutable_header()->set_occurred_on(on);
    auto* r = request.mutable_registration();
    if (on < "2024-07-01") r->set_law_regime(coop::v1::LAW_2012);
    r->set_origin(origin);
    if (!predecessor.empty()) r->add_predecessor_ids(predecessor);
    coop::v1::CommandReply reply;
    const grpc::Status status = Register(request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return reply.aggregate_id();
  }
  void Dissolve(const std::string& id, const std::string& started, const std::string& done) {
    coop::v1::StartCooperativeDissolutionRequest start;
    *start.mutable_header() = Header(started);
    start.set_cooperative_id(id);
    start.mutable_dissolution_started()->set_kind(coop::v1::VOLUNTARY);
    coop::v1::CommandReply reply;
    ASSERT_TRUE(registry_->StartCooperativeDissolution(Context().get(), start, &reply).ok());
    coop::v1::CompleteCooperativeDissolutionRequest complete;
    *complete.mutable_header() = Header(done);
    complete.set_cooperative_id(id);
    ASSERT_TRUE(registry_->CompleteCooperativeDissolution(Context().get(), complete, &reply).ok());
  }
  grpc::Status Grant(const std::string& cooperative_id, const std::string& on,
                     coop::v1::CommandReply* reply) {
    coop::v1::RecordSupportGrantRequest request;
    *request.mutable_header() = Header(on);
    auto* g = request.mutable_granted();
    g->set_type(coop::v1::SUPPORT_TRAINING);
    g->set_amount_vnd(50'000'000);
    g->set_funding_source(coop::v1::FUNDING_PROVINCIAL);
    g->set_cooperative_id(cooperative_id);
    return programs_->RecordSupportGrant(Context().get(), request, reply);
  }
  uint64_t Head() { return server_->store().GetLogInfo().head_position(); }
  // Refused with `code`, the message starting "[rule] field", and nothing written.
  void ExpectRefused(const grpc::Status& status, uint64_t head, grpc::StatusCode code,
                     const std::string& rule, const std::string& field) {
    EXPECT_EQ(status.error_code(), code) << status.error_message();
    EXPECT_EQ(status.error_message().rfind("[" + rule + "] " + field, 0), 0u)
        << status.error_message();
    EXPECT_EQ(Head(), head) << "a refused command writes nothing";
  }

  std::unique_ptr<coop::v1::Programs::Stub> programs_;
  std::unique_ptr<coop::v1::Corrections::Stub> corrections_;
};

using C = grpc::StatusCode;

TEST_F(LinkRulesTest, Link01And02AGrantsRecipientExistsAndLivesOnItsDate) {
  const std::string later = Cooperative("2500000001", "2024-09-01");
  const std::string dissolved = Cooperative("2500000002", "2023-01-05");
  Dissolve(dissolved, "2024-01-10", "2024-03-01");
  const uint64_t head = Head();
  coop::v1::CommandReply reply;
  ExpectRefused(Grant(base::NewRandomUuid(), "2024-10-01", &reply), head, C::NOT_FOUND, "LINK-01",
                "granted.cooperative_id");
  ExpectRefused(Grant(later, "2024-08-01", &reply), head, C::FAILED_PRECONDITION, "LINK-02",
                "granted.cooperative_id");
  ExpectRefused(Grant(dissolved, "2024-04-01", &reply), head, C::FAILED_PRECONDITION, "LINK-02",
                "granted.cooperative_id");
  // Before it ended, the same cooperative received support.
  EXPECT_TRUE(Grant(dissolved, "2023-06-01", &reply).ok());
}

TEST_F(LinkRulesTest, Link02AnOcopProductsAndAPlacementsCooperative) {
  const std::string later = Cooperative("2500000003", "2024-09-01");
  const uint64_t head = Head();
  coop::v1::EnrolOcopProductRequest enrol;
  *enrol.mutable_header() = Header("2024-08-01");
  enrol.mutable_enrolled()->set_cooperative_id(later);
  enrol.mutable_enrolled()->set_product_name("Mật ong rừng U Minh");
  enrol.mutable_enrolled()->set_year(2024);
  coop::v1::CommandReply reply;
  ExpectRefused(programs_->EnrolOcopProduct(Context().get(), enrol, &reply), head,
                C::FAILED_PRECONDITION, "LINK-02", "enrolled.cooperative_id");
  coop::v1::PlaceGraduateRequest place;
  *place.mutable_header() = Header("2024-10-01");
  place.mutable_placed()->set_person_ref("grad-0042");
  place.mutable_placed()->set_degree(coop::v1::DEGREE_UNIVERSITY);
  place.mutable_placed()->set_field("agronomy");
  place.mutable_placed()->set_cooperative_id(base::NewRandomUuid());
  place.mutable_placed()->set_planned_term_months(24);
  ExpectRefused(programs_->PlaceGraduate(Context().get(), place, &reply), head, C::NOT_FOUND,
                "LINK-01", "placed.cooperative_id");
}

TEST_F(LinkRulesTest, Link03AClassNamesCooperativesRegisteredByItsLastDay) {
  const std::string later = Cooperative("2500000004", "2024-09-01");
  const uint64_t head = Head();
  coop::v1::RecordClassRequest request;
  *request.mutable_header() = Header("2024-08-10");
  auto* held = request.mutable_held();
  held->set_kind(coop::v1::PROPAGANDA);
  held->set_title("Tuyên truyền Luật Hợp tác xã 2023");
  held->set_organiser("Phòng Nông nghiệp huyện U Minh");
  held->set_start_date("2024-08-10");
  held->set_end_date("2024-08-11");
  held->mutable_area()->set_code("966");
  held->mutable_area()->set_unit_set("2025-03");
  held->mutable_participants()->set_members(30);
  held->add_cooperative_ids(later);
  coop::v1::CommandReply reply;
  ExpectRefused(programs_->RecordClass(Context().get(), request, &reply), head,
                C::FAILED_PRECONDITION, "LINK-03", "held.cooperative_ids[0]");
}

TEST_F(LinkRulesTest, Link04AConversionNamesAnEligibleGroup) {
  coop::v1::FormCooperativeGroupRequest form;
  *form.mutable_header() = Header("2024-08-01");
  auto* f = form.mutable_formed();
  f->set_name("THT Lúa sạch ấp 3");
  f->set_term_months(36);
  f->mutable_address()->set_code("32059");
  f->mutable_address()->set_unit_set("2025-03");
  f->set_members(5);
  coop::v1::CommandReply formed;
  ASSERT_TRUE(registry_->FormCooperativeGroup(Context().get(), form, &formed).ok());
  const uint64_t head = Head();
  auto request = Registration("2500000005");
  request.mutable_header()->set_occurred_on("2024-12-01");
  request.mutable_registration()->set_origin(coop::v1::ORIGIN_CONVERTED_FROM_GROUP);
  request.mutable_registration()->set_origin_group_id(formed.aggregate_id());
  coop::v1::CommandReply reply;
  ExpectRefused(Register(request, &reply), head, C::FAILED_PRECONDITION, "LINK-04",
                "registration.origin_group_id");
}

TEST_F(LinkRulesTest, Link05AHallNamesTheRecordThatNamesIt) {
  coop::v1::FoundHallRequest found;
  *found.mutable_header() = Header("2024-05-01");
  found.mutable_founded()->set_name("Hội quán ấp Kênh Ngang");
  found.mutable_founded()->mutable_address()->set_code("32059");
  found.mutable_founded()->mutable_address()->set_unit_set("2025-03");
  found.mutable_founded()->set_members(25);
  coop::v1::CommandReply hall;
  ASSERT_TRUE(registry_->FoundHall(Context().get(), found, &hall).ok());
  const std::string unrelated = Cooperative("2500000006", "2024-09-01");
  const uint64_t head = Head();
  coop::v1::FormaliseHallRequest formalise;
  *formalise.mutable_header() = Header("2024-10-01");
  formalise.set_hall_id(hall.aggregate_id());
  formalise.mutable_formalised()->set_formalised_as(coop::v1::HALL_AS_COOPERATIVE);
  formalise.mutable_formalised()->set_new_aggregate_id(unrelated);
  coop::v1::CommandReply reply;
  ExpectRefused(registry_->FormaliseHall(Context().get(), formalise, &reply), head,
                C::FAILED_PRECONDITION, "LINK-05", "formalised.new_aggregate_id");
  // In the pinned order: the cooperative names the hall, then the hall names it.
  auto from_hall = Registration("2500000007");
  from_hall.mutable_header()->set_occurred_on("2024-10-01");
  from_hall.mutable_registration()->set_origin(coop::v1::ORIGIN_FORMALISED_HALL);
  from_hall.mutable_registration()->set_origin_hall_id(hall.aggregate_id());
  coop::v1::CommandReply registered;
  ASSERT_TRUE(Register(from_hall, &registered).ok());
  formalise.mutable_formalised()->set_new_aggregate_id(registered.aggregate_id());
  *formalise.mutable_header() = Header("2024-10-01");
  EXPECT_TRUE(registry_->FormaliseHall(Context().get(), formalise, &reply).ok());
}

TEST_F(LinkRulesTest, Link04And05AGroupOrHallIsTheOriginOfOneRecord) {
  // Given a hall that a cooperative names as its origin, and a registered group that another
  // cooperative names as its origin, neither formalised nor converted yet: a second record
  // naming either is refused, naming the first; nothing is written.
  coop::v1::FoundHallRequest found;
  *found.mutable_header() = Header("2024-05-01");
  found.mutable_founded()->set_name("Hội quán ấp Kênh Ngang");
  found.mutable_founded()->mutable_address()->set_code("32059");
  found.mutable_founded()->mutable_address()->set_unit_set("2025-03");
  found.mutable_founded()->set_members(25);
  coop::v1::CommandReply hall;
  ASSERT_TRUE(registry_->FoundHall(Context().get(), found, &hall).ok());
  auto from_hall = Registration("2500000011");
  from_hall.mutable_header()->set_occurred_on("2024-10-01");
  from_hall.mutable_registration()->set_origin(coop::v1::ORIGIN_FORMALISED_HALL);
  from_hall.mutable_registration()->set_origin_hall_id(hall.aggregate_id());
  coop::v1::CommandReply first;
  ASSERT_TRUE(Register(from_hall, &first).ok());

  uint64_t head = Head();
  coop::v1::FormCooperativeGroupRequest group_from_hall;
  *group_from_hall.mutable_header() = Header("2024-10-02");
  auto* f = group_from_hall.mutable_formed();
  f->set_name("THT Kênh Ngang");
  f->set_no_fixed_term(true);
  f->mutable_address()->set_code("32059");
  f->mutable_address()->set_unit_set("2025-03");
  f->set_members(5);
  f->set_origin(coop::v1::GROUP_ORIGIN_FORMALISED_HALL);
  f->set_origin_hall_id(hall.aggregate_id());
  coop::v1::CommandReply reply;
  const grpc::Status second_hall =
      registry_->FormCooperativeGroup(Context().get(), group_from_hall, &reply);
  ExpectRefused(second_hall, head, C::FAILED_PRECONDITION, "LINK-05", "formed.origin_hall_id");
  EXPECT_NE(second_hall.error_message().find(first.stream_id()), std::string::npos)
      << second_hall.error_message();

  coop::v1::FormCooperativeGroupRequest form;
  *form.mutable_header() = Header("2023-01-10");
  *form.mutable_formed() = group_from_hall.formed();
  form.mutable_formed()->set_origin(coop::v1::GROUP_ORIGIN_NEW);
  form.mutable_formed()->clear_origin_hall_id();
  coop::v1::CommandReply group;
  ASSERT_TRUE(registry_->FormCooperativeGroup(Context().get(), form, &group).ok());
  coop::v1::RegisterCooperativeGroupRequest certify;
  *certify.mutable_header() = Header("2024-08-01");
  certify.set_group_id(group.aggregate_id());
  certify.mutable_registered()->set_certificate_number("THT-07");
  ASSERT_TRUE(registry_->RegisterCooperativeGroup(Context().get(), certify, &reply).ok());
  auto converted = Registration("2500000012");
  converted.mutable_header()->set_occurred_on("2025-08-15");
  converted.mutable_registration()->set_origin(coop::v1::ORIGIN_CONVERTED_FROM_GROUP);
  converted.mutable_registration()->set_origin_group_id(group.aggregate_id());
  converted.mutable_registration()->mutable_address()->set_unit_set("2025-07");
  coop::v1::CommandReply claimant;
  const grpc::Status claimed = Register(converted, &claimant);
  ASSERT_TRUE(claimed.ok()) << claimed.error_message();
  head = Head();
  auto again = converted;
  again.mutable_registration()->set_code("2500000013");
  again.mutable_header()->set_command_id(base::NewRandomUuid());
  const grpc::Status second_group = Register(again, &reply);
  ExpectRefused(second_group, head, C::FAILED_PRECONDITION, "LINK-04",
                "registration.origin_group_id");
  EXPECT_NE(second_group.error_message().find(claimant.stream_id()), std::string::npos)
      << second_group.error_message();
}

TEST_F(LinkRulesTest, Link06PredecessorsAndSuccessorsNameEachOther) {
  const std::string ended = Cooperative("2500000008", "2023-01-05");
  Dissolve(ended, "2024-01-10", "2024-03-01");
  const std::string predecessor = Cooperative("2500000009", "2023-01-05");
  uint64_t head = Head();
  auto request = Registration("2500000010");
  request.mutable_header()->set_occurred_on("2024-10-01");
  request.mutable_registration()->set_origin(coop::v1::ORIGIN_REORGANISATION);
  request.mutable_registration()->add_predecessor_ids(ended);
  coop::v1::CommandReply reply;
  ExpectRefused(Register(request, &reply), head, C::FAILED_PRECONDITION, "LINK-06",
                "registration.predecessor_ids[0]");
  // A successor registered by reorganisation of another cooperative is not this one's.
  const std::string successor =
      Cooperative("2500000011", "2024-10-01", coop::v1::ORIGIN_REORGANISATION, predecessor);
  const std::string stranger =
      Cooperative("2500000012", "2024-10-01", coop::v1::ORIGIN_REORGANISATION, predecessor);
  const std::string other = Cooperative("2500000013", "2023-01-05");
  head = Head();
  coop::v1::ReorganiseCooperativeRequest reorganise;
  *reorganise.mutable_header() = Header("2024-10-02");
  reorganise.set_cooperative_id(other);
  reorganise.mutable_reorganised()->set_kind(coop::v1::SPLIT);
  reorganise.mutable_reorganised()->add_successor_ids(stranger);
  ExpectRefused(registry_->ReorganiseCooperative(Context().get(), reorganise, &reply), head,
                C::FAILED_PRECONDITION, "LINK-06", "reorganised.successor_ids[0]");
  reorganise.set_cooperative_id(predecessor);
  reorganise.mutable_reorganised()->set_successor_ids(0, successor);
  *reorganise.mutable_header() = Header("2024-10-02");
  EXPECT_TRUE(registry_->ReorganiseCooperative(Context().get(), reorganise, &reply).ok());
}

TEST_F(LinkRulesTest, AnAmendmentNamesOnlyRecordsThatExist) {
  const std::string cooperative = Cooperative("2500000014", "2024-09-01");
  coop::v1::CommandReply granted;
  ASSERT_TRUE(Grant(cooperative, "2024-10-01", &granted).ok());
  std::string event_id;
  coop::v1::SupportGranted grant;
  for (const auto& event : ReadAll()) {
    if (event.position() != granted.position()) continue;
    event_id = event.event_id();
    ASSERT_TRUE(grant.ParseFromString(event.payload()));
  }
  grant.set_cooperative_id(base::NewRandomUuid());
  const uint64_t head = Head();
  coop::v1::AmendEventRequest amend;
  *amend.mutable_header() = Header("2024-10-05");
  amend.set_stream_id(granted.stream_id());
  amend.set_event_id(event_id);
  amend.set_reason("nhầm HTX nhận hỗ trợ");
  amend.set_replacement_type("coop.v1.SupportGranted");
  amend.set_replacement(grant.SerializeAsString());
  coop::v1::CommandReply reply;
  ExpectRefused(corrections_->AmendEvent(Context().get(), amend, &reply), head, C::NOT_FOUND,
                "LINK-01", "replacement.cooperative_id");
}

TEST_F(LinkRulesTest, AnAmendmentOfALinkThatPointsBackStillHolds) {
  // A group converts to C on C's registration day; a later typo fix in C's registration still
  // names an eligible group: the group converted to C itself.
  coop::v1::FormCooperativeGroupRequest form;
  *form.mutable_header() = Header("2024-07-10");
  form.mutable_formed()->set_name("THT Lúa sạch ấp 3");
  form.mutable_formed()->set_term_months(36);
  form.mutable_formed()->mutable_address()->set_code("32059");
  form.mutable_formed()->mutable_address()->set_unit_set("2025-03");
  form.mutable_formed()->set_members(5);
  coop::v1::CommandReply group, reply;
  ASSERT_TRUE(registry_->FormCooperativeGroup(Context().get(), form, &group).ok());
  coop::v1::RegisterCooperativeGroupRequest certify;
  *certify.mutable_header() = Header("2024-08-01");
  certify.set_group_id(group.aggregate_id());
  certify.mutable_registered()->set_certificate_number("THT-01");
  ASSERT_TRUE(registry_->RegisterCooperativeGroup(Context().get(), certify, &reply).ok());
  auto request = Registration("2500000015");
  request.mutable_header()->set_occurred_on("2025-08-15");
  auto* r = request.mutable_registration();
  r->mutable_address()->set_unit_set("2025-07");
  r->set_origin(coop::v1::ORIGIN_CONVERTED_FROM_GROUP);
  r->set_origin_group_id(group.aggregate_id());
  coop::v1::CommandReply cooperative;
  ASSERT_TRUE(Register(request, &cooperative).ok());
  coop::v1::ConvertCooperativeGroupRequest convert;
  *convert.mutable_header() = Header("2025-08-15");
  convert.set_group_id(group.aggregate_id());
  convert.mutable_converted_to_cooperative()->set_cooperative_id(cooperative.aggregate_id());
  convert.mutable_converted_to_cooperative()->set_all_members_agreed(true);
  ASSERT_TRUE(registry_->ConvertCooperativeGroup(Context().get(), convert, &reply).ok());

  std::string event_id;
  coop::v1::CooperativeRegistered registered;
  for (const auto& event : ReadAll()) {
    if (event.stream_id() != cooperative.stream_id() ||
        event.type() != "coop.v1.CooperativeRegistered") {
      continue;
    }
    event_id = event.event_id();
    ASSERT_TRUE(registered.ParseFromString(event.payload()));
  }
  registered.set_name("HTX Lúa sạch Khánh An");
  coop::v1::AmendEventRequest amend;
  *amend.mutable_header() = Header("2025-09-01");
  amend.set_stream_id(cooperative.stream_id());
  amend.set_event_id(event_id);
  amend.set_reason("sửa tên");
  amend.set_replacement_type("coop.v1.CooperativeRegistered");
  amend.set_replacement(registered.SerializeAsString());
  const grpc::Status amended = corrections_->AmendEvent(Context().get(), amend, &reply);
  EXPECT_TRUE(amended.ok()) << amended.error_message();
}

}  // namespace
}  // namespace coop::testing
