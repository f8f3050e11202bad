// coop.v1.Registry over a real server: commands are decided by the domain, appended with
// derived ids, idempotent by command id, and keep cooperative codes unique.
#include "services/registry_service.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "base/uuid.h"
#include "tests/services/registry_fixture.h"

namespace coop::testing {
namespace {

using RegistryServiceTest = RegistryFixture;

TEST_F(RegistryServiceTest, RegistrationAssignsAnIdFilesTheEventUnderItsAreaAndRecordsWho) {
  coop::v1::CommandReply reply;
  ASSERT_TRUE(Register(Registration("2000000001"), &reply).ok());
  EXPECT_FALSE(reply.aggregate_id().empty());
  EXPECT_EQ(reply.stream_id(), "coop-" + reply.aggregate_id());
  EXPECT_EQ(reply.version(), 1u);
  auto events = ReadAll();
  ASSERT_EQ(events.size(), 2u) << "the cooperative's event and the code reservation";
  const auto& registered = events[0].stream_id() == reply.stream_id() ? events[0] : events[1];
  EXPECT_EQ(registered.type(), "coop.v1.CooperativeRegistered");
  EXPECT_EQ(registered.occurred_on(), "2024-09-01");
  EXPECT_EQ(registered.area().code(), "32059");
  EXPECT_EQ(registered.metadata().actor(), "officer-7");
  EXPECT_EQ(registered.metadata().agency(), "u-minh-district");
  // Open loopback mode: the headers are recorded beside the local admin.
  EXPECT_EQ(registered.metadata().principal(), "local-admin (unauthenticated)");
  EXPECT_NE(server_->access_summary().find("open: no authentication"), std::string::npos);
}

TEST_F(RegistryServiceTest, ARejectedCommandWritesNothingAndNamesTheRule) {
  auto request = Registration("2000000002");
  request.mutable_registration()->mutable_members()->set_official(3);
  coop::v1::CommandReply reply;
  auto status = Register(request, &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("[COOP-01]"), std::string::npos) << status.error_message();

  request = Registration("2000000002");
  request.mutable_registration()->mutable_address()->set_code("99999");
  status = Register(request, &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("[AREA-01] registration.address.code"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(server_->store().GetLogInfo().head_position(), 0u);
}

TEST_F(RegistryServiceTest, AWorkflowRuleIsFailedPreconditionAndAnUnknownCooperativeNotFound) {
  coop::v1::CommandReply reply;
  ASSERT_TRUE(Register(Registration("2000000003"), &reply).ok());
  const std::string id = reply.aggregate_id();
  coop::v1::ResumeCooperativeRequest resume;
  *resume.mutable_header() = Header("2024-10-01");
  resume.set_cooperative_id(id);
  resume.mutable_resumed();
  auto status = registry_->ResumeCooperative(Context().get(), resume, &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("[COOP-06]"), std::string::npos) << status.error_message();

  resume.set_cooperative_id(base::NewRandomUuid());
  status = registry_->ResumeCooperative(Context().get(), resume, &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << status.error_message();
}

TEST_F(RegistryServiceTest, ARetriedCommandReturnsItsFirstResultEvenAfterOtherEvents) {
  coop::v1::CommandReply registered;
  auto registration = Registration("2000000004");
  ASSERT_TRUE(Register(registration, &registered).ok());
  const std::string id = registered.aggregate_id();

  const auto header = Header("2024-10-01");
  coop::v1::CommandReply first, other, retry;
  ASSERT_TRUE(Admit(id, 2, header, &first).ok());
  ASSERT_TRUE(Admit(id, 3, Header("2024-10-02"), &other).ok());
  ASSERT_TRUE(Admit(id, 2, header, &retry).ok());
  EXPECT_TRUE(retry.duplicate());
  EXPECT_EQ(retry.version(), first.version());
  EXPECT_EQ(retry.position(), first.position());
  EXPECT_EQ(other.version(), first.version() + 1);

  // The registration itself, retried without an id, lands on the same cooperative.
  coop::v1::CommandReply again;
  ASSERT_TRUE(Register(registration, &again).ok());
  EXPECT_TRUE(again.duplicate());
  EXPECT_EQ(again.aggregate_id(), id);
}

TEST_F(RegistryServiceTest, ASecondRegistrationWithAUsedCodeIsRefused) {
  coop::v1::CommandReply first, second;
  ASSERT_TRUE(Register(Registration("2000000005"), &first).ok());
  auto status = Register(Registration("2000000005"), &second);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_NE(status.error_message().find("[COOP-16]"), std::string::npos);
  EXPECT_NE(status.error_message().find(first.aggregate_id()), std::string::npos)
      << status.error_message();
}

TEST_F(RegistryServiceTest, RacingRegistrationsOfOneCodeHaveOneWinner) {
  std::atomic<int> ok{0}, refused{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&] {
      coop::v1::CommandReply reply;
      auto status = Register(Registration("2000000006"), &reply);
      if (status.ok()) {
        ++ok;
      } else {
        EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS) << status.error_message();
        ++refused;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(refused.load(), 5);
}

TEST_F(RegistryServiceTest, TwoRacingCommandsOnOneCooperativeBothEndCorrectly) {
  coop::v1::CommandReply registered;
  ASSERT_TRUE(Register(Registration("2000000007"), &registered).ok());
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      coop::v1::CommandReply reply;
      if (Admit(registered.aggregate_id(), 1, Header("2024-10-01"), &reply).ok()) ++ok;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 8) << "the server decides again on a conflict";
  coop::v1::GetStreamInfoRequest info_request;
  info_request.set_stream_id(registered.stream_id());
  coop::v1::StreamInfo info;
  ASSERT_TRUE(stub_->GetStreamInfo(Context().get(), info_request, &info).ok());
  EXPECT_EQ(info.version(), 9u);
}

TEST_F(RegistryServiceTest, AClientGivenExpectedVersionMakesTheConflictItsAnswer) {
  coop::v1::CommandReply registered, reply;
  ASSERT_TRUE(Register(Registration("2000000008"), &registered).ok());
  auto header = Header("2024-10-01");
  header.set_expected_version(5);
  auto status = Admit(registered.aggregate_id(), 1, header, &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_NE(status.error_message().find("current version 1"), std::string::npos);
  header.set_expected_version(1);
  header.set_command_id(base::NewRandomUuid());
  EXPECT_TRUE(Admit(registered.aggregate_id(), 1, header, &reply).ok());
}

}  // namespace
}  // namespace coop::testing

namespace coop::testing {
namespace {

TEST(DemoLoadingTest, TheDemoLoadsThroughTheCommandPathOnceIntoAnEmptyLog) {
  TempDir dir;
  services::ServerOptions options;
  options.data_dir = dir.Sub("store");
  options.listen = "127.0.0.1:0";
  options.demo = true;
  uint64_t head = 0;
  {
    auto server = services::CoopServer::Start(options);
    ASSERT_OK(server);
    const auto info = (*server)->store().GetLogInfo();
    head = info.head_position();
    EXPECT_GT(head, 10'000u);
    auto verify = (*server)->store().Verify(0, 0);
    ASSERT_OK(verify);
    EXPECT_TRUE(verify->ok());
    // Recorded like any client's command: with derived ids, metadata and areas.
    eventstore::ReadAllQuery query;
    query.max_count = 1;
    auto first = (*server)->store().ReadAll(query);
    ASSERT_OK(first);
    EXPECT_EQ(first->events[0].metadata().actor(), "demo");
    EXPECT_FALSE(first->events[0].area().code().empty());
  }
  auto again = services::CoopServer::Start(options);
  ASSERT_OK(again);
  EXPECT_EQ((*again)->store().GetLogInfo().head_position(), head) << "not loaded twice";
}

}  // namespace
}  // namespace coop::testing
