// The coopd binary itself: --help, bad flags, SIGTERM shutdown, restart with data intact.
// Raw appends name streams outside the domain's categories (ledger-…, notes-…): the edge
// refuses a raw append to a domain stream such as coop-… for every principal
// (services/domain_stream_guard.h), so these tests no longer use coop-/group- names.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include "commands/demo/demo_builder.h"
#include "coop/v1/eventstore.grpc.pb.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "tests/e2e/coopd_process.h"
#include "tests/support/event_builders.h"
#include "tests/support/grpc_test_support.h"
#include "tests/support/test_support.h"

namespace coop::testing {
namespace {

std::string RunCommand(const std::string& command, int* exit_code) {
  std::string output;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) output.append(buf, n);
  *exit_code = WEXITSTATUS(pclose(pipe));
  return output;
}

TEST(CoopdLifecycleTest, HelpListsTheFlags) {
  int code;
  std::string out = RunCommand(std::string(COOPD_PATH) + " --help", &code);
  EXPECT_EQ(code, 0);
  for (const char* flag : {"--data_dir", "--listen", "--durability"}) {
    EXPECT_NE(out.find(flag), std::string::npos) << flag;
  }
  out = RunCommand(std::string(COOPD_PATH) + " --durability=sometimes", &code);
  EXPECT_EQ(code, 2);
  EXPECT_NE(out.find("--durability: must be sync or relaxed"), std::string::npos) << out;
}

TEST(CoopdLifecycleTest, SigtermShutsDownCleanlyAndDataSurvivesRestart) {
  TempDir dir;
  CoopdProcess coopd;
  ASSERT_OK(coopd.Start(dir.Sub("store")));
  auto stub = coop::v1::EventStore::NewStub(TestChannel(coopd.address()));
  grpc::ClientContext context;
  coop::v1::AppendResponse response;
  ASSERT_TRUE(stub->Append(&context, AppendTo("ledger-1", NoStream(), 3), &response).ok());

  // A live subscription ends when the server stops.
  grpc::ClientContext sub_context;
  coop::v1::SubscribeRequest request;
  request.set_from_end(true);
  auto reader = stub->Subscribe(&sub_context, request);
  coop::v1::SubscribeResponse message;
  ASSERT_TRUE(reader->Read(&message) && message.has_caught_up());

  grpc::Status subscription_end;
  std::thread subscriber([&] {
    while (reader->Read(&message)) {
    }
    subscription_end = reader->Finish();
  });
  EXPECT_EQ(coopd.SignalAndWait(SIGTERM), 0);
  subscriber.join();
  EXPECT_EQ(subscription_end.error_code(), grpc::StatusCode::UNAVAILABLE);
  std::ifstream log(coopd.log_path());
  std::stringstream text;
  text << log.rdbuf();
  EXPECT_NE(text.str().find("đã dừng / stopped"), std::string::npos) << text.str();

  CoopdProcess again;
  ASSERT_OK(again.Start(dir.Sub("store")));
  auto stub2 = coop::v1::EventStore::NewStub(TestChannel(again.address()));
  grpc::ClientContext info_context;
  coop::v1::LogInfo info;
  ASSERT_TRUE(stub2->GetLogInfo(&info_context, {}, &info).ok());
  EXPECT_EQ(info.head_position(), 3u);
}

}  // namespace
}  // namespace coop::testing

namespace coop::testing {
namespace {

std::string Coopctl(const std::string& address, const std::string& args, int* exit_code) {
  std::string output;
  FILE* pipe = popen(
      (std::string(COOPCTL_PATH) + " --server " + address + " " + args + " 2>&1").c_str(), "r");
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) output.append(buf, n);
  *exit_code = WEXITSTATUS(pclose(pipe));
  return output;
}

// A client that keeps its connection open after its calls (a dashboard, a tail) does not hold
// SIGTERM for the whole grace (5 s): coopd stops once no call is in flight.
TEST(CoopdLifecycleTest, SigtermDoesNotWaitForIdleClientConnections) {
  TempDir dir;
  CoopdProcess coopd;
  ASSERT_OK(coopd.Start(dir.Sub("store")));
  auto channel = TestChannel(coopd.address());
  auto reporting = coop::v1::Reporting::NewStub(channel);
  grpc::ClientContext context;
  coop::v1::ProjectionStatusReply status;
  ASSERT_TRUE(reporting->GetProjectionStatus(&context, {}, &status).ok());
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(coopd.SignalAndWait(SIGTERM), 0);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 3.0) << "the 5 s grace was waited out";
  std::printf("SIGTERM with an idle client connection: stopped in %.2f s\n", seconds);
}

TEST(CoopdLifecycleTest, DemoGivesANewcomerSomethingToQuery) {
  TempDir dir;
  CoopdProcess coopd;
  ASSERT_OK(coopd.Start(dir.Sub("store"), {"--demo"}, 180'000));
  int code;
  std::string out = Coopctl(coopd.address(), "--json info", &code);
  ASSERT_EQ(code, 0) << out;
  auto head_at = out.find("\"head_position\":\"");
  ASSERT_NE(head_at, std::string::npos) << out;
  EXPECT_GT(std::stoull(out.substr(head_at + 17)), 15'000u) << out;
  // The cooperative re-addressed across the 2025 reform, in plain words.
  out = Coopctl(coopd.address(), "history coop-" + demo::DemoCooperativeId(0), &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_NE(out.find("Đăng ký thành lập HTX"), std::string::npos) << out;
  // 32044 was Thị trấn U Minh before the reform and is Xã Nguyễn Phích after it.
  EXPECT_NE(out.find("thị trấn U Minh (32044)"), std::string::npos) << out;
  EXPECT_NE(out.find("xã Nguyễn Phích (32044)"), std::string::npos) << out;
  out = Coopctl(coopd.address(), "verify", &code);
  EXPECT_EQ(code, 0) << out;
  std::ifstream log(coopd.log_path());
  std::stringstream text;
  text << log.rdbuf();
  EXPECT_NE(text.str().find("\"percent\":100,"), std::string::npos) << "progress is shown";
}

}  // namespace
}  // namespace coop::testing
