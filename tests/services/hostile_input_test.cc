// What a careless or hostile client sends, through the public command and query services of a
// real server: numbers past their bounds, a command id reused for another command, unknown
// enum numbers, text with control characters or in another Unicode form, ids and codes in
// another case, dates before any cooperative. Each is refused naming the request's field and
// the rule, and nothing is written; or it is canonicalised so that it means what it names.
#include <gtest/gtest.h>

#include <limits>

#include "absl/strings/ascii.h"
#include "base/uuid.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "domain/common/value_bounds.h"
#include "tests/services/registry_fixture.h"

namespace coop::testing {
namespace {

class HostileInputTest : public RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    reporting_ = coop::v1::Reporting::NewStub(channel_);
  }

  std::string Registered(const std::string& code, uint64_t* position = nullptr) {
    coop::v1::CommandReply reply;
    const grpc::Status status = Register(Registration(code), &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (position != nullptr) *position = reply.position();
    return reply.aggregate_id();
  }

  // The refusal is INVALID_ARGUMENT, its message starts with `message`, and the log did not
  // grow.
  void ExpectInvalid(const grpc::Status& status, const std::string& message, size_t events) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
    EXPECT_EQ(status.error_message().substr(0, message.size()), message);
    EXPECT_EQ(ReadAll().size(), events);
  }

  std::unique_ptr<coop::v1::Reporting::Stub> reporting_;
};

TEST_F(HostileInputTest, IntMaxMembersOrCapitalAreRefusedByCOMMON04AndNothingIsWritten) {
  auto request = Registration("2100000001");
  request.mutable_registration()->mutable_members()->set_official(
      std::numeric_limits<int64_t>::max());
  coop::v1::CommandReply reply;
  ExpectInvalid(Register(request, &reply), "[COMMON-04] registration.members.official:", 0);
  request = Registration("2100000001");
  request.mutable_registration()->set_charter_capital_vnd(domain::kMaxVnd + 1);
  ExpectInvalid(Register(request, &reply), "[COMMON-04] registration.charter_capital_vnd:", 0);
}

TEST_F(HostileInputTest, AdmittingMembersPastTheBoundIsRefusedWhateverTheAdmissionsSize) {
  const std::string id = Registered("2100000002");
  const size_t events = ReadAll().size();
  coop::v1::CommandReply reply;
  ExpectInvalid(Admit(id, std::numeric_limits<int64_t>::max(), Header("2024-10-01"), &reply),
                "[COMMON-04] members_admitted.members.official:", events);
  // Each admission within the bound, the count it leads to past it.
  ExpectInvalid(Admit(id, domain::kMaxCount, Header("2024-10-01"), &reply),
                "[COMMON-04] members_admitted.members: the cooperative would have more than",
                events);
}

TEST_F(HostileInputTest, ACommandIdReusedForAnotherCommandIsAlreadyExistsNotADuplicate) {
  auto registration = Registration("2100000003");
  coop::v1::CommandReply registered;
  ASSERT_TRUE(Register(registration, &registered).ok());
  const size_t events = ReadAll().size();

  // The registration's command id on an admission: the admission must not be silently lost.
  coop::v1::CommandReply reply;
  grpc::Status status = Admit(registered.aggregate_id(), 2, registration.header(), &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS) << status.error_message();
  EXPECT_NE(status.error_message().find("header.command_id"), std::string::npos);
  EXPECT_NE(status.error_message().find("coop.v1.CooperativeRegistered"), std::string::npos);
  EXPECT_EQ(ReadAll().size(), events);

  // The same admission with other figures under one command id.
  const auto header = Header("2024-10-01");
  ASSERT_TRUE(Admit(registered.aggregate_id(), 2, header, &reply).ok());
  status = Admit(registered.aggregate_id(), 3, header, &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS) << status.error_message();

  // A true retry still returns the first result.
  coop::v1::CommandReply again;
  ASSERT_TRUE(Register(registration, &again).ok());
  EXPECT_TRUE(again.duplicate());
  EXPECT_EQ(again.position(), registered.position());
  ASSERT_TRUE(Admit(registered.aggregate_id(), 2, header, &again).ok());
  EXPECT_TRUE(again.duplicate());
}

TEST_F(HostileInputTest, AnUnknownEnumNumberIsRefusedByCOMMON06) {
  auto request = Registration("2100000004");
  request.mutable_registration()->set_kind(static_cast<coop::v1::CooperativeKind>(99));
  coop::v1::CommandReply reply;
  ExpectInvalid(Register(request, &reply),
                "[COMMON-06] registration.kind: 99 is not a value of CooperativeKind", 0);
}

TEST_F(HostileInputTest, AnOversizedListOrRequestIsRefusedNamingItsFieldNotTheStores) {
  // Before, 1,100 business lines of 999 bytes reached the store, which refused
  // "streams[0].events[0].payload" with RESOURCE_EXHAUSTED; 500 of them were stored.
  coop::v1::CommandReply reply;
  auto request = Registration("2100000011");
  for (int i = 0; i < 1100; ++i) {
    request.mutable_registration()->add_business_lines(std::string(999, 'a'));
  }
  ExpectInvalid(Register(request, &reply),
                "[COMMON-04] registration.business_lines: holds about 1098900 of the request's ",
                0);
  request.mutable_registration()->mutable_business_lines()->DeleteSubrange(500, 600);
  ExpectInvalid(Register(request, &reply), "[COMMON-04] registration.business_lines: holds about ",
                0);
  request = Registration("2100000011");
  for (int i = 0; i < 1001; ++i) request.mutable_registration()->add_business_lines("lúa");
  ExpectInvalid(Register(request, &reply),
                "[COMMON-04] registration.business_lines: has 1001 items; at most 1000", 0);
}

TEST_F(HostileInputTest, ADecidersRefusalNamesTheRequestsOwnField) {
  // Before, the deciders' own names reached the caller: "name", "address.code".
  coop::v1::CommandReply reply;
  auto request = Registration("2100000010");
  request.mutable_registration()->clear_name();
  ExpectInvalid(Register(request, &reply), "[COMMON-03] registration.name: is required", 0);
  request = Registration("2100000010");
  request.mutable_registration()->mutable_address()->set_code("99999");
  ExpectInvalid(Register(request, &reply), "[AREA-01] registration.address.code:", 0);
}

TEST_F(HostileInputTest, ControlCharactersAndBidiOverridesAreRefusedByCOMMON05) {
  coop::v1::CommandReply reply;
  auto request = Registration("2100000005");
  request.mutable_registration()->set_name(std::string("HTX\x00\x01\n\x1b[31mRED", 14));
  ExpectInvalid(Register(request, &reply),
                "[COMMON-05] registration.name: control character U+0000", 0);
  request.mutable_registration()->set_name("HTX \u202Eàhk");
  ExpectInvalid(Register(request, &reply),
                "[COMMON-05] registration.name: bidirectional control U+202E", 0);
  request.mutable_registration()->set_name("   ");
  ExpectInvalid(Register(request, &reply), "[COMMON-05] registration.name: is only whitespace", 0);
}

TEST_F(HostileInputTest, TextInNfdIsStoredInNfcAndAnNfdFilterFindsIt) {
  auto request = Registration("2100000006");
  request.mutable_registration()->set_name("HTX Kha\u0301nh An");               // NFD
  request.mutable_registration()->set_sector("No\u0302ng nghie\u0302\u0323p");  // NFD
  coop::v1::CommandReply reply;
  ASSERT_TRUE(Register(request, &reply).ok());

  coop::v1::GetCooperativeRequest get;
  get.set_cooperative_id(reply.aggregate_id());
  get.set_min_position(reply.position());
  coop::v1::CooperativeView view;
  ASSERT_TRUE(reporting_->GetCooperative(Context().get(), get, &view).ok());
  EXPECT_EQ(view.name(), "HTX Khánh An");
  EXPECT_EQ(view.sector(), "Nông nghiệp");

  for (const std::string sector : {"Nông nghiệp", "No\u0302ng nghie\u0302\u0323p"}) {
    coop::v1::ListCooperativesRequest list;
    list.set_sector(sector);
    coop::v1::ListCooperativesReply listed;
    ASSERT_TRUE(reporting_->ListCooperatives(Context().get(), list, &listed).ok());
    ASSERT_EQ(listed.cooperatives_size(), 1) << sector;
  }
}

TEST_F(HostileInputTest, CodesAndIdsAreOneWhateverTheirCase) {
  uint64_t position = 0;
  const std::string id = Registered("abc-1", &position);
  coop::v1::CommandReply reply;
  auto again = Registration("ABC-1");  // a new command with the same code in capitals
  const grpc::Status status = Register(again, &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS) << status.error_message();
  EXPECT_NE(status.error_message().find("[COOP-16] registration.code: ABC-1"), std::string::npos);

  // An upper-case copy of the id names the same cooperative, on writes and reads.
  const std::string upper = absl::AsciiStrToUpper(id);
  ASSERT_TRUE(Admit(upper, 2, Header("2024-10-01"), &reply).ok());
  EXPECT_EQ(reply.aggregate_id(), id);
  auto copy = Registration("2100000007");
  copy.mutable_registration()->set_cooperative_id(upper);
  EXPECT_EQ(Register(copy, &reply).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  coop::v1::GetCooperativeRequest get;
  get.set_cooperative_id(upper);
  get.set_min_position(position);
  coop::v1::CooperativeView view;
  ASSERT_TRUE(reporting_->GetCooperative(Context().get(), get, &view).ok());
  EXPECT_EQ(view.cooperative_id(), id);
  EXPECT_EQ(view.code(), "ABC-1");
}

TEST_F(HostileInputTest, DatesBefore1955AreRefusedAndYearZeroNeverReachesTheStore) {
  auto request = Registration("2100000008");
  request.mutable_header()->set_occurred_on("1900-01-01");
  coop::v1::CommandReply reply;
  ExpectInvalid(Register(request, &reply), "[COMMON-01] ", 0);

  coop::v1::AppendRequest append;
  auto* stream = append.add_streams();
  stream->set_stream_id("note-1");
  auto* event = stream->add_events();
  event->set_event_id(base::NewRandomUuid());
  event->set_type("test.Note");
  event->set_schema_version(1);
  event->set_occurred_on("0000-01-01");
  const grpc::Status appended = Append(append);
  EXPECT_EQ(appended.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(appended.error_message().find("occurred_on"), std::string::npos)
      << appended.error_message();
  EXPECT_EQ(ReadAll().size(), 0u);
}

}  // namespace
}  // namespace coop::testing
