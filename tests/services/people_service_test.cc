// coop.v1.People over a real server: personal details round-trip through the person vault,
// a retried RecordPerson returns the same ref, events carry only the ref, and no file of the
// data folder (log or vault) holds a person's name in plain text.
#include "services/people_service.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "base/uuid.h"
#include "coop/v1/people.grpc.pb.h"
#include "coop/v1/programs.grpc.pb.h"
#include "coop/v1/registry.grpc.pb.h"
#include "tests/services/server_fixture.h"
#include "vault/master_key.h"

namespace coop::testing {
namespace {

constexpr char kName[] = "Phạm Ngọc Yến Zephyrine";
constexpr char kIdentity[] = "089199012345";

class PeopleServiceTest : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    people_ = coop::v1::People::NewStub(channel_);
  }

  static coop::v1::PersonDetails Details() {
    coop::v1::PersonDetails d;
    d.set_full_name(kName);
    d.set_identity_number(kIdentity);
    d.set_date_of_birth("2001-02-28");
    d.set_phone("0912 345 678");
    d.set_email("yen.pham@example.vn");
    d.set_address_text("Khóm 3, phường An Xuyên, Cà Mau");
    return d;
  }
  grpc::Status Record(const coop::v1::RecordPersonRequest& request,
                      coop::v1::RecordPersonReply* reply) {
    return people_->RecordPerson(Context().get(), request, reply);
  }
  grpc::Status Get(const std::string& ref, coop::v1::PersonDetails* details) {
    coop::v1::GetPersonRequest request;
    request.set_person_ref(ref);
    return people_->GetPerson(Context().get(), request, details);
  }
  static void ExpectInvalid(const grpc::Status& status, const std::string& field) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
    EXPECT_NE(status.error_message().find(field + ":"), std::string::npos)
        << status.error_message();
  }

  // RecordPerson now names what the person is recorded for (it decides who may read the
  // details); these tests record for the district of U Minh.
  static void RecordedForUMinh(coop::v1::RecordPersonRequest* request) {
    request->mutable_area()->set_code("966");
    request->mutable_area()->set_unit_set("2025-03");
  }

  std::unique_ptr<coop::v1::People::Stub> people_;
};

TEST_F(PeopleServiceTest, RecordedDetailsRoundTripAndUpdate) {
  coop::v1::RecordPersonRequest request;
  *request.mutable_header() = Header();
  *request.mutable_details() = Details();
  RecordedForUMinh(&request);
  coop::v1::RecordPersonReply reply;
  ASSERT_TRUE(Record(request, &reply).ok());
  EXPECT_TRUE(base::ParseUuid(reply.person_ref()));
  EXPECT_FALSE(reply.duplicate());
  coop::v1::PersonDetails got;
  ASSERT_TRUE(Get(reply.person_ref(), &got).ok());
  EXPECT_EQ(got.SerializeAsString(), Details().SerializeAsString());

  coop::v1::UpdatePersonRequest update;
  *update.mutable_header() = Header();
  update.set_person_ref(reply.person_ref());
  *update.mutable_details() = Details();
  update.mutable_details()->set_email("yen@example.org");
  coop::v1::RecordPersonReply updated;
  ASSERT_TRUE(people_->UpdatePerson(Context().get(), update, &updated).ok());
  EXPECT_EQ(updated.person_ref(), reply.person_ref());
  ASSERT_TRUE(Get(reply.person_ref(), &got).ok());
  EXPECT_EQ(got.email(), "yen@example.org");

  // Nothing entered the log.
  EXPECT_EQ(server_->store().GetLogInfo().head_position(), 0u);
}

TEST_F(PeopleServiceTest, ARetriedRecordReturnsTheSameRefAndStoresNothingNew) {
  coop::v1::RecordPersonRequest request;
  *request.mutable_header() = Header();
  *request.mutable_details() = Details();
  RecordedForUMinh(&request);
  coop::v1::RecordPersonReply first, retry, other;
  ASSERT_TRUE(Record(request, &first).ok());
  ASSERT_TRUE(Record(request, &retry).ok());  // the same request again: a retry
  EXPECT_EQ(retry.person_ref(), first.person_ref());
  EXPECT_TRUE(retry.duplicate());

  // The same command id with other details is not a retry: it is refused, not dropped.
  request.mutable_details()->set_phone("0000");
  coop::v1::RecordPersonReply reused;
  const grpc::Status refused = Record(request, &reused);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::ALREADY_EXISTS) << refused.error_message();
  EXPECT_NE(refused.error_message().find("header.command_id"), std::string::npos);
  coop::v1::PersonDetails got;
  ASSERT_TRUE(Get(first.person_ref(), &got).ok());
  EXPECT_EQ(got.phone(), "0912 345 678");

  *request.mutable_header() = Header();  // another command: another person
  ASSERT_TRUE(Record(request, &other).ok());
  EXPECT_NE(other.person_ref(), first.person_ref());
  EXPECT_FALSE(other.duplicate());
}

TEST_F(PeopleServiceTest, UnknownRefsAreNotFound) {
  coop::v1::PersonDetails got;
  EXPECT_EQ(Get(base::NewRandomUuid(), &got).error_code(), grpc::StatusCode::NOT_FOUND);
  coop::v1::UpdatePersonRequest update;
  *update.mutable_header() = Header();
  update.set_person_ref(base::NewRandomUuid());
  *update.mutable_details() = Details();
  coop::v1::RecordPersonReply reply;
  EXPECT_EQ(people_->UpdatePerson(Context().get(), update, &reply).error_code(),
            grpc::StatusCode::NOT_FOUND);
  ExpectInvalid(Get("grad-0042", &got), "person_ref");
  ExpectInvalid(Get("", &got), "person_ref");
}

TEST_F(PeopleServiceTest, BadInputIsInvalidAndNamesTheField) {
  coop::v1::RecordPersonReply reply;
  auto with = [](auto change) {
    coop::v1::RecordPersonRequest request;
    *request.mutable_header() = Header();
    *request.mutable_details() = Details();
    RecordedForUMinh(&request);
    change(&request);
    return request;
  };
  using R = coop::v1::RecordPersonRequest;
  ExpectInvalid(Record(with([](R* r) { r->mutable_details()->set_full_name("  "); }), &reply),
                "details.full_name");
  ExpectInvalid(Record(with([](R* r) { r->clear_recorded_for(); }), &reply), "recorded_for");
  ExpectInvalid(
      Record(with([](R* r) { r->mutable_details()->set_full_name(std::string(201, 'a')); }),
             &reply),
      "details.full_name");
  ExpectInvalid(
      Record(with([](R* r) { r->mutable_details()->set_date_of_birth("2001-02-30"); }), &reply),
      "details.date_of_birth");
  ExpectInvalid(
      Record(with([](R* r) { r->mutable_details()->set_date_of_birth("2999-01-01"); }), &reply),
      "details.date_of_birth");
  ExpectInvalid(Record(with([](R* r) { r->mutable_details()->set_phone("call me"); }), &reply),
                "details.phone");
  ExpectInvalid(Record(with([](R* r) { r->mutable_details()->set_email("no-at-sign"); }), &reply),
                "details.email");
  ExpectInvalid(
      Record(with([](R* r) { r->mutable_details()->set_identity_number("12 34"); }), &reply),
      "details.identity_number");
  ExpectInvalid(
      Record(with([](R* r) { r->mutable_details()->set_address_text(std::string(501, 'x')); }),
             &reply),
      "details.address_text");
  ExpectInvalid(
      Record(with([](R* r) { r->mutable_header()->set_command_id("not-a-uuid"); }), &reply),
      "header.command_id");
}

TEST_F(PeopleServiceTest, NoFileOfTheLogOrTheVaultHoldsTheNameAndEventsCarryOnlyTheRef) {
  coop::v1::RecordPersonRequest request;
  *request.mutable_header() = Header();
  *request.mutable_details() = Details();
  RecordedForUMinh(&request);
  coop::v1::RecordPersonReply person;
  ASSERT_TRUE(Record(request, &person).ok());
  // The person is placed as a graduate at a registered cooperative (LINK-02): the event names
  // the ref only.
  auto registry = coop::v1::Registry::NewStub(channel_);
  coop::v1::RegisterCooperativeRequest registration;
  *registration.mutable_header() = Header("2024-09-01");
  auto* r = registration.mutable_registration();
  r->set_code("2300000077");
  r->set_kind(coop::v1::COOPERATIVE);
  r->set_name("HTX Khánh An");
  r->set_law_regime(coop::v1::LAW_2023);
  r->mutable_address()->set_code("32059");
  r->mutable_address()->set_unit_set("2025-03");
  r->mutable_members()->set_official(9);
  coop::v1::CommandReply registered;
  ASSERT_TRUE(registry->RegisterCooperative(Context().get(), registration, &registered).ok());
  auto programs = coop::v1::Programs::NewStub(channel_);
  coop::v1::PlaceGraduateRequest place;
  *place.mutable_header() = Header();
  place.mutable_placed()->set_person_ref(person.person_ref());
  place.mutable_placed()->set_degree(coop::v1::DEGREE_UNIVERSITY);
  place.mutable_placed()->set_field("aquaculture");
  place.mutable_placed()->set_cooperative_id(registered.aggregate_id());
  place.mutable_placed()->set_planned_term_months(24);
  coop::v1::CommandReply placed;
  ASSERT_TRUE(programs->PlaceGraduate(Context().get(), place, &placed).ok());

  server_->Shutdown();  // closes the log and the vault: everything is in files now
  std::string where;
  EXPECT_FALSE(AnyFileContains(dir_.path(), kName, &where)) << where;
  EXPECT_FALSE(AnyFileContains(dir_.path(), "Zephyrine", &where)) << where;
  EXPECT_FALSE(AnyFileContains(dir_.path(), kIdentity, &where)) << where;
  EXPECT_FALSE(AnyFileContains(dir_.path(), "yen.pham@example.vn", &where)) << where;
  EXPECT_TRUE(AnyFileContains(dir_.path(), person.person_ref(), &where)) << "the ref is in the log";

  // After a restart (same data folder, same created master key) the details are readable.
  server_.reset();
  StartServer();
  people_ = coop::v1::People::NewStub(channel_);
  coop::v1::PersonDetails got;
  ASSERT_TRUE(Get(person.person_ref(), &got).ok());
  EXPECT_EQ(got.full_name(), kName);
}

TEST_F(PeopleServiceTest, TheServerRefusesToStartWithAnotherMasterKey) {
  server_->Shutdown();
  server_.reset();
  const std::string key_file = dir_.Sub("other.key");
  {
    auto key = vault::LoadOrCreateMasterKey(key_file);  // a fresh, different key
    ASSERT_OK(key);
  }
  services::ServerOptions options;
  options.data_dir = dir_.Sub("store");
  options.listen = "127.0.0.1:0";
  options.master_key_file = key_file;
  auto server = services::CoopServer::Start(options);
  EXPECT_EQ(server.status().code(), absl::StatusCode::kDataLoss) << server.status();
  options.master_key_file = dir_.Sub("store/master.key");  // the one created on first start
  server = services::CoopServer::Start(options);
  EXPECT_OK(server);
}

}  // namespace
}  // namespace coop::testing
